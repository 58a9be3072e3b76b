"""When a provider can be booked: the clinic's opening hours, narrowed to the provider's shifts,
less the provider's blocks (time off), on one clinic day; none on a closed weekday or a closure.

Shifts and opening hours are wall-clock rules: each is placed on its clinic day with
`at_local`, so on the DST Sundays a 9-to-5 shift is 7 or 9 hours of real time, as the wall clock
says. Every span is half-open, [starts, ends): a booking ending exactly at closing, or at a
shift's end or a block's start, is bookable.

A provider with no shifts on file at all (`shifts=None`: working hours not entered yet) works
whenever the clinic is open; once any shift is on file, a weekday without one is a day off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from medspa_desk.domain.clinic_time import at_local, local_date, local_day_bounds_utc
from medspa_desk.domain.opening_hours import WEEKDAY_NAMES, WeekHours
from medspa_desk.domain.time_wording import (
    clock_time,
    day_and_time,
    long_date,
    short_date,
    time_range,
)

Span = tuple[datetime, datetime]  # [starts, ends), aware
# weekday (0 Monday) -> the wall-clock spans worked that day; two spans are a split shift.
WeekShifts = Mapping[int, Sequence[tuple[time, time]]]


CLINIC_CLOSED = "Clinic closed"  # how every span the clinic itself closes begins


@dataclass(frozen=True)
class Block:
    """Time off in one provider's calendar: a vacation, a training afternoon, lunch."""

    starts_at: datetime
    ends_at: datetime
    reason: str


@dataclass(frozen=True)
class ClinicDays:
    """The clinic's side of availability: its zone, its opening hours and its closures."""

    zone: ZoneInfo
    hours: WeekHours
    closures: Mapping[date, str]  # day -> reason ("Christmas Day"), possibly ""


@dataclass(frozen=True)
class ProviderTime:
    """One provider's side: their shifts (None: none on file) and the blocks that concern the
    days asked about."""

    name: str
    shifts: WeekShifts | None
    blocks: Sequence[Block] = ()


@dataclass(frozen=True)
class UnbookableSpan:
    """Time in a provider's lane that cannot be booked, with why, for the calendar to show."""

    starts_at: datetime
    ends_at: datetime
    reason: str


def bookable_intervals(day: date, clinic: ClinicDays, provider: ProviderTime) -> list[Span]:
    """The provider's bookable time on `day`, in UTC, earliest first."""
    return _subtract(_working_spans(day, clinic, provider), [_span(b) for b in provider.blocks])


def unbookable_spans(day: date, clinic: ClinicDays, provider: ProviderTime) -> list[UnbookableSpan]:
    """Everything in the provider's lane on `day` that is not bookable, each with its reason,
    by start time: the whole day on a closure or a closed weekday; otherwise before opening and
    after closing, outside the provider's shifts, and the blocks within them."""
    zone = clinic.zone
    day_starts, day_ends = local_day_bounds_utc(day, zone)
    weekday = WEEKDAY_NAMES[day.weekday()]
    if day in clinic.closures:
        reason = clinic.closures[day]
        return [UnbookableSpan(day_starts, day_ends, _labelled(CLINIC_CLOSED, reason))]
    opened = _open_span(day, clinic)
    if opened is None:
        return [UnbookableSpan(day_starts, day_ends, f"{CLINIC_CLOSED} on {weekday}s")]
    spans = [
        UnbookableSpan(s, e, CLINIC_CLOSED)
        for s, e in _subtract([(day_starts, day_ends)], [opened])
    ]
    working = _working_spans(day, clinic, provider)
    off = "Not working" if working else f"Off on {weekday}s"
    spans += [UnbookableSpan(s, e, off) for s, e in _subtract([opened], working)]
    for block in provider.blocks:
        for starts, ends in working:
            clipped = (max(starts, block.starts_at), min(ends, block.ends_at))
            if clipped[0] < clipped[1]:
                spans.append(UnbookableSpan(*clipped, block.reason or "Time off"))
    return sorted(spans, key=lambda span: (span.starts_at, span.ends_at))


