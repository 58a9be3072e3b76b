"""A provider's working hours: one or more spans of wall-clock time per weekday.

Two spans on a day are a split shift, the gap between them a break; a weekday without a span is
a day off. Every span lies within the clinic's opening hours that day (domain.opening_hours).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import time

from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.opening_hours import WEEKDAY_NAMES, DayHours


class ShiftsInvalid(DeskRefusal):
    """Working hours that cannot be kept; str() names the day and says why. `weekday` is the
    day's number, for a form to show the sentence beside that day."""

    def __init__(self, weekday: int | None, sentence: str) -> None:
        self.weekday = weekday
        super().__init__(sentence)


@dataclass(frozen=True, order=True)
class WorkSpan:
    starts: time
    ends: time

    def __str__(self) -> str:
        return f"{self.starts:%H:%M}-{self.ends:%H:%M}"


# weekday (0 Monday .. 6 Sunday) -> its spans; a weekday missing, or with none, is a day off.
WorkWeek = Mapping[int, Sequence[WorkSpan]]


def check_work_week(week: WorkWeek, opening_hours: Mapping[int, DayHours]) -> None:
    """Refuse a day's spans that cannot be worked, naming the day: each ends after it starts,
    they do not overlap, and they lie within the clinic's opening hours that day. A week of no
    work at all is refused too: the availability rules read a provider with no shifts on file as
    one whose hours are not entered yet, who works whenever the clinic is open."""
    if not any(week.values()):
        raise ShiftsInvalid(
            None,
            "A provider works at least one day a week: to take them off the calendar, retire them.",
        )
    for weekday, spans in sorted(week.items()):
        if weekday not in range(7):
            raise ShiftsInvalid(None, f"There is no weekday number {weekday}: 0 is Monday.")
        day = WEEKDAY_NAMES[weekday]
        ordered = sorted(spans)
        for span in ordered:
            if span.ends <= span.starts:
                raise ShiftsInvalid(
                    weekday,
                    f"{day}: a shift ending at {span.ends:%H:%M} must end after it starts "
                    f"at {span.starts:%H:%M}.",
                )
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if later.starts < earlier.ends:
                raise ShiftsInvalid(weekday, f"{day}: the shifts {earlier} and {later} overlap.")
        if not ordered:
            continue
        hours = opening_hours.get(weekday)
        if hours is None:
            raise ShiftsInvalid(weekday, f"{day}: the clinic is closed on {day}s.")
        for span in ordered:
            if span.starts < hours.opens or span.ends > hours.closes:
                raise ShiftsInvalid(
                    weekday,
                    f"{day}: the clinic is open {hours.opens:%H:%M}-{hours.closes:%H:%M}, so a "
                    f"shift cannot run {span}.",
                )


def week_as_text(week: WorkWeek) -> dict[str, str]:
    """The week as the audit trail keeps it: "0" -> "09:00-13:00 14:00-17:00"."""
    return {
        str(weekday): " ".join(str(span) for span in sorted(spans))
        for weekday, spans in sorted(week.items())
        if spans
    }


_TIME = re.compile(r"\s*(\d{1,2})(?::(\d{2}))?\s*")


def spans_from_text(weekday: int, text: str) -> tuple[WorkSpan, ...]:
    """A day's spans as typed at the desk, 24-hour: "9-17", "09:00-13:00, 14:00-17:00"; empty
    is a day off. ShiftsInvalid names the day when a span cannot be read."""
    spans = []
    for part in filter(str.strip, re.split(r"[,;]", text)):
        halves = part.split("-")
        starts, ends = (_time_of(half) for half in halves) if len(halves) == 2 else (None, None)
        if starts is None or ends is None:
            raise ShiftsInvalid(
                weekday,
                f"{WEEKDAY_NAMES[weekday]}: {part.strip()!r} is not a span of hours; write it "
                "as 09:00-17:00, or two with a break as 09:00-13:00, 14:00-17:00.",
            )
        spans.append(WorkSpan(starts, ends))
    return tuple(spans)


def spans_as_text(spans: Sequence[WorkSpan]) -> str:
    return ", ".join(str(span) for span in sorted(spans))


def _time_of(text: str) -> time | None:
    found = _TIME.fullmatch(text)
    if found is None:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
