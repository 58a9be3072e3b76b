"""The next times a booking could start: on the calendar's marks, inside the provider's bookable
time, clear of the provider's bookings (each with its service's cleanup after it, and this one's
cleanup after it) and of the client's own. What the move dialog offers a late client instead of
the slot that has already passed.

Pure: the service reads the bookable time and the bookings (services.booking.free_times).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from medspa_desk.domain.availability import Span
from medspa_desk.domain.clinic_time import next_slot_start


def free_starts(
    bookable: Sequence[Span],
    provider_busy: Sequence[Span],
    client_busy: Sequence[Span],
    *,
    length: timedelta,
    cleanup: timedelta,
    after: datetime,
    zone: ZoneInfo,
    slot_minutes: int,
    limit: int,
) -> list[datetime]:
    """Up to `limit` starts at or after `after`, earliest first. `provider_busy` spans already
    include their cleanup; a start is free when [start, start + length) lies in a bookable span,
    [start, start + length + cleanup) meets none of the provider's, and [start, start + length)
    none of the client's. Intervals are half-open: a booking ending at 10:30 leaves 10:30 free."""
    found: list[datetime] = []
    for opens, closes in sorted(bookable):
        start = next_slot_start(max(opens, after), zone, slot_minutes)
        while start + length <= closes and len(found) < limit:
            ends = start + length
            taken = _meets(provider_busy, start, ends + cleanup) or _meets(client_busy, start, ends)
            if not taken:
                found.append(start)
            start = next_slot_start(start + timedelta(seconds=1), zone, slot_minutes)
    return found


def _meets(spans: Sequence[Span], starts: datetime, ends: datetime) -> bool:
    return any(busy_starts < ends and starts < busy_ends for busy_starts, busy_ends in spans)
