"""Booking and moving only into the provider's availability (opening hours, closures, shifts,
blocks), a manager's override with a reason, and the cleanup that keeps a provider busy."""

from dataclasses import replace
from datetime import time

import pytest
from sqlalchemy import update

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.services.booking.availability_checks import AvailabilityOverride, TimeUnavailable
from medspa_desk.services.booking.booking_checks import BookingRefused
from medspa_desk.services.booking.new_booking import book
from medspa_desk.services.booking.reschedule import reschedule
from medspa_desk.services.clinic.clinic_hours import write_opening_hours
from medspa_desk.services.clinic.closures import add_closure
from medspa_desk.services.clinic.time_off import add_time_off
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.storage.models import Appointment, AuditEntry, Service, StaffShift
from tests.approvals import manager_approval, signed_in
from tests.refusals import refused
from tests.services.booked_visits import booked
from tests.services.booking_requests import request
from tests.services.conftest import NOW, TOMORROW, at, one

SUNDAY = TOMORROW.replace(day=14)
THURSDAY = TOMORROW  # 2026-06-11


@pytest.fixture
def hours(desk, clinic):
    """Open Monday to Saturday 8-7; Kelsey works Thursdays 9-12 and 1-5, and no other day."""
    with desk.db.writing() as session:
        week = {weekday: DayHours(time(8), time(19)) for weekday in range(6)}
        write_opening_hours(session, week, clinic.amber, NOW)
        session.add_all(
            StaffShift(staff_id=clinic.kelsey, weekday=3, starts=starts, ends=ends)
            for starts, ends in ((time(9), time(12)), (time(13), time(17)))
        )
    return desk


def unavailable(desk, sentence, *args, **kwargs):
    return refused(desk.db, lambda: book(desk, *args, **kwargs), sentence, TimeUnavailable)


def test_a_closed_weekday_and_a_closure_are_refused(hours, clinic):
    unavailable(
        hours,
        "^The clinic is closed on Sundays.$",
        request(clinic, provider=clinic.maya, service=clinic.hydrafacial, starts_at=at(SUNDAY, 10)),
    )
    add_closure(replace(hours, staff_id=clinic.amber), THURSDAY, "Holiday")
    unavailable(
        hours,
        r"^The clinic is closed on Thursday, June 11 \(Holiday\).$",
        request(clinic, starts_at=at(THURSDAY, 10)),
    )


def test_a_provider_off_that_day_is_refused(hours, clinic):
    unavailable(
        hours,
        "^Kelsey Brandt is off on Fridays.$",
        request(clinic, starts_at=at(THURSDAY.replace(day=12), 10)),
    )


def test_a_providers_shift_edges_and_break(hours, clinic):
    unavailable(
        hours,
        r"^Kelsey Brandt works 9:00 AM–12:00 PM and 1:00–5:00 PM on Thursdays: 12:15 PM is in "
        r"the break.$",
        request(clinic, starts_at=at(THURSDAY, 12, 15)),
    )
    unavailable(
        hours,
        "Botox: frown lines at 11:45 AM would run to 12:15 PM, past 12:00 PM.$",
        request(clinic, starts_at=at(THURSDAY, 11, 45)),
    )
    unavailable(
        hours, "8:45 AM is outside those hours.$", request(clinic, starts_at=at(THURSDAY, 8, 45))
    )
    book(hours, request(clinic, starts_at=at(THURSDAY, 11, 30)))  # ends as the break starts
    book(hours, request(clinic, starts_at=at(THURSDAY, 16, 30)))  # ends as the shift ends


def test_a_block_is_refused_with_its_reason(hours, clinic):
    add_time_off(hours, clinic.kelsey, at(THURSDAY, 14), at(THURSDAY, 15), "Training")
    unavailable(
        hours,
        r"^Kelsey Brandt is away: Training \(Jun 11, 2:00–3:00 PM\).$",
        request(clinic, starts_at=at(THURSDAY, 14, 45)),
    )
    book(hours, request(clinic, starts_at=at(THURSDAY, 15)))  # starts as the block ends


