"""Voiding a sale the same day.

There is no refund: the clinic refunds nothing (Refund Policy). A void undoes a sale made in
error the same day, before the day is closed, by a manager, with a reason; it is recorded, not
deleted, and its movements are reversed by new entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.booking_payments import BookingPaymentOutcome
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.domain.stock_movements import StockMovementReason
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clients.standing import credit_balance
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import refuse_card_number, required_text
from medspa_desk.services.staff_access.permissions import ManagerApproval, require
from medspa_desk.services.till import gift_cards
from medspa_desk.services.till.retail_stock import move_stock
from medspa_desk.services.till.sale_checks import SaleRefused, refuse_if_day_closed
from medspa_desk.storage.models import AccountCreditEntry, BookingPayment, Product
from medspa_desk.storage.till_models import GiftCard, Sale, SaleLine, SaleTender


@dataclass(frozen=True)
class VoidedSale:
    sale_id: int
    receipt_number: int
    total_cents: int


def void_sale(
    desk: Desk, sale_id: int, *, reason: str, approval: ManagerApproval | None = None
) -> VoidedSale:
    """Void a sale made today in error. Its rows stay; new entries put back the stock, the gift
    card and account credit it moved, and the deposit it used (held again for the visit)."""
    reason = required_text(
        reason, "Say why the sale is voided: the reason is kept with it.", SaleRefused
    )
    refuse_card_number(reason, "Reason", SaleRefused)
    now = desk.clock.now()
    today = local_date(now, desk.settings.zone)
    with desk.db.writing() as session:
        manager_id = require(session, desk, DeskPermission.VOID_SALE, approval)
        sale = session.get(Sale, sale_id)
        if sale is None:
            raise SaleRefused(f"There is no sale number {sale_id}.")
        if sale.voided_at is not None:
            raise SaleRefused(f"Receipt {sale.receipt_number} is already void.")
        refuse_if_day_closed(session, sale.business_day, "Its sales cannot be voided any more.")
        if sale.business_day != today:
            raise SaleRefused(
                f"Receipt {sale.receipt_number} is from {sale.business_day:%a %b} "
                f"{sale.business_day.day}: only today's sales can be voided."
            )
        _reverse(session, desk, sale, now)
        sale.voided_at = now
        sale.voided_by_id = manager_id
        sale.void_reason = reason
        record_audit(
            session,
            desk.staff_id,
            "sale.voided",
            f"sale:{sale.id}",
            {
                "receipt_number": sale.receipt_number,
                "manager_id": manager_id,
                "total_cents": sale.total_cents,
            },
            now,
        )
        return VoidedSale(sale.id, sale.receipt_number, sale.total_cents)


def _reverse(session: Session, desk: Desk, sale: Sale, now: datetime) -> None:
    number = sale.receipt_number
    lines = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id)).all()
    products: dict[int | None, Product] = {
        product.id: product
        for product in session.scalars(
            select(Product).where(Product.id.in_([line.product_id for line in lines]))
        )
    }
    cards: dict[int | None, GiftCard] = {
        card.id: card
        for card in session.scalars(
            select(GiftCard).where(GiftCard.id.in_([line.gift_card_id for line in lines]))
        )
    }
    for line in lines:
        if line.kind == LineKind.RETAIL:
            move_stock(
                session,
                products[line.product_id],
                line.quantity,
                StockMovementReason.VOID,
                now,
                desk.staff_id,
                sale_id=sale.id,
                note=f"Receipt {number} voided",
            )
        elif line.kind == LineKind.GIFT_CARD:
            gift_cards.take_back(session, cards[line.gift_card_id], now, sale.id)
        elif line.kind in (LineKind.PREPAYMENT, LineKind.DEPOSIT):
            payment = session.scalars(
                select(BookingPayment).where(
                    BookingPayment.appointment_id == line.appointment_id,
                    BookingPayment.kind == line.kind,
                    BookingPayment.paid_at == sale.completed_at,
                )
            ).first()
            if payment is not None:
                if payment.outcome is not None:
                    raise SaleRefused(
                        f"The {line.kind} on receipt {number} has already been used: the sale "
                        "cannot be voided."
                    )
                payment.outcome, payment.outcome_at = BookingPaymentOutcome.VOIDED, now
                payment.outcome_reason = f"Receipt {number} voided"
    credit_back = 0
    for tender in session.scalars(select(SaleTender).where(SaleTender.sale_id == sale.id)):
        if tender.kind == TenderKind.GIFT_CARD:
            card_id = _named(tender.gift_card_id, "gift card tender")
            gift_cards.put_back(session, card_id, tender.amount_cents, now, sale.id)
        elif tender.kind == TenderKind.ACCOUNT_CREDIT:
            credit_back += tender.amount_cents
        elif tender.kind == TenderKind.DEPOSIT:
            payment = session.get_one(BookingPayment, tender.booking_payment_id)
            payment.outcome, payment.outcome_at, payment.outcome_reason = None, None, ""
            # The rest of the deposit was credited; holding the deposit again takes it back.
            credit_back -= payment.amount_cents - tender.amount_cents
    if credit_back:
        client_id = _named(sale.client_id, "account credit")
        if credit_back < 0 and credit_balance(session, client_id) < -credit_back:
            raise SaleRefused(
                f"The deposit credit from receipt {number} has already been spent: the sale "
                "cannot be voided."
            )
        session.add(
            AccountCreditEntry(
                client_id=client_id,
                amount_cents=credit_back,
                at=now,
                by_staff_id=desk.staff_id,
                reason=f"Receipt {number} voided",
                appointment_id=sale.appointment_id,
            )
        )


def _named(record_id: int | None, what: str) -> int:
    """The record a sale's row pays with or gives back to; every such row names one."""
    if record_id is None:
        raise ValueError(f"a {what} on a sale names no record")
    return record_id
