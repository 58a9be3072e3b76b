"""Booking and check-in on a busy book with history behind it: every booking made into the gaps
of a full day is on that day's schedule, and every check-in is recorded.

How fast these are is a benchmark (benchmarks/test_action_speed.py, on two years of bookings);
here, on a month, that they do the right thing.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.services.booking.check_in import check_in
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.new_booking import book
from medspa_desk.storage.database import open_database
from tests.services.busy_book import free_slot_requests, open_desk_at_opening

ANCHOR = date(2026, 11, 25)  # the demo's "today", a Wednesday
ACTIONS = 10


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "clinic.sqlite3"
    db = open_database(path)
    build_demo_clinic(db, ANCHOR, DemoSize(clients=300, past_days=30, future_days=7))
    db.close()
    return path


@pytest.fixture
def big_desk(demo_file, tmp_path):
    path = tmp_path / "clinic.sqlite3"
    shutil.copyfile(demo_file, path)
    desk = open_desk_at_opening(path)
    yield desk
    desk.close()


def test_every_booking_into_the_gaps_of_a_busy_day_is_on_its_schedule(big_desk):
    day = ANCHOR + timedelta(days=2)
    before = {
        slot.appointment_id
        for slot in day_schedule(big_desk.db, day, big_desk.settings).appointments
    }
    requests = free_slot_requests(big_desk, day, ACTIONS)
    assert len(requests) == ACTIONS, "not enough free slots"
    booked = {book(big_desk, request): request for request in requests}
    after = {
        slot.appointment_id: slot
        for slot in day_schedule(big_desk.db, day, big_desk.settings).appointments
    }
    assert set(after) == before | set(booked)
    for appointment_id, request in booked.items():
        slot = after[appointment_id]
        assert (slot.client_id, slot.provider_id, slot.starts_at, slot.status) == (
            request.client_id,
            request.provider_id,
            request.starts_at,
            AppointmentStatus.BOOKED,
        )


def test_every_client_checked_in_on_a_busy_day_shows_as_checked_in(big_desk):
    schedule = day_schedule(big_desk.db, ANCHOR, big_desk.settings).appointments
    ahead = [
        slot
        for slot in schedule
        if slot.status in (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)
    ][:ACTIONS]
    assert len(ahead) == ACTIONS, "not enough bookings to check in"
    for slot in ahead:
        big_desk.clock.set(slot.starts_at - timedelta(minutes=5))
        check_in(big_desk, slot.appointment_id)
    statuses = {
        slot.appointment_id: slot.status
        for slot in day_schedule(big_desk.db, ANCHOR, big_desk.settings).appointments
    }
    assert {statuses[slot.appointment_id] for slot in ahead} == {AppointmentStatus.CHECKED_IN}
    untouched = [slot for slot in schedule if slot not in ahead]
    assert all(statuses[slot.appointment_id] == slot.status for slot in untouched)
