"""Money taken for a booking before the visit: what it is, how it was paid, and what became of it.

A booking payment is paid by card, cash or account credit (`BOOKING_TENDERS`, the till's own
`TenderKind`s: the words and the day's cash count are the same whichever desk took it).
"""

from __future__ import annotations

from enum import StrEnum

from medspa_desk.domain.cancellation_policy import PrepaymentFate
from medspa_desk.domain.sale_kinds import TenderKind

BOOKING_TENDERS = (TenderKind.CARD, TenderKind.CASH, TenderKind.ACCOUNT_CREDIT)


class BookingPaymentKind(StrEnum):
    PREPAYMENT = "prepayment"  # the price in full, asked under the strike rule
    DEPOSIT = "deposit"  # held against the late-cancellation fee

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    BookingPaymentKind.PREPAYMENT: "Prepayment",
    BookingPaymentKind.DEPOSIT: "Deposit",
}


class BookingPaymentOutcome(StrEnum):
    """What became of a booking payment; a payment still held has none."""

    USED_AT_CHECKOUT = "used_at_checkout"
    FORFEITED = "forfeited"
    CREDITED = "credited"  # to the client's account, for future services
    APPLIED_TO_FEE = "applied_to_fee"  # a deposit paying the late-cancellation fee
    VOIDED = "voided"  # taken at the till in a sale since voided

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]

    @classmethod
    def of_fate(cls, fate: PrepaymentFate) -> BookingPaymentOutcome:
        """A called-off prepayment's outcome once its fate is decided (credited or forfeited)."""
        if fate is PrepaymentFate.STAFF_DECIDES:
            raise ValueError("staff decide a prepayment's fate before it is written")
        return cls(fate.value)


_OUTCOME_LABELS = {
    BookingPaymentOutcome.USED_AT_CHECKOUT: "Used at checkout",
    BookingPaymentOutcome.FORFEITED: "Forfeited",
    BookingPaymentOutcome.CREDITED: "Credited to account",
    BookingPaymentOutcome.APPLIED_TO_FEE: "Applied to a fee",
    BookingPaymentOutcome.VOIDED: "Voided",
}
