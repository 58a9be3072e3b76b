"""Opening hours as a person types them, a day at a time: "09:00-18:00", or "closed".

The first start and `medspa-desk setup` read every weekday this way; each of the seven must be
given (a closed day said as such), so a scripted install never leaves a day to a default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time

from medspa_desk.domain.opening_hours import WEEKDAY_NAMES, DayHours, HoursInvalid, WeekHours

CLOSED = "closed"
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


def weekday_numbered(name: str) -> int:
    """0 for "Monday" or "mon" (any case); HoursInvalid for a day that is not one."""
    for number, weekday in enumerate(WEEKDAY_NAMES):
        if name.strip().lower() in (weekday.lower(), weekday[:3].lower()):
            return number
    raise HoursInvalid(f"“{name}” is not a day of the week.")


def day_hours_from_text(weekday: int, text: str) -> DayHours | None:
    """The day's hours, None for a closed day; HoursInvalid names the day and the problem."""
    if text.strip().lower() == CLOSED:
        return None
    match = _SPAN.match(text)
    if match is None:
        raise HoursInvalid(
            f"{WEEKDAY_NAMES[weekday]}: give the hours like 09:00-18:00, or “closed”."
        )
    opens_hour, opens_minute, closes_hour, closes_minute = (int(part) for part in match.groups())
    try:
        opens, closes = time(opens_hour, opens_minute), time(closes_hour, closes_minute)
    except ValueError:
        raise HoursInvalid(
            f"{WEEKDAY_NAMES[weekday]}: {text.strip()} is not a time of day."
        ) from None
    if closes <= opens:
        raise HoursInvalid(
            f"{WEEKDAY_NAMES[weekday]}: closing at {closes:%H:%M} must come after opening at "
            f"{opens:%H:%M}."
        )
    return DayHours(opens, closes)


def week_from_text(days: Mapping[str, str]) -> WeekHours:
    """Every weekday's hours, keyed by the day's name; HoursInvalid if any day is missing."""
    week: dict[int, DayHours] = {}
    given: set[int] = set()
    for name, text in days.items():
        weekday = weekday_numbered(name)
        given.add(weekday)
        hours = day_hours_from_text(weekday, text)
        if hours is not None:
            week[weekday] = hours
    missing = [WEEKDAY_NAMES[day] for day in range(7) if day not in given]
    if missing:
        raise HoursInvalid(
            f"The hours of every day must be given (“closed” for a closed day): "
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing."
        )
    if not week:
        raise HoursInvalid("The clinic must be open on at least one day of the week.")
    return week


def day_hours_as_text(hours: DayHours | None) -> str:
    return CLOSED if hours is None else f"{hours.opens:%H:%M}-{hours.closes:%H:%M}"
