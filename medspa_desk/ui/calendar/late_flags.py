"""Today's late arrivals: which bookings are due and not here, flagged the moment they become late,
and which have run out their time without the client (no longer "late": did not arrive, so the
desk is asked about a no-show; the status bar does not read "43 late" at closing).

The rule is domain.late_arrival's (start + grace, strictly); this module only watches the clock.
A single-shot timer is set for the next instant a booking becomes late (late_flag_due_at) or ends
without its client (booking_is_over), and on
firing asks is_late again with the desk clock's now: a timer may fire a few milliseconds early, or,
with a clock that a test or a training session moves by hand, long before the clock gets there;
then it is simply set again. The window's 30-second tick calls `recheck` too, which keeps the
minutes current and catches a timer that fired late (a laptop waking from sleep).

Only today counts: a past day's unarrived booking is whatever status it was left in, not "late".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.late_arrival import (
    booking_is_over,
    is_late,
    late_flag_due_at,
    late_minutes,
)
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.booking.day_schedule import BookedSlot, day_schedule

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


@dataclass(frozen=True)
class ArrivalFlags:
    """What the calendar flags on today's awaited bookings."""

    late: Mapping[int, int] = field(default_factory=dict)  # id: minutes late, still under way
    not_arrived: frozenset[int] = frozenset()  # their end has passed, the client never came

    def status_text(self) -> str:
        """'2 late · 5 did not arrive', or 'No one late'."""
        said = [f"{len(self.late)} late"] if self.late else []
        if self.not_arrived:
            said.append(f"{len(self.not_arrived)} did not arrive")
        return " · ".join(said) or "No one late"


def arrival_flags(slots: list[BookedSlot], now: datetime, settings: ClinicSettings) -> ArrivalFlags:
    awaited = [slot for slot in slots if slot.status.awaiting_arrival]
    over = frozenset(s.appointment_id for s in awaited if booking_is_over(s.ends_at, now))
    return ArrivalFlags(
        late={
            slot.appointment_id: late_minutes(slot.starts_at, now)
            for slot in awaited
            if slot.appointment_id not in over and is_late(slot.starts_at, now, settings)
        },
        not_arrived=over,
    )


def next_flag_due(
    slots: list[BookedSlot], now: datetime, settings: ClinicSettings
) -> datetime | None:
    """The next instant after `now` at which one of these awaited bookings becomes late, or
    runs out its time without the client."""
    upcoming = [
        late_flag_due_at(slot.starts_at, settings)
        if not is_late(slot.starts_at, now, settings)
        else slot.ends_at
        for slot in slots
        if slot.status.awaiting_arrival and not booking_is_over(slot.ends_at, now)
    ]
    return min(upcoming, default=None)


class LateArrivals(QObject):
    """Keeps `flags` right for today's bookings and says when they change."""

    changed = Signal()

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._day: date | None = None
        self._awaited: list[BookedSlot] = []
        self.flags = ArrivalFlags()
        self.timer = QTimer(self)
        self.timer.setObjectName("late_flag_timer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.recheck)

    def watch(self, day: date, slots: list[BookedSlot]) -> None:
        """Watch these bookings, read for `day`; only today's are ever flagged."""
        self._day = day
        self._awaited = [slot for slot in slots if slot.status.awaiting_arrival]
        self.recheck()

    def reload(self) -> None:
        """Read today's bookings again: after a change at the desk, or when the day rolls over."""
        today = self._today()
        self.watch(today, day_schedule(self._desk.db, today, self._desk.settings).appointments)

    def recheck(self) -> None:
        now = self._desk.clock.now()
        if self._day != local_date(now, self._desk.settings.zone):
            self.reload()  # comes back here with today's bookings
            return
        flags = arrival_flags(self._awaited, now, self._desk.settings)
        self._arm(now)
        if flags != self.flags:
            self.flags = flags
            self.changed.emit()

    def _arm(self, now: datetime) -> None:
        due = next_flag_due(self._awaited, now, self._desk.settings)
        if due is None:
            self.timer.stop()
            return
        # Rounded up to whole milliseconds, so the timer never aims before the instant.
        self.timer.start(max(1, math.ceil((due - now).total_seconds() * 1000)))

    def _today(self) -> date:
        return local_date(self._desk.clock.now(), self._desk.settings.zone)
