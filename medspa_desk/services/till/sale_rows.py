"""The rows of one sale and what they move (stock, gift cards, account credit, the deposit and
prepayment held for a visit), written inside complete_sale's transaction.

Decisions where the clinic's policy is silent:
- A fee is paid by a sale line that names it: ClientFee.owed_cents stays what the fee left to
  collect, and what is still owed is that less the fee lines of sales not voided (as
  services.clients.standing.fees_owed reads it), so a void puts the fee back by itself.
- A deposit or prepayment held for the visit may pay less than it holds (the sale came out
  cheaper than the booking): the rest becomes the client's account credit, as the policy does
  for money paid ahead ("credited for future services").
- A prepayment line takes the booked price of a future booking and records it as the booking's
  held prepayment (BookingPayment), with the tender that paid most of the sale; a deposit line
  does the same for a deposit (services.booking.deposits).
"""

from __future__ import annotations

from collections import Counter as Tally
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.booking_payments import BookingPaymentKind, BookingPaymentOutcome
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.domain.sale_math import Cart, CartLine, Settlement, Tender
from medspa_desk.domain.stock_movements import StockMovementReason
from medspa_desk.services.booking.deposits import hold_deposit
from medspa_desk.services.clients.standing import credit_balance, unpaid_fees
from medspa_desk.services.desk import Desk
from medspa_desk.services.till import gift_cards
from medspa_desk.services.till.retail_stock import move_stock
from medspa_desk.services.till.sale_checks import (
    SaleRefused,
    prepayable_booking,
)
from medspa_desk.storage.models import AccountCreditEntry, BookingPayment, Product


@dataclass(frozen=True)
class IssuedGiftCard:
    gift_card_id: int
    code: str
    amount_cents: int


class SaleRows:
    """The rows of one sale and what they move, inside complete_sale's transaction.

    Its lines and tenders are collected as values (`lines`, `tenders`) for the till's
    write_settled_sales to insert, a run of sales' at once; what they move is written here.
    """

    def __init__(
        self,
        session: Session,
        desk: Desk,
        cart: Cart,
        settlement: Settlement,
        sale_id: int,
        receipt_number: int,
        now: datetime,
    ) -> None:
        self.session, self.desk, self.cart = session, desk, cart
        self.settlement, self.now = settlement, now
        self.sale_id, self.receipt_number = sale_id, receipt_number
        self.lines: list[dict[str, object]] = []  # SaleLine rows
        self.tenders: list[dict[str, object]] = []  # SaleTender rows
        self.issued: list[IssuedGiftCard] = []
        self.warnings: list[str] = []

    def write_lines(self) -> None:
        self._check_fees()
        products = self._products()
        for settled in self.settlement.lines:
            line = settled.line
            row: dict[str, object] = dict(
                sale_id=self.sale_id,
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
                gift_card_id=None,
            )
            if line.kind is LineKind.RETAIL:
                warning = move_stock(
                    self.session,
                    products[line.product_id],
                    -line.quantity,
                    StockMovementReason.SALE,
                    self.now,
                    self.desk.staff_id,
                    sale_id=self.sale_id,
                )
                if warning:
                    self.warnings.append(warning)
            elif line.kind is LineKind.GIFT_CARD:
                card = gift_cards.issue(self.session, line.unit_price_cents, self.now, self.sale_id)
                row["gift_card_id"] = card.id
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
            self.lines.append(row)

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
            row: dict[str, object] = dict(
                sale_id=self.sale_id,
                kind=tender.kind.value,
                amount_cents=settled.applied_cents,
                cash_given_cents=tender.amount_cents if tender.kind is TenderKind.CASH else 0,
                card_brand=tender.card_brand,
                card_last4=tender.card_last4,
                approval_code=tender.approval_code,
                booking_payment_id=tender.booking_payment_id,
                gift_card_id=None,
            )
            if tender.kind is TenderKind.GIFT_CARD:
                card = gift_cards.card_by_code(self.session, tender.gift_card_code)
                gift_cards.spend(self.session, card, settled.applied_cents, self.now, self.sale_id)
                row["gift_card_id"] = card.id
            elif tender.kind is TenderKind.DEPOSIT:
                self._use_deposit(tender)
            self.tenders.append(row)

    # Lines

    def _products(self) -> dict[int | None, Product]:  # by a retail line's product_id
        wanted = {line.product_id for line in self.cart.lines if line.kind is LineKind.RETAIL}
        if not wanted:
            return {}  # no query (and no autoflush) for a sale with nothing off the shelf
        if None in wanted:
            raise SaleRefused("A retail line must name its product.")
        found: dict[int | None, Product] = {
            product.id: product
            for product in self.session.scalars(select(Product).where(Product.id.in_(list(wanted))))
        }
        for product_id in wanted:
            if product_id not in found or not found[product_id].active:
                raise SaleRefused(f"Product number {product_id} is not on the shelf any more.")
        return found

    def _check_fees(self) -> None:
        paying: Tally[int] = Tally()  # fee id -> cents
        for line in self.cart.lines:
            if line.kind is LineKind.FEE:
                if line.fee_id is None:
                    raise SaleRefused("A fee line must name the fee it pays.")
                paying[line.fee_id] += line.net_cents
        if not paying:
            return
        owed = {fee.fee_id: fee for fee in unpaid_fees(self.session, fee_ids=paying)}
        for fee_id, cents in paying.items():
            fee = owed.get(fee_id)
            if fee is None or fee.client_id != self.cart.client_id:
                raise SaleRefused("A fee on this sale is not owed by this client any more.")
            if cents > fee.left_cents:
                raise SaleRefused(
                    f"{fee.kind.label}: {format_cents(fee.left_cents)} is "
                    f"owed, not {format_cents(cents)}."
                )

    def _hold_prepayment(self, line: CartLine, amount_cents: int) -> None:
        appointment = prepayable_booking(self.session, line.appointment_id, self.now)
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
                kind=BookingPaymentKind.PREPAYMENT,
                amount_cents=amount_cents,
                tender=main.kind,
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
                reason=f"Paid on receipt {self.receipt_number}",
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
        payment.outcome = BookingPaymentOutcome.USED_AT_CHECKOUT
        payment.outcome_at = self.now
        payment.outcome_reason = f"Receipt {self.receipt_number}"
        rest = payment.amount_cents - tender.amount_cents
        if rest:
            self.session.add(
                AccountCreditEntry(
                    client_id=payment.client_id,
                    amount_cents=rest,
                    at=self.now,
                    by_staff_id=self.desk.staff_id,
                    reason=f"Rest of the deposit not needed on receipt {self.receipt_number}",
                    appointment_id=payment.appointment_id,
                    booking_payment_id=payment.id,
                )
            )
