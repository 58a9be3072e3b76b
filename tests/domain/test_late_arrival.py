from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medspa_desk.domain.cancellation_policy import CallOff
from medspa_desk.domain.late_arrival import (
    LateArrivalChoice,
    booking_is_over,
    is_late,
    late_flag_due_at,
    late_minutes,
)
from medspa_desk.domain.settings import ClinicSettings

DENVER = ZoneInfo("America/Denver")
SETTINGS = ClinicSettings()
TEN_AM = datetime(2026, 6, 16, 10, 0, tzinfo=DENVER)


def at(hour, minute, second=0, microsecond=0, day=TEN_AM):
    return day.replace(hour=hour, minute=minute, second=second, microsecond=microsecond)


@pytest.mark.parametrize(
    ("checked_in", "late"),
    [
        (at(9, 55), False),
        (at(10, 0), False),
        (at(10, 9, 59), False),
        (at(10, 10, 0), False),  # exactly 10 minutes: "more than 10 minutes" is not yet met
        (at(10, 10, 0, 1), True),
        (at(10, 10, 1), True),
        (at(11, 30), True),
    ],
)
def test_late_is_more_than_the_grace_after_the_start(checked_in, late):
    assert is_late(TEN_AM, checked_in, SETTINGS) is late


def test_the_grace_is_a_setting():
    fifteen = replace(SETTINGS, late_grace_minutes=15)
    assert is_late(TEN_AM, at(10, 10, 1), fifteen) is False
    assert is_late(TEN_AM, at(10, 15, 0), fifteen) is False
    assert is_late(TEN_AM, at(10, 15, 1), fifteen) is True
    assert late_flag_due_at(TEN_AM, fifteen) == at(10, 15, 0, 1)


@pytest.mark.parametrize(
    ("now", "minutes"),
    [
        (at(9, 0), 0),
        (at(10, 0), 0),
        (at(10, 0, 59), 0),
        (at(10, 1), 1),
        (at(10, 10, 0), 10),
        (at(10, 10, 1), 10),
        (at(10, 12, 59), 12),
        (at(12, 0), 120),
    ],
)
def test_late_minutes_are_whole_minutes_since_the_start(now, minutes):
    assert late_minutes(TEN_AM, now) == minutes


def test_instants_in_any_zone_compare_as_instants():
    checked_in_utc = at(10, 10, 1).astimezone(UTC)
    assert is_late(TEN_AM, checked_in_utc, SETTINGS) is True
    assert late_minutes(TEN_AM.astimezone(UTC), at(10, 12)) == 12


def test_instants_without_a_zone_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        is_late(TEN_AM, datetime(2026, 6, 16, 10, 11), SETTINGS)


def test_the_flag_is_due_at_the_first_late_instant():
    due = late_flag_due_at(TEN_AM, SETTINGS)
    assert due == at(10, 10, 0, 1)
    assert is_late(TEN_AM, due, SETTINGS) is True
    assert is_late(TEN_AM, due - timedelta(microseconds=1), SETTINGS) is False


@pytest.mark.parametrize(
    ("starts_at", "hours_to_flag"),
    [
        # 01:55 MST on the spring-forward Sunday: 10 minutes later the wall clock reads 03:05 MDT.
        (datetime(2026, 3, 8, 1, 55, tzinfo=DENVER), "03:05:00"),
        # 01:55 MDT, the first of the two 01:55s on the fall-back Sunday: 10 minutes later it is
        # 01:05 MST, earlier on the wall than the start.
        (datetime(2026, 11, 1, 1, 55, tzinfo=DENVER), "01:05:00"),
    ],
)
def test_on_the_dst_sundays_the_grace_is_elapsed_time(starts_at, hours_to_flag):
    due = late_flag_due_at(starts_at, SETTINGS)
    assert due - starts_at == timedelta(minutes=10, microseconds=1)
    assert due.astimezone(DENVER).strftime("%H:%M:%S") == hours_to_flag
    ten_minutes_on = (starts_at.astimezone(UTC) + timedelta(minutes=10)).astimezone(DENVER)
    assert is_late(starts_at, ten_minutes_on, SETTINGS) is False
    assert late_minutes(starts_at, ten_minutes_on) == 10


def test_the_three_choices_have_desk_labels():
    assert [choice.label for choice in LateArrivalChoice] == [
        "See the client anyway",
        "Reschedule",
        "Mark as no-show",
    ]


def test_each_choice_says_how_the_booking_is_called_off():
    assert LateArrivalChoice.SEE_ANYWAY.call_off is None
    assert LateArrivalChoice.RESCHEDULE.call_off is CallOff.CLIENT_RESCHEDULES
    assert LateArrivalChoice.NO_SHOW.call_off is CallOff.NO_SHOW


instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
)


@given(starts_at=instants, earlier=instants, later=instants)
def test_late_minutes_never_go_down_as_time_passes(starts_at, earlier, later):
    earlier, later = sorted((earlier, later))
    assert 0 <= late_minutes(starts_at, earlier) <= late_minutes(starts_at, later)


@given(starts_at=instants, now=instants, grace=st.integers(min_value=0, max_value=120))
def test_late_exactly_from_the_flag_instant(starts_at, now, grace):
    settings = replace(SETTINGS, late_grace_minutes=grace)
    assert is_late(starts_at, now, settings) == (now >= late_flag_due_at(starts_at, settings))


def test_a_booking_is_over_from_its_end_on_across_the_fall_back_sunday():
    zone = ZoneInfo("America/Denver")
    # 1:30–2:30 AM by the clock on November 1, 2026 is two hours: the 1 o'clock hour comes twice.
    starts = datetime(2026, 11, 1, 1, 30, tzinfo=zone)
    ends = starts.astimezone(UTC) + timedelta(hours=2)
    assert not booking_is_over(ends, ends - timedelta(microseconds=1))
    assert booking_is_over(ends, ends)  # at the end exactly: the time is over
    assert ends.astimezone(zone).strftime("%H:%M %Z") == "02:30 MST"
    # 2:15 AM MST is 1 h 45 min after 1:30 AM MDT, though the clock moved on by 45 minutes.
    assert not booking_is_over(ends, datetime(2026, 11, 1, 2, 15, tzinfo=zone))
    assert booking_is_over(ends, datetime(2026, 11, 1, 2, 30, tzinfo=zone))
