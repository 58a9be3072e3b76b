"""The waiting list: who would take a slot that frees, and who is offered it first.

The Cancelation Policy: "we have a significant waiting list. Last-minute cancellations do not
allow us time to fill those gaps." A client waits for a service, perhaps with chosen providers,
weekdays and hours of the day; when a provider's time frees, the wishes it can satisfy are
offered to the desk, best first.

Where the clinic says nothing, these rules decide:
- A wish fits a freed slot when the service, started at the slot's start (or at the start of the
  client's window, if later), ends within both the slot and that window, on a weekday the client
  named, with a provider they named (none named: anyone who gives the service).
- Hours are wall-clock times on the slot's own local day, placed in the clinic's zone, so a
  window keeps its meaning across a DST change.
- Best first: a client who named this provider before one who takes anyone (they asked for
  them); then the wish that fills more of the freed time (less of it left empty); then whoever
  has waited longest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from medspa_desk.domain.clinic_time import at_local, local_date


class OfferOutcome(StrEnum):
    """What came of calling a waiting client about a freed slot (a yes is the booking)."""

    NO_ANSWER = "no_answer"
    LEFT_MESSAGE = "left_message"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return _OFFER_LABELS[self]


_OFFER_LABELS = {
    OfferOutcome.NO_ANSWER: "No answer",
    OfferOutcome.LEFT_MESSAGE: "Left a message",
    OfferOutcome.DECLINED: "Declined",
}


@dataclass(frozen=True)
class HoursOfDay:
    """From `starts` to `ends`, wall-clock, on any day the client named."""

    starts: time
    ends: time

    def __post_init__(self) -> None:
        if self.ends <= self.starts:
            raise ValueError("a window of hours must end after it starts")


@dataclass(frozen=True)
class WaitingWish:
    entry_id: int
    client_id: int
    service_id: int
    minutes: int  # the service's length
    added_at: datetime
    provider_ids: frozenset[int] = field(default_factory=frozenset)  # none: anyone
    weekdays: frozenset[int] = field(default_factory=frozenset)  # 0 Monday; none: any day
    hours: tuple[HoursOfDay, ...] = ()  # none: any time the slot offers


@dataclass(frozen=True)
class FreedSlot:
    provider_id: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class WaitingMatch:
    wish: WaitingWish
    starts_at: datetime  # where the booking would start, UTC
    named_provider: bool


def fitting_start(wish: WaitingWish, slot: FreedSlot, zone: ZoneInfo) -> datetime | None:
    """Where the wish's service would start in the freed slot, or None when it does not fit."""
    if wish.provider_ids and slot.provider_id not in wish.provider_ids:
        return None
    starts, ends = _utc(slot.starts_at), _utc(slot.ends_at)
    day = local_date(starts, zone)
    if wish.weekdays and day.weekday() not in wish.weekdays:
        return None
    length = timedelta(minutes=wish.minutes)
    if not wish.hours:
        return starts if starts + length <= ends else None
    for hours in sorted(wish.hours, key=lambda window: window.starts):
        begin = max(starts, at_local(day, hours.starts, zone))
        finish = min(ends, at_local(day, hours.ends, zone))
        if begin + length <= finish:
            return begin
    return None


def best_matches(
    wishes: Iterable[WaitingWish],
    slot: FreedSlot,
    zone: ZoneInfo,
    gives_service: Callable[[int, int], bool],
) -> list[WaitingMatch]:
    """The wishes the freed slot can satisfy, best first. `gives_service(provider_id,
    service_id)`: whether the slot's provider gives that service."""
    matches = []
    for wish in wishes:
        if not gives_service(slot.provider_id, wish.service_id):
            continue
        start = fitting_start(wish, slot, zone)
        if start is not None:
            matches.append(WaitingMatch(wish, start, slot.provider_id in wish.provider_ids))
    return sorted(
        matches,
        key=lambda match: (
            not match.named_provider,
            -match.wish.minutes,
            _utc(match.wish.added_at),
        ),
    )


def _utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("the waiting list's rules need timezone-aware instants")
    return instant.astimezone(UTC)
