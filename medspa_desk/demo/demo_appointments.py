"""The demo's appointment book: every provider's open days laid out, and each booking's history.

Rows go in with bulk Core inserts, a month of appointments at a time; the past visits that were
paid for are handed to the till (demo/demo_sales.py), which checks them out as the desk would.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import count

from sqlalchemy import insert
from sqlalchemy.orm import Session

from medspa_desk.demo import client_pool
from medspa_desk.demo import clinic_catalog as catalog
from medspa_desk.demo.clinic_calendar import vacation
from medspa_desk.demo.demo_clients import STRIKE_CLIENTS
from medspa_desk.demo.demo_ids import DESK_IDS, PROVIDER_IDS, SERVICE_IDS
from medspa_desk.demo.demo_sales import DemoTill
from medspa_desk.demo.desk_hours import DeskHours, is_open, minute_of_day, open_day_on_or_before
from medspa_desk.demo.visit_history import NOTICE, Step, VisitHistory
from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.policy_text import POLICY_VERSION
from medspa_desk.storage.models import Appointment, AppointmentStatusChange

# Days between making a booking and the visit: 1 + an exponential draw (mean 11, cut at 60),
# + 3 when the client will call it off with notice, + 1 when that would be a Sunday.
_MEAN_LEAD_DAYS = 11
_MAX_EXTRA_LEAD_DAYS = 60
_NOTICE_LEAD_DAYS = 3
_LONGEST_LEAD_DAYS = 1 + _MAX_EXTRA_LEAD_DAYS + _NOTICE_LEAD_DAYS + 1
_NEWCOMER_WINDOW = timedelta(days=45)  # a new client usually books within weeks of registering

# How past bookings ended, in percent.
_PAST_OUTCOME_PERCENT = {
    Status.COMPLETED: 82,
    Status.NO_SHOW: 4,
    Status.LATE_CANCELLED: 5,
    Status.CANCELLED: 6,
    Status.CANCELLED_BY_CLINIC: 1,
    Status.RESCHEDULED: 2,
}
_PAST_OUTCOMES = tuple(_PAST_OUTCOME_PERCENT)
_PAST_WEIGHTS = tuple(_PAST_OUTCOME_PERCENT.values())
_STRIKES = (Status.NO_SHOW, Status.LATE_CANCELLED)
_FUTURE_CANCEL_CHANCE = 0.03


@dataclass(frozen=True)
class _Provider:
    staff_id: int
    profile: catalog.ProviderProfile
    services: tuple[catalog.MenuItem, ...]
    cum_weights: tuple[int, ...]  # of the services' popularity, for rng.choices


def _providers() -> list[_Provider]:
    providers = []
    for staff_id, profile in zip(PROVIDER_IDS, catalog.PROVIDERS):
        services = tuple(item for item in catalog.MENU if item.category in profile.categories)
        running, cum_weights = 0, []
        for item in services:
            running += item.popularity
            cum_weights.append(running)
        providers.append(_Provider(staff_id, profile, services, tuple(cum_weights)))
    return providers


# Client id -> the (start, end) minutes they are booked on the day being filled.
_BookedToday = dict[int, list[tuple[int, int]]]


class AppointmentBook:
    """Lays out every provider's open days and records the bookings with their history."""

    def __init__(
        self,
        rng: random.Random,
        hours: DeskHours,
        today: date,
        days: list[date],
        clients: list[dict],
        history: VisitHistory,
        till: DemoTill,
    ) -> None:
        self.rng = rng
        self.hours = hours
        self.today = today
        self.days = days
        self.history = history
        self.till = till
        self.slot = hours.settings.slot_minutes
        self.providers = _providers()
        self.vacation = vacation(today)
        self.client_since = [row["created_at"] for row in clients]  # client id = index + 1
        self.unreliable, self.strike_plan = self._plan_strikes(clients)
        self.appointment_ids = count(1)
        self.appointments: list[dict] = []
        self.changes: list[dict] = []

    def write(self, session: Session, report: Callable[[str, int, int], None]) -> None:
        months: dict[tuple[int, int], list[date]] = {}
        for day in self.days:
            months.setdefault((day.year, day.month), []).append(day)
        for done, month in enumerate(months.values(), 1):
            for day in month:
                if is_open(day):
                    self._fill_day(day)
            self._flush(session)
            report("appointments", done, len(months))

    def _plan_strikes(self, clients: list[dict]) -> tuple[frozenset[int], dict[date, list[int]]]:
        """The clients who no-show or cancel late 2 to 4 times, and the days they do it."""
        # Clients on the books before the first demo booking was made, so any day can be theirs.
        earliest_booking = self.hours.at(self.days[0] - timedelta(days=_LONGEST_LEAD_DAYS), 0)
        candidates = [
            row["id"]
            for row in clients
            if row["created_at"] < earliest_booking
            and (row["first_name"], row["last_name"]) not in client_pool.FEATURED_CLIENTS
        ]
        unreliable = self.rng.sample(candidates, STRIKE_CLIENTS)
        past_open_days = [day for day in self.days if day < self.today and is_open(day)]
        plan: dict[date, list[int]] = {}
        for client_id in unreliable:
            strikes = min(self.rng.randint(2, 4), len(past_open_days))
            for day in self.rng.sample(past_open_days, strikes):
                plan.setdefault(day, []).append(client_id)
        return frozenset(unreliable), plan

    def _fill_day(self, day: date) -> None:
        booked: _BookedToday = {}
        planned = list(self.strike_plan.get(day, ()))
        for provider in self.providers:
            if day.weekday() not in provider.profile.weekdays or self._away(provider, day):
                continue
            for start, service in self._lay_out(provider, self._occupancy(day)):
                end = start + service.duration_minutes
                if planned and _is_free(booked, planned[-1], start, end):
                    client_id, outcome = planned.pop(), self.rng.choice(_STRIKES)
                else:
                    client_id, outcome = None, self._outcome(day)
                created_at = self._booking_moment(day, outcome)
                if client_id is None:
                    client_id = self._choose_client(created_at, outcome, booked, start, end)
                if client_id is None:
                    continue  # nobody free for it: the slot stays open
                booked.setdefault(client_id, []).append((start, end))
                self._record(day, provider.staff_id, service, start, client_id, outcome, created_at)

    def _away(self, provider: _Provider, day: date) -> bool:
        staff_id, first, last = self.vacation
        return provider.staff_id == staff_id and first <= day <= last

    def _occupancy(self, day: date) -> float:
        """The share of a provider's day that is booked: full around today, thinner ahead."""
        ahead = (day - self.today).days
        if ahead < 0:
            return self.rng.uniform(0.65, 0.85)  # before about one booking in five fell through
        if ahead == 0:
            return self.rng.uniform(0.75, 0.9)  # the demo opens on a busy day
        if ahead <= 7:
            return self.rng.uniform(0.6, 0.8)
        # People book ahead less: about 70% a week out, about 25% eight weeks out.
        farness = min((ahead - 7) / 49, 1.0)
        return 0.7 - 0.45 * farness + self.rng.uniform(-0.05, 0.05)

    def _lay_out(self, provider: _Provider, occupancy: float) -> list[tuple[int, catalog.MenuItem]]:
        """(start minute, service) for one provider's day, in order and never overlapping, each
        inside one of the provider's shifts."""
        return [
            booking
            for starts, ends in provider.profile.shifts
            for booking in self._lay_out_shift(provider, occupancy, starts, ends)
        ]

    def _lay_out_shift(
        self, provider: _Provider, occupancy: float, starts: time, ends: time
    ) -> list[tuple[int, catalog.MenuItem]]:
        first = minute_of_day(starts)
        slots = (minute_of_day(ends) - first) // self.slot
        wanted = round(slots * occupancy)
        chosen, used, misses = [], 0, 0
        while misses < 5:
            service = self.rng.choices(provider.services, cum_weights=provider.cum_weights)[0]
            needed = service.duration_minutes // self.slot  # the menu's durations are whole slots
            if used + needed <= wanted:
                chosen.append(service)
                used += needed
            else:
                misses += 1
        laid_out, minute = [], first
        for gap, service in zip(self._spread_free_slots(slots - used, len(chosen) + 1), chosen):
            minute += gap * self.slot
            laid_out.append((minute, service))
            minute += service.duration_minutes
        return laid_out

    def _spread_free_slots(self, free: int, gaps: int) -> list[int]:
        # In pieces of up to an hour: a real day has a few holes, not a sprinkle of single slots.
        sizes = [0] * gaps
        while free > 0:
            piece = min(free, self.rng.choice((1, 2, 2, 4)))
            sizes[self.rng.randrange(gaps)] += piece
            free -= piece
        return sizes

    def _outcome(self, day: date) -> Status:
        """How a booking on `day` ends up (BOOKED: it is still ahead, confirmed or not)."""
        if day < self.today:
            return self.rng.choices(_PAST_OUTCOMES, weights=_PAST_WEIGHTS)[0]
        if day > self.today and self.rng.random() < _FUTURE_CANCEL_CHANCE:
            return Status.CANCELLED
        return Status.BOOKED

    def _booking_moment(self, day: date, outcome: Status) -> datetime:
        lead = 1 + min(int(self.rng.expovariate(1 / _MEAN_LEAD_DAYS)), _MAX_EXTRA_LEAD_DAYS)
        if outcome in NOTICE:
            lead += _NOTICE_LEAD_DAYS
        # What is still ahead was booked before today.
        booked_on = min(day, self.today) - timedelta(days=lead)
        return self.hours.moment_on(self.rng, open_day_on_or_before(booked_on))

    def _choose_client(
        self, created_at: datetime, outcome: Status, booked: _BookedToday, start: int, end: int
    ) -> int | None:
        """A client on the books when the booking was made, and free at that time of the day."""
        known = bisect_left(self.client_since, created_at)
        recent = bisect_left(self.client_since, created_at - _NEWCOMER_WINDOW)
        for _attempt in range(20):
            if recent < known and self.rng.random() < 0.3:
                client_id = 1 + self.rng.randrange(recent, known)
            else:
                client_id = 1 + self.rng.randrange(known)
            if outcome in _STRIKES and client_id in self.unreliable:
                continue  # their strikes are all planned, so that each has 2 to 4
            if _is_free(booked, client_id, start, end):
                return client_id
        return None

    def _record(
        self,
        day: date,
        provider_id: int,
        service: catalog.MenuItem,
        start: int,
        client_id: int,
        outcome: Status,
        created_at: datetime,
    ) -> None:
        starts_at = self.hours.at(day, start)
        ends_at = starts_at + timedelta(minutes=service.duration_minutes)
        created_by = self.rng.choice(DESK_IDS)
        steps = [Step(created_at, created_by, Status.BOOKED, "")]
        if day < self.today:
            steps += self.history.past_steps(outcome, provider_id, created_at, starts_at, ends_at)
        else:
            steps += self.history.future_steps(day, outcome, created_at, starts_at)
            if day == self.today and outcome is not Status.CANCELLED:
                after = steps[-1].at
                steps += self.history.visit_so_far(provider_id, starts_at, ends_at, after=after)
        appointment_id = next(self.appointment_ids)
        if day < self.today and steps[-1].to is Status.COMPLETED and service.price_cents:
            # Paid at checkout: the till writes the sale and the step to completed, as at the desk.
            checkout = steps.pop()
            self.till.ring_up(appointment_id, client_id, provider_id, service, checkout)
        self.appointments.append(
            {
                "id": appointment_id,
                "client_id": client_id,
                "provider_id": provider_id,
                "service_id": SERVICE_IDS[service.name],
                "starts_at": starts_at,
                "ends_at": ends_at,
                "status": steps[-1].to.value,
                "price_cents": service.price_cents,
                "policy_version": POLICY_VERSION,
                "notes": "",
                "created_at": created_at,
                "created_by_id": created_by,
            }
        )
        previous = None
        for step in steps:
            self.changes.append(
                {
                    "appointment_id": appointment_id,
                    "at": step.at,
                    "by_staff_id": step.by_staff_id,
                    "from_status": previous,
                    "to_status": step.to.value,
                    "reason": step.reason,
                }
            )
            previous = step.to.value

    def _flush(self, session: Session) -> None:
        if self.appointments:
            # Appointments first: their history rows and sales refer to them. Core inserts, one
            # executemany each: the ORM's bulk insert looks at every row first, and there are
            # half a million history rows in ten years.
            books = session.connection()
            books.execute(insert(Appointment), self.appointments)
            books.execute(insert(AppointmentStatusChange), self.changes)
        self.till.flush(session)
        self.appointments, self.changes = [], []


def _is_free(booked: _BookedToday, client_id: int, start: int, end: int) -> bool:
    return all(end <= since or start >= until for since, until in booked.get(client_id, ()))
