from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from medspa_desk.domain.clinic_time import (
    at_local,
    local_date,
    local_day_bounds_utc,
    local_days_of,
    next_slot_start,
)

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


# --- The next slot mark from now ---------------------------------------------------------------


def denver(*args, fold=0):
    return datetime(*args, tzinfo=DENVER, fold=fold)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (denver(2026, 11, 25, 10, 12), denver(2026, 11, 25, 10, 15)),
        (denver(2026, 11, 25, 10, 15), denver(2026, 11, 25, 10, 15)),  # on a mark: that mark
        (denver(2026, 11, 25, 10, 15, 0, 1), denver(2026, 11, 25, 10, 30)),  # a microsecond past
        (denver(2026, 11, 25, 23, 50), denver(2026, 11, 26, 0, 0)),  # into the next day
    ],
)
def test_the_next_slot_is_the_first_mark_at_or_after_now(now, expected):
    assert next_slot_start(now, DENVER, 15) == expected


def test_the_next_slot_takes_now_in_any_zone():
    now = datetime(2026, 11, 25, 17, 12, tzinfo=UTC)  # 10:12 in Denver
    slot = next_slot_start(now, DENVER, 15)
    assert (slot.astimezone(DENVER).hour, slot.astimezone(DENVER).minute) == (10, 15)


def test_the_slot_length_is_the_clinics():
    assert next_slot_start(denver(2026, 11, 25, 10, 12), DENVER, 30) == denver(2026, 11, 25, 10, 30)


def test_on_the_spring_forward_sunday_the_skipped_hour_has_no_slots():
    now = denver(2026, 3, 8, 1, 50)  # MST; at 2:00 the clocks jump to 3:00 MDT
    slot = next_slot_start(now, DENVER, 15)
    assert slot.astimezone(UTC) == datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    assert (slot.hour, slot.minute) == (3, 0)  # a time the wall clock shows
    assert slot.astimezone(UTC) - now.astimezone(UTC) == timedelta(minutes=10)


def test_after_the_spring_forward_slots_follow_the_wall_clock():
    slot = next_slot_start(denver(2026, 3, 8, 10, 12), DENVER, 15)
    assert slot.astimezone(UTC) == datetime(2026, 3, 8, 16, 15, tzinfo=UTC)  # 10:15 MDT


def test_on_the_fall_back_sunday_the_repeated_hour_gives_the_next_instant():
    first = denver(2026, 11, 1, 1, 20)  # 1:20 MDT, 07:20 UTC
    second = denver(2026, 11, 1, 1, 20, fold=1)  # 1:20 MST, an hour later
    assert next_slot_start(first, DENVER, 15).astimezone(UTC) == datetime(
        2026, 11, 1, 7, 30, tzinfo=UTC
    )
    later = next_slot_start(second, DENVER, 15)
    assert later.astimezone(UTC) == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)  # 1:30 MST
    assert later.astimezone(UTC) >= second.astimezone(UTC)  # never a slot already passed


def test_after_the_fall_back_slots_follow_the_wall_clock():
    slot = next_slot_start(denver(2026, 11, 1, 10, 12), DENVER, 15)
    assert slot.astimezone(UTC) == datetime(2026, 11, 1, 17, 15, tzinfo=UTC)  # 10:15 MST


def test_the_days_a_span_falls_on_end_before_a_midnight_it_ends_at():
    monday, friday = date(2027, 1, 4), date(2027, 1, 8)
    week = (
        at_local(monday, time(0), DENVER),
        at_local(friday + timedelta(days=1), time(0), DENVER),
    )
    assert local_days_of(*week, DENVER) == [monday + timedelta(days=n) for n in range(5)]
    lunch = (at_local(monday, time(12), DENVER), at_local(monday, time(13), DENVER))
    assert local_days_of(*lunch, DENVER) == [monday]
    overnight = (at_local(monday, time(22), DENVER), at_local(monday, time(23, 30), DENVER))
    assert local_days_of(*overnight, DENVER) == [monday]  # 5 AM UTC the next day, still Monday
