"""Checkout: starting a sale, completing it in one transaction, and voiding it the same day.

A cart (domain.sale_math.Cart) lives in memory while the desk adds to it; the database is read
to start it and written once, whole, by complete_sale(). Everything the sale moves (its receipt
number, lines, tips and tenders, stock, gift card and account credit balances, the deposit it
uses, the appointment it completes) commits together or not at all, and every check is made
again inside that transaction, whatever the screen showed.

Decisions where the clinic's policy is silent:
- Checking out an appointment completes it (history row "Checked out on receipt N") in the
  sale's transaction: one action at the desk, one transaction. A void leaves it completed (the
  visit happened; only the sale was wrong), and the visit can be checked out again.
- A fee is paid by a sale line that names it: ClientFee.owed_cents stays what the fee left to
  collect, and what is still owed is that less the fee lines of sales not voided (as
  services.clients.standing.fees_owed reads it), so a void puts the fee back by itself.
- A deposit or prepayment held for the visit may pay less than it holds (the sale came out
  cheaper than the booking): the rest becomes the client's account credit, as the policy does
  for money paid ahead ("credited for future services").
- A prepayment line takes the booked price of a future booking and records it as the booking's
  held prepayment (BookingPayment), with the tender that paid most of the sale; a deposit line
  does the same for a deposit (services.booking.deposits).
- The sale records the version of the published policy text in force (services.clinic.published_policies,
  kept verbatim in policy_text), so a reprint states the refund policy of the day of the sale.

There is no refund: the clinic refunds nothing (Refund Policy). A void undoes a sale made in
error the same day, before the day is closed, by a manager, with a reason; it is recorded, not
deleted, and its movements are reversed by new entries.
"""

from __future__ import annotations

from collections import Counter as Tally
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_math import (
    Cart,
    CartLine,
    LineKind,
    Settlement,
    TaxRates,
    Tender,
    TenderKind,
    settle,
)
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.booking.deposits import hold_deposit
from medspa_desk.services.books.audit_trail import change_status, record_audit
from medspa_desk.services.clients.standing import credit_balance
from medspa_desk.services.clinic.published_policies import policy_in_force
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number, required_text
from medspa_desk.services.till import gift_cards
from medspa_desk.services.till.retail_stock import move_stock
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    BookingPayment,
    Client,
    ClientFee,
    Counter,
    DayClose,
    GiftCard,
    Product,
    Sale,
    SaleLine,
    SaleTender,
    SaleTip,
    Service,
    Staff,
)

RECEIPT_COUNTER = "receipt_number"
USED_AT_CHECKOUT = "used_at_checkout"
VOIDED = "voided"
# A visit can be checked out from any of these (clients do arrive before the desk checks them
# in); a completed one only while no sale stands for it.
_CHECKOUT_FROM = frozenset(
    {
        AppointmentStatus.BOOKED,
        AppointmentStatus.CONFIRMED,
        AppointmentStatus.CHECKED_IN,
        AppointmentStatus.IN_SERVICE,
        AppointmentStatus.COMPLETED,
    }
)
_PREPAYABLE = frozenset({AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED})
_FEE_NAMES = {"late_cancel": "Late-cancellation fee", "no_show": "No-show fee"}


class SaleRefused(DeskRefusal):
    """The sale cannot complete (or be voided) as asked; nothing was saved."""


@dataclass(frozen=True)
class IssuedGiftCard:
    gift_card_id: int
    code: str
    amount_cents: int


@dataclass(frozen=True)
class CompletedSale:
    sale_id: int
    receipt_number: int
    business_day: date
    total_cents: int
    change_due_cents: int
    gift_cards: tuple[IssuedGiftCard, ...]  # sold on this sale: their codes go to the buyer
    recount_warnings: tuple[str, ...]  # products whose count went below zero


@dataclass(frozen=True)
class VoidedSale:
    sale_id: int
    receipt_number: int
    total_cents: int


# --- Starting a cart -------------------------------------------------------------------------


def walk_in_cart(desk: Desk, client_id: int | None = None) -> Cart:
    """An empty sale, for a client or for nobody in particular (retail, a gift card)."""
    if client_id is not None:
        with desk.db.reading() as session:
            _client(session, client_id)
    return Cart(TaxRates.from_settings(desk.settings), client_id=client_id)


