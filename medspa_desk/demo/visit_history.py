"""How each demo booking went, step by step: confirmed, called off, arrived, treated, paid.

Published policy shapes the timing: 24 hours' notice avoids the late-cancel fee, 48 hours keeps a
prepayment's credit, and the clinic confirms appointments in the last days before the visit.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import NamedTuple

from medspa_desk.demo.demo_ids import DESK_IDS, MANAGER_ID
from medspa_desk.demo.desk_hours import DeskHours
from medspa_desk.domain.appointment_status import AppointmentStatus as Status

# Bookings called off ahead of the visit: at the latest how long before it, and why.
NOTICE = {
    Status.CANCELLED: timedelta(hours=25),
    Status.RESCHEDULED: timedelta(hours=49),
    Status.CANCELLED_BY_CLINIC: timedelta(hours=2),
}
_NOTICE_REASONS = {
    Status.CANCELLED: (
        "Client called to cancel",
        "Client cancelled by email",
        "Client cancelled by text",
    ),
    Status.RESCHEDULED: ("Moved to another day at the client's request",),
    Status.CANCELLED_BY_CLINIC: (
        "Provider out sick",
        "Laser in for service",
        "Provider's schedule changed",
    ),
}

# Confirmations come in the last three days before a visit (the clinic asks "up to 24 hours in
# advance"), so bookings due soon are more often confirmed already; by days from today.
_CONFIRMED_AHEAD = {0: 0.8, 1: 0.55, 2: 0.35}
_CONFIRMED_BEFORE = timedelta(hours=2)  # a confirmation comes at least this long before the visit
# Today's clients who were due in this last stretch before the demo opens have not come in yet,
# so the desk sees a late arrival or two at once; everyone due earlier has arrived.
_NOT_ARRIVED_YET = timedelta(minutes=20)
_CONFIRMED_BY = ("Confirmed by text", "Confirmed by phone", "Confirmed by email")


class Step(NamedTuple):
    """One move in an appointment's history."""

    at: datetime
    by_staff_id: int
    to: Status
    reason: str


class VisitHistory:
    """The steps after a booking was made, up to how it ended or stands when the demo opens."""

    def __init__(
        self, rng: random.Random, hours: DeskHours, today: date, now: datetime | None
    ) -> None:
        self.rng = rng
        self.hours = hours
        self.today = today
        self.now = now
        # Nothing of `today` has happened yet when the doors open; from then on the app's clock
        # decides who is late, so no history is dated after this instant.
        self.cutoff = hours.at(today, hours.opening)

    def past_steps(
        self,
        outcome: Status,
        provider_id: int,
        created_at: datetime,
        starts_at: datetime,
        ends_at: datetime,
    ) -> list[Step]:
        last_call = starts_at - _CONFIRMED_BEFORE
        if outcome is Status.COMPLETED:
            confirmed = self._confirmation(created_at, starts_at, last_call, 0.85)
            return confirmed + self._visit(provider_id, starts_at, ends_at)
        if outcome is Status.NO_SHOW:
            confirmed = self._confirmation(created_at, starts_at, last_call, 0.6)
            given_up = starts_at + timedelta(minutes=self.rng.randint(15, 40))
            return confirmed + [Step(given_up, self._desk(), Status.NO_SHOW, "Did not arrive")]
        if outcome is Status.LATE_CANCELLED:
            called = self.hours.moment_between(
                self.rng,
                max(created_at + timedelta(minutes=5), starts_at - timedelta(hours=23, minutes=59)),
                starts_at - timedelta(minutes=30),
            )
            before_call = called - timedelta(minutes=5)
            confirmed = self._confirmation(created_at, starts_at, before_call, 0.5)
            reason = "Cancelled less than 24 hours ahead"
            return confirmed + [Step(called, self._desk(), Status.LATE_CANCELLED, reason)]
        return [self._called_off(outcome, created_at, starts_at, starts_at)]

    def visit_so_far(
        self, provider_id: int, starts_at: datetime, ends_at: datetime, after: datetime
    ) -> list[Step]:
        if self.now is None or starts_at > self.now - _NOT_ARRIVED_YET:
            return []
        visit = self._visit(provider_id, starts_at, ends_at)
        return [step for step in visit if after < step.at <= self.now]

    def future_steps(
        self, day: date, outcome: Status, created_at: datetime, starts_at: datetime
    ) -> list[Step]:
        if outcome is Status.CANCELLED:
            return [self._called_off(outcome, created_at, starts_at, self.cutoff)]
        chance = _CONFIRMED_AHEAD.get((day - self.today).days, 0.0)
        latest = min(starts_at - _CONFIRMED_BEFORE, self.cutoff)
        return self._confirmation(created_at, starts_at, latest, chance)

    def _visit(self, provider_id: int, starts_at: datetime, ends_at: datetime) -> list[Step]:
        """Check-in, treatment and checkout of a client who came."""
        if self.rng.random() < 0.1:
            arrived = starts_at + timedelta(minutes=self.rng.randint(1, 12))
        else:
            arrived = starts_at - timedelta(minutes=self.rng.randint(0, 15))
        taken_back = max(arrived, starts_at) + timedelta(minutes=self.rng.randint(0, 6))
        # A late client's treatment is cut short rather than run into the next booking.
        finished = max(ends_at, taken_back + timedelta(minutes=10))
        paid = finished + timedelta(minutes=self.rng.randint(2, 12))
        return [
            Step(arrived, self._desk(), Status.CHECKED_IN, ""),
            Step(taken_back, provider_id, Status.IN_SERVICE, ""),
            Step(paid, self._desk(), Status.COMPLETED, ""),
        ]

    def _called_off(
        self, outcome: Status, created_at: datetime, starts_at: datetime, not_after: datetime
    ) -> Step:
        """A cancellation or reschedule with notice (the booking's lead leaves room for it)."""
        latest = min(starts_at - NOTICE[outcome], not_after)
        called = self.hours.moment_between(self.rng, created_at + timedelta(hours=1), latest)
        by = MANAGER_ID if outcome is Status.CANCELLED_BY_CLINIC else self._desk()
        return Step(called, by, outcome, self.rng.choice(_NOTICE_REASONS[outcome]))

    def _confirmation(
        self, created_at: datetime, starts_at: datetime, latest: datetime, chance: float
    ) -> list[Step]:
        """The client confirming in the last three days before the visit, or nothing."""
        earliest = max(created_at + timedelta(minutes=5), starts_at - timedelta(days=3))
        if earliest >= latest or self.rng.random() >= chance:
            return []
        confirmed = self.hours.moment_between(self.rng, earliest, latest)
        return [Step(confirmed, self._desk(), Status.CONFIRMED, self.rng.choice(_CONFIRMED_BY))]

    def _desk(self) -> int:
        return self.rng.choice(DESK_IDS)
