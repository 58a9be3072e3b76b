"""The clinic's opening hours: one span of wall-clock time per weekday, or closed.

Weekdays are numbered as `date.weekday()` does: 0 is Monday, 6 Sunday. A provider's shifts
(split shifts included) and blocks narrow these further; see the availability rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time

from medspa_desk.domain.desk_refusal import DeskRefusal

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class HoursInvalid(DeskRefusal):
    """Opening hours that cannot be kept; str() says which day and why."""


@dataclass(frozen=True)
class DayHours:
    opens: time
    closes: time


# weekday -> its hours; a weekday missing is a closed day.
WeekHours = Mapping[int, DayHours]


def check_week_hours(week: WeekHours) -> None:
    """Refuse hours a clinic day cannot have, naming the day: closing must follow opening."""
    for weekday, hours in week.items():
        if weekday not in range(7):
            raise HoursInvalid(f"There is no weekday number {weekday}: 0 is Monday, 6 Sunday.")
        if hours.closes <= hours.opens:
            raise HoursInvalid(
                f"{WEEKDAY_NAMES[weekday]}: closing at {hours.closes:%H:%M} must come after "
                f"opening at {hours.opens:%H:%M}."
            )
    if not week:
        raise HoursInvalid("The clinic must be open on at least one day of the week.")
