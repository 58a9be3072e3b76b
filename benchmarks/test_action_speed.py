"""Booking and check-in with years of bookings in the database cost about what they cost on a
clinic a month old, measured side by side.

The databases are the demo clinic with two years of history and with a month (built once for the
module, a few seconds). The issue's budget is 50 ms an action on the desk's computer (each line
printed says the milliseconds too); the ratios hold on any machine. By hand against the ten-year
benchmark file (on a copy: it books and checks in): `python -m benchmarks.test_action_speed PATH`.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from benchmarks.speed import desks_over_copies, side_by_side
from medspa_desk.demo.demo_ids import demo_anchor_date
from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.services.booking.check_in import check_in
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.new_booking import book
from medspa_desk.services.desk import Desk
from medspa_desk.storage.database import open_database
from tests.services.busy_book import free_slot_requests, open_desk_at_opening

pytestmark = pytest.mark.bench

ANCHOR = date(2026, 11, 25)  # the demo's "today", a Wednesday
ACTIONS = 20
# A booking or check-in reads the day around it through indexes and writes two or three rows:
# two years of history cost little more than a month. The bound leaves room for a noisy machine.
RATIO = 2.5
BASELINE = "the same on a month-old clinic"


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory) -> tuple[Path, Path]:
    files = []
    for name, size in (
        ("years", DemoSize(clients=5000, past_days=730)),
        ("month", DemoSize(clients=300, past_days=30)),
    ):
        path = tmp_path_factory.mktemp(name) / "clinic.sqlite3"
        db = open_database(path)
        build_demo_clinic(db, ANCHOR, size)
        db.close()
        files.append(path)
    return tuple(files)


@pytest.fixture
def desks(demo_files, tmp_path):
    """A desk at opening time over a copy of each: years of history, then a month."""
    with desks_over_copies(demo_files, tmp_path, open_desk_at_opening) as opened:
        yield opened


def bookings(desk: Desk, day: date) -> list:
    """ACTIONS + 1 bookings into free slots of `day` (the first a warm-up)."""
    requests = free_slot_requests(desk, day, ACTIONS + 1)
    assert len(requests) == ACTIONS + 1, "not enough free slots for the measurement"
    return [lambda request=request: book(desk, request) for request in requests]


def check_ins(desk: Desk, day: date) -> list:
    """ACTIONS + 1 of `day`'s bookings checked in, each five minutes before its start."""
    ahead = [
        slot
        for slot in day_schedule(desk.db, day, desk.settings).appointments
        if slot.status in (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)
    ][: ACTIONS + 1]
    assert len(ahead) == ACTIONS + 1, "not enough bookings to check in"

    def arrive(slot):
        desk.clock.set(slot.starts_at - timedelta(minutes=5))
        check_in(desk, slot.appointment_id)

    return [lambda slot=slot: arrive(slot) for slot in ahead]


def test_booking_costs_no_more_with_years_of_history(desks):
    big, small = desks
    day = ANCHOR + timedelta(days=2)
    measured = side_by_side("book", bookings(big, day), bookings(small, day), BASELINE)
    assert measured.ratio < RATIO, str(measured)


def test_check_in_costs_no_more_with_years_of_history(desks):
    big, small = desks
    measured = side_by_side("check in", check_ins(big, ANCHOR), check_ins(small, ANCHOR), BASELINE)
    assert measured.ratio < RATIO, str(measured)


if __name__ == "__main__":
    # By hand, on a copy of a big demo database, standing on the day it was built for, beside a
    # month-old demo clinic built for that same day.
    big = open_desk_at_opening(Path(sys.argv[1]))
    anchor = demo_anchor_date(big.db)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clinic.sqlite3"
        db = open_database(path)
        build_demo_clinic(db, anchor, DemoSize(clients=300, past_days=30))
        db.close()
        small = open_desk_at_opening(path)
        day = anchor + timedelta(days=2)
        side_by_side("book", bookings(big, day), bookings(small, day), BASELINE)
        side_by_side("check in", check_ins(big, anchor), check_ins(small, anchor), BASELINE)
        small.close()
    big.close()
