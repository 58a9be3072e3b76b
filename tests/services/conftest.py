"""A small clinic, built once per test session into a template file and copied for each test
(DESIGN: service tests copy a prepared template database instead of rebuilding it), and a desk
over the copy whose clock stands still at opening time on a Wednesday."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.desk import Desk
from medspa_desk.storage.database import Database, open_database
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    AppointmentStatusChange,
    AuditEntry,
    BookingPayment,
    CardOnFile,
    Client,
    ClientFee,
    PolicyText,
    Service,
    Staff,
)

ZONE = ZoneInfo("America/Denver")
TODAY = date(2026, 6, 10)  # a Wednesday
NOW = at_local(TODAY, time(8, 0), ZONE)  # the doors open
TOMORROW = TODAY + timedelta(days=1)
NEXT_WEEK = TODAY + timedelta(days=7)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time on a clinic day, as the calendar means it."""
    return at_local(day, time(hour, minute), ZONE)


@dataclass(frozen=True)
class Clinic:
    """The ids of the template's rows, by the names the tests use."""

    kelsey: int  # nurse injector: neurotoxins and filler
    maya: int  # aesthetician: facials
    gone: int  # a provider who left (inactive)
    amber: int  # front desk manager
    riley: int  # front desk, not a manager
    botox: int  # 30 min, $300.00, Kelsey
    lip_filler: int  # 60 min, $750.00, Kelsey
    hydrafacial: int  # 45 min, $199.00, Maya
    consultation: int  # 15 min, free, Kelsey
    retired: int  # off the menu (inactive)
    emma: int  # Visa ending 4242, expires 12/2028
    noah: int  # no card on file
    ava: int  # Mastercard that expired 01/2026
    olivia: int  # 3 strikes, Visa ending 1881, $400.00 account credit
    liam: int  # 2 strikes