def cart_for_appointment(desk: Desk, appointment_id: int) -> Cart:
    """The visit's service at its booked price, the client's unpaid fees, and the money held for
    the visit offered as deposit tenders (the desk applies them or not)."""
    today = local_date(desk.clock.now(), desk.settings.zone)
    with desk.db.reading() as session:
        appointment = _checkable(session, appointment_id, today, desk)
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
        appointment = _prepayable(session, appointment_id, now)
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


# --- Completing ------------------------------------------------------------------------------


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
        _refuse_if_closed(session, today, "No more sales can be recorded for it.")
        if cart.client_id is not None:
            _client(session, cart.client_id)
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
        sold = _SaleWriter(session, desk, cart, settlement, sale, now)
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


class _SaleWriter:
    """The rows of one sale and what they move, inside complete_sale's transaction."""

    def __init__(
        self,
        session: Session,
        desk: Desk,
        cart: Cart,
        settlement: Settlement,
        sale: Sale,
        now: datetime,
    ) -> None:
        self.session, self.desk, self.cart = session, desk, cart
        self.settlement, self.sale, self.now = settlement, sale, now
        self.issued: list[IssuedGiftCard] = []
        self.warnings: list[str] = []

    def write_lines(self) -> None:
        self._check_fees()
        products = self._products()
        for settled in self.settlement.lines:
            line = settled.line
            row = SaleLine(
                sale_id=self.sale.id,
                kind=line.kind.value,
                description=line.description.strip(),
                service_id=line.service_id,
                product_id=line.product_id,
                appointment_id=line.appointment_id,
                fee_id=line.fee_id,
                provider_id=line.provider_id,
                quantity=line.quantity,
                unit_price_cents=line.unit_price_cents,
                discount_cents=line.discount_cents,
                discount_reason=line.discount_reason.strip(),
                tax_cents=settled.tax_cents,
                total_cents=settled.total_cents,
            )
            if line.kind is LineKind.RETAIL:
                warning = move_stock(
                    self.session,
                    products[line.product_id],
                    -line.quantity,
                    "sale",
                    self.now,
                    self.desk.staff_id,
                    sale_id=self.sale.id,
                )
                if warning:
                    self.warnings.append(warning)
            elif line.kind is LineKind.GIFT_CARD:
                card = gift_cards.issue(self.session, line.unit_price_cents, self.now, self.sale.id)
                row.gift_card_id = card.id
                self.issued.append(IssuedGiftCard(card.id, card.code, card.initial_cents))
            elif line.kind is LineKind.PREPAYMENT:
                self._hold_prepayment(line, settled.total_cents)
            elif line.kind is LineKind.DEPOSIT:
                hold_deposit(
                    self.session,
                    self.desk,
                    line,
                    settled.total_cents,
                    self.cart.client_id,
                    self.settlement,
                    self.now,
                )
            self.session.add(row)

    def write_tenders(self) -> None:
        credit = sum(
            t.applied_cents
            for t in self.settlement.tenders
            if t.tender.kind is TenderKind.ACCOUNT_CREDIT
        )
        if credit:
            self._spend_credit(credit)
        for settled in self.settlement.tenders:
            tender = settled.tender
            row = SaleTender(
                sale_id=self.sale.id,
                kind=tender.kind.value,
                amount_cents=settled.applied_cents,
                cash_given_cents=tender.amount_cents if tender.kind is TenderKind.CASH else 0,
                card_brand=tender.card_brand,
                card_last4=tender.card_last4,
                approval_code=tender.approval_code,
                booking_payment_id=tender.booking_payment_id,
            )
            if tender.kind is TenderKind.GIFT_CARD:
                card = gift_cards.card_by_code(self.session, tender.gift_card_code)
                gift_cards.spend(self.session, card, settled.applied_cents, self.now, self.sale.id)
                row.gift_card_id = card.id
            elif tender.kind is TenderKind.DEPOSIT:
                self._use_deposit(tender)
            self.session.add(row)

    # Lines

    def _products(self) -> dict[int, Product]:
        wanted = {line.product_id for line in self.cart.lines if line.kind is LineKind.RETAIL}
        if None in wanted:
            raise SaleRefused("A retail line must name its product.")
        found = {
            product.id: product
            for product in self.session.scalars(select(Product).where(Product.id.in_(list(wanted))))
        }
        for product_id in wanted:
            if product_id not in found or not found[product_id].active:
                raise SaleRefused(f"Product number {product_id} is not on the shelf any more.")
        return found

    def _check_fees(self) -> None:
        paying = Tally()
        for line in self.cart.lines:
            if line.kind is LineKind.FEE:
                if line.fee_id is None:
                    raise SaleRefused("A fee line must name the fee it pays.")
                paying[line.fee_id] += line.net_cents
        if not paying:
            return
        owed = {row.id: row for row in _unpaid_fees(self.session, ClientFee.id.in_(list(paying)))}
        for fee_id, cents in paying.items():
            fee = owed.get(fee_id)
            if fee is None or fee.client_id != self.cart.client_id:
                raise SaleRefused("A fee on this sale is not owed by this client any more.")
            if cents > fee.left_cents:
                raise SaleRefused(
                    f"{_FEE_NAMES.get(fee.kind, 'The fee')}: {format_cents(fee.left_cents)} is "
                    f"owed, not {format_cents(cents)}."
                )

    def _hold_prepayment(self, line: CartLine, amount_cents: int) -> None:
        appointment = _prepayable(self.session, line.appointment_id, self.now)
        if appointment.client_id != self.cart.client_id:
            raise SaleRefused(
                "A prepayment is paid by the client of the booking: choose that client."
            )
        if amount_cents != appointment.price_cents:
            raise SaleRefused(
                "A prepayment is the booked price in full, "
                f"{format_cents(appointment.price_cents)}."
            )
        # The booking payment keeps one tender: the one that paid most of this sale.
        main = max(self.settlement.tenders, key=lambda settled: settled.applied_cents).tender
        by_card = main.kind is TenderKind.CARD
        self.session.add(
            BookingPayment(
                appointment_id=appointment.id,
                client_id=appointment.client_id,
                kind="prepayment",
                amount_cents=amount_cents,
                tender=main.kind.value,
                card_brand=main.card_brand if by_card else "",
                card_last4=main.card_last4 if by_card else "",
                approval_code=main.approval_code if by_card else "",
                paid_at=self.now,
                taken_by_id=self.desk.staff_id,
                outcome=None,
            )
        )

    # Tenders

    def _spend_credit(self, cents: int) -> None:
        if self.cart.client_id is None:
            raise SaleRefused("Account credit belongs to a client: choose the client first.")
        left = credit_balance(self.session, self.cart.client_id)
        if cents > left:
            raise SaleRefused(
                f"The client has {format_cents(left)} of account credit, not {format_cents(cents)}."
            )
        self.session.add(
            AccountCreditEntry(
                client_id=self.cart.client_id,
                amount_cents=-cents,
                at=self.now,
                by_staff_id=self.desk.staff_id,
                reason=f"Paid on receipt {self.sale.receipt_number}",
                appointment_id=self.cart.appointment_id,
            )
        )

    def _use_deposit(self, tender: Tender) -> None:
        payment = self.session.get(BookingPayment, tender.booking_payment_id)
        if (
            payment is None
            or payment.outcome is not None
            or self.cart.appointment_id is None
            or payment.appointment_id != self.cart.appointment_id
        ):
            raise SaleRefused("That deposit is not held for this visit any more.")
        if tender.amount_cents > payment.amount_cents:
            raise SaleRefused(
                f"The deposit holds {format_cents(payment.amount_cents)}, not "
                f"{format_cents(tender.amount_cents)}."
            )
        payment.outcome = USED_AT_CHECKOUT
        payment.outcome_at = self.now
        payment.outcome_reason = f"Receipt {self.sale.receipt_number}"
        rest = payment.amount_cents - tender.amount_cents
        if rest:
            self.session.add(
                AccountCreditEntry(
                    client_id=payment.client_id,
                    amount_cents=rest,
                    at=self.now,
                    by_staff_id=self.desk.staff_id,
                    reason=f"Rest of the deposit not needed on receipt {self.sale.receipt_number}",
                    appointment_id=payment.appointment_id,
                    booking_payment_id=payment.id,
                )
            )


