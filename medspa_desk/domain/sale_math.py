"""A sale's arithmetic: lines, discounts, tax, tip and tenders, in integer cents.

The checkout screen keeps a Cart in memory while the desk adds to it and calls settle() after
every change; nothing here touches the database, so an added line is totalled at once.

The rules where the clinic's policy is silent:
- A line's amount is quantity x unit price, less its discount (an amount, with a reason).
- Tax is per line, on the discounted amount, at the rate of the line's kind, rounded half-up to
  the cent. Fees, prepayments and deposits carry no tax: a fee is not a sale of goods or
  services, and money paid ahead is taxed when the service it pays for is sold.
- A tip is an amount, or a percent of the sale's services after discounts and before tax
  (rounded half-up). It goes to the provider named, or else is shared by the providers of the
  sale's services in proportion to their services' amounts; the cents a proportional split
  leaves over go to the provider with the largest amount (the first of them on a tie).
- Non-cash tenders (card, gift card, account credit, deposit) pay exactly what they say and
  may not pay more than is due. Cash pays last, so change only ever comes from cash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from medspa_desk.domain.card_numbers import CARD_NUMBER_REFUSAL, contains_card_number
from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.domain.tax_categories import TaxCategory

_LAST4 = re.compile(r"[0-9]{4}")
_WHOLE = 10_000  # basis points in 100 %


class SaleInputError(DeskRefusal, ValueError):
    """Something the desk entered cannot be sold or paid that way; str() says why. A ValueError
    too, since it is bad input to the sale's arithmetic."""


# Each of these pays one thing whole: a gift card sold is one card, a fee is one fee.
_ONE_EACH = frozenset({LineKind.GIFT_CARD, LineKind.FEE, LineKind.PREPAYMENT, LineKind.DEPOSIT})
# A fee is waived (by a manager, on the fee) rather than discounted, and a prepayment is the
# booked price in full; a discount belongs on the service when it is sold.
_NEVER_DISCOUNTED = frozenset({LineKind.FEE, LineKind.PREPAYMENT, LineKind.DEPOSIT})


