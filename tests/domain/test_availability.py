"""When a provider can be booked, edge by edge: opening hours, closures, shifts and their breaks,
blocks, and both DST Sundays, every span half-open."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from medspa_desk.domain.availability import (
    Block,
    ClinicDays,
    ProviderTime,
    UnbookableSpan,
    bookable_intervals,
    unbookable_spans,
    why_unbookable,
)
from medspa_desk.domain.clinic_time import at_local, local_day_bounds_utc
from medspa_desk.domain.opening_hours import DayHours

DENVER = ZoneInfo("America/Denver")
MONDAY = date(2026, 12, 7)
TUESDAY = date(2026, 12, 8)
CHRISTMAS = date(2026, 12, 25)  # a Friday
SPRING_FORWARD = date(2026, 3, 8)  # 02:00 does not exist
FALL_BACK = date(2026, 11, 1)  # 01:00-02:00 comes twice

WEEKDAYS_8_TO_7 = {weekday: DayHours(time(8), time(19)) for weekday in range(6)}  # Sunday closed
CLINIC = ClinicDays(DENVER, WEEKDAYS_8_TO_7, {CHRISTMAS: "Christmas Day"})
# Off on Mondays; Tuesdays split 9-1 and 2-6; other days 9-5.
DANA_SHIFTS = {1: [(time(9), time(13)), (time(14), time(18))]} | {
    weekday: [(time(9), time(17))] for weekday in (2, 3, 4, 5)
}
DANA = ProviderTime("Dana Whitfield", DANA_SHIFTS)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return at_local(day, time(hour, minute), DENVER)


def why(starts_at, minutes, clinic=CLINIC, provider=DANA):
    return why_unbookable(
        starts_at, starts_at + timedelta(minutes=minutes), clinic, provider, "Botox"
    )


# --- The clinic's hours and closures ------------------------------------------------------------


def test_a_booking_ending_exactly_at_closing_is_fine_one_minute_past_is_not():
    anyone = ProviderTime("Dana Whitfield", None)
    assert why(at(TUESDAY, 18, 30), 30, provider=anyone) is None
    assert why(at(TUESDAY, 18, 30), 31, provider=anyone) == (
        "Botox at 6:30 PM would run to 7:01 PM, past closing at 7:00 PM."
    )


def test_a_booking_starting_exactly_at_opening_is_fine_one_minute_before_is_not():
    anyone = ProviderTime("Dana Whitfield", None)
    assert why(at(TUESDAY, 8), 30, provider=anyone) is None
    assert why(at(TUESDAY, 7, 59), 30, provider=anyone) == (
        "The clinic opens at 8:00 AM: 7:59 AM is before opening."
    )


def test_a_closed_weekday_is_refused_by_its_name():
    assert why(at(date(2026, 12, 6), 10), 30) == "The clinic is closed on Sundays."


def test_a_closure_is_refused_with_its_date_and_reason():
    assert why(at(CHRISTMAS, 10), 30) == (
        "The clinic is closed on Friday, December 25 (Christmas Day)."
    )
    unnamed = ClinicDays(DENVER, WEEKDAYS_8_TO_7, {CHRISTMAS: ""})
    assert why(at(CHRISTMAS, 10), 30, clinic=unnamed) == (
        "The clinic is closed on Friday, December 25."
    )
    assert why(at(CHRISTMAS + timedelta(days=1), 10), 30) is None  # the day after is open


def test_a_closure_leaves_no_bookable_time_and_greys_the_whole_day():
    assert bookable_intervals(CHRISTMAS, CLINIC, DANA) == []
    starts, ends = local_day_bounds_utc(CHRISTMAS, DENVER)
    assert unbookable_spans(CHRISTMAS, CLINIC, DANA) == [
        UnbookableSpan(starts, ends, "Clinic closed: Christmas Day")
    ]


# --- The provider's shifts ----------------------------------------------------------------------


def test_a_provider_off_that_weekday_is_refused():
    assert why(at(MONDAY, 10), 30) == "Dana Whitfield is off on Mondays."
    assert bookable_intervals(MONDAY, CLINIC, DANA) == []


def test_a_provider_with_no_shifts_on_file_works_the_clinics_hours():
    anyone = ProviderTime("Dana Whitfield", None)
    assert bookable_intervals(MONDAY, CLINIC, anyone) == [(at(MONDAY, 8), at(MONDAY, 19))]


def test_a_split_shift_has_a_break():
    assert bookable_intervals(TUESDAY, CLINIC, DANA) == [
        (at(TUESDAY, 9), at(TUESDAY, 13)),
        (at(TUESDAY, 14), at(TUESDAY, 18)),
    ]
    assert why(at(TUESDAY, 13, 30), 15) == (
        "Dana Whitfield works 9:00 AM–1:00 PM and 2:00–6:00 PM on Tuesdays: 1:30 PM is in the "
        "break."
    )


def test_each_half_of_a_split_shift_books_up_to_its_edges():
    assert why(at(TUESDAY, 12, 30), 30) is None  # ends exactly as the break starts
    assert why(at(TUESDAY, 14), 30) is None  # starts exactly as the break ends
    assert why(at(TUESDAY, 17, 30), 30) is None  # ends exactly at the shift's end
    assert why(at(TUESDAY, 12, 30), 31) == (
        "Dana Whitfield works 9:00 AM–1:00 PM and 2:00–6:00 PM on Tuesdays: Botox at 12:30 PM "
        "would run to 1:01 PM, past 1:00 PM."
    )
    assert why(at(TUESDAY, 17, 30), 31).endswith("would run to 6:01 PM, past 6:00 PM.")


def test_before_and_after_a_shift_is_outside_the_providers_hours():
    assert why(at(TUESDAY, 8, 45), 15).endswith("on Tuesdays: 8:45 AM is outside those hours.")
    assert why(at(TUESDAY, 18), 15).endswith("on Tuesdays: 6:00 PM is outside those hours.")
    assert why(at(TUESDAY, 9), 15) is None


def test_a_shift_longer_than_opening_hours_is_kept_within_them():
    early = ProviderTime("Dana Whitfield", {1: [(time(6), time(21))]})
    assert bookable_intervals(TUESDAY, CLINIC, early) == [(at(TUESDAY, 8), at(TUESDAY, 19))]
    assert why(at(TUESDAY, 7, 30), 30, provider=early).startswith("The clinic opens at 8:00 AM")


# --- Blocks -------------------------------------------------------------------------------------


VACATION = Block(at(date(2026, 12, 1), 0), at(date(2026, 12, 6), 0), "Vacation")
LUNCH = Block(at(date(2026, 12, 3), 12), at(date(2026, 12, 3), 13), "Lunch")


def test_a_vacation_is_refused_with_its_days():
    away = ProviderTime("Dana Whitfield", DANA_SHIFTS, [VACATION])
    assert why(at(date(2026, 12, 2), 10), 30, provider=away) == (
        "Dana Whitfield is away: Vacation (Dec 1 – Dec 5)."
    )
    assert bookable_intervals(date(2026, 12, 2), CLINIC, away) == []


def test_a_block_within_a_day_is_refused_with_its_hours_and_its_edges_are_bookable():
    lunching = ProviderTime("Dana Whitfield", DANA_SHIFTS, [LUNCH])
    thursday = date(2026, 12, 3)
    assert why(at(thursday, 11, 30), 30, provider=lunching) is None  # ends as lunch starts
    assert why(at(thursday, 13), 30, provider=lunching) is None  # starts as lunch ends
    assert why(at(thursday, 11, 30), 31, provider=lunching) == (
        "Dana Whitfield is away: Lunch (Dec 3, 12:00–1:00 PM)."
    )
    assert why(at(thursday, 12, 59), 15, provider=lunching) is not None
    assert bookable_intervals(thursday, CLINIC, lunching) == [
        (at(thursday, 9), at(thursday, 12)),
        (at(thursday, 13), at(thursday, 17)),
    ]


def test_a_block_without_a_reason_is_time_off():
    blocked = ProviderTime("Dana Whitfield", None, [Block(LUNCH.starts_at, LUNCH.ends_at, "")])
    assert why(at(date(2026, 12, 3), 12), 15, provider=blocked).startswith(
        "Dana Whitfield is away: Time off ("
    )


def test_the_lane_shows_each_unbookable_span_with_its_reason():
    thursday = date(2026, 12, 3)
    lunching = ProviderTime("Dana Whitfield", DANA_SHIFTS, [LUNCH])
    starts, ends = local_day_bounds_utc(thursday, DENVER)
    assert unbookable_spans(thursday, CLINIC, lunching) == [
        UnbookableSpan(starts, at(thursday, 8), "Clinic closed"),
        UnbookableSpan(at(thursday, 8), at(thursday, 9), "Not working"),
        UnbookableSpan(at(thursday, 12), at(thursday, 13), "Lunch"),
        UnbookableSpan(at(thursday, 17), at(thursday, 19), "Not working"),
        UnbookableSpan(at(thursday, 19), ends, "Clinic closed"),
    ]
    sunday = date(2026, 12, 6)
    assert [span.reason for span in unbookable_spans(sunday, CLINIC, DANA)] == [
        "Clinic closed on Sundays"
    ]
    assert [span.reason for span in unbookable_spans(MONDAY, CLINIC, DANA)] == [
        "Clinic closed",
        "Off on Mondays",
        "Clinic closed",
    ]


# --- The DST Sundays ----------------------------------------------------------------------------

NIGHT_HOURS = {6: DayHours(time(0, 30), time(12))}  # open early on Sundays, for the changed hour
NIGHT_CLINIC = ClinicDays(DENVER, NIGHT_HOURS, {})
NIGHT_SHIFT = ProviderTime("Dana Whitfield", {6: [(time(1), time(5))]})


def test_spring_forward_a_shift_across_the_skipped_hour_is_three_real_hours():
    starts = datetime(2026, 3, 8, 8, tzinfo=UTC)  # 1:00 AM MST
    ends = datetime(2026, 3, 8, 11, tzinfo=UTC)  # 5:00 AM MDT
    assert bookable_intervals(SPRING_FORWARD, NIGHT_CLINIC, NIGHT_SHIFT) == [(starts, ends)]
    last_hour = ends - timedelta(hours=1)  # 4:00 AM MDT
    assert why(last_hour, 60, NIGHT_CLINIC, NIGHT_SHIFT) is None
    assert why(last_hour, 61, NIGHT_CLINIC, NIGHT_SHIFT).endswith(
        "Botox at 4:00 AM would run to 5:01 AM, past 5:00 AM."
    )
    assert why(starts, 180, NIGHT_CLINIC, NIGHT_SHIFT) is None  # 1:00 to 5:00 on the wall


def test_fall_back_a_shift_across_the_repeated_hour_is_five_real_hours():
    starts = datetime(2026, 11, 1, 7, tzinfo=UTC)  # 1:00 AM MDT (the first of two)
    ends = datetime(2026, 11, 1, 12, tzinfo=UTC)  # 5:00 AM MST
    assert bookable_intervals(FALL_BACK, NIGHT_CLINIC, NIGHT_SHIFT) == [(starts, ends)]
    assert why(starts, 300, NIGHT_CLINIC, NIGHT_SHIFT) is None
    assert why(starts, 301, NIGHT_CLINIC, NIGHT_SHIFT) is not None
    assert why(starts - timedelta(minutes=15), 15, NIGHT_CLINIC, NIGHT_SHIFT).endswith(
        "12:45 AM is outside those hours."
    )


@pytest.mark.parametrize("day", [SPRING_FORWARD, FALL_BACK])
def test_the_lane_of_a_dst_sunday_covers_the_whole_clinic_day(day):
    spans = unbookable_spans(day, NIGHT_CLINIC, NIGHT_SHIFT)
    day_starts, day_ends = local_day_bounds_utc(day, DENVER)
    (bookable,) = bookable_intervals(day, NIGHT_CLINIC, NIGHT_SHIFT)
    covered = sorted([(s.starts_at, s.ends_at) for s in spans] + [bookable])
    assert covered[0][0] == day_starts and covered[-1][1] == day_ends
    assert all(a[1] == b[0] for a, b in zip(covered, covered[1:], strict=False))
