"""How the calendar writes dates and times: the way the desk says them, in US style."""

from __future__ import annotations

from datetime import date, time


def long_date(day: date) -> str:
    """'Wednesday, November 25, 2026'."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def weekday_and_day(day: date) -> str:
    """'Wed 25': a week view's column heading (the heading above the grid names the month)."""
    return f"{day:%a} {day.day}"


def week_range(first: date, last: date) -> str:
    """'Nov 23 – 29, 2026', 'Nov 30 – Dec 6, 2026', 'Dec 28, 2026 – Jan 3, 2027'."""
    if first.year != last.year:
        return f"{first:%b} {first.day}, {first.year} – {last:%b} {last.day}, {last.year}"
    if first.month != last.month:
        return f"{first:%b} {first.day} – {last:%b} {last.day}, {last.year}"
    return f"{first:%b} {first.day} – {last.day}, {last.year}"


def clock_label(wall_time: time) -> str:
    """'8:00 AM', '12:30 PM'."""
    return f"{_hour_and_minute(wall_time)} {_meridiem(wall_time)}"


def time_range_label(starts: time, ends: time) -> str:
    """'10:00–10:45 AM', or '11:30 AM–12:15 PM' when the range crosses noon."""
    if _meridiem(starts) == _meridiem(ends):
        return f"{_hour_and_minute(starts)}–{clock_label(ends)}"
    return f"{clock_label(starts)}–{clock_label(ends)}"


def minutes_label(minutes: int) -> str:
    """'45 min', '1 h', '1 h 30 min': a service's length."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


def _hour_and_minute(wall_time: time) -> str:
    return f"{wall_time.hour % 12 or 12}:{wall_time.minute:02d}"


def _meridiem(wall_time: time) -> str:
    return "AM" if wall_time.hour < 12 else "PM"


def short_name(name: str) -> str:
    """'Aoife Zimmerman' as 'Aoife Z.': where room is short (a one-line card, a button)."""
    first, _space, rest = name.partition(" ")
    return f"{first} {rest[0]}." if rest else first
