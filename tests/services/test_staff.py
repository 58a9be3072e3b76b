"""The clinic's staff: added, edited, retired and brought back by a manager, audited; nobody with
a history is deleted, and a role always sets the provider and manager flags the same way."""

import json
from dataclasses import replace

import pytest

from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.staff_roles import StaffRole, role_of
from medspa_desk.services.booking.booking_choices import providers
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.clinic.staff import (
    StaffDetails,
    StaffRefused,
    add_staff,
    bring_back_staff,
    menu_services,
    retire_staff,
    staff_records,
    update_staff,
)
from medspa_desk.storage.models import Appointment, AuditEntry, Staff
from tests.services.booked_visits import booked
from tests.services.conftest import TOMORROW, count_rows, fetch, one

NEW_PROVIDER = StaffDetails("Dana Whitfield", StaffRole.PROVIDER, "#3a7d5c", 3, "Nurse injector")


@pytest.fixture
def manager_desk(desk, clinic):
    desk.staff_id = clinic.amber
    return desk


def record(desk, staff_id):
    return next(r for r in staff_records(desk) if r.staff_id == staff_id)


def test_a_provider_added_gets_a_lane_and_their_services(manager_desk, clinic):
    details = replace(NEW_PROVIDER, service_ids=frozenset({clinic.botox}))
    change = add_staff(manager_desk, details)
    row = one(manager_desk, Staff, id=change.staff_id)
    assert (row.is_provider, row.is_manager, row.active) == (True, False, True)
    assert change.message == "Dana Whitfield was added as provider."
    assert "Dana Whitfield" in [p.name for p in providers(manager_desk)]
    assert "Dana Whitfield" in [
        c.name for c in day_schedule(manager_desk.db, TOMORROW, manager_desk.settings).providers
    ]
    assert record(manager_desk, change.staff_id).details.service_ids == {clinic.botox}
    audit = one(manager_desk, AuditEntry, action="staff.added")
    assert audit.subject == f"staff:{change.staff_id}" and audit.staff_id == clinic.amber
    assert json.loads(audit.detail)["service_ids"] == [clinic.botox]


@pytest.mark.parametrize(
    ("role", "flags"),
    [
        (StaffRole.FRONT_DESK, (False, False)),
        (StaffRole.PROVIDER, (True, False)),
        (StaffRole.MANAGER, (False, True)),
    ],
)
def test_each_role_sets_both_flags_and_reads_back_as_itself(manager_desk, role, flags):
    change = add_staff(manager_desk, StaffDetails("Sam Ortiz", role, "#112233"))
    row = one(manager_desk, Staff, id=change.staff_id)
    assert (row.is_provider, row.is_manager) == flags
    assert role_of(*flags) is role
    assert row.role == role.label  # no job title given: the role's own word is shown


def test_no_one_but_a_manager_at_the_desk_changes_the_staff(desk, clinic):
    assert desk.staff_id == clinic.riley  # front desk, not a manager
    with pytest.raises(DeskRefusal, match="Only a manager can change the clinic's set-up"):
        add_staff(desk, NEW_PROVIDER)
    with pytest.raises(DeskRefusal, match="Only a manager"):
        retire_staff(desk, clinic.maya)
    assert count_rows(desk, Staff) == 5


def test_each_wrong_field_is_said_in_its_own_sentence_and_nothing_is_saved(manager_desk, clinic):
    wrong = StaffDetails(
        " ", StaffRole.FRONT_DESK, "red", 1000, "x" * 41, frozenset({clinic.botox})
    )
    with pytest.raises(StaffRefused) as refused:
        add_staff(manager_desk, wrong)
    assert refused.value.problems == {
        "name": "The display name cannot be empty.",
        "title": "The job title can be at most 40 characters.",
        "colour": "The colour must be written #rrggbb, such as #6b7f99; 'red' is not.",
        "calendar_order": "The calendar order must be a whole number from 0 to 999.",
        "service_ids": "Only a provider performs services; a front desk performs none.",
    }
    assert str(refused.value) == "The display name cannot be empty."
    assert count_rows(manager_desk, Staff) == 5
    assert count_rows(manager_desk, AuditEntry) == 0


def test_a_service_off_the_menu_and_a_name_taken_are_refused(manager_desk, clinic):
    off_menu = StaffDetails(
        "kelsey brandt", StaffRole.PROVIDER, "#123456", service_ids=frozenset({clinic.retired})
    )
    with pytest.raises(StaffRefused) as refused:
        add_staff(manager_desk, off_menu)
    assert set(refused.value.problems) == {"name", "service_ids"}
    assert "already called kelsey brandt" in refused.value.problems["name"]
    assert clinic.retired not in [s.service_id for s in menu_services(manager_desk)]


