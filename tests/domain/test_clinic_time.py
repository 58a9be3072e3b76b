from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from medspa_desk.domain.clinic_time import at_local, local_date, local_day_bounds_utc

DENVER = ZoneInfo("America/Denver")


@pytest.mark.parametrize(
    ("day", "hours"),
    [
        (date(2026, 3, 7), 24),
        (date(2026, 3, 8), 23),  # spring forward
        (date(2026, 11, 1), 25),  # fall back
        (date(2026, 11, 25), 24),
    ],
)
def test_a_clinic_day_is_as_long_as_the_wall_clock_says(day, hours):
    start, end = local_day_bounds_utc(day, DENVER)
    assert end - start == timedelta(hours=hours)
    assert start.astimezone(DENVER).time() == time(0, 0)
    assert end.astimezone(DENVER).date() == day + timedelta(days=1)


def test_day_bounds_are_utc():
    start, _ = local_day_bounds_utc(date(2026, 11, 25), DENVER)
    assert start == datetime(2026, 11, 25, 7, 0, tzinfo=UTC)


def test_ten_in_the_morning_on_both_dst_sundays():
    assert at_local(date(2026, 3, 8), time(10), DENVER) == datetime(2026, 3, 8, 16, tzinfo=UTC)
    assert at_local(date(2026, 11, 1), time(10), DENVER) == datetime(2026, 11, 1, 17, tzinfo=UTC)


def test_a_wall_time_in_the_spring_gap_lands_after_it():
    instant = at_local(date(2026, 3, 8), time(2, 30), DENVER)
    assert instant.astimezone(DENVER).time() == time(3, 30)


def test_an_ambiguous_wall_time_in_the_fall_is_the_first_one():
    first = at_local(date(2026, 11, 1), time(1, 30), DENVER)
    assert first == datetime(2026, 11, 1, 7, 30, tzinfo=UTC)  # still daylight time (UTC-6)


def test_local_date_of_a_late_evening_instant():
    # 03:30 UTC on the 26th is still the evening of the 25th in Kalispell.
    assert local_date(datetime(2026, 11, 26, 3, 30, tzinfo=UTC), DENVER) == date(2026, 11, 25)
