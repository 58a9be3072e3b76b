"""A provider's time off: added and removed in one audited transaction each, the bookings
already inside a new block listed and left as they were."""

from datetime import timedelta

from sqlalchemy import select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.services.booking.new_booking import book
from medspa_desk.services.clinic.time_off import (
    TimeOffRefused,
    add_time_off,
    remove_time_off,
    time_off_between,
)
from medspa_desk.storage.models import Appointment, AuditEntry
from tests.refusals import refused
from tests.services.booking_requests import request
from tests.services.conftest import TOMORROW, at, one


def test_a_block_is_added_and_read_back(desk, clinic):
    added = add_time_off(desk, clinic.kelsey, at(TOMORROW, 14), at(TOMORROW, 17), " Training ")
    assert added.affected == []
    assert added.message == "Kelsey Brandt is away: Training (Jun 11, 2:00–5:00 PM)."
    (entry,) = time_off_between(desk.db, at(TOMORROW, 0), at(TOMORROW, 23))
    assert (entry.time_off_id, entry.provider_id, entry.reason) == (
        added.time_off_id,
        clinic.kelsey,
        "Training",
    )
    assert (entry.starts_at, entry.ends_at) == (at(TOMORROW, 14), at(TOMORROW, 17))
    assert time_off_between(desk.db, at(TOMORROW, 17), at(TOMORROW, 18)) == []  # half-open
    assert time_off_between(desk.db, at(TOMORROW, 0), at(TOMORROW, 23), clinic.maya) == []
    audit = one(desk, AuditEntry, action="time_off.added")
    assert audit.subject == f"time_off:{added.time_off_id}"
    assert audit.staff_id == clinic.riley


def test_bookings_inside_a_new_block_are_listed_and_left_booked(desk, clinic):
    inside = book(desk, request(clinic, starts_at=at(TOMORROW, 15)))
    book(desk, request(clinic, client=clinic.noah, starts_at=at(TOMORROW, 13, 30)))  # ends at 2
    added = add_time_off(desk, clinic.kelsey, at(TOMORROW, 14), at(TOMORROW, 17), "Training")
    assert [booking.appointment_id for booking in added.affected] == [inside]
    assert added.affected[0].client_name == "Emma Sanders"
    assert added.message.endswith("1 booking falls inside it: call the clients to move them.")
    with desk.db.reading() as session:
        status = session.scalar(select(Appointment.status).where(Appointment.id == inside))
    assert status is AppointmentStatus.BOOKED
    assert "Emma" not in one(desk, AuditEntry, action="time_off.added").detail


def test_a_block_is_removed_and_audited(desk, clinic):
    added = add_time_off(desk, clinic.kelsey, at(TOMORROW, 12), at(TOMORROW, 13), "Lunch")
    assert remove_time_off(desk, added.time_off_id) == (
        "Kelsey Brandt's Lunch is removed: that time can be booked."
    )
    assert time_off_between(desk.db, at(TOMORROW, 0), at(TOMORROW, 23)) == []
    assert one(desk, AuditEntry, action="time_off.removed").subject == (
        f"time_off:{added.time_off_id}"
    )


def test_blocks_that_cannot_be_are_refused_and_save_nothing(desk, clinic):
    cases = [
        (clinic.kelsey, at(TOMORROW, 14), at(TOMORROW, 14), "", "must end after it starts"),
        (clinic.kelsey, at(TOMORROW, 14), at(TOMORROW, 13), "", "must end after it starts"),
        (clinic.amber, at(TOMORROW, 14), at(TOMORROW, 15), "", "no provider number"),
        (clinic.gone, at(TOMORROW, 14), at(TOMORROW, 15), "", "no longer works at the clinic"),
        (clinic.kelsey, at(TOMORROW, 14), at(TOMORROW, 15), "4242 4242 4242 4242", "card number"),
        (
            clinic.kelsey,
            at(TOMORROW, 0),
            at(TOMORROW + timedelta(days=367), 0),
            "Sabbatical",
            "a year at a time at most",
        ),
    ]
    for provider, starts, ends, reason, words in cases:
        refused(
            desk.db,
            lambda: add_time_off(desk, provider, starts, ends, reason),  # noqa: B023
            words,
            TimeOffRefused,
        )
    refused(desk.db, lambda: remove_time_off(desk, 999), "no time off number 999", TimeOffRefused)


def test_a_vacation_week_reads_on_each_of_its_days(desk, clinic):
    add_time_off(desk, clinic.maya, at(TOMORROW, 0), at(TOMORROW + timedelta(days=5), 0), "")
    for offset in range(5):
        day = TOMORROW + timedelta(days=offset)
        assert len(time_off_between(desk.db, at(day, 8), at(day, 19), clinic.maya)) == 1
