"""The demo clinic: months of a busy 406MedicalSpa, made up but believable, the same every time.

A newcomer who opens the app with --demo gets this, and the benchmarks build ten years of it.
Every random choice comes from one random.Random(seed) and every instant from `today`, so the
same seed and the same day give the same rows. Rows go in with bulk Core inserts, a month of
appointments at a time, all inside one transaction: a build is either all there or not at all.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import count
from typing import NamedTuple

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from medspa_desk.demo import catalog
from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.policy_text import POLICY_VERSION, PUBLISHED_POLICIES
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import (
    Appointment,
    AppointmentStatusChange,
    Client,
    ClinicSetting,
    Counter,
    PolicyText,
    Product,
    Service,
    Staff,
    service_provider,
)
from medspa_desk.storage.till_models import Sale, SaleLine, SaleTender, SaleTip

DEMO_SEED = 406
ANCHOR_KEY = "demo_anchor_date"

Progress = Callable[[str, int, int], None]

_STRIKE_CLIENTS = 10  # clients with 2 to 4 no-shows or late cancels, for the strike rule
_NEWCOMER_SHARE = 0.5  # clients who register during the demo period rather than before it
_CLIENT_ROWS_PER_INSERT = 2000

# Days between making a booking and the visit: 1 + an exponential draw (mean 11, cut at 60),
# + 3 when the client will call it off with notice, + 1 when that would be a Sunday.
_MEAN_LEAD_DAYS = 11
_MAX_EXTRA_LEAD_DAYS = 60
_NOTICE_LEAD_DAYS = 3
_LONGEST_LEAD_DAYS = 1 + _MAX_EXTRA_LEAD_DAYS + _NOTICE_LEAD_DAYS + 1
# Regulars joined this long before the period starts: before any demo booking was made.
_REGULARS_JOINED_BEFORE = timedelta(days=90)
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

# Bookings called off ahead of the visit: at the latest how long before it, and why. Published
# policy: 24 hours' notice avoids the late-cancel fee, 48 hours keeps a prepayment's credit.
_NOTICE = {
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


@dataclass(frozen=True)
class DemoSize:
    """How much clinic to make up: the default is what a newcomer's --demo start builds."""

    clients: int = 2000
    past_days: int = 183  # about six months of past visits
    future_days: int = 56  # eight weeks of future bookings


