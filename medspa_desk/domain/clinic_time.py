"""Stored in UTC, shown in the clinic's zone: conversions between the two.

A clinic day is a wall-clock date in the clinic's zone; on the DST Sundays it is 23 or 25 hours
long, so day bounds are computed from local midnights, never as "start + 24 hours".
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_day_bounds_utc(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants at which `day` starts and the next day starts, in `zone`."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def local_date(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def local_days_of(starts: datetime, ends: datetime, zone: ZoneInfo) -> list[date]:
    """The clinic days the span [starts, ends) falls on, first to last: a span ending at
    midnight is not on the day after."""
    first = local_date(starts, zone)
    last = max(first, local_date(ends - timedelta(microseconds=1), zone))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def at_local(day: date, wall_time: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a clinic day.

    A wall time that does not exist (02:30 on the spring-forward Sunday) is taken as the
    instant after the gap, and an ambiguous one (01:30 on the fall-back Sunday) as its first
    occurrence, which is what a person reading the clock on the wall would mean.
    """
    # fold=0 (the default) gives exactly that: the pre-transition offset, which lands a gap time
    # one hour later and picks the first of two ambiguous times.
    return datetime.combine(day, wall_time, tzinfo=zone).astimezone(UTC)


def next_slot_start(now: datetime, zone: ZoneInfo, slot_minutes: int) -> datetime:
    """The first slot mark at or after `now`, in `zone`: a booking cannot start in the past.

    Marks are every `slot_minutes` of wall-clock time from local midnight, as the calendar's rows
    are. On the spring-forward Sunday the marks in the skipped hour do not exist, so the next one
    is the first after the gap; on the fall-back Sunday the repeated hour's marks come twice, and
    the one meant is the next instant, not the first reading of the clock.
    """
    step = timedelta(minutes=slot_minutes)
    local = now.astimezone(zone)
    midnight = local.replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0, fold=0)
    count = math.ceil((local.replace(tzinfo=None, fold=0) - midnight) / step)
    while True:
        wall = midnight + count * step
        for fold in (0, 1):
            mark = wall.replace(tzinfo=zone, fold=fold)
            exists = mark.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall
            if exists and mark.astimezone(UTC) >= now.astimezone(UTC):
                return mark.astimezone(UTC).astimezone(zone)
        count += 1
