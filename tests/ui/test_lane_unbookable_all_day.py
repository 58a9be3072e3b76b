"""A lane none of whose time can be booked says why on its heading: a closed day, a day off.
Spans end to start over the whole clinic day, which is 23 or 25 hours on the DST Sundays."""

from datetime import date, time

from medspa_desk.domain.availability import UnbookableSpan
from medspa_desk.domain.clinic_time import at_local, local_day_bounds_utc
from medspa_desk.services.booking.day_schedule import ProviderColumn
from medspa_desk.ui.calendar.lanes import Lane
from tests.ui.conftest import ZONE

DANA = ProviderColumn(1, "Dana Whitfield", "Nurse injector", "#88aacc")


def _lane(day: date, *spans: tuple[time | None, time | None, str]) -> Lane:
    starts, ends = local_day_bounds_utc(day, ZONE)

    def instant(wall: time | None, default):
        return default if wall is None else at_local(day, wall, ZONE)

    return Lane(
        DANA,
        day,
        "Dana Whitfield",
        "",
        tuple(UnbookableSpan(instant(a, starts), instant(b, ends), why) for a, b, why in spans),
    )


def test_a_closed_day_and_a_day_off_are_unbookable_all_day_on_the_dst_sundays_too():
    for day in (date(2026, 3, 8), date(2026, 11, 1), date(2026, 12, 25)):
        assert _lane(day, (None, None, "Clinic closed: Christmas Day")).unbookable_all_day() == (
            "Clinic closed: Christmas Day"
        )
    day_off = _lane(
        date(2026, 11, 30),
        (None, time(8), "Clinic closed"),
        (time(8), time(19), "Off on Mondays"),
        (time(19), None, "Clinic closed"),
    )
    assert day_off.unbookable_all_day() == "Off on Mondays"


def test_a_lane_with_any_bookable_time_is_not():
    assert _lane(date(2026, 11, 30)).unbookable_all_day() is None
    worked = _lane(
        date(2026, 11, 30),
        (None, time(8), "Clinic closed"),
        (time(13), time(14), "Not working"),
        (time(19), None, "Clinic closed"),
    )
    assert worked.unbookable_all_day() is None
    one_minute_open = _lane(
        date(2026, 11, 30), (None, time(8), "Clinic closed"), (time(8, 1), None, "Off")
    )
    assert one_minute_open.unbookable_all_day() is None


def test_a_day_off_on_a_short_opening_day_is_the_providers_not_the_clinics():
    saturday = _lane(
        date(2026, 11, 28),
        (None, time(10), "Clinic closed"),
        (time(10), time(14), "Off on Saturdays"),
        (time(14), None, "Clinic closed"),
    )
    assert saturday.unbookable_all_day() == "Off on Saturdays"
