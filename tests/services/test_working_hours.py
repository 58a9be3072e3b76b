"""A provider's working hours: a week of spans (split shifts) replaced whole, checked day by day
against the clinic's opening hours, audited; the desk's action needs a manager."""

import json
from datetime import time

import pytest

from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.domain.working_hours import ShiftsInvalid, WorkSpan, check_work_week
from medspa_desk.services.clinic.clinic_hours import write_opening_hours
from medspa_desk.services.clinic.working_hours import (
    read_shifts,
    set_working_hours,
    working_week,
)
from medspa_desk.storage.models import AuditEntry, StaffShift
from tests.services.conftest import NOW, count_rows, one

MORNING, AFTERNOON = WorkSpan(time(9), time(13)), WorkSpan(time(14), time(17))
SPLIT = (AFTERNOON, MORNING)  # given in any order, kept in order


@pytest.fixture
def manager_desk(desk, clinic):
    desk.staff_id = clinic.amber
    return desk


def test_a_split_week_replaces_the_old_one_whole(manager_desk, clinic):
    saved = set_working_hours(manager_desk, clinic.maya, {1: SPLIT, 2: (MORNING,), 3: ()})
    assert saved.message == "Maya Lindqvist's working hours were saved: 2 days a week."
    assert working_week(manager_desk, clinic.maya) == {1: (MORNING, AFTERNOON), 2: (MORNING,)}
    assert count_rows(manager_desk, StaffShift) == 3
    detail = json.loads(one(manager_desk, AuditEntry, action="staff.working_hours_changed").detail)
    assert detail == {"before": {}, "after": {"1": "09:00-13:00 14:00-17:00", "2": "09:00-13:00"}}
    set_working_hours(manager_desk, clinic.maya, {4: (MORNING,)})
    assert working_week(manager_desk, clinic.maya) == {4: (MORNING,)}


def test_the_same_week_again_records_nothing(manager_desk, clinic):
    set_working_hours(manager_desk, clinic.maya, {1: SPLIT})
    set_working_hours(manager_desk, clinic.maya, {1: (MORNING, AFTERNOON)})
    assert count_rows(manager_desk, AuditEntry) == 1


@pytest.mark.parametrize(
    ("week", "sentence"),
    [
        (
            {0: (WorkSpan(time(12), time(9)),)},
            "Monday: a shift ending at 09:00 must end after it starts at 12:00.",
        ),
        (
            {2: (WorkSpan(time(9), time(15)), AFTERNOON)},
            "Wednesday: the shifts 09:00-15:00 and 14:00-17:00 overlap.",
        ),
        (
            {5: (WorkSpan(time(7), time(12)),)},
            "Saturday: the clinic is open 08:00-19:00, so a shift cannot run 07:00-12:00.",
        ),
        ({6: (MORNING,)}, "Sunday: the clinic is closed on Sundays."),
    ],
)
def test_hours_a_day_cannot_have_are_refused_naming_the_day(manager_desk, clinic, week, sentence):
    with manager_desk.db.writing() as session:  # the clinic closes on Sundays
        hours = {day: DayHours(time(8), time(19)) for day in range(6)}
        write_opening_hours(session, hours, None, NOW)
    with pytest.raises(ShiftsInvalid) as refused:
        set_working_hours(manager_desk, clinic.maya, week)
    assert str(refused.value) == sentence
    assert refused.value.weekday == next(iter(week))
    assert count_rows(manager_desk, StaffShift) == 0


def test_back_to_back_spans_are_one_day_with_no_break(manager_desk, clinic):
    touching = (WorkSpan(time(9), time(13)), WorkSpan(time(13), time(17)))
    set_working_hours(manager_desk, clinic.maya, {0: touching})
    with manager_desk.db.reading() as session:
        assert read_shifts(session, clinic.maya) == {0: touching}


def test_only_a_manager_sets_hours_and_only_for_a_provider(desk, clinic):
    with pytest.raises(DeskRefusal, match="Only a manager"):
        set_working_hours(desk, clinic.maya, {1: SPLIT})
    desk.staff_id = clinic.amber
    with pytest.raises(DeskRefusal, match="for providers only"):
        set_working_hours(desk, clinic.riley, {1: SPLIT})
    assert count_rows(desk, StaffShift) == 0


def test_a_week_of_no_work_is_refused_as_the_availability_rules_would_read_it_as_open():
    with pytest.raises(ShiftsInvalid, match="at least one day a week"):
        check_work_week({day: () for day in range(7)}, {})
