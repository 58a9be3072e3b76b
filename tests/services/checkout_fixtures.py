"""A small clinic with a till: staff, a menu, a shelf, clients with a visit today, a deposit held,
a fee owed, account credit and a gift card. Built once per test session as a template database
and copied for each test; the desk stands still at 10:12 on Wednesday Nov 25 2026.

tests/services/conftest.py offers its fixtures (`till`) to every service and admin test.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.policy_text import POLICY_VERSION, PUBLISHED_POLICIES
from medspa_desk.domain.sale_math import Tender, Tip, settle
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.desk import Desk
from medspa_desk.services.till.cart import cart_for_appointment
from medspa_desk.services.till.retail_stock import scanned_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.database import Database, open_database
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    BookingPayment,
    Client,
    ClientFee,
    PolicyText,
    Product,
    Service,
    Staff,
)
from medspa_desk.storage.till_models import GiftCard, GiftCardEntry

ZONE = ZoneInfo("America/Denver")
DAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime.combine(DAY, time(10, 12), tzinfo=ZONE)
GIFT_CARD_CODE = "ABCD-EFGH-JKMN-PQRS"
HOA = "Nguyễn Thị Hoa"


@dataclass(frozen=True)
class Ids:
    ava: int  # nurse injector
    mia: int  # esthetician
    amber: int  # front desk manager
    riley: int  # front desk
    neurotoxin: int
    facial: int
    serum: int  # SKN-001, 14 on the shelf
    last_one: int  # SKN-012, 1 on the shelf
    sunscreen: int  # SKN-004, 18 on the shelf
    hoa: int
    jose: int
    jane: int
    visit: int  # Hoa with Ava at 10:00 today, checked in, $350, $100 deposit held
    deposit: int
    jose_visit: int  # José with Mia at 11:00 today, checked in, $199
    jose_fee: int  # a $75 late-cancel fee José owes
    jose_next: int  # José's booking next week, not prepaid
    gift_card: int  # GIFT_CARD_CODE, $100 on it


@dataclass
class Till:
    desk: Desk
    ids: Ids
    clock: FixedClock

    @property
    def db(self) -> Database:
        return self.desk.db


def seed(db: Database) -> Ids:
    with db.writing() as session:

        def add(row):
            session.add(row)
            session.flush()
            return row.id

        ava = add(Staff(display_name="Ava Thompson", role="Nurse injector", is_provider=True))
        mia = add(Staff(display_name="Mia Lopez", role="Esthetician", is_provider=True))
        amber = add(Staff(display_name="Amber Holt", role="Front desk manager", is_manager=True))
        riley = add(Staff(display_name="Riley Chen", role="Front desk"))
        neurotoxin = add(
            Service(
                name="Neurotoxin, one area",
                category="Injectables",
                duration_minutes=30,
                price_cents=35_000,
            )
        )
        facial = add(
            Service(name="HydraFacial", category="Facials", duration_minutes=60, price_cents=19_900)
        )
        serum = add(
            Product(
                sku="SKN-001",
                name="C E Ferulic serum 30 ml",
                brand="SkinCeuticals",
                price_cents=18_200,
                stock_quantity=14,
            )
        )
        last_one = add(
            Product(
                sku="SKN-012",
                name="Daily Power Defense",
                brand="ZO Skin Health",
                price_cents=16_000,
                stock_quantity=1,
            )
        )
        sunscreen = add(
            Product(
                sku="SKN-004",
                name="Physical Fusion UV Defense SPF 50",
                brand="SkinCeuticals",
                price_cents=4_200,
                stock_quantity=18,
            )
        )
        created = NOW - timedelta(days=30)

        def client(first: str, last: str) -> int:
            return add(
                Client(
                    first_name=first,
                    last_name=last,
                    search_name=fold_for_search(f"{first} {last}"),
                    created_at=created,
                )
            )

        hoa = client("Nguyễn", "Thị Hoa")
        jose = client("José", "Núñez")
        jane = client("Jane", "Doe")

        def visit(
            who: int,
            provider: int,
            service: int,
            day: date,
            at: time,
            minutes: int,
            price: int,
            status: str,
        ) -> int:
            starts = at_local(day, at, ZONE)
            return add(
                Appointment(
                    client_id=who,
                    provider_id=provider,
                    service_id=service,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=minutes),
                    status=status,
                    price_cents=price,
                    policy_version=POLICY_VERSION,
                    created_at=created,
                )
            )

        hoa_visit = visit(hoa, ava, neurotoxin, DAY, time(10), 30, 35_000, "checked_in")
        jose_visit = visit(jose, mia, facial, DAY, time(11), 60, 19_900, "checked_in")
        jose_missed = visit(
            jose, mia, facial, DAY - timedelta(days=14), time(9), 60, 19_900, "late_cancelled"
        )
        jose_next = visit(jose, mia, facial, DAY + timedelta(days=7), time(9), 60, 19_900, "booked")
        deposit = add(
            BookingPayment(
                appointment_id=hoa_visit,
                client_id=hoa,
                kind="deposit",
                amount_cents=10_000,
                tender="card",
                card_brand="Visa",
                card_last4="4242",
                approval_code="A1B2C3",
                paid_at=created,
                taken_by_id=riley,
            )
        )
        jose_fee = add(
            ClientFee(
                client_id=jose,
                appointment_id=jose_missed,
                kind="late_cancel",
                amount_cents=7_500,
                owed_cents=7_500,
                created_at=NOW - timedelta(days=14),
                created_by_id=riley,
            )
        )
        session.add(
            AccountCreditEntry(
                client_id=jose,
                amount_cents=5_000,
                at=created,
                by_staff_id=riley,
                reason="Rescheduled with notice",
            )
        )
        gift_card = add(GiftCard(code=GIFT_CARD_CODE, issued_at=created, initial_cents=10_000))
        session.add(GiftCardEntry(gift_card_id=gift_card, amount_cents=10_000, at=created))
        session.add(
            PolicyText(version=POLICY_VERSION, text=PUBLISHED_POLICIES, first_used_at=created)
        )
    return Ids(
        ava,
        mia,
        amber,
        riley,
        neurotoxin,
        facial,
        serum,
        last_one,
        sunscreen,
        hoa,
        jose,
        jane,
        hoa_visit,
        deposit,
        jose_visit,
        jose_fee,
        jose_next,
        gift_card,
    )


@pytest.fixture(scope="session")
def till_template(tmp_path_factory) -> tuple[Path, Ids]:
    path = tmp_path_factory.mktemp("till") / "template.sqlite3"
    db = open_database(path)
    ids = seed(db)
    db.close()
    return path, ids


@pytest.fixture
def till(till_template, tmp_path) -> Till:
    template, ids = till_template
    path = tmp_path / "clinic.sqlite3"
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    db = open_database(path)
    clock = FixedClock(NOW)
    yield Till(Desk(db, load_settings(db), clock, staff_id=ids.riley), ids, clock)
    db.close()


def hoa_checkout(till: Till):
    """Hoa's visit checked out with a serum at 10% off, a tip, and her deposit, gift card, a
    card and cash: the sale the receipt tests read back."""
    cart = cart_for_appointment(till.desk, till.ids.visit)
    cart.add(scanned_line(till.desk, "SKN-001"))
    cart.change(1, discount_cents=1_820, discount_reason="Staff pick 10%")
    cart.tip = Tip(amount_cents=4_000)
    due = settle(cart, cart.offered_tenders).balance_due_cents
    tenders = [
        *cart.offered_tenders,
        Tender.gift_card(GIFT_CARD_CODE, 6_000),
        Tender.card(due - 6_000 - 3_000, "Visa", "4242", "A1B2C3"),
        Tender.cash(5_000),
    ]
    return complete_sale(till.desk, cart, tenders)
