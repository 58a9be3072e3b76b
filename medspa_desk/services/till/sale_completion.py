"""Completing a sale in one transaction.

Everything the sale moves (its receipt number, lines, tips and tenders, stock, gift card and
account credit balances, the deposit it uses, the appointment it completes) commits together or
not at all, and every check is made again inside that transaction, whatever the screen showed.

Decisions where the clinic's policy is silent:
- Checking out an appointment completes it (history row "Checked out on receipt N") in the
  sale's transaction: one action at the desk, one transaction. A void leaves it completed (the
  visit happened; only the sale was wrong), and the visit can be checked out again.
- The sale records the version of the published policy text in force
  (services.clinic.published_policies, kept verbatim in policy_text), so a reprint states the
  refund policy of the day of the sale.
"""

from __future__ import annotations

from collections import Counter as Tally
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_math import (
    Cart,
    Settlement,
    Tender,
    settle,
)
from medspa_desk.services.books.audit_trail import change_status, record_audit
from medspa_desk.services.clients.usable_client import usable_client
from medspa_desk.services.clinic.published_policies import policy_in_force
from medspa_desk.services.desk import Desk
from medspa_desk.services.till.sale_checks import (
    SaleRefused,
    checkable_appointment,
    refuse_if_day_closed,
)
from medspa_desk.services.till.sale_rows import IssuedGiftCard, SaleRows
from medspa_desk.storage.models import Appointment, Counter, Service, Staff
from medspa_desk.storage.till_models import Sale, SaleTip

RECEIPT_COUNTER = "receipt_number"


@dataclass(frozen=True)
class CompletedSale:
    sale_id: int
    receipt_number: int
    business_day: date
    total_cents: int
    change_due_cents: int
    gift_cards: tuple[IssuedGiftCard, ...]  # sold on this sale: their codes go to the buyer
    recount_warnings: tuple[str, ...]  # products whose count went below zero


def complete_sale(
    desk: Desk, cart: Cart, tenders: list[Tender] | tuple[Tender, ...]
) -> CompletedSale:
    """Write the whole sale in one transaction, or refuse and write nothing.

    Raises SaleInputError (a ValueError) for amounts that do not add up and DeskRefusal for
    anything the records refuse; both say why in a sentence for the desk.
    """
    settlement = settle(cart, tenders)
    if not cart.lines:
        raise SaleRefused("There is nothing on this sale yet.")
    if not settlement.is_paid:
        raise SaleRefused(
            f"{format_cents(settlement.balance_due_cents)} is still due: add a payment."
        )
    now = desk.clock.now()
    today = local_date(now, desk.settings.zone)
    with desk.db.writing() as session:
        refuse_if_day_closed(session, today, "No more sales can be recorded for it.")
        if cart.client_id is not None:
            usable_client(session, cart.client_id)
        appointment = _checkout_appointment(session, cart, today, desk)
        _check_menu_and_providers(session, cart, settlement)
        number = _take_receipt_number(session)
        sale = Sale(
            receipt_number=number,
            business_day=today,
            completed_at=now,
            staff_id=desk.staff_id,
            client_id=cart.client_id,
            appointment_id=cart.appointment_id,
            subtotal_cents=settlement.subtotal_cents,
            discount_cents=settlement.discount_cents,
            tax_cents=settlement.tax_cents,
            tip_cents=settlement.tip_cents,
            total_cents=settlement.total_cents,
            change_cents=settlement.change_due_cents,
            refund_policy_version=policy_in_force(session, now),
        )
        session.add(sale)
        session.flush()
        sold = SaleRows(session, desk, cart, settlement, sale, now)
        sold.write_lines()
        sold.write_tenders()
        for share in settlement.tips:
            session.add(
                SaleTip(
                    sale_id=sale.id, provider_id=share.provider_id, amount_cents=share.amount_cents
                )
            )
        if appointment is not None and appointment.status != AppointmentStatus.COMPLETED:
            change_status(
                session,
                desk.staff_id,
                appointment,
                AppointmentStatus.COMPLETED,
                f"Checked out on receipt {number}",
                now,
            )
        record_audit(
            session,
            desk.staff_id,
            "sale.completed",
            f"sale:{sale.id}",
            {
                "receipt_number": number,
                "client_id": cart.client_id,
                "appointment_id": cart.appointment_id,
                "total_cents": sale.total_cents,
                "tax_cents": sale.tax_cents,
                "tip_cents": sale.tip_cents,
                "change_cents": sale.change_cents,
                "tenders": dict(_tender_totals(settlement)),
                "gift_cards_sold": [card.gift_card_id for card in sold.issued],
            },
            now,
        )
        return CompletedSale(
            sale.id,
            number,
            today,
            sale.total_cents,
            sale.change_cents,
            tuple(sold.issued),
            tuple(sold.warnings),
        )


def _check_menu_and_providers(session: Session, cart: Cart, settlement: Settlement) -> None:
    """Every provider named (on a line or for a tip) is one, and every service is on the menu."""
    providers = {line.provider_id for line in cart.lines if line.provider_id is not None}
    providers |= {share.provider_id for share in settlement.tips}
    known = set(
        session.scalars(select(Staff.id).where(Staff.id.in_(list(providers)), Staff.is_provider))
    )
    if providers - known:
        raise SaleRefused(f"Staff number {min(providers - known)} is not a provider.")
    services = {line.service_id for line in cart.lines if line.service_id is not None}
    on_menu = set(session.scalars(select(Service.id).where(Service.id.in_(list(services)))))
    if services - on_menu:
        raise SaleRefused(f"There is no service number {min(services - on_menu)} on the menu.")


def _checkout_appointment(
    session: Session, cart: Cart, today: date, desk: Desk
) -> Appointment | None:
    if cart.appointment_id is None:
        return None
    appointment = checkable_appointment(session, cart.appointment_id, today, desk)
    if appointment.client_id != cart.client_id:
        raise SaleRefused("This sale's client is not the appointment's client.")
    return appointment


def _take_receipt_number(session: Session) -> int:
    """The next receipt number, advanced in the sale's own transaction: a sale that fails takes
    no number, and none is ever used twice."""
    counter = session.get_one(Counter, RECEIPT_COUNTER)
    number = counter.next_value
    counter.next_value = number + 1
    return number


def _tender_totals(settlement: Settlement) -> Tally[str]:
    totals: Tally[str] = Tally()
    for settled in settlement.tenders:
        totals[settled.tender.kind.value] += settled.applied_cents
    return totals
