"""Clinic closures: a manager closes a day (the day's bookings listed, never moved) and opens
it again, each in one audited transaction."""

from dataclasses import replace
from datetime import date

from medspa_desk.services.booking.new_booking import book
from medspa_desk.services.clinic.closures import (
    ClosureRefused,
    add_closure,
    closures_between,
    remove_closure,
)
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.storage.models import Appointment, AuditEntry
from tests.refusals import refused
from tests.services.booking_requests import request
from tests.services.conftest import TOMORROW, at, one


def test_a_manager_closes_a_day_and_its_bookings_are_listed(desk, clinic):
    booked = book(desk, request(clinic))
    manager = replace(desk, staff_id=clinic.amber)
    added = add_closure(manager, TOMORROW, " Staff training day ")
    assert [booking.appointment_id for booking in added.affected] == [booked]
    assert added.message == (
        "The clinic is closed on Thursday, June 11 (Staff training day). 1 booking falls inside "
        "it: call the clients to move them."
    )
    assert closures_between(desk.db, TOMORROW, TOMORROW) == {TOMORROW: "Staff training day"}
    assert closures_between(desk.db, date(2026, 6, 12), date(2026, 6, 30)) == {}
    assert one(desk, Appointment, id=booked).status.occupies_slot  # still booked
    audit = one(desk, AuditEntry, action="clinic.closure_added")
    assert (audit.subject, audit.staff_id) == ("closure:2026-06-11", clinic.amber)


def test_a_manager_opens_a_closed_day_again(desk, clinic):
    manager = replace(desk, staff_id=clinic.amber)
    add_closure(manager, TOMORROW, "")
    assert remove_closure(manager, TOMORROW) == "The clinic is open again on Thursday, June 11."
    assert closures_between(desk.db, TOMORROW, TOMORROW) == {}
    assert one(desk, AuditEntry, action="clinic.closure_removed").subject == "closure:2026-06-11"


def test_closures_need_a_manager_and_a_day_not_already_closed(desk, clinic):
    refused(
        desk.db,
        lambda: add_closure(desk, TOMORROW, "Holiday"),
        "^Only a manager can change the clinic's set-up: a manager can approve it for you.$",
        PermissionNeeded,
    )
    manager = replace(desk, staff_id=clinic.amber)
    add_closure(manager, TOMORROW, "Holiday")
    refused(
        desk.db,
        lambda: add_closure(manager, TOMORROW, "Again"),
        "^The clinic is already closed on Thursday, June 11.$",
        ClosureRefused,
    )
    refused(desk.db, lambda: remove_closure(desk, TOMORROW), "Only a manager", PermissionNeeded)
    refused(
        desk.db,
        lambda: remove_closure(manager, date(2026, 6, 12)),
        "not closed on Friday, June 12",
        ClosureRefused,
    )


def test_a_closure_lists_only_its_own_days_bookings(desk, clinic):
    book(desk, request(clinic, starts_at=at(date(2026, 6, 12), 8)))
    added = add_closure(replace(desk, staff_id=clinic.amber), TOMORROW, "Holiday")
    assert added.affected == []
    assert added.message == "The clinic is closed on Thursday, June 11 (Holiday)."