def build_demo_clinic(
    db: Database,
    today: date,
    size: DemoSize = DemoSize(),
    *,
    seed: int = DEMO_SEED,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> None:
    """Fill an empty, migrated database with the demo clinic anchored on `today` (a local clinic date).

    With `now` (an instant on `today`), today's visits that began before it have happened as far
    as they have got by then (checked in, in service, completed), except for the last few minutes'
    arrivals, who are still to come; without it, today is as it stood when the doors opened.

    Raises ValueError, and writes nothing, if the database already has staff, clients or bookings
    or if `size` is too small to hold the demo's featured and strike clients.
    """
    fewest_clients = len(catalog.FEATURED_CLIENTS) + _STRIKE_CLIENTS
    if size.clients < fewest_clients:
        raise ValueError(f"a demo clinic needs at least {fewest_clients} clients")
    if size.past_days < 0 or size.future_days < 0:
        raise ValueError("past_days and future_days cannot be negative")
    report = progress or _say_nothing
    rng = random.Random(seed)
    hours = _DeskHours(ClinicSettings())
    with db.writing() as session:
        _refuse_unless_empty(session)
        _write_clinic(session, today)
        # Every demo booking was made under today's published text (the only one there is).
        first_booking = at_local(today - timedelta(days=size.past_days + 60), time(0), hours.zone)
        session.execute(
            insert(PolicyText),
            [
                {
                    "version": POLICY_VERSION,
                    "text": PUBLISHED_POLICIES,
                    "first_used_at": first_booking,
                }
            ],
        )
        report("clinic", 1, 1)
        clients = _invent_clients(rng, size, today, hours)
        _write_clients(session, clients, report)
        _AppointmentBook(rng, hours, today, size, clients, now).write(session, report)


def demo_anchor_date(db: Database) -> date | None:
    """The `today` the demo in this database was built for, or None if it is not a demo."""
    with db.reading() as session:
        text = session.scalar(select(ClinicSetting.value).where(ClinicSetting.key == ANCHOR_KEY))
    return None if text is None else date.fromisoformat(text)


def _say_nothing(stage: str, done: int, total: int) -> None:
    pass


def _refuse_unless_empty(session: Session) -> None:
    for model in (Staff, Service, Product, Client, Appointment):
        if session.scalar(select(model.id).limit(1)) is not None:
            raise ValueError(
                f"the database already has rows in {model.__tablename__}: "
                "a demo clinic is only built into an empty database"
            )


# --- The clinic itself: settings, staff, service menu, retail shelf ------------------------------


# Staff ids: providers first in calendar order, then the front desk.
_PROVIDER_IDS = tuple(range(1, len(catalog.PROVIDERS) + 1))
_DESK_IDS = tuple(range(len(_PROVIDER_IDS) + 1, len(_PROVIDER_IDS) + len(catalog.FRONT_DESK) + 1))
_MANAGER_ID = next(
    staff_id for staff_id, desk in zip(_DESK_IDS, catalog.FRONT_DESK) if desk.is_manager
)
_SERVICE_IDS = {item.name: service_id for service_id, item in enumerate(catalog.MENU, 1)}


def _write_clinic(session: Session, today: date) -> None:
    # The clinic's name, address and hours are ClinicSettings' defaults: nothing else to store.
    session.execute(insert(ClinicSetting), [{"key": ANCHOR_KEY, "value": today.isoformat()}])
    session.execute(insert(Staff), _staff_rows())
    session.execute(insert(Service), _service_rows())
    session.execute(insert(service_provider), _service_provider_rows())
    session.execute(insert(Product), _product_rows())


def _staff_rows() -> list[dict]:
    providers = [
        _staff_row(staff_id, who.display_name, who.role, colour=who.colour, is_provider=True)
        for staff_id, who in zip(_PROVIDER_IDS, catalog.PROVIDERS)
    ]
    desk = [
        _staff_row(
            staff_id,
            who.display_name,
            who.role,
            colour=catalog.DESK_COLOUR,
            is_manager=who.is_manager,
        )
        for staff_id, who in zip(_DESK_IDS, catalog.FRONT_DESK)
    ]
    return providers + desk


def _staff_row(
    staff_id: int,
    name: str,
    role: str,
    *,
    colour: str,
    is_provider: bool = False,
    is_manager: bool = False,
) -> dict:
    return {
        "id": staff_id,
        "display_name": name,
        "role": role,
        "is_provider": is_provider,
        "is_manager": is_manager,
        "active": True,
        "calendar_order": staff_id,
        "colour": colour,
    }


def _service_rows() -> list[dict]:
    return [
        {
            "id": _SERVICE_IDS[item.name],
            "name": item.name,
            "category": item.category,
            "duration_minutes": item.duration_minutes,
            "price_cents": item.price_cents,
            "active": True,
        }
        for item in catalog.MENU
    ]


def _service_provider_rows() -> list[dict]:
    return [
        {"service_id": _SERVICE_IDS[item.name], "staff_id": staff_id}
        for item in catalog.MENU
        for staff_id, profile in zip(_PROVIDER_IDS, catalog.PROVIDERS)
        if item.category in profile.categories
    ]


def _product_rows() -> list[dict]:
    return [
        {
            "id": product_id,
            "sku": item.sku,
            "name": item.name,
            "brand": item.brand,
            "price_cents": item.price_cents,
            "stock_quantity": item.stock_quantity,
            "active": True,
        }
        for product_id, item in enumerate(catalog.SHELF, 1)
    ]


# --- When the desk is there to record things -----------------------------------------------------


def _is_open(day: date) -> bool:
    return day.weekday() != 6  # open Monday to Saturday, closed on Sunday


def _open_day_on_or_before(day: date) -> date:
    return day if _is_open(day) else day - timedelta(days=1)


def _minute_of_day(wall_time: time) -> int:
    return wall_time.hour * 60 + wall_time.minute


class _DeskHours:
    """Instants on the clinic's wall clock, and moments when the front desk was there to act."""

    def __init__(self, settings: ClinicSettings) -> None:
        self.settings = settings
        self.zone = settings.zone
        self.opening = _minute_of_day(settings.opening_time)
        self.closing = _minute_of_day(settings.closing_time)

    def at(self, day: date, minute: int) -> datetime:
        """The UTC instant of a minute of a clinic day, right on the DST days too."""
        return at_local(day, time(minute // 60, minute % 60), self.zone)

    def moment_on(self, rng: random.Random, day: date) -> datetime:
        """A whole minute of `day` while the desk is open (and not in its last quarter hour)."""
        return self.at(day, rng.randrange(self.opening, self.closing - 15))

    def moment_between(self, rng: random.Random, earliest: datetime, latest: datetime) -> datetime:
        """A whole minute from `earliest` to `latest`, in desk hours if the two leave any."""
        windows = []
        day = local_date(earliest, self.zone)
        while day <= local_date(latest, self.zone):
            if _is_open(day):
                start = max(earliest, self.at(day, self.opening))
                end = min(latest, self.at(day, self.closing))
                if start <= end:
                    windows.append((start, end))
            day += timedelta(days=1)
        if not windows:
            # Nobody at the desk all that time: a voicemail or an email, recorded as it came in.
            windows = [(earliest, latest)]
        # Every whole minute in every window, both ends included, is equally likely.
        choices = [int((end - start).total_seconds()) // 60 + 1 for start, end in windows]
        pick = rng.randrange(sum(choices))
        for (start, _end), minutes in zip(windows, choices):
            if pick < minutes:
                return start + timedelta(minutes=pick)
            pick -= minutes
        raise AssertionError("unreachable: the pick is less than the sum of the choices")


# --- Clients ------------------------------------------------------------------------------------


def _invent_clients(
    rng: random.Random, size: DemoSize, today: date, hours: _DeskHours
) -> list[dict]:
    """Client rows, with ids in the order the desk added them.

    Half were on the books before the demo period starts (the featured clients among them); the
    others register during it, so new faces keep turning up on the calendar.
    """
    period_start = today - timedelta(days=size.past_days)
    regulars_until = period_start - _REGULARS_JOINED_BEFORE
    regulars = max(
        round(size.clients * (1 - _NEWCOMER_SHARE)), len(catalog.FEATURED_CLIENTS) + _STRIKE_CLIENTS
    )
    names = list(catalog.FEATURED_CLIENTS)
    names += [_random_name(rng) for _ in range(size.clients - len(names))]
    contacts = _ContactBook(rng)
    clients = []
    for index, (first, last) in enumerate(names):
        if index < regulars:
            joined = _random_day(rng, regulars_until - timedelta(days=3 * 365), regulars_until)
        else:
            joined = _random_day(rng, period_start - timedelta(days=60), today - timedelta(days=1))
        created_at = hours.moment_on(rng, _open_day_on_or_before(joined))
        clients.append(_client_row(rng, first, last, contacts, today, created_at))
    clients.sort(key=lambda row: row["created_at"])
    for client_id, row in enumerate(clients, 1):
        row["id"] = client_id
    return clients


def _random_name(rng: random.Random) -> tuple[str, str]:
    # The featured clients are one of a kind, so that searching for one finds one row.
    while True:
        name = (rng.choice(catalog.FIRST_NAMES), rng.choice(catalog.LAST_NAMES))
        if name not in catalog.FEATURED_CLIENTS:
            return name


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _client_row(
    rng: random.Random,
    first: str,
    last: str,
    contacts: _ContactBook,
    today: date,
    created_at: datetime,
) -> dict:
    has_phone = rng.random() >= 0.06
    has_email = rng.random() >= 0.12 or not has_phone  # everyone can be reached somehow
    age_in_days = rng.randint(19 * 365, 75 * 365) if rng.random() < 0.6 else None
    has_note = rng.random() < 0.07
    return {
        "first_name": first,
        "last_name": last,
        "search_name": fold_for_search(f"{first} {last}"),
        "phone_e164": contacts.phone() if has_phone else None,
        "email": contacts.email(first, last) if has_email else None,
        "birthday": None if age_in_days is None else today - timedelta(days=age_in_days),
        "notes": rng.choice(catalog.CLIENT_NOTES) if has_note else "",
        "created_at": created_at,
    }


class _ContactBook:
    """Phone numbers in the fictional 555 exchange, addresses at the example.* domains."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._unused_lines: dict[str, list[int]] = {}
        self._emails: set[str] = set()

    def phone(self) -> str:
        area = self._rng.choice(catalog.AREA_CODES)
        lines = self._unused_lines.get(area)
        if not lines:
            # An exchange has 10,000 lines; a very large demo starts over, as households share.
            lines = list(range(10_000))
            self._rng.shuffle(lines)
            self._unused_lines[area] = lines
        return f"+1{area}555{lines.pop():04d}"

    def email(self, first: str, last: str) -> str:
        given = fold_for_search(first).replace(" ", "")
        family = fold_for_search(last).replace(" ", "")
        number = self._rng.randint(1, 99)
        local = self._rng.choice(
            (
                f"{given}.{family}",
                f"{given}{family}",
                f"{given[0]}{family}",
                f"{given}.{family}{number}",
            )
        )
        domain = self._rng.choice(catalog.MAIL_DOMAINS)
        address, copies = f"{local}@{domain}", 1
        while address in self._emails:
            copies += 1
            address = f"{local}{copies}@{domain}"
        self._emails.add(address)
        return address


def _write_clients(session: Session, clients: list[dict], report: Progress) -> None:
    for done in range(0, len(clients), _CLIENT_ROWS_PER_INSERT):
        chunk = clients[done : done + _CLIENT_ROWS_PER_INSERT]
        session.execute(insert(Client), chunk)
        report("clients", done + len(chunk), len(clients))


# --- Appointments and their history -------------------------------------------------------------


@dataclass(frozen=True)
class _Provider:
    staff_id: int
    profile: catalog.ProviderProfile
    services: tuple[catalog.MenuItem, ...]
    cum_weights: tuple[int, ...]  # of the services' popularity, for rng.choices


def _providers() -> list[_Provider]:
    providers = []
    for staff_id, profile in zip(_PROVIDER_IDS, catalog.PROVIDERS):
        services = tuple(item for item in catalog.MENU if item.category in profile.categories)
        running, cum_weights = 0, []
        for item in services:
            running += item.popularity
            cum_weights.append(running)
        providers.append(_Provider(staff_id, profile, services, tuple(cum_weights)))
    return providers


class _Step(NamedTuple):
    """One move in an appointment's history."""

    at: datetime
    by_staff_id: int
    to: Status
    reason: str


# Client id -> the (start, end) minutes they are booked on the day being filled.
_BookedToday = dict[int, list[tuple[int, int]]]


class _AppointmentBook:
    """Lays out every provider's open days and records the bookings with their history."""

    def __init__(
        self,
        rng: random.Random,
        hours: _DeskHours,
        today: date,
        size: DemoSize,
        clients: list[dict],
        now: datetime | None,
    ) -> None:
        self.rng = rng
        self.now = now
        self.hours = hours
        self.today = today
        self.days = [
            today + timedelta(days=offset)
            for offset in range(-size.past_days, size.future_days + 1)
        ]
        # Nothing of `today` has happened yet when the doors open; from then on the app's clock
        # decides who is late, so no history is dated after this instant.
        self.cutoff = hours.at(today, hours.opening)
        self.slot = hours.settings.slot_minutes
        self.providers = _providers()
        self.client_since = [row["created_at"] for row in clients]  # client id = index + 1
        self.unreliable, self.strike_plan = self._plan_strikes(clients)
        self.appointment_ids = count(1)
        self.change_ids = count(1)
        self.appointments: list[dict] = []
        self.changes: list[dict] = []
        self.till = _DemoTill(rng, hours)

    def write(self, session: Session, report: Progress) -> None:
        months: dict[tuple[int, int], list[date]] = {}
        for day in self.days:
            months.setdefault((day.year, day.month), []).append(day)
        for done, month in enumerate(months.values(), 1):
            for day in month:
                if _is_open(day):
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
            and (row["first_name"], row["last_name"]) not in catalog.FEATURED_CLIENTS
        ]
        unreliable = self.rng.sample(candidates, _STRIKE_CLIENTS)
        past_open_days = [day for day in self.days if day < self.today and _is_open(day)]
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
            if day.weekday() not in provider.profile.weekdays:
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
        """(start minute, service) for one provider's day, in order and never overlapping."""
        first = _minute_of_day(provider.profile.starts)
        slots = (_minute_of_day(provider.profile.ends) - first) // self.slot
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
        if outcome in _NOTICE:
            lead += _NOTICE_LEAD_DAYS
        # What is still ahead was booked before today.
        booked_on = min(day, self.today) - timedelta(days=lead)
        return self.hours.moment_on(self.rng, _open_day_on_or_before(booked_on))

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
        created_by = self.rng.choice(_DESK_IDS)
        steps = [_Step(created_at, created_by, Status.BOOKED, "")]
        if day < self.today:
            steps += self._past_steps(outcome, provider_id, created_at, starts_at, ends_at)
        else:
            steps += self._future_steps(day, outcome, created_at, starts_at)
            if day == self.today and outcome is not Status.CANCELLED:
                steps += self._visit_so_far(provider_id, starts_at, ends_at, after=steps[-1].at)
        appointment_id = next(self.appointment_ids)
        if day < self.today and steps[-1].to is Status.COMPLETED:
            self.till.ring_up(appointment_id, client_id, provider_id, service, steps[-1])
        self.appointments.append(
            {
                "id": appointment_id,
                "client_id": client_id,
                "provider_id": provider_id,
                "service_id": _SERVICE_IDS[service.name],
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
                    "id": next(self.change_ids),
                    "appointment_id": appointment_id,
                    "at": step.at,
                    "by_staff_id": step.by_staff_id,
                    "from_status": previous,
                    "to_status": step.to.value,
                    "reason": step.reason,
                }
            )
            previous = step.to.value

    def _past_steps(
        self,
        outcome: Status,
        provider_id: int,
        created_at: datetime,
        starts_at: datetime,
        ends_at: datetime,
    ) -> list[_Step]:
        last_call = starts_at - _CONFIRMED_BEFORE
        if outcome is Status.COMPLETED:
            confirmed = self._confirmation(created_at, starts_at, last_call, 0.85)
            return confirmed + self._visit(provider_id, starts_at, ends_at)
        if outcome is Status.NO_SHOW:
            confirmed = self._confirmation(created_at, starts_at, last_call, 0.6)
            given_up = starts_at + timedelta(minutes=self.rng.randint(15, 40))
            return confirmed + [_Step(given_up, self._desk(), Status.NO_SHOW, "Did not arrive")]
        if outcome is Status.LATE_CANCELLED:
            called = self.hours.moment_between(
                self.rng,
                max(created_at + timedelta(minutes=5), starts_at - timedelta(hours=23, minutes=59)),
                starts_at - timedelta(minutes=30),
            )
            before_call = called - timedelta(minutes=5)
            confirmed = self._confirmation(created_at, starts_at, before_call, 0.5)
            reason = "Cancelled less than 24 hours ahead"
            return confirmed + [_Step(called, self._desk(), Status.LATE_CANCELLED, reason)]
        return [self._called_off(outcome, created_at, starts_at, starts_at)]

    def _visit(self, provider_id: int, starts_at: datetime, ends_at: datetime) -> list[_Step]:
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
            _Step(arrived, self._desk(), Status.CHECKED_IN, ""),
            _Step(taken_back, provider_id, Status.IN_SERVICE, ""),
            _Step(paid, self._desk(), Status.COMPLETED, ""),
        ]

    def _visit_so_far(
        self, provider_id: int, starts_at: datetime, ends_at: datetime, after: datetime
    ) -> list[_Step]:
        if self.now is None or starts_at > self.now - _NOT_ARRIVED_YET:
            return []
        visit = self._visit(provider_id, starts_at, ends_at)
        return [step for step in visit if after < step.at <= self.now]

    def _future_steps(
        self, day: date, outcome: Status, created_at: datetime, starts_at: datetime
    ) -> list[_Step]:
        if outcome is Status.CANCELLED:
            return [self._called_off(outcome, created_at, starts_at, self.cutoff)]
        chance = _CONFIRMED_AHEAD.get((day - self.today).days, 0.0)
        latest = min(starts_at - _CONFIRMED_BEFORE, self.cutoff)
        return self._confirmation(created_at, starts_at, latest, chance)

    def _called_off(
        self, outcome: Status, created_at: datetime, starts_at: datetime, not_after: datetime
    ) -> _Step:
        """A cancellation or reschedule with notice (the booking's lead leaves room for it)."""
        latest = min(starts_at - _NOTICE[outcome], not_after)
        called = self.hours.moment_between(self.rng, created_at + timedelta(hours=1), latest)
        by = _MANAGER_ID if outcome is Status.CANCELLED_BY_CLINIC else self._desk()
        return _Step(called, by, outcome, self.rng.choice(_NOTICE_REASONS[outcome]))

    def _confirmation(
        self, created_at: datetime, starts_at: datetime, latest: datetime, chance: float
    ) -> list[_Step]:
        """The client confirming in the last three days before the visit, or nothing."""
        earliest = max(created_at + timedelta(minutes=5), starts_at - timedelta(days=3))
        if earliest >= latest or self.rng.random() >= chance:
            return []
        confirmed = self.hours.moment_between(self.rng, earliest, latest)
        return [_Step(confirmed, self._desk(), Status.CONFIRMED, self.rng.choice(_CONFIRMED_BY))]

    def _desk(self) -> int:
        return self.rng.choice(_DESK_IDS)

    def _flush(self, session: Session) -> None:
        if self.appointments:
            # Appointments first: their history rows and sales refer to them.
            session.execute(insert(Appointment), self.appointments)
            session.execute(insert(AppointmentStatusChange), self.changes)
        self.till.flush(session)
        self.appointments, self.changes = [], []


def _is_free(booked: _BookedToday, client_id: int, start: int, end: int) -> bool:
    return all(end <= since or start >= until for since, until in booked.get(client_id, ()))


_CARD_BRANDS = ("Visa", "Visa", "Mastercard", "Amex", "Discover")
_TIP_SHARES = (
    0,
    0,
    15,
    18,
    20,
    20,
)  # percent of the service: about one visit in three tips nothing


class _DemoTill:
    """The sales of the demo's completed visits: each paid at checkout, by card or cash.

    Receipt numbers follow the order the sales were made, as the till's counter would give them,
    so the demo's books pass `medspa-desk check`.
    """

    def __init__(self, rng: random.Random, hours: _DeskHours) -> None:
        self.rng = rng
        self.zone = hours.zone
        self.sale_ids = count(1)
        self.next_receipt = 1
        self.waiting: list[tuple] = []

    def ring_up(
        self, appointment_id: int, client_id: int, provider_id: int, service, paid: _Step
    ) -> None:
        if service.price_cents == 0:
            return  # a free consultation: nothing to ring up
        self.waiting.append(
            (paid.at, appointment_id, client_id, provider_id, service, paid.by_staff_id)
        )

    def flush(self, session: Session) -> None:
        sales, lines, tips, tenders = [], [], [], []
        in_order_paid = sorted(self.waiting, key=lambda sale: sale[:2])
        for completed_at, appointment_id, client_id, provider_id, service, desk_id in in_order_paid:
            sale_id = next(self.sale_ids)
            tip = (
                service.price_cents * self.rng.choice(_TIP_SHARES) // 100 // 100 * 100
            )  # whole dollars
            total = service.price_cents + tip
            cash = self.rng.random() < 0.15
            given = -(-total // 2000) * 2000 if cash else 0  # twenties
            sales.append(
                {
                    "id": sale_id,
                    "receipt_number": self.next_receipt,
                    "business_day": local_date(completed_at, self.zone),
                    "completed_at": completed_at,
                    "staff_id": desk_id,
                    "client_id": client_id,
                    "appointment_id": appointment_id,
                    "subtotal_cents": service.price_cents,
                    "discount_cents": 0,
                    "tax_cents": 0,
                    "tip_cents": tip,
                    "total_cents": total,
                    "change_cents": given - total if cash else 0,
                    "refund_policy_version": POLICY_VERSION,
                }
            )
            self.next_receipt += 1
            lines.append(
                {
                    "sale_id": sale_id,
                    "kind": LineKind.SERVICE,
                    "description": service.name,
                    "service_id": _SERVICE_IDS[service.name],
                    "appointment_id": appointment_id,
                    "provider_id": provider_id,
                    "quantity": 1,
                    "unit_price_cents": service.price_cents,
                    "total_cents": service.price_cents,
                }
            )
            if tip:
                tips.append({"sale_id": sale_id, "provider_id": provider_id, "amount_cents": tip})
            if cash:
                tenders.append(
                    {
                        "sale_id": sale_id,
                        "kind": TenderKind.CASH,
                        "amount_cents": total,
                        "cash_given_cents": given,
                    }
                )
            else:
                tenders.append(
                    {
                        "sale_id": sale_id,
                        "kind": TenderKind.CARD,
                        "amount_cents": total,
                        "card_brand": self.rng.choice(_CARD_BRANDS),
                        "card_last4": f"{self.rng.randrange(10000):04d}",
                        "approval_code": f"{self.rng.randrange(16**6):06X}",
                    }
                )
        if sales:
            for model, rows in (
                (Sale, sales),
                (SaleLine, lines),
                (SaleTip, tips),
                (SaleTender, tenders),
            ):
                if rows:
                    session.execute(insert(model), rows)
            session.get(Counter, "receipt_number").next_value = self.next_receipt
        self.waiting = []
