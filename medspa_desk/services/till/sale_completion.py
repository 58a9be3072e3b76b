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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_math import (
    Cart,
    Settlement,
    Tender,
    settle,
)
from medspa_desk.services.books.audit_trail import audit_entry, step_values
from medspa_desk.services.clients.usable_client import usable_client
from medspa_desk.services.clinic.published_policies import policy_in_force
from medspa_desk.services.desk import Desk
from medspa_desk.services.staff_access.permissions import ManagerApproval, require
from medspa_desk.services.till.sale_checks import (
    SaleRefused,
    checkable_appointment,
    refuse_if_day_closed,
)
from medspa_desk.services.till.sale_rows import IssuedGiftCard, SaleRows
from medspa_desk.storage.models import (
    Appointment,
    AppointmentStatusChange,
    AuditEntry,
    Counter,
    Service,
    Staff,
)
from medspa_desk.storage.till_models import Sale, SaleLine, SaleTender, SaleTip

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
    desk: Desk,
    cart: Cart,
    tenders: list[Tender] | tuple[Tender, ...],
    approval: ManagerApproval | None = None,
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
        require(session, desk, DeskPermission.SELL)
        if _beyond_discount_limit(cart, desk.settings.discount_limit_percent):
            require(session, desk, DeskPermission.DISCOUNT_BEYOND_LIMIT, approval)
        refuse_if_day_closed(session, today, "No more sales can be recorded for it.")
        if cart.client_id is not None:
            usable_client(session, cart.client_id)
        appointment = _checkout_appointment(session, cart, today, desk)
        _check_menu_and_providers(session, cart, settlement)
        (number,) = take_receipt_numbers(session, 1)
        settled = SettledSale(
            desk, cart, settlement, now, number, policy_in_force(session, now), appointment
        )
        (completed,) = write_settled_sales(session, [settled])
        return completed


def _beyond_discount_limit(cart: Cart, limit_percent: int) -> bool:
    """Whether a line is discounted by more than the clinic's limit (a manager's to give)."""
    return any(line.discount_cents * 100 > line.gross_cents * limit_percent for line in cart.lines)


@dataclass(frozen=True)
class SettledSale:
    """A sale whose checks are made, ready to write: complete_sale's, or one of the demo's."""

    desk: Desk  # where it was rung up: desk.staff_id made the sale
    cart: Cart
    settlement: Settlement
    completed_at: datetime
    receipt_number: int  # taken by take_receipt_numbers
    policy_version: str  # the published text in force at completed_at
    appointment: Appointment | None  # cart.appointment_id's row, in the caller's session


def write_settled_sales(session: Session, sales: Sequence[SettledSale]) -> list[CompletedSale]:
    """Write sales whose checks are made, inside the transaction the caller holds: for each its
    Sale row, its lines and tenders and what they move (SaleRows), its tips, the visit it checks
    out completed with its history step, and the audit entry.

    The one way a sale's rows are written: complete_sale calls it with its one sale after its
    checks, the demo with a month of past sales at a time (valid as it makes them). Each table's
    rows go in as one Core insert for the whole run, and the visits checked out as one update: a
    month of sales is a few statements, where an object flushed per row (or the ORM's bulk
    insert, which looks at every row first) would cost the demo's build several times its other
    work. So the lines of a run are written after all its sales: no sale of a run may pay a fee
    another of the same run pays (the demo's each check out one visit).
    """
    session.flush()  # what the caller changed through the session goes first, as it came first
    books = session.connection()  # Core statements on it: the session looks at no row of them
    books.execute(insert(Sale), [_sale_row(settled) for settled in sales])
    # Read back by receipt number, unique to each. Not RETURNING: in the order of the rows given
    # SQLite inserts them a statement each, and in any order as one statement of every row's
    # values, a new statement (kept prepared) for each length of run.
    numbers = [settled.receipt_number for settled in sales]
    inserted = books.execute(
        select(Sale.receipt_number, Sale.id).where(
            Sale.receipt_number.between(min(numbers), max(numbers))
        )
    )
    ids_by_number = {number: sale_id for number, sale_id in inserted}
    sale_ids = [ids_by_number[settled.receipt_number] for settled in sales]
    rows: dict[type, list[dict[str, object]]] = {
        SaleLine: [],
        SaleTender: [],
        SaleTip: [],
        AppointmentStatusChange: [],
        AuditEntry: [],
    }
    completing: list[dict[str, object]] = []  # the visits these sales check out
    completed = [
        _write_sale_rows(session, settled, sale_id, rows, completing)
        for settled, sale_id in zip(sales, sale_ids)
    ]
    session.flush()  # what SaleRows moved through the session (stock, gift cards, credit)
    if completing:
        books.execute(
            update(Appointment)
            .where(Appointment.id == bindparam("visit"))
            .values(status=AppointmentStatus.COMPLETED),
            completing,
        )
    for model, values in rows.items():
        if values:
            books.execute(insert(model), values)
    return completed


