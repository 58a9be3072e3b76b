"""Which backups to keep: the last few, then the newest of each recent day, week and month
(grandfather-father-son).

With the defaults (14 daily, 8 weekly, 12 monthly) a clinic can go back to any of the last two
weeks, roughly any week of the last two months and any month of the last year, in about 30 files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo


def backups_to_keep(
    taken: Iterable[datetime],
    zone: ZoneInfo,
    *,
    recent: int = 1,
    daily: int,
    weekly: int,
    monthly: int,
) -> set[datetime]:
    """The instants (of those in `taken`) whose backups stay; the rest may be deleted.

    Periods are counted back from the newest backup, not from the clock, so a desk that was
    switched off for a month does not wake up and delete everything it has.
    """
    newest_first = sorted(taken, reverse=True)
    if not newest_first:
        return set()
    keep = set(
        newest_first[: max(recent, 1)]
    )  # today's last few, to undo a mistake of this afternoon
    for period_of, how_many in ((_day, daily), (_week, weekly), (_month, monthly)):
        keep |= _newest_per_period(newest_first, zone, period_of, how_many)
    return keep


def _newest_per_period(
    newest_first: list[datetime], zone: ZoneInfo, period_of: Callable[[date], object], how_many: int
) -> set[datetime]:
    kept: dict[object, datetime] = {}
    for instant in newest_first:
        period = period_of(instant.astimezone(zone).date())
        if period not in kept:
            if len(kept) == how_many:
                break
            kept[period] = instant
    return set(kept.values())


def _day(day: date) -> object:
    return day


def _week(day: date) -> object:
    return day.isocalendar()[:2]


def _month(day: date) -> object:
    return (day.year, day.month)
