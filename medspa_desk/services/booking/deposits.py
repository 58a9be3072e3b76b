"""Booking deposits: money taken ahead of a visit, at the till, with a receipt.

The Cancelation Policy lets the clinic "apply any booking deposit made on the account towards"
the late-cancellation fee, and call_off_money applies a held deposit first. A deposit is rung up
as a sale line of kind deposit (sale_completion.complete_sale writes the sale, its receipt number
and tenders in one transaction); hold_deposit() records it, in that transaction, as the booking's
held BookingPayment, which the fee rules, checkout and the Z report then find.

Decisions where the clinic's policy is silent:
- The amount is the deposit the service's menu entry asks for (Service.deposit_cents), or, when
  the menu asks none or the desk chooses otherwise, an amount the desk enters.
- A deposit is for a booking still to come (booked or confirmed, not yet started), is more than
  $0.00 and not more than the booked price: more than the visit costs is not a deposit.
- A booking holds one deposit or one prepayment (domain CalledOffBooking): a second deposit, or
  a deposit on a prepaid booking, is refused.
- Like a prepayment, the booking payment keeps the tender that paid most of the sale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.booking_payments import BookingPaymentKind
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.domain.sale_math import Cart, CartLine, Settlement, TaxRates
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Appointment, BookingPayment, Client, Service


class DepositRefused(DeskRefusal):
    """No deposit can be taken as asked; nothing was saved."""


@dataclass(frozen=True)
class DepositAsked:
    """What the desk needs to offer a deposit for a booking."""

    appointment_id: int
    client_id: int
    client_name: str
    service_name: str
    price_cents: int
    menu_deposit_cents: int  # what the service's menu entry asks for; 0: none asked


def deposit_asked(desk: Desk, appointment_id: int) -> DepositAsked:
    """The deposit the menu asks for this booking, after the checks a deposit must pass."""
    now = desk.clock.now()
    with desk.db.reading() as session:
        appointment = _depositable(session, appointment_id, now)
        client = session.get_one(Client, appointment.client_id)
        return DepositAsked(
            appointment.id,
            appointment.client_id,
            f"{client.first_name} {client.last_name}",
            appointment.service.name,
            appointment.price_cents,
            appointment.service.deposit_cents,
        )


def service_deposit_cents(desk: Desk, service_id: int) -> int:
    """The deposit a service's menu entry asks for at booking (0: none)."""
    with desk.db.reading() as session:
        service = session.get(Service, service_id)
        return service.deposit_cents if service is not None else 0


def deposit_line(desk: Desk, appointment_id: int, amount_cents: int | None = None) -> CartLine:
    """A sale line taking a deposit for a booking: `amount_cents`, or the menu's deposit."""
    now = desk.clock.now()
    with desk.db.reading() as session:
        appointment = _depositable(session, appointment_id, now)
        amount = appointment.service.deposit_cents if amount_cents is None else amount_cents
        if amount_cents is None and not amount:
            raise DepositRefused(
                f"Enter the amount of the deposit (the menu asks none for "
                f"{appointment.service.name})."
            )
        _check_amount(appointment, amount)
        when = day_and_time(appointment.starts_at, desk.settings.zone)
        return CartLine(
            LineKind.DEPOSIT,
            f"Deposit: {appointment.service.name}, {when}",
            amount,
            appointment_id=appointment.id,
        )


def deposit_cart(desk: Desk, appointment_id: int, amount_cents: int | None = None) -> Cart:
    """A sale for the booking's client holding only the deposit line, for the till to ring up.

    The cart names no appointment of its own: a cart's appointment is the visit it checks out,
    and taking a deposit does not complete the booking.
    """
    line = deposit_line(desk, appointment_id, amount_cents)
    with desk.db.reading() as session:
        client_id = session.get_one(Appointment, appointment_id).client_id
    cart = Cart(TaxRates.from_settings(desk.settings), client_id=client_id)
    cart.add(line)
    return cart


def hold_deposit(
    session: Session,
    desk: Desk,
    line: CartLine,
    amount_cents: int,
    client_id: int | None,
    settlement: Settlement,
    now: datetime,
) -> BookingPayment:
    """Record the deposit a sale line took as held for its booking, in the sale's transaction;
    every check is made again here, whatever the screen showed."""
    appointment = _depositable(session, line.appointment_id, now)
    if appointment.client_id != client_id:
        raise DepositRefused("A deposit is paid by the client of the booking: choose that client.")
    _check_amount(appointment, amount_cents)
    main = max(settlement.tenders, key=lambda settled: settled.applied_cents).tender
    by_card = main.kind is TenderKind.CARD
    payment = BookingPayment(
        appointment_id=appointment.id,
        client_id=appointment.client_id,
        kind=BookingPaymentKind.DEPOSIT,
        amount_cents=amount_cents,
        tender=main.kind,
        card_brand=main.card_brand if by_card else "",
        card_last4=main.card_last4 if by_card else "",
        approval_code=main.approval_code if by_card else "",
        paid_at=now,
        taken_by_id=desk.staff_id,
        outcome=None,
    )
    session.add(payment)
    return payment


def _depositable(session: Session, appointment_id: int | None, now: datetime) -> Appointment:
    appointment = session.get(Appointment, appointment_id) if appointment_id is not None else None
    if appointment is None:
        raise DepositRefused(f"There is no appointment number {appointment_id}.")
    status = AppointmentStatus(appointment.status)
    if not status.can_be_prepaid:
        raise DepositRefused(
            f"This appointment is {status.label.lower()}: a deposit is taken only for a booking "
            "still to come."
        )
    if appointment.starts_at <= now:
        raise DepositRefused(
            "This visit has already started: a deposit is taken only for a booking still to come."
        )
    held = session.scalars(
        select(BookingPayment).where(
            BookingPayment.appointment_id == appointment.id, BookingPayment.outcome.is_(None)
        )
    ).first()
    if held is not None and held.kind == BookingPaymentKind.DEPOSIT:
        raise DepositRefused(
            f"This booking already holds a {format_cents(held.amount_cents)} deposit."
        )
    if held is not None:
        raise DepositRefused("This booking is prepaid: a deposit is not taken on top.")
    return appointment


def _check_amount(appointment: Appointment, amount_cents: int) -> None:
    if amount_cents <= 0:
        raise DepositRefused("A deposit must be more than $0.00.")
    if amount_cents > appointment.price_cents:
        raise DepositRefused(
            f"A deposit cannot be more than the booked price, "
            f"{format_cents(appointment.price_cents)}."
        )