def why_unbookable(
    starts_at: datetime,
    ends_at: datetime,
    clinic: ClinicDays,
    provider: ProviderTime,
    what: str = "The booking",
) -> str | None:
    """Why the provider cannot be booked for [starts_at, ends_at), as the sentence for the desk,
    or None when the span is bookable. `what` names the booking (its service) in the sentence.

    The span belongs to the clinic day it starts on; the first reason found is given, the
    clinic's before the provider's.
    """
    zone = clinic.zone
    day = local_date(starts_at, zone)
    weekday = WEEKDAY_NAMES[day.weekday()]
    if day in clinic.closures:
        reason = clinic.closures[day]
        return f"The clinic is closed on {long_date(day)}" + (f" ({reason})." if reason else ".")
    opened = _open_span(day, clinic)
    if opened is None:
        return f"The clinic is closed on {weekday}s."
    opens, closes = opened
    start, end = clock_time(starts_at, zone), clock_time(ends_at, zone)
    if starts_at < opens:
        return f"The clinic opens at {clock_time(opens, zone)}: {start} is before opening."
    if ends_at > closes:
        return f"{what} at {start} would run to {end}, past closing at {clock_time(closes, zone)}."
    name = provider.name
    if provider.shifts is not None:
        working = _working_spans(day, clinic, provider)
        if not working:
            return f"{name} is off on {weekday}s."
        if not any(s <= starts_at and ends_at <= e for s, e in working):
            worked = " and ".join(time_range(s, e, zone) for s, e in working)
            said = f"{name} works {worked} on {weekday}s: "
            within = [e for s, e in working if s <= starts_at < e]
            if within:
                return (
                    said
                    + f"{what} at {start} would run to {end}, past {clock_time(within[0], zone)}."
                )
            if working[0][0] < starts_at < working[-1][1]:
                return said + f"{start} is in the break."
            return said + f"{start} is outside those hours."
    for block in sorted(provider.blocks, key=lambda b: b.starts_at):
        if block.starts_at < ends_at and starts_at < block.ends_at:
            return f"{name} is away: {block.reason or 'Time off'} ({block_when(block, zone)})."
    return None


def block_when(block: Block, zone: ZoneInfo) -> str:
    """'Dec 1 – Dec 5' for whole days, '12:00–1:00 PM' within a day, else both instants."""
    first = block.starts_at.astimezone(zone)
    last = block.ends_at.astimezone(zone)
    if first.time() == time.min and last.time() == time.min:
        final = last.date() - timedelta(days=1)
        if final <= first.date():
            return short_date(first.date())
        return f"{short_date(first.date())} – {short_date(final)}"
    if first.date() == last.date():
        return f"{short_date(first.date())}, {time_range(first, last, zone)}"
    return f"{day_and_time(first, zone)} – {day_and_time(last, zone)}"


def _labelled(label: str, reason: str) -> str:
    return f"{label}: {reason}" if reason else label


def _span(block: Block) -> Span:
    return block.starts_at, block.ends_at


def _open_span(day: date, clinic: ClinicDays) -> Span | None:
    hours = clinic.hours.get(day.weekday())
    if hours is None or day in clinic.closures:
        return None
    return at_local(day, hours.opens, clinic.zone), at_local(day, hours.closes, clinic.zone)


def _working_spans(day: date, clinic: ClinicDays, provider: ProviderTime) -> list[Span]:
    """The provider's shifts on `day` within opening hours, earliest first."""
    opened = _open_span(day, clinic)
    if opened is None:
        return []
    if provider.shifts is None:
        return [opened]
    spans = []
    for starts, ends in sorted(provider.shifts.get(day.weekday(), ())):
        span = (
            max(opened[0], at_local(day, starts, clinic.zone)),
            min(opened[1], at_local(day, ends, clinic.zone)),
        )
        if span[0] < span[1]:
            spans.append(span)
    return spans


def _subtract(spans: Sequence[Span], taken: Sequence[Span]) -> list[Span]:
    """`spans` less every span of `taken`, half-open, in order."""
    left = list(spans)
    for cut_starts, cut_ends in taken:
        kept: list[Span] = []
        for starts, ends in left:
            if cut_ends <= starts or ends <= cut_starts:
                kept.append((starts, ends))
                continue
            if starts < cut_starts:
                kept.append((starts, cut_starts))
            if cut_ends < ends:
                kept.append((cut_ends, ends))
        left = kept
    return sorted(left)
