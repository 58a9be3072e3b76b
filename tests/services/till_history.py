"""Books with years of till history, for the tests and benchmarks of the till on a busy
database: the demo clinic's visits each rung up as a sale (the demo has bookings but no till),
with a closed day behind each, and the walk-in sale both ring up on top of them."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

from sqlalchemy import func, insert, select, update

from medspa_desk.demo.demo_ids import demo_anchor_date
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.policy_text import POLICY_VERSION
from medspa_desk.domain.sale_math import Tender, Tip, settle
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.desk import Desk, open_desk
from medspa_desk.services.till.cart import gift_card_line, walk_in_cart
from medspa_desk.services.till.gift_cards import normalised_code
from medspa_desk.services.till.retail_stock import scanned_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Appointment, Counter, Product, Staff
from medspa_desk.storage.till_models import (
    DayClose,
    GiftCard,
    GiftCardEntry,
    Sale,
    SaleLine,
    SaleTender,
    SaleTip,
)
from tests.approvals import as_front_desk


def sell(desk: Desk):
    """A walk-in sale: a service, two products, a gift card, a tip; paid by gift card, card, cash."""
    with desk.db.reading() as session:
        provider = session.scalar(select(Staff.id).where(Staff.is_provider).limit(1))
        code = session.scalar(select(GiftCard.code).order_by(GiftCard.id.desc()).limit(1))
    cart = walk_in_cart(desk)
    cart.add(scanned_line(desk, "SKN-001"))
    cart.add(scanned_line(desk, "SKN-008"))
    cart.add(gift_card_line(5_000))
    cart.tip = Tip(amount_cents=1_500, provider_id=provider)
    due = settle(cart).total_cents
    return complete_sale(
        desk,
        cart,
        [
            Tender.gift_card(code, 100),
            Tender.card(due - 2_100, "Visa", "4242", "OK1"),
            Tender.cash(5_000),
        ],
    )


def desk_at_noon(path: Path) -> Desk:
    desk = open_desk(path, FixedClock(datetime.now(UTC)))
    day = demo_anchor_date(desk.db) or local_date(datetime.now(UTC), desk.settings.zone)
    desk.clock.set(at_local(day, time(12), desk.settings.zone))
    return as_front_desk(desk)


def add_till_history(db: Database) -> int:
    """A sale for every completed visit before today (its service paid by card, a tip on every
    third, a product on every fifth, a gift card sold on every fiftieth) and a close for every
    day with sales, in bulk; the number of sales written."""
    with db.writing() as session:
        zone = load_settings(db).zone
        today = demo_anchor_date(db) or local_date(datetime.now(UTC), zone)
        products = session.execute(select(Product.id, Product.name, Product.price_cents)).all()
        visits = session.execute(
            select(
                Appointment.id,
                Appointment.client_id,
                Appointment.provider_id,
                Appointment.price_cents,
                Appointment.ends_at,
            )
            .where(
                Appointment.status == "completed",
                Appointment.ends_at < at_local(today, time(0), zone),
                Appointment.id.not_in(
                    select(Sale.appointment_id).where(Sale.appointment_id.is_not(None))
                ),
            )
            .order_by(Appointment.ends_at, Appointment.id)
        ).all()
        # The demo rang up its own paid visits: these sales follow on from its receipts.
        already = session.scalar(select(func.coalesce(func.max(Sale.receipt_number), 0)))
        rows: dict[type, list[dict]] = {
            model: [] for model in (Sale, GiftCard, SaleLine, SaleTender, SaleTip, GiftCardEntry)
        }
        days = set()
        for number, visit in enumerate(visits, already + 1):
            day = local_date(visit.ends_at, zone)
            days.add(day)
            total = visit.price_cents
            rows[SaleLine].append(
                _line(
                    number,
                    "service",
                    "Visit",
                    total,
                    provider_id=visit.provider_id,
                    appointment_id=visit.id,
                )
            )
            if number % 5 == 0:
                product = products[number % len(products)]
                rows[SaleLine].append(
                    _line(
                        number, "retail", product.name, product.price_cents, product_id=product.id
                    )
                )
                total += product.price_cents
            if number % 50 == 0:
                code = normalised_code(f"HIST{number:012d}")
                rows[GiftCard].append(
                    {
                        "id": number,
                        "code": code,
                        "issued_at": visit.ends_at,
                        "initial_cents": 10_000,
                    }
                )
                rows[GiftCardEntry].append(
                    {
                        "gift_card_id": number,
                        "amount_cents": 10_000,
                        "at": visit.ends_at,
                        "sale_id": number,
                    }
                )
                rows[SaleLine].append(
                    _line(number, "gift_card", "Gift card", 10_000, gift_card_id=number)
                )
                total += 10_000
            tip = 1_000 if number % 3 == 0 else 0
            if tip:
                rows[SaleTip].append(
                    {"sale_id": number, "provider_id": visit.provider_id, "amount_cents": tip}
                )
            rows[Sale].append(
                {
                    "id": number,
                    "receipt_number": number,
                    "business_day": day,
                    "completed_at": visit.ends_at,
                    "client_id": visit.client_id,
                    "appointment_id": visit.id,
                    "subtotal_cents": total,
                    "discount_cents": 0,
                    "tax_cents": 0,
                    "tip_cents": tip,
                    "total_cents": total + tip,
                    "change_cents": 0,
                    "refund_policy_version": POLICY_VERSION,
                    "void_reason": "",
                }
            )
            rows[SaleTender].append(
                {
                    "sale_id": number,
                    "kind": "card",
                    "amount_cents": total + tip,
                    "card_brand": "Visa",
                    "card_last4": "4242",
                    "approval_code": "HIST",
                }
            )
        for model, model_rows in rows.items():  # sales first: the lines and entries refer to them
            for start in range(0, len(model_rows), 5_000):
                session.execute(insert(model), model_rows[start : start + 5_000])
        # Closed after their sales are in: the database refuses sales on a closed day.
        session.execute(
            insert(DayClose),
            [
                {
                    "business_day": day,
                    "closed_at": at_local(day, time(19), zone),
                    "expected_cash_cents": 0,
                    "counted_cash_cents": 0,
                    "note": "",
                }
                for day in sorted(days)
            ],
        )
        session.execute(
            update(Counter)
            .where(Counter.name == "receipt_number")
            .values(next_value=already + len(visits) + 1)
        )
        return len(visits)


def _line(sale_id: int, kind: str, description: str, cents: int, **ids) -> dict:
    return {
        "sale_id": sale_id,
        "kind": kind,
        "description": description,
        "quantity": 1,
        "unit_price_cents": cents,
        "discount_cents": 0,
        "discount_reason": "",
        "tax_cents": 0,
        "total_cents": cents,
        **ids,
    }
