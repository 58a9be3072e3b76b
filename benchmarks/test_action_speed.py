"""Booking and check-in with years of bookings in the database each cost a few bare SQLite
commits, measured side by side on the same file.

The database is the demo clinic with two years of history (built once for the module, a few
seconds). The issue's budget is 50 ms an action on the desk's computer; the ratios hold on any
machine. By hand against the ten-year benchmark file (on a copy: it books and checks in):
`python -m benchmarks.test_action_speed PATH`.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from benchmarks.speed import SideBySide, side_by_side
from medspa_desk.demo.generator import DemoSize, build_demo_clinic, demo_anchor_date
from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.services.appointment_changes import check_in
from medspa_desk.services.booking import book
from medspa_desk.services.day_schedule import day_schedule
from medspa_desk.services.desk import Desk
from medspa_desk.storage.database import open_database
from tests.services.busy_book import free_slot_requests, open_desk_at_opening

pytestmark = pytest.mark.bench

ANCHOR = date(2026, 11, 25)  # the demo's "today", a Wednesday
ACTIONS = 20
# One booking or check-in reads the day around it and writes two or three rows in one
# transaction: a few bare commits on a quiet laptop; the bound leaves room for a slow fsync.
RATIO = 15


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "clinic.sqlite3"
    db = open_database(path)
    build_demo_clinic(db, ANCHOR, DemoSize(clients=5000, past_days=730))
    db.close()
    return path


@pytest.fixture
def big_desk(demo_file, tmp_path):
    path = tmp_path / "clinic.sqlite3"
    shutil.copyfile(demo_file, path)
    desk = open_desk_at_opening(path)
    yield desk
    desk.close()


def booking_side_by_side(desk: Desk, day: date) -> SideBySide:
    """ACTIONS + 1 bookings into free slots of `day` (the first a warm-up), each beside a bare commit."""
    requests = free_slot_requests(desk, day, ACTIONS + 1)
    assert len(requests) == ACTIONS + 1, "not enough free slots for the measurement"
    return side_by_side(
        "book", desk.db.path, [lambda request=request: book(desk, request) for request in requests]
    )


def check_in_side_by_side(desk: Desk, day: date) -> SideBySide:
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

    return side_by_side(
        "check in", desk.db.path, [lambda slot=slot: arrive(slot) for slot in ahead]
    )


def test_booking_costs_a_few_commits(big_desk):
    measured = booking_side_by_side(big_desk, ANCHOR + timedelta(days=2))
    assert measured.ratio < RATIO, str(measured)


def test_check_in_costs_a_few_commits(big_desk):
    measured = check_in_side_by_side(big_desk, ANCHOR)
    assert measured.ratio < RATIO, str(measured)


if __name__ == "__main__":
    # By hand, on a copy of a big demo database, standing on the day it was built for.
    desk = open_desk_at_opening(Path(sys.argv[1]))
    anchor = demo_anchor_date(desk.db)
    booking_side_by_side(desk, anchor + timedelta(days=2))
    check_in_side_by_side(desk, anchor)
    desk.close()