def half_up(amount_cents: int, basis_points: int) -> int:
    """`basis_points` of `amount_cents`, rounded half-up to the cent (both >= 0)."""
    return (amount_cents * basis_points + _WHOLE // 2) // _WHOLE


def percent_discount_cents(gross_cents: int, basis_points: int) -> int:
    """A discount given as a percent: of the line before tax, rounded half-up as tax and tips."""
    return half_up(gross_cents, basis_points)


@dataclass(frozen=True)
class TaxRates:
    """Basis points per line kind (825 is 8.25 %); fees and prepayments are never taxed."""

    service: int = 0
    retail: int = 0
    gift_card: int = 0

    @classmethod
    def from_settings(cls, settings: ClinicSettings) -> TaxRates:
        return cls(
            settings.tax_basis_points_service,
            settings.tax_basis_points_retail,
            settings.tax_basis_points_gift_card,
        )

    def for_kind(self, kind: LineKind) -> int:
        return {
            LineKind.SERVICE: self.service,
            LineKind.RETAIL: self.retail,
            LineKind.GIFT_CARD: self.gift_card,
        }.get(kind, 0)

    def for_line(self, line: CartLine) -> int:
        """The line's rate: its kind's, or for a product its own tax category's."""
        if line.kind is LineKind.RETAIL and line.tax_category is not None:
            return {
                TaxCategory.SERVICE: self.service,
                TaxCategory.RETAIL: self.retail,
                TaxCategory.GIFT_CARD: self.gift_card,
            }[line.tax_category]
        return self.for_kind(line.kind)


@dataclass(frozen=True)
class CartLine:
    """One line of a sale. The ids say what it sells; they are checked when the sale completes."""

    kind: LineKind
    description: str
    unit_price_cents: int
    quantity: int = 1
    discount_cents: int = 0
    discount_reason: str = ""
    provider_id: int | None = None  # who performed a service: tips follow it
    service_id: int | None = None
    product_id: int | None = None
    appointment_id: int | None = None  # the visit checked out, or the booking prepaid
    fee_id: int | None = None
    tax_category: TaxCategory | None = None  # a product's own (None: taxed by the line's kind)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", LineKind(self.kind))
        name = self.description.strip() or "This line"
        if not self.description.strip():
            raise SaleInputError("Every line needs a description.")
        if contains_card_number(self.description):
            raise SaleInputError(f"The description: {CARD_NUMBER_REFUSAL}")
        if self.quantity < 1:
            raise SaleInputError(f"{name}: the quantity must be 1 or more, not {self.quantity}.")
        if self.quantity > 1 and self.kind in _ONE_EACH:
            raise SaleInputError(f"{name}: one per line (add another line for another).")
        if self.unit_price_cents < 0:
            raise SaleInputError(f"{name}: a price cannot be negative.")
        if self.kind in _ONE_EACH and self.unit_price_cents == 0:
            raise SaleInputError(f"{name}: the amount must be more than $0.00.")
        if self.discount_cents < 0:
            raise SaleInputError(f"{name}: a discount cannot be negative.")
        if self.discount_cents and self.kind in _NEVER_DISCOUNTED:
            raise SaleInputError(f"{name}: a {self.kind.replace('_', ' ')} is not discounted.")
        if self.discount_cents > self.gross_cents:
            raise SaleInputError(
                f"{name}: the discount of {format_cents(self.discount_cents)} is more than the "
                f"line's {format_cents(self.gross_cents)}."
            )
        if self.discount_cents and not self.discount_reason.strip():
            raise SaleInputError(
                f"{name}: say why it is discounted (the reason prints on the receipt)."
            )
        if contains_card_number(self.discount_reason):
            raise SaleInputError(f"The discount reason: {CARD_NUMBER_REFUSAL}")

    @property
    def gross_cents(self) -> int:
        return self.quantity * self.unit_price_cents

    @property
    def net_cents(self) -> int:
        return self.gross_cents - self.discount_cents


@dataclass(frozen=True)
class Tip:
    """A tip as the client says it: an amount, or a percent in basis points (1800 is 18 %)."""

    amount_cents: int = 0
    percent_basis_points: int = 0
    provider_id: int | None = None  # None: shared by the sale's providers

    def __post_init__(self) -> None:
        if self.amount_cents < 0 or self.percent_basis_points < 0:
            raise SaleInputError("A tip cannot be negative.")
        if self.amount_cents and self.percent_basis_points:
            raise SaleInputError("Give the tip as an amount or as a percent, not both.")
        if self.percent_basis_points > _WHOLE:
            raise SaleInputError(
                "A tip of more than 100 % is surely a typing slip: enter it again."
            )


NO_TIP = Tip()


@dataclass(frozen=True)
class Tender:
    """One way the client pays. For cash, `amount_cents` is the cash handed over."""

    kind: TenderKind
    amount_cents: int
    card_brand: str = ""
    card_last4: str = ""
    approval_code: str = ""
    gift_card_code: str = ""
    booking_payment_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", TenderKind(self.kind))
        if self.amount_cents <= 0:
            raise SaleInputError(f"A {self.kind.label.lower()} payment must be more than $0.00.")
        for text in (self.card_brand, self.card_last4, self.approval_code, self.gift_card_code):
            if contains_card_number(text):
                raise SaleInputError(CARD_NUMBER_REFUSAL)
        if self.kind is TenderKind.CARD:
            if not self.card_brand.strip():
                raise SaleInputError("Say which card paid (Visa, Mastercard, ...).")
            if not _LAST4.fullmatch(self.card_last4):
                raise SaleInputError("Enter the card's last four digits: exactly 4 digits.")
            if not self.approval_code.strip():
                raise SaleInputError("Enter the approval code the terminal printed.")
            if len(self.card_brand.strip()) > 20 or len(self.approval_code.strip()) > 20:
                raise SaleInputError(
                    "The card brand and the approval code are 20 characters at most."
                )
        if self.kind is TenderKind.GIFT_CARD and not self.gift_card_code.strip():
            raise SaleInputError("Enter the gift card's code.")
        if self.kind is TenderKind.DEPOSIT and self.booking_payment_id is None:
            raise SaleInputError("Say which deposit pays: it is offered with the appointment.")

    @classmethod
    def cash(cls, given_cents: int) -> Tender:
        return cls(TenderKind.CASH, given_cents)

    @classmethod
    def card(cls, amount_cents: int, brand: str, last4: str, approval_code: str) -> Tender:
        return cls(
            TenderKind.CARD, amount_cents, brand.strip(), last4.strip(), approval_code.strip()
        )

    @classmethod
    def gift_card(cls, code: str, amount_cents: int) -> Tender:
        return cls(TenderKind.GIFT_CARD, amount_cents, gift_card_code=code)

    @classmethod
    def account_credit(cls, amount_cents: int) -> Tender:
        return cls(TenderKind.ACCOUNT_CREDIT, amount_cents)

    @classmethod
    def deposit(cls, booking_payment_id: int, amount_cents: int) -> Tender:
        return cls(TenderKind.DEPOSIT, amount_cents, booking_payment_id=booking_payment_id)


@dataclass
class Cart:
    """A sale being put together at the desk: in memory until it completes."""

    tax_rates: TaxRates = TaxRates()
    client_id: int | None = None
    appointment_id: int | None = None  # the visit being checked out, if any
    lines: list[CartLine] = field(default_factory=list)
    tip: Tip = NO_TIP
    # Money already held for this visit (deposits, prepayments), for the desk to apply or not.
    offered_tenders: list[Tender] = field(default_factory=list)

    def add(self, line: CartLine) -> int:
        """Add `line`; its index. A product scanned again adds to its line, as at any till."""
        for index, held in enumerate(self.lines):
            if (
                line.kind is LineKind.RETAIL
                and held.kind is LineKind.RETAIL
                and held.product_id == line.product_id
                and held.unit_price_cents == line.unit_price_cents
                and not held.discount_cents
                and not line.discount_cents
            ):
                self.lines[index] = replace(held, quantity=held.quantity + line.quantity)
                return index
        self.lines.append(line)
        return len(self.lines) - 1

    def change(self, index: int, **changes: Any) -> CartLine:
        """Change fields of line `index` (quantity, discount_cents, discount_reason, ...)."""
        self.lines[index] = replace(self.lines[index], **changes)
        return self.lines[index]

    def remove(self, index: int) -> None:
        del self.lines[index]


@dataclass(frozen=True)
class SettledLine:
    line: CartLine
    tax_cents: int

    @property
    def total_cents(self) -> int:
        return self.line.net_cents + self.tax_cents


@dataclass(frozen=True)
class TipShare:
    provider_id: int
    amount_cents: int


@dataclass(frozen=True)
class SettledTender:
    tender: Tender
    applied_cents: int  # what it pays towards the total (cash: less the change)


@dataclass(frozen=True)
class Settlement:
    lines: tuple[SettledLine, ...]
    subtotal_cents: int  # before discounts
    discount_cents: int
    tax_cents: int
    tips: tuple[TipShare, ...]
    tenders: tuple[SettledTender, ...]
    change_due_cents: int

    @property
    def tip_cents(self) -> int:
        return sum(share.amount_cents for share in self.tips)

    @property
    def total_cents(self) -> int:
        return self.subtotal_cents - self.discount_cents + self.tax_cents + self.tip_cents

    @property
    def paid_cents(self) -> int:
        return sum(tender.applied_cents for tender in self.tenders)

    @property
    def balance_due_cents(self) -> int:
        return self.total_cents - self.paid_cents

    @property
    def is_paid(self) -> bool:
        return self.balance_due_cents == 0


def settle(cart: Cart, tenders: tuple[Tender, ...] | list[Tender] = ()) -> Settlement:
    """Totals, tip shares and what each tender pays; raises SaleInputError for an over-tender."""
    lines = tuple(
        SettledLine(line, half_up(line.net_cents, cart.tax_rates.for_line(line)))
        for line in cart.lines
    )
    tips = tip_shares(cart.lines, cart.tip)
    due = sum(line.total_cents for line in lines) + sum(share.amount_cents for share in tips)
    applied, change = _apply_tenders(due, tenders)
    return Settlement(
        lines=lines,
        subtotal_cents=sum(line.gross_cents for line in cart.lines),
        discount_cents=sum(line.discount_cents for line in cart.lines),
        tax_cents=sum(line.tax_cents for line in lines),
        tips=tips,
        tenders=applied,
        change_due_cents=change,
    )


def tip_shares(lines: list[CartLine], tip: Tip) -> tuple[TipShare, ...]:
    """Who gets how much of the tip (see the module's notes); no shares for no tip."""
    services: dict[int, int] = {}  # provider -> services' amount, in the order the providers appear
    for line in lines:
        if line.kind is LineKind.SERVICE and line.provider_id is not None:
            services[line.provider_id] = services.get(line.provider_id, 0) + line.net_cents
    if tip.percent_basis_points:
        amount = half_up(sum(services.values()), tip.percent_basis_points)
    else:
        amount = tip.amount_cents
    if amount == 0:
        return ()
    if tip.provider_id is not None:
        return (TipShare(tip.provider_id, amount),)
    if not services:
        raise SaleInputError(
            "Say which provider the tip is for: no service on this sale names one."
        )
    # Services discounted to nothing still earn their provider a share: split evenly then.
    weights = services if any(services.values()) else dict.fromkeys(services, 1)
    whole = sum(weights.values())
    shares = {provider: amount * weight // whole for provider, weight in weights.items()}
    largest = max(
        weights, key=lambda provider: weights[provider]
    )  # max() keeps the first of equals
    shares[largest] += amount - sum(shares.values())
    return tuple(TipShare(provider, cents) for provider, cents in shares.items() if cents)


def _apply_tenders(
    due: int, tenders: tuple[Tender, ...] | list[Tender]
) -> tuple[tuple[SettledTender, ...], int]:
    remaining = due
    applied: dict[int, SettledTender] = {}
    for position, tender in enumerate(tenders):
        if tender.kind is TenderKind.CASH:
            continue
        if tender.amount_cents > remaining:
            raise SaleInputError(
                f"The {tender.kind.label.lower()} payment of {format_cents(tender.amount_cents)} "
                f"is more than the {format_cents(remaining)} still due. Only cash can be "
                "more than what is due (it gets change)."
            )
        remaining -= tender.amount_cents
        applied[position] = SettledTender(tender, tender.amount_cents)
    change = 0
    for position, tender in enumerate(tenders):
        if tender.kind is not TenderKind.CASH:
            continue
        if remaining == 0:
            raise SaleInputError(
                "Nothing is left to pay in cash: the other payments cover the whole sale."
            )
        paid = min(tender.amount_cents, remaining)
        remaining -= paid
        change += tender.amount_cents - paid
        applied[position] = SettledTender(tender, paid)
    return tuple(applied[position] for position in sorted(applied)), change
