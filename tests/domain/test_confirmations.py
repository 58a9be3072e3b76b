"""The confirmation rules: the deadline at the end of business on the day before (the clinic's
hours for that weekday, its closed days, DST), where a booking stands, and which day the desk
confirms today."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.availability import ClinicDays
from medspa_desk.domain.confirmations import (
    ConfirmationStanding as Standing,
)
from medspa_desk.domain.confirmations import (
    confirmation_deadline,
    confirmation_standing,
    next_day_to_confirm,
)
from medspa_desk.domain.opening_hours import DayHours
from tests.domain.called_off_bookings import DENVER, instants

# Open Tuesday to Saturday, 9 to 7, Saturday to 4; closed Sunday and Monday.
WEEK = {day: DayHours(time(9), time(19)) for day in (1, 2, 3, 4)} | {5: DayHours(time(9), time(16))}
CLINIC = ClinicDays(DENVER, WEEK, {date(2026, 12, 24): "Christmas Eve"})
OPEN_EVERY_DAY = ClinicDays(DENVER, {day: DayHours(time(8), time(19)) for day in range(7)}, {})


def _local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=DENVER)


# --- the deadline ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_at", "deadline"),
    [
        # Thursday's visit: Wednesday's closing time.
        (_local(2026, 6, 18, 10, 0), _local(2026, 6, 17, 19, 0)),
        # Sunday is Saturday's early close ... though the clinic is shut on Sunday, a booking made
        # for it (a manager's override) still has a deadline.
        (_local(2026, 6, 21, 10, 0), _local(2026, 6, 20, 16, 0)),
        # Tuesday's visit: Monday is closed, so the client has until midnight.
        (_local(2026, 6, 16, 9, 0), _local(2026, 6, 16, 0, 0)),
        # Christmas Day's visit: the 24th is a closure, though a Thursday.
        (_local(2026, 12, 25, 11, 0), _local(2026, 12, 25, 0, 0)),
        # 18:30 on a Friday is Saturday in UTC; the day before is still Thursday.
        (_local(2026, 6, 19, 18, 30), _local(2026, 6, 18, 19, 0)),
    ],
)
def test_the_deadline_is_the_end_of_business_on_the_day_before(starts_at, deadline):
    assert confirmation_deadline(starts_at, CLINIC) == deadline.astimezone(UTC)


@pytest.mark.parametrize(
    ("starts_at", "deadline_utc"),
    [
        # The spring-forward Sunday's visit: Saturday 19:00 MST, 02:00 UTC.
        (_local(2026, 3, 8, 10, 0), datetime(2026, 3, 8, 2, 0, tzinfo=UTC)),
        # The Monday after: Sunday 19:00, now MDT, 01:00 UTC.
        (_local(2026, 3, 9, 10, 0), datetime(2026, 3, 9, 1, 0, tzinfo=UTC)),
        # The fall-back Sunday's visit: Saturday 19:00 MDT.
        (_local(2026, 11, 1, 10, 0), datetime(2026, 11, 1, 1, 0, tzinfo=UTC)),
        # The Monday after: Sunday 19:00, now MST.
        (_local(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 2, 0, tzinfo=UTC)),
    ],
)
def test_the_deadline_keeps_its_wall_clock_time_across_dst(starts_at, deadline_utc):
    deadline = confirmation_deadline(starts_at, OPEN_EVERY_DAY)
    assert deadline == deadline_utc
    assert deadline.astimezone(DENVER).time() == time(19)


def test_midnight_on_the_spring_forward_sunday_exists_and_is_the_deadline():
    # Closed on the Saturday before: the Sunday visit's deadline is that Sunday's 00:00 MST.
    closed_saturday = ClinicDays(DENVER, {6: DayHours(time(9), time(17))}, {})
    assert confirmation_deadline(_local(2026, 3, 8, 10, 0), closed_saturday) == datetime(
        2026, 3, 8, 7, 0, tzinfo=UTC
    )


@given(starts_at=instants)
def test_the_deadline_always_falls_before_the_appointment_and_not_earlier_than_the_day_before(
    starts_at,
):
    deadline = confirmation_deadline(starts_at, CLINIC)
    assert deadline < starts_at
    local_day = starts_at.astimezone(DENVER).date()
    assert deadline.astimezone(DENVER).date() in (local_day - timedelta(days=1), local_day)


# --- where a booking stands --------------------------------------------------------------------

THURSDAY_TEN = _local(2026, 6, 18, 10, 0)
BOOKED_EARLY = _local(2026, 6, 1, 12, 0)


@pytest.mark.parametrize(
    ("now", "standing"),
    [
        (_local(2026, 6, 17, 18, 59, 59), Standing.TO_CONFIRM),
        (_local(2026, 6, 17, 19, 0, 0), Standing.TO_CONFIRM),  # a reply by closing time is in time
        (_local(2026, 6, 17, 19, 0, 1), Standing.MAY_BE_CANCELLED),
        (_local(2026, 6, 18, 9, 59, 59), Standing.MAY_BE_CANCELLED),
        (_local(2026, 6, 18, 10, 0, 0), None),  # started: the no-show rule takes over
    ],
)
def test_an_unconfirmed_booking_may_be_cancelled_from_a_second_after_the_deadline(now, standing):
    assert confirmation_standing(THURSDAY_TEN, Status.BOOKED, BOOKED_EARLY, now, CLINIC) is standing


def test_a_confirmed_booking_stays_confirmed_past_the_deadline():
    now = _local(2026, 6, 18, 8, 0)
    assert (
        confirmation_standing(THURSDAY_TEN, Status.CONFIRMED, BOOKED_EARLY, now, CLINIC)
        is Standing.CONFIRMED
    )


@pytest.mark.parametrize(
    ("booked_at", "standing"),
    [
        (_local(2026, 6, 17, 19, 0, 0), Standing.MAY_BE_CANCELLED),  # at the deadline: still due
        (_local(2026, 6, 17, 19, 0, 1), Standing.CONFIRMED),  # after it: booking confirmed it
    ],
)
def test_a_booking_made_after_its_deadline_was_confirmed_by_booking(booked_at, standing):
    now = _local(2026, 6, 18, 8, 0)
    assert confirmation_standing(THURSDAY_TEN, Status.BOOKED, booked_at, now, CLINIC) is standing


@pytest.mark.parametrize(
    "status",
    [Status.CHECKED_IN, Status.COMPLETED, Status.CANCELLED, Status.NO_SHOW, Status.RESCHEDULED],
)
def test_a_booking_no_longer_ahead_is_not_for_confirming(status):
    now = _local(2026, 6, 17, 12, 0)
    assert confirmation_standing(THURSDAY_TEN, status, BOOKED_EARLY, now, CLINIC) is None


def test_the_standing_counts_hours_across_fall_back():
    # Sunday 1 November, 01:30 happens twice; the deadline (Saturday 19:00 MDT) is long past.
    visit = _local(2026, 11, 1, 10, 0)
    first_half_past_one = datetime(2026, 11, 1, 7, 30, tzinfo=UTC)  # 01:30 MDT
    saturday_close_less_a_second = datetime(2026, 11, 1, 0, 59, 59, tzinfo=UTC)
    for now, standing in (
        (saturday_close_less_a_second, Standing.TO_CONFIRM),
        (first_half_past_one, Standing.MAY_BE_CANCELLED),
    ):
        assert (
            confirmation_standing(visit, Status.BOOKED, BOOKED_EARLY, now, OPEN_EVERY_DAY)
            is standing
        )


def test_naive_instants_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        confirmation_standing(
            THURSDAY_TEN, Status.BOOKED, BOOKED_EARLY, datetime(2026, 6, 17, 12, 0), CLINIC
        )


# --- which day the desk confirms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "day"),
    [
        (date(2026, 6, 16), date(2026, 6, 17)),  # Tuesday: Wednesday
        (date(2026, 6, 20), date(2026, 6, 23)),  # Saturday: past closed Sunday and Monday
        (date(2026, 12, 23), date(2026, 12, 25)),  # past Christmas Eve's closure
    ],
)
def test_the_desk_confirms_the_next_day_the_clinic_is_open(today, day):
    assert next_day_to_confirm(today, CLINIC) == day


def test_a_clinic_with_no_open_day_ahead_confirms_tomorrow():
    shut = ClinicDays(DENVER, {}, {})
    assert next_day_to_confirm(date(2026, 6, 16), shut) == date(2026, 6, 17)