def test_an_edit_is_audited_with_old_and_new_values_of_what_changed(manager_desk, clinic):
    before = record(manager_desk, clinic.maya).details
    edited = StaffDetails(
        before.name,
        before.role,
        "#AABBCC",
        7,
        before.title,
        before.service_ids | {clinic.consultation},
    )
    update_staff(manager_desk, clinic.maya, edited)
    after = record(manager_desk, clinic.maya).details
    assert after.colour == "#aabbcc" and after.calendar_order == 7
    assert after.service_ids == before.service_ids | {clinic.consultation}
    assert clinic.retired in after.service_ids  # off the menu, kept as performed before
    detail = json.loads(one(manager_desk, AuditEntry, action="staff.changed").detail)
    assert detail["before"]["colour"] != "#aabbcc" and detail["after"]["colour"] == "#aabbcc"
    assert detail["before"]["calendar_order"] == 2 and detail["after"]["calendar_order"] == 7
    assert "name" not in detail["after"]  # only what changed


def test_a_provider_who_manages_keeps_both_until_their_role_changes(manager_desk, clinic):
    with manager_desk.db.writing() as session:
        session.get(Staff, clinic.maya).is_manager = True
    details = record(manager_desk, clinic.maya).details
    assert details.role is StaffRole.PROVIDER
    update_staff(manager_desk, clinic.maya, replace(details, colour="#000000"))
    row = one(manager_desk, Staff, id=clinic.maya)
    assert (row.is_provider, row.is_manager) == (True, True)


def test_a_retired_provider_leaves_the_calendar_and_keeps_their_history(manager_desk, clinic):
    past = fetch(manager_desk, Appointment, provider_id=clinic.kelsey)
    assert past  # the template's visits
    # Kelsey has no bookings to come in the template: the past ones stay hers.
    change = retire_staff(manager_desk, clinic.kelsey)
    assert "past visits and sales keep their name" in change.message
    assert clinic.kelsey not in [p.provider_id for p in providers(manager_desk)]
    assert clinic.kelsey not in [
        c.provider_id
        for c in day_schedule(manager_desk.db, TOMORROW, manager_desk.settings).providers
    ]
    assert [a.id for a in fetch(manager_desk, Appointment, provider_id=clinic.kelsey)] == [
        a.id for a in past
    ]
    assert one(manager_desk, Staff, id=clinic.kelsey).active is False
    assert record(manager_desk, clinic.kelsey).active is False  # still listed, as retired
    bring_back_staff(manager_desk, clinic.kelsey)
    assert clinic.kelsey in [p.provider_id for p in providers(manager_desk)]
    actions = [e.action for e in fetch(manager_desk, AuditEntry)]
    assert actions == ["staff.retired", "staff.brought_back"]


def test_a_provider_with_bookings_to_come_is_not_retired(manager_desk, clinic):
    booked(manager_desk, clinic)
    with pytest.raises(DeskRefusal, match="Kelsey Brandt cannot be retired with 1 booking still"):
        retire_staff(manager_desk, clinic.kelsey)
    details = record(manager_desk, clinic.kelsey).details
    as_front_desk = StaffDetails(details.name, StaffRole.FRONT_DESK, details.colour)
    with pytest.raises(
        DeskRefusal, match="Kelsey Brandt cannot stop being a provider with 1 booking still to come"
    ):
        update_staff(manager_desk, clinic.kelsey, as_front_desk)
    assert one(manager_desk, Staff, id=clinic.kelsey).active is True


def test_the_manager_at_the_desk_cannot_retire_themselves(manager_desk, clinic):
    with pytest.raises(DeskRefusal, match="cannot retire yourself"):
        retire_staff(manager_desk, clinic.amber)
    with pytest.raises(DeskRefusal, match="is not retired"):
        bring_back_staff(manager_desk, clinic.maya)


def test_the_manager_at_the_desk_keeps_their_own_managers_role(manager_desk, clinic):
    details = record(manager_desk, clinic.amber).details
    with pytest.raises(DeskRefusal, match="cannot take away your own manager's role"):
        update_staff(manager_desk, clinic.amber, replace(details, role=StaffRole.FRONT_DESK))
    assert one(manager_desk, Staff, id=clinic.amber).is_manager is True
