"""Stored in UTC, shown in the clinic's zone: conversions between the two.

A clinic day is a wall-clock date in the clinic's zone; on the DST Sundays it is 23 or 25 hours
long, so day bounds are computed from local midnights, never as "start + 24 hours".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_day_bounds_utc(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants at which `day` starts and the next day starts, in `zone`."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def local_date(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def at_local(day: date, wall_time: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a clinic day.

    A wall time that does not exist (02:30 on the spring-forward Sunday) is taken as the
    instant after the gap, and an ambiguous one (01:30 on the fall-back Sunday) as its first
    occurrence, which is what a person reading the clock on the wall would mean.
    """
    # fold=0 (the default) gives exactly that: the pre-transition offset, which lands a gap time
    # one hour later and picks the first of two ambiguous times.
    return datetime.combine(day, wall_time, tzinfo=zone).astimezone(UTC)
