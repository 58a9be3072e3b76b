"""How a service's sentence for the desk says an instant: "10:00 AM", "10:00–10:30 AM",
"Tue Dec 1 at 10:00 AM", always on the clinic's wall clock (US style, as the calendar writes it).
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo


def clock_time(instant: datetime, zone: ZoneInfo) -> str:
    """'8:00 AM', '12:30 PM'."""
    return wall_clock_time(instant.astimezone(zone))


def wall_clock_time(local: datetime | time) -> str:
    """'8:00 AM': the time as `local`'s own zone shows it (a document's times are already local),
    or a wall-clock time of no day (a client's hours)."""
    return f"{_hour_and_minute(local)} {_meridiem(local)}"


def time_range(starts: datetime, ends: datetime, zone: ZoneInfo) -> str:
    """'10:00–10:30 AM', or '11:30 AM–12:15 PM' when the range crosses noon."""
    first, last = starts.astimezone(zone), ends.astimezone(zone)
    if _meridiem(first) == _meridiem(last):
        return f"{_hour_and_minute(first)}–{clock_time(last, zone)}"
    return f"{clock_time(first, zone)}–{clock_time(last, zone)}"


def day_and_time(instant: datetime, zone: ZoneInfo) -> str:
    """'Tue Dec 1 at 10:00 AM'."""
    local = instant.astimezone(zone)
    return f"{weekday_and_date(local.date())} at {clock_time(local, zone)}"


def weekday_and_date(day: date) -> str:
    """'Tue Dec 1'."""
    return f"{day:%a} {day:%b} {day.day}"


def long_date(day: date) -> str:
    """'Thursday, December 25'."""
    return f"{day:%A}, {day:%B} {day.day}"


def short_date(day: date) -> str:
    """'Dec 1'."""
    return f"{day:%b} {day.day}"


def birthday_with_age(born: date, today: date) -> str:
    """'Apr 27, 1988 (age 38)'."""
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return f"{born:%b} {born.day}, {born.year} (age {age})"


def _hour_and_minute(local: datetime | time) -> str:
    # Not strftime("%-I"): that flag does not exist on Windows, where the desk runs.
    return f"{local.hour % 12 or 12}:{local.minute:02d}"


def _meridiem(local: datetime | time) -> str:
    return "AM" if local.hour < 12 else "PM"
