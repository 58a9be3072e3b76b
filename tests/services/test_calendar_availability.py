"""The calendar's day and week reads return, per provider and day, the time that cannot be
booked with its reason, in the same one read (a few small queries, not one per cell)."""

from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from medspa_desk.domain.availability import UnbookableSpan
from medspa_desk.domain.clinic_time import local_day_bounds_utc
from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.week_schedule import provider_week
from medspa_desk.services.clinic.clinic_hours import write_opening_hours
from medspa_desk.services.clinic.closures import add_closure
from medspa_desk.services.clinic.time_off import add_time_off
from medspa_desk.storage.models import StaffShift
from tests.services.conftest import NOW, TOMORROW, ZONE, at
from tests.services.traced_reads import traced_statements

THURSDAY = TOMORROW  # 2026-06-11
MONDAY = date(2026, 6, 8)
SUNDAY = date(2026, 6, 14)


@pytest.fixture
def hours(desk, clinic):
    """Open Monday to Saturday 8-7; Kelsey works Thursdays 9-12 and 1-5 and Fridays 9-5 only;
    training on Thursday 2-3; the clinic closed on Saturday June 13."""
    with desk.db.writing() as session:
        week = {weekday: DayHours(time(8), time(19)) for weekday in range(6)}
        write_opening_hours(session, week, clinic.amber, NOW)
        shifts = [(3, time(9), time(12)), (3, time(13), time(17)), (4, time(9), time(17))]
        session.add_all(
            StaffShift(staff_id=clinic.kelsey, weekday=weekday, starts=starts, ends=ends)
            for weekday, starts, ends in shifts
        )
    add_time_off(desk, clinic.kelsey, at(THURSDAY, 14), at(THURSDAY, 15), "Training")
    add_closure(replace(desk, staff_id=clinic.amber), date(2026, 6, 13), "Inventory day")
    return desk


def test_the_day_gives_each_lane_its_unbookable_spans_with_reasons(hours, clinic):
    schedule = day_schedule(hours.db, THURSDAY, hours.settings)
    midnight, next_midnight = local_day_bounds_utc(THURSDAY, ZONE)
    assert schedule.unbookable[clinic.kelsey] == [
        UnbookableSpan(midnight, at(THURSDAY, 8), "Clinic closed"),
        UnbookableSpan(at(THURSDAY, 8), at(THURSDAY, 9), "Not working"),
        UnbookableSpan(at(THURSDAY, 12), at(THURSDAY, 13), "Not working"),
        UnbookableSpan(at(THURSDAY, 14), at(THURSDAY, 15), "Training"),
        UnbookableSpan(at(THURSDAY, 17), at(THURSDAY, 19), "Not working"),
        UnbookableSpan(at(THURSDAY, 19), next_midnight, "Clinic closed"),
    ]
    # Maya has no shifts on file: she works the clinic's hours.
    assert [span.reason for span in schedule.unbookable[clinic.maya]] == [
        "Clinic closed",
        "Clinic closed",
    ]
    assert set(schedule.unbookable) == {column.provider_id for column in schedule.providers}


def test_a_closed_weekday_and_a_closure_grey_every_lane_whole(hours, clinic):
    for day, reason in [
        (SUNDAY, "Clinic closed on Sundays"),
        (date(2026, 6, 13), "Clinic closed: Inventory day"),
    ]:
        schedule = day_schedule(hours.db, day, hours.settings)
        whole_day = local_day_bounds_utc(day, ZONE)
        for spans in schedule.unbookable.values():
            assert spans == [UnbookableSpan(*whole_day, reason)]


def test_the_week_gives_each_day_its_unbookable_spans(hours, clinic):
    week = provider_week(hours.db, clinic.kelsey, THURSDAY, hours.settings)
    assert list(week.unbookable) == week.days
    assert [span.reason for span in week.unbookable[MONDAY]] == [
        "Clinic closed",
        "Off on Mondays",
        "Clinic closed",
    ]
    assert "Training" in [span.reason for span in week.unbookable[THURSDAY]]
    assert [span.reason for span in week.unbookable[date(2026, 6, 13)]] == [
        "Clinic closed: Inventory day"
    ]
    assert [span.reason for span in week.unbookable[SUNDAY]] == ["Clinic closed on Sundays"]


def test_availability_costs_the_calendar_four_small_reads_a_day_or_a_week(hours, clinic):
    statements = traced_statements(hours)
    day_schedule(hours.db, THURSDAY, hours.settings)
    day_reads = len([s for s in statements if s.lstrip().upper().startswith("SELECT")])
    statements.clear()
    day_schedule(hours.db, THURSDAY + timedelta(days=1), hours.settings)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == day_reads
    statements.clear()
    provider_week(hours.db, clinic.kelsey, THURSDAY, hours.settings)
    week_reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    availability = [
        s
        for s in week_reads
        if any(t in s for t in ("opening_hours", "clinic_closure", "staff_shift", "time_off"))
    ]
    assert len(availability) == 4