def _build(db: Database) -> Clinic:
    created = at(date(2025, 1, 6), 9)
    with db.writing() as session:

        def staff(name, role, *, provider=False, manager=False, active=True, order=0):
            row = Staff(
                display_name=name,
                role=role,
                is_provider=provider,
                is_manager=manager,
                active=active,
                calendar_order=order,
            )
            session.add(row)
            return row

        kelsey = staff("Kelsey Brandt", "Nurse injector, RN", provider=True, order=1)
        maya = staff("Maya Lindqvist", "Licensed aesthetician", provider=True, order=2)
        gone = staff("Jess Old", "Nurse injector, RN", provider=True, active=False, order=3)
        amber = staff("Amber Holt", "Front desk manager", manager=True)
        riley = staff("Riley Chen", "Front desk")

        def service(name, category, minutes, cents, *providers, active=True):
            row = Service(
                name=name,
                category=category,
                duration_minutes=minutes,
                price_cents=cents,
                active=active,
            )
            row.providers = list(providers)
            session.add(row)
            return row

        botox = service("Botox: frown lines", "Neurotoxin", 30, 30000, kelsey, gone)
        lip_filler = service("Lip filler (1 syringe)", "Dermal filler", 60, 75000, kelsey)
        hydrafacial = service("Signature HydraFacial", "Facial", 45, 19900, maya)
        consultation = service("Consultation (15 min)", "Consultation", 15, 0, kelsey)
        retired = service("Oxygen facial", "Facial", 30, 12000, maya, active=False)

        def client(first, last):
            row = Client(
                first_name=first,
                last_name=last,
                search_name=fold_for_search(f"{first} {last}"),
                created_at=created,
            )
            session.add(row)
            return row

        emma, noah, ava = (
            client("Emma", "Sanders"),
            client("Noah", "Reed"),
            client("Ava", "Kowalski"),
        )
        olivia, liam = client("Olivia", "Pike"), client("Liam", "Dahl")
        session.flush()

        def card(owner, brand, last4, month, year):
            session.add(
                CardOnFile(
                    client_id=owner.id,
                    brand=brand,
                    last4=last4,
                    expiry_month=month,
                    expiry_year=year,
                    cardholder_name=f"{owner.first_name} {owner.last_name}",
                    terminal_reference=f"tok_{owner.id}_{last4}",
                    added_at=created,
                )
            )

        card(emma, "Visa", "4242", 12, 2028)
        card(ava, "Mastercard", "4444", 1, 2026)
        card(olivia, "Visa", "1881", 3, 2029)

        def past_visit(owner, day, status):
            starts = at(day, 10)
            session.add(
                Appointment(
                    client_id=owner.id,
                    provider_id=kelsey.id,
                    service_id=botox.id,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=30),
                    status=status.value,
                    price_cents=30000,
                    policy_version="test",
                    created_at=created,
                )
            )

        for day, status in (
            (date(2026, 2, 3), AppointmentStatus.NO_SHOW),
            (date(2026, 3, 3), AppointmentStatus.LATE_CANCELLED),
            (date(2026, 4, 7), AppointmentStatus.NO_SHOW),
            (date(2026, 5, 5), AppointmentStatus.COMPLETED),
            (date(2026, 5, 12), AppointmentStatus.CANCELLED),
        ):
            past_visit(olivia, day, status)
        for day, status in (
            (date(2026, 2, 4), AppointmentStatus.NO_SHOW),
            (date(2026, 3, 4), AppointmentStatus.LATE_CANCELLED),
            (date(2026, 4, 8), AppointmentStatus.CANCELLED_BY_CLINIC),
        ):
            past_visit(liam, day, status)
        session.add(
            AccountCreditEntry(
                client_id=olivia.id, amount_cents=40000, at=created, reason="Gift from the owner"
            )
        )
        session.flush()
        return Clinic(
            kelsey=kelsey.id,
            maya=maya.id,
            gone=gone.id,
            amber=amber.id,
            riley=riley.id,
            botox=botox.id,
            lip_filler=lip_filler.id,
            hydrafacial=hydrafacial.id,
            consultation=consultation.id,
            retired=retired.id,
            emma=emma.id,
            noah=noah.id,
            ava=ava.id,
            olivia=olivia.id,
            liam=liam.id,
        )


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> tuple[Path, Clinic]:
    path = tmp_path_factory.mktemp("template") / "clinic.sqlite3"
    db = open_database(path)
    clinic = _build(db)
    db.close()  # the last connection closing checkpoints the WAL into the file
    assert not Path(f"{path}-wal").exists()
    return path, clinic


@pytest.fixture
def clinic(template) -> Clinic:
    return template[1]


@pytest.fixture
def desk(template, tmp_path) -> Desk:
    path = tmp_path / "clinic.sqlite3"
    shutil.copyfile(template[0], path)
    db = open_database(path)
    desk = Desk(db, load_settings(db), FixedClock(NOW), staff_id=template[1].riley)
    yield desk
    db.close()


def count_rows(desk: Desk, model) -> int:
    with desk.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


BOOKS = (
    Appointment,
    AppointmentStatusChange,
    AuditEntry,
    BookingPayment,
    ClientFee,
    AccountCreditEntry,
    PolicyText,
    CardOnFile,
    Client,
)


def row_counts(desk: Desk) -> dict[str, int]:
    """How many rows each table an action writes holds: equal before and after = nothing saved."""
    return {model.__tablename__: count_rows(desk, model) for model in BOOKS}


def fetch(desk: Desk, model, **where):
    """The rows of `model` matching `where`, in id order (ORM objects detached after reading)."""
    with desk.db.reading() as session:
        statement = select(model).filter_by(**where)
        key = getattr(model, "id", None)
        if key is not None:
            statement = statement.order_by(key)
        return session.scalars(statement).all()


def one(desk: Desk, model, **where):
    rows = fetch(desk, model, **where)
    assert len(rows) == 1, f"expected one {model.__tablename__} row for {where}, found {len(rows)}"
    return rows[0]


# The till's and Hoa's fixtures live in their own modules; imported here, pytest offers them to
# every test in this folder without each test module importing them.
from tests.services.checkout_fixtures import till, till_template  # noqa: E402, F401
from tests.services.client_fixtures import hoa  # noqa: E402, F401
