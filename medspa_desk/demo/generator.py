"""The demo clinic: months of a busy 406MedicalSpa, made up but believable, the same every time.

A newcomer who opens the app with --demo gets this, and the benchmarks build ten years of it.
Every random choice comes from one random.Random(seed) and every instant from `today`, so the
same seed and the same day give the same rows. It is built in one transaction, a month of
appointments at a time: a build is either all there or not at all. Each job has its module:
the clinic (demo_clinic) and its calendar (clinic_calendar: opening hours, shifts, a
vacation, holidays), its clients (demo_clients), the appointment book and its history
(demo_appointments, visit_history) and the till that checks out the paid visits (demo_sales).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from medspa_desk.demo import client_pool
from medspa_desk.demo.clinic_calendar import write_clinic_calendar
from medspa_desk.demo.demo_accounts import write_accounts
from medspa_desk.demo.demo_appointments import AppointmentBook
from medspa_desk.demo.demo_clients import STRIKE_CLIENTS, invent_clients, write_clients
from medspa_desk.demo.demo_clinic import write_clinic
from medspa_desk.demo.demo_sales import DemoTill
from medspa_desk.demo.desk_hours import DeskHours
from medspa_desk.demo.visit_history import VisitHistory
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.policy_text import POLICY_VERSION, PUBLISHED_POLICIES
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import (
    Appointment,
    Client,
    PolicyText,
    Product,
    Service,
    Staff,
)

DEMO_SEED = 406

Progress = Callable[[str, int, int], None]


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
    fewest_clients = len(client_pool.FEATURED_CLIENTS) + STRIKE_CLIENTS
    if size.clients < fewest_clients:
        raise ValueError(f"a demo clinic needs at least {fewest_clients} clients")
    if size.past_days < 0 or size.future_days < 0:
        raise ValueError("past_days and future_days cannot be negative")
    report = progress or _say_nothing
    rng = random.Random(seed)
    hours = DeskHours(ClinicSettings())
    with db.writing() as session:
        _refuse_unless_empty(session)
        # Every demo booking was made under today's published text (the only one there is).
        first_booking = at_local(today - timedelta(days=size.past_days + 60), time(0), hours.zone)
        # The clinic was set up (staff, menu, shelf) when its first booking could be made.
        write_clinic(session, today, first_booking)
        write_accounts(session, first_booking)
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
        days = [
            today + timedelta(days=offset)
            for offset in range(-size.past_days, size.future_days + 1)
        ]
        write_clinic_calendar(session, hours, days, today, first_booking)
        report("clinic", 1, 1)
        clients = invent_clients(rng, size.clients, size.past_days, today, hours)
        write_clients(session, clients, report)
        history = VisitHistory(rng, hours, today, now)
        till = DemoTill(rng, db, hours.settings)
        AppointmentBook(rng, hours, today, days, clients, history, till).write(session, report)


def _say_nothing(stage: str, done: int, total: int) -> None:
    pass


def _refuse_unless_empty(session: Session) -> None:
    for model in (Staff, Service, Product, Client, Appointment):
        if session.scalar(select(model.id).limit(1)) is not None:
            raise ValueError(
                f"the database already has rows in {model.__tablename__}: "
                "a demo clinic is only built into an empty database"
            )
