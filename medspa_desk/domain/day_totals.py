"""The day's figures as the Z report states them: plain values, made by services.till.day_close and
printed by documents.z_report (which therefore needs nothing from services).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from medspa_desk.domain.sale_kinds import LineKind, TenderKind


@dataclass(frozen=True)
class FeeToCharge:
    """A fee whose card charge still waits for the terminal's approval code."""

    fee_id: int
    client_id: int
    client_name: str
    what: str  # "No-show fee: Neurotoxin, Wed Nov 25 at 10:00 AM"
    card_label: str  # "Visa ending 4242"
    charge_cents: int
    created_at: datetime


@dataclass(frozen=True)
class ProviderTotal:
    provider_id: int
    name: str
    services_cents: int  # their services after discounts, before tax
    tips_cents: int


@dataclass(frozen=True)
class VoidedOnDay:
    receipt_number: int
    total_cents: int
    voided_by: str
    reason: str


@dataclass(frozen=True)
class ClosedBy:
    closed_at: datetime  # in the clinic's zone
    closed_by: str
    expected_cash_cents: int  # as it stood when the day was closed
    counted_cash_cents: int
    note: str

    @property
    def difference_cents(self) -> int:
        """Counted less expected: negative when the drawer is short."""
        return self.counted_cash_cents - self.expected_cash_cents


@dataclass(frozen=True)
class BookingMoneyOfDay:
    """Money the day's bookings moved outside the till's sale lines, in cents and counts."""

    fees_charged_to_card: int = 0  # how many fee charges got their approval code on the day
    fees_charged_to_card_cents: int = 0
    awaiting_approval: tuple[FeeToCharge, ...] = ()  # sent to a card by the day's end, no code
    deposits_taken: int = 0  # at the till or when booking
    deposits_taken_cents: int = 0
    deposits_applied_to_fees_cents: int = 0
    prepayments_forfeited: int = 0
    prepayments_forfeited_cents: int = 0
    credits_issued: int = 0  # account credit given (prepayments credited, rests of deposits...)
    credits_issued_cents: int = 0

    @property
    def awaiting_approval_cents(self) -> int:
        return sum(fee.charge_cents for fee in self.awaiting_approval)


@dataclass(frozen=True)
class Rebooking:
    """The day's visits done, and how many of their clients left with their next booking made
    (booked from the visit's start to the day's end, for after the visit): the rebook rate."""

    visits: int = 0
    rebooked: int = 0

    def text(self) -> str:
        """'3 of 8 visits (38%)', or 'No visits'."""
        if not self.visits:
            return "No visits"
        plural = "" if self.visits == 1 else "s"
        return f"{self.rebooked} of {self.visits} visit{plural} ({rebook_percent(self)}%)"


def rebook_percent(rebooking: Rebooking) -> int:
    """Whole percent, half up: 1 of 8 is 13%."""
    return (200 * rebooking.rebooked + rebooking.visits) // (2 * rebooking.visits)


@dataclass(frozen=True)
class DayTotals:
    business_day: date
    clinic_name: str
    sales: int
    by_tender: dict[TenderKind, int]  # cents paid (cash net of change)
    by_category: dict[LineKind, int]  # cents sold, after discounts, before tax
    discount_cents: int
    tax_cents: int
    tip_cents: int
    total_cents: int
    by_provider: tuple[ProviderTotal, ...]
    fees_collected: int  # how many fee lines
    fees_collected_cents: int
    voids: tuple[VoidedOnDay, ...]
    taken_at_booking: dict[TenderKind, int]  # booking payments taken outside the till, by tender
    expected_cash_cents: int
    closed: ClosedBy | None  # None while the day is open
    booking_money: BookingMoneyOfDay = BookingMoneyOfDay()
    rebooking: Rebooking = Rebooking()


def describe_difference(difference_cents: int) -> str:
    """How the count came out: 'Cash over', 'Cash short' or 'Cash balances'."""
    if difference_cents > 0:
        return "Cash over"
    if difference_cents < 0:
        return "Cash short"
    return "Cash balances"