def test_providers_with_no_shifts_on_file_work_the_opening_hours(hours, clinic):
    maya = dict(provider=clinic.maya, service=clinic.hydrafacial)
    book(hours, request(clinic, starts_at=at(THURSDAY, 8), **maya))
    unavailable(
        hours, "past closing at 7:00 PM", request(clinic, starts_at=at(THURSDAY, 18, 30), **maya)
    )


def test_a_manager_books_outside_availability_with_a_reason_recorded(hours, clinic):
    approval = manager_approval(hours, clinic.amber, DeskPermission.OVERRIDE_AVAILABILITY)
    override = AvailabilityOverride(" Kelsey stays late for her ", approval)
    appointment_id = book(
        hours, request(clinic, starts_at=at(THURSDAY, 17)), availability_override=override
    )
    appointment = one(hours, Appointment, id=appointment_id)
    assert appointment.availability_override_by_id == clinic.amber
    assert appointment.availability_override_reason == "Kelsey stays late for her"
    detail = one(hours, AuditEntry, action="appointment.booked").detail
    assert "Kelsey stays late for her" in detail and "availability_override" in detail
    granted = one(hours, AuditEntry, action="approval.granted")
    assert (granted.staff_id, granted.subject) == (clinic.riley, f"staff:{clinic.amber}")


def test_an_override_needs_a_manager_and_a_reason(hours, clinic):
    late = request(clinic, starts_at=at(THURSDAY, 17))
    for override, words, kind in [
        (AvailabilityOverride("Stays late"), "Only a manager can book into time", PermissionNeeded),
        (AvailabilityOverride("  "), "needs a reason, for the record", BookingRefused),
    ]:
        refused(
            hours.db,
            lambda: book(hours, late, availability_override=override),  # noqa: B023
            words,
            kind,
        )


def test_an_override_of_available_time_is_not_recorded(hours, clinic):
    appointment_id = book(
        hours,
        request(clinic, starts_at=at(THURSDAY, 10)),
        availability_override=AvailabilityOverride("Not needed"),
    )
    assert one(hours, Appointment, id=appointment_id).availability_override_by_id is None


def test_a_move_into_unavailable_time_is_refused_unless_a_manager_overrides(hours, clinic):
    appointment_id = booked(hours, clinic, starts_at=at(THURSDAY, 10))
    refused(
        hours.db,
        lambda: reschedule(hours, appointment_id, new_starts_at=at(THURSDAY, 12, 15)),
        "is in the break",
        TimeUnavailable,
    )
    result = reschedule(
        signed_in(hours, clinic.amber),  # the manager books it on their own sign-in
        appointment_id,
        new_starts_at=at(THURSDAY, 12, 15),
        availability_override=AvailabilityOverride("Client only free at lunch"),
    )
    moved = one(hours, Appointment, id=result.new_appointment_id)
    assert moved.availability_override_reason == "Client only free at lunch"


# --- The service's cleanup keeps the provider busy, not the client ------------------------------


def test_cleanup_after_a_booking_keeps_the_provider_busy(desk, clinic):
    with desk.db.writing() as session:
        session.execute(update(Service).where(Service.id == clinic.botox).values(buffer_minutes=15))
    book(desk, request(clinic, starts_at=at(THURSDAY, 10)))  # 10:00-10:30, cleanup to 10:45
    refused(
        desk.db,
        lambda: book(desk, request(clinic, client=clinic.noah, starts_at=at(THURSDAY, 10, 30))),
        "^Kelsey Brandt already has Emma Sanders at 10:00–10:30 AM, then 15 minutes' cleanup.$",
        BookingRefused,
    )
    refused(
        desk.db,
        lambda: book(desk, request(clinic, client=clinic.noah, starts_at=at(THURSDAY, 9, 30))),
        "^Kelsey Brandt already has Emma Sanders at 10:00–10:30 AM: the 15 minutes' cleanup "
        "after Botox: frown lines would run into it.$",
        BookingRefused,
    )
    book(desk, request(clinic, client=clinic.noah, starts_at=at(THURSDAY, 10, 45)))
    # The client leaves at 10:30: her next booking, with another provider, may start then.
    book(
        desk,
        request(
            clinic, provider=clinic.maya, service=clinic.hydrafacial, starts_at=at(THURSDAY, 10, 30)
        ),
    )