# --- Voiding ---------------------------------------------------------------------------------


def void_sale(desk: Desk, sale_id: int, *, manager_id: int, reason: str) -> VoidedSale:
    """Void a sale made today in error. Its rows stay; new entries put back the stock, the gift
    card and account credit it moved, and the deposit it used (held again for the visit)."""
    reason = required_text(
        reason, "Say why the sale is voided: the reason is kept with it.", SaleRefused
    )
    refuse_card_number(reason, "Reason", SaleRefused)
    now = desk.clock.now()
    today = local_date(now, desk.settings.zone)
    with desk.db.writing() as session:
        sale = session.get(Sale, sale_id)
        if sale is None:
            raise SaleRefused(f"There is no sale number {sale_id}.")
        manager = session.get(Staff, manager_id)
        if manager is None or not manager.active or not manager.is_manager:
            who = manager.display_name if manager is not None else "That staff member"
            raise SaleRefused(f"{who} is not a manager: only a manager can void a sale.")
        if sale.voided_at is not None:
            raise SaleRefused(f"Receipt {sale.receipt_number} is already void.")
        _refuse_if_closed(session, sale.business_day, "Its sales cannot be voided any more.")
        if sale.business_day != today:
            raise SaleRefused(
                f"Receipt {sale.receipt_number} is from {sale.business_day:%a %b} "
                f"{sale.business_day.day}: only today's sales can be voided."
            )
        _reverse(session, desk, sale, now)
        sale.voided_at = now
        sale.voided_by_id = manager.id
        sale.void_reason = reason
        record_audit(
            session,
            desk.staff_id,
            "sale.voided",
            f"sale:{sale.id}",
            {
                "receipt_number": sale.receipt_number,
                "manager_id": manager.id,
                "total_cents": sale.total_cents,
            },
            now,
        )
        return VoidedSale(sale.id, sale.receipt_number, sale.total_cents)


