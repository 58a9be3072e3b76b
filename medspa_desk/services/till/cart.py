"""Starting a sale: the cart for a visit or a walk-in, and the lines the till offers to add.

A cart (domain.sale_math.Cart) lives in memory while the desk adds to it; the database is read
to start it and written once, whole, by services.till.sale_completion.complete_sale().

A prepayment line takes the booked price of a future booking; completing the sale records it as
the booking's held prepayment. A fee line is what is left of a fee the client owes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.domain.sale_math import Cart, CartLine, TaxRates, Tender
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.clients.standing import unpaid_fees
from medspa_desk.services.clients.usable_client import usable_client
from medspa_desk.services.desk import Desk
from medspa_desk.services.till.sale_checks import (
    SaleRefused,
    checkable_appointment,
    prepayable_booking,
)
from medspa_desk.storage.models import BookingPayment, Service, Staff


def walk_in_cart(desk: Desk, client_id: int | None = None) -> Cart:
    """An empty sale, for a client or for nobody in particular (retail, a gift card)."""
    if client_id is not None:
        with desk.db.reading() as session:
            usable_client(session, client_id)
    return Cart(TaxRates.from_settings(desk.settings), client_id=client_id)


def cart_for_appointment(desk: Desk, appointment_id: int) -> Cart:
    """The visit's service at its booked price, the client's unpaid fees, and the money held for
    the visit offered as deposit tenders (the desk applies them or not)."""
    today = local_date(desk.clock.now(), desk.settings.zone)
    with desk.db.reading() as session:
        appointment = checkable_appointment(session, appointment_id, today, desk)
        cart = Cart(
            TaxRates.from_settings(desk.settings),
            client_id=appointment.client_id,
            appointment_id=appointment.id,
        )
        cart.add(
            CartLine(
                LineKind.SERVICE,
                appointment.service.name,
                appointment.price_cents,
                provider_id=appointment.provider_id,
                service_id=appointment.service_id,
                appointment_id=appointment.id,
            )
        )
        for line in _fee_lines(session, appointment.client_id, desk):
            cart.add(line)
        held = session.scalars(
            select(BookingPayment)
            .where(
                BookingPayment.appointment_id == appointment.id, BookingPayment.outcome.is_(None)
            )
            .order_by(BookingPayment.id)
        )
        cart.offered_tenders = [
            Tender.deposit(payment.id, payment.amount_cents) for payment in held
        ]
        return cart


def service_line(desk: Desk, service_id: int, provider_id: int) -> CartLine:
    """A service from the menu at today's price, performed by `provider_id` (an add-on)."""
    with desk.db.reading() as session:
        service = session.get(Service, service_id)
        if service is None or not service.active:
            raise SaleRefused(f"There is no service number {service_id} on the menu.")
        _provider(session, provider_id)
        return CartLine(
            LineKind.SERVICE,
            service.name,
            service.price_cents,
            provider_id=provider_id,
            service_id=service.id,
        )


def fee_lines(desk: Desk, client_id: int) -> list[CartLine]:
    """One line per fee the client still owes, for what is left of it."""
    with desk.db.reading() as session:
        return _fee_lines(session, client_id, desk)


def prepayment_line(desk: Desk, appointment_id: int) -> CartLine:
    """The booked price of a future booking, paid ahead at the till."""
    now = desk.clock.now()
    with desk.db.reading() as session:
        appointment = prepayable_booking(session, appointment_id, now)
        when = day_and_time(appointment.starts_at, desk.settings.zone)
        return CartLine(
            LineKind.PREPAYMENT,
            f"Prepayment: {appointment.service.name}, {when}",
            appointment.price_cents,
            appointment_id=appointment.id,
        )


def gift_card_line(amount_cents: int) -> CartLine:
    """A new gift card loaded with `amount_cents` (its code is made when the sale completes)."""
    return CartLine(LineKind.GIFT_CARD, f"Gift card {format_cents(amount_cents)}", amount_cents)


def _provider(session: Session, provider_id: int) -> Staff:
    provider = session.get(Staff, provider_id)
    if provider is None or not provider.is_provider:
        raise SaleRefused(f"Staff number {provider_id} is not a provider.")
    return provider


def _fee_lines(session: Session, client_id: int, desk: Desk) -> list[CartLine]:
    return [
        CartLine(
            LineKind.FEE,
            f"{fee.kind.label} ({_visit_day(fee.visit_starts_at, desk)} visit)",
            fee.left_cents,
            fee_id=fee.fee_id,
        )
        for fee in unpaid_fees(session, client_id=client_id)
    ]


def _visit_day(starts_at: datetime, desk: Desk) -> str:
    day = local_date(starts_at, desk.settings.zone)
    return f"{day:%a %b} {day.day}"
