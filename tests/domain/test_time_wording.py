from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.time_wording import clock_time, day_and_time, time_range, wall_clock_time

DENVER = ZoneInfo("America/Denver")


def wall(day: date, hour: int, minute: int = 0):
    return at_local(day, time(hour, minute), DENVER)


def test_times_are_said_on_the_clinics_wall_clock():
    day = date(2026, 11, 25)
    assert clock_time(wall(day, 8), DENVER) == "8:00 AM"
    assert clock_time(wall(day, 12, 30), DENVER) == "12:30 PM"
    assert clock_time(wall(day, 0, 5), DENVER) == "12:05 AM"
    assert day_and_time(wall(day, 18, 45), DENVER) == "Wed Nov 25 at 6:45 PM"


def test_a_range_says_am_or_pm_once_unless_it_crosses_noon():
    day = date(2026, 11, 25)
    assert time_range(wall(day, 10), wall(day, 10, 30), DENVER) == "10:00–10:30 AM"
    assert time_range(wall(day, 11, 30), wall(day, 12, 15), DENVER) == "11:30 AM–12:15 PM"


def test_the_wall_clock_holds_on_the_dst_sundays():
    assert clock_time(wall(date(2026, 11, 1), 10), DENVER) == "10:00 AM"
    assert clock_time(wall(date(2026, 3, 8), 10), DENVER) == "10:00 AM"


def test_a_time_already_local_is_said_in_its_own_zone():
    # A document's times arrive local: an export's "-06:00", a receipt's clinic time.
    assert wall_clock_time(datetime.fromisoformat("2026-05-04T16:30:00-06:00")) == "4:30 PM"
    assert wall_clock_time(wall(date(2026, 11, 25), 0, 5).astimezone(DENVER)) == "12:05 AM"