def _reverse(session: Session, desk: Desk, sale: Sale, now: datetime) -> None:
    number = sale.receipt_number
    lines = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id)).all()
    products = {
        product.id: product
        for product in session.scalars(
            select(Product).where(Product.id.in_([line.product_id for line in lines]))
        )
    }
    cards = {
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
                "void",
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
                payment.outcome, payment.outcome_at = VOIDED, now
                payment.outcome_reason = f"Receipt {number} voided"
    credit_back = 0
    for tender in session.scalars(select(SaleTender).where(SaleTender.sale_id == sale.id)):
        if tender.kind == TenderKind.GIFT_CARD:
            gift_cards.put_back(session, tender.gift_card_id, tender.amount_cents, now, sale.id)
        elif tender.kind == TenderKind.ACCOUNT_CREDIT:
            credit_back += tender.amount_cents
        elif tender.kind == TenderKind.DEPOSIT:
            payment = session.get(BookingPayment, tender.booking_payment_id)
            payment.outcome, payment.outcome_at, payment.outcome_reason = None, None, ""
            # The rest of the deposit was credited; holding the deposit again takes it back.
            credit_back -= payment.amount_cents - tender.amount_cents
    if credit_back:
        if credit_back < 0 and credit_balance(session, sale.client_id) < -credit_back:
            raise SaleRefused(
                f"The deposit credit from receipt {number} has already been spent: the sale "
                "cannot be voided."
            )
        session.add(
            AccountCreditEntry(
                client_id=sale.client_id,
                amount_cents=credit_back,
                at=now,
                by_staff_id=desk.staff_id,
                reason=f"Receipt {number} voided",
                appointment_id=sale.appointment_id,
            )
        )


# --- Reading and checking --------------------------------------------------------------------


def _client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise SaleRefused(f"There is no client number {client_id} in the records.")
    if client.merged_into_id is not None:
        raise SaleRefused(
            f"This client record was merged into client number {client.merged_into_id}: "
            "use that record."
        )
    return client


def _provider(session: Session, provider_id: int) -> Staff:
    provider = session.get(Staff, provider_id)
    if provider is None or not provider.is_provider:
        raise SaleRefused(f"Staff number {provider_id} is not a provider.")
    return provider


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


def _checkable(session: Session, appointment_id: int, today: date, desk: Desk) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise SaleRefused(f"There is no appointment number {appointment_id}.")
    status = AppointmentStatus(appointment.status)
    if status not in _CHECKOUT_FROM:
        raise SaleRefused(
            f"This appointment is {status.label.lower()}: there is nothing to check out."
        )
    if local_date(appointment.starts_at, desk.settings.zone) > today:
        when = day_and_time(appointment.starts_at, desk.settings.zone)
        raise SaleRefused(f"This visit is on {when}: it is checked out on the day.")
    receipt = session.scalar(
        select(Sale.receipt_number).where(
            Sale.appointment_id == appointment.id, Sale.voided_at.is_(None)
        )
    )
    if receipt is not None:
        raise SaleRefused(f"This appointment was already checked out on receipt {receipt}.")
    return appointment


def _checkout_appointment(
    session: Session, cart: Cart, today: date, desk: Desk
) -> Appointment | None:
    if cart.appointment_id is None:
        return None
    appointment = _checkable(session, cart.appointment_id, today, desk)
    if appointment.client_id != cart.client_id:
        raise SaleRefused("This sale's client is not the appointment's client.")
    return appointment


def _prepayable(session: Session, appointment_id: int | None, now: datetime) -> Appointment:
    appointment = session.get(Appointment, appointment_id) if appointment_id is not None else None
    if appointment is None:
        raise SaleRefused(f"There is no appointment number {appointment_id}.")
    if AppointmentStatus(appointment.status) not in _PREPAYABLE or appointment.starts_at <= now:
        raise SaleRefused("Only a booking still to come can be prepaid.")
    held = session.scalar(
        select(BookingPayment.id).where(
            BookingPayment.appointment_id == appointment.id, BookingPayment.outcome.is_(None)
        )
    )
    if held is not None:
        raise SaleRefused("This booking already has money held for it.")
    return appointment


def _fee_lines(session: Session, client_id: int, desk: Desk) -> list[CartLine]:
    return [
        CartLine(
            LineKind.FEE,
            f"{_FEE_NAMES.get(fee.kind, 'Fee')} ({_visit_day(fee.starts_at, desk)} visit)",
            fee.left_cents,
            fee_id=fee.id,
        )
        for fee in _unpaid_fees(session, ClientFee.client_id == client_id)
    ]


def _visit_day(starts_at: datetime, desk: Desk) -> str:
    day = local_date(starts_at, desk.settings.zone)
    return f"{day:%a %b} {day.day}"


def _unpaid_fees(session: Session, which) -> list:
    """Fees not waived with something left to collect.

    Rows of id, client_id, kind, starts_at (of the visit missed) and left_cents.
    """
    paid = (
        select(func.coalesce(func.sum(SaleLine.total_cents), 0))
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(SaleLine.fee_id == ClientFee.id, Sale.voided_at.is_(None))
        .scalar_subquery()
    )
    left = (ClientFee.owed_cents - paid).label("left_cents")
    rows = session.execute(
        select(ClientFee.id, ClientFee.client_id, ClientFee.kind, Appointment.starts_at, left)
        .join(Appointment, Appointment.id == ClientFee.appointment_id)
        .where(which, ClientFee.waived_at.is_(None))
        .order_by(Appointment.starts_at)
    )
    return [row for row in rows if row.left_cents > 0]


def _refuse_if_closed(session: Session, day: date, consequence: str) -> None:
    closed = session.get(DayClose, day)
    if closed is not None:
        raise SaleRefused(f"The business day {day:%a %b} {day.day} has been closed. {consequence}")


def _take_receipt_number(session: Session) -> int:
    """The next receipt number, advanced in the sale's own transaction: a sale that fails takes
    no number, and none is ever used twice."""
    counter = session.get(Counter, RECEIPT_COUNTER)
    number = counter.next_value
    counter.next_value = number + 1
    return number


def _tender_totals(settlement: Settlement) -> Tally:
    totals = Tally()
    for settled in settlement.tenders:
        totals[settled.tender.kind.value] += settled.applied_cents
    return totals