def _sale_row(settled: SettledSale) -> dict[str, object]:
    settlement = settled.settlement
    return {
        "receipt_number": settled.receipt_number,
        "business_day": local_date(settled.completed_at, settled.desk.settings.zone),
        "completed_at": settled.completed_at,
        "staff_id": settled.desk.staff_id,
        "client_id": settled.cart.client_id,
        "appointment_id": settled.cart.appointment_id,
        "subtotal_cents": settlement.subtotal_cents,
        "discount_cents": settlement.discount_cents,
        "tax_cents": settlement.tax_cents,
        "tip_cents": settlement.tip_cents,
        "total_cents": settlement.total_cents,
        "change_cents": settlement.change_due_cents,
        "refund_policy_version": settled.policy_version,
    }


def _write_sale_rows(
    session: Session,
    settled: SettledSale,
    sale_id: int,
    rows: dict[type, list[dict[str, object]]],
    completing: list[dict[str, object]],
) -> CompletedSale:
    desk, cart, settlement = settled.desk, settled.cart, settled.settlement
    number, appointment, now = settled.receipt_number, settled.appointment, settled.completed_at
    sold = SaleRows(session, desk, cart, settlement, sale_id, number, now)
    sold.write_lines()
    sold.write_tenders()
    rows[SaleLine] += sold.lines
    rows[SaleTender] += sold.tenders
    rows[SaleTip] += [
        {"sale_id": sale_id, "provider_id": share.provider_id, "amount_cents": share.amount_cents}
        for share in settlement.tips
    ]
    if appointment is not None and appointment.status != AppointmentStatus.COMPLETED:
        rows[AppointmentStatusChange].append(
            step_values(
                desk.staff_id,
                appointment.id,
                appointment.status,
                AppointmentStatus.COMPLETED,
                f"Checked out on receipt {number}",
                now,
            )
        )
        # Written with the run's other visits in one UPDATE (write_settled_sales); the loaded
        # row says so too, without the session flushing it a second time.
        set_committed_value(appointment, "status", AppointmentStatus.COMPLETED)
        completing.append({"visit": appointment.id})
    rows[AuditEntry].append(
        audit_entry(
            desk.staff_id,
            "sale.completed",
            f"sale:{sale_id}",
            {
                "receipt_number": number,
                "client_id": cart.client_id,
                "appointment_id": cart.appointment_id,
                "total_cents": settlement.total_cents,
                "tax_cents": settlement.tax_cents,
                "tip_cents": settlement.tip_cents,
                "change_cents": settlement.change_due_cents,
                "tenders": dict(_tender_totals(settlement)),
                "gift_cards_sold": [card.gift_card_id for card in sold.issued],
            },
            now,
            session.info.get("workstation"),
        )
    )
    return CompletedSale(
        sale_id,
        number,
        local_date(now, desk.settings.zone),
        settlement.total_cents,
        settlement.change_due_cents,
        tuple(sold.issued),
        tuple(sold.warnings),
    )


def take_receipt_numbers(session: Session, count: int) -> range:
    """The next `count` receipt numbers, advanced in the sale's own transaction: a sale that
    fails takes no number, and none is ever used twice."""
    counter = session.get_one(Counter, RECEIPT_COUNTER)
    first = counter.next_value
    counter.next_value = first + count
    return range(first, first + count)


def _check_menu_and_providers(session: Session, cart: Cart, settlement: Settlement) -> None:
    """Every provider named (on a line or for a tip) is one, and every service is on the menu."""
    providers = {line.provider_id for line in cart.lines if line.provider_id is not None}
    providers |= {share.provider_id for share in settlement.tips}
    # A sale naming nobody (retail alone) asks nothing: each read is a statement on every sale.
    known = (
        set(session.scalars(select(Staff.id).where(Staff.id.in_(providers), Staff.is_provider)))
        if providers
        else set()
    )
    if providers - known:
        raise SaleRefused(f"Staff number {min(providers - known)} is not a provider.")
    services = {line.service_id for line in cart.lines if line.service_id is not None}
    on_menu = (
        set(session.scalars(select(Service.id).where(Service.id.in_(services))))
        if services
        else set()
    )
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


def _tender_totals(settlement: Settlement) -> Tally[str]:
    totals: Tally[str] = Tally()
    for settled in settlement.tenders:
        totals[settled.tender.kind.value] += settled.applied_cents
    return totals
