import pytest

from medspa_desk.domain.booking_payments import (
    BOOKING_TENDERS,
    BookingPaymentKind,
    BookingPaymentOutcome,
)
from medspa_desk.domain.cancellation_policy import PrepaymentFate
from medspa_desk.domain.sale_kinds import TenderKind


def test_every_booking_payment_kind_and_outcome_has_a_label():
    assert [kind.label for kind in BookingPaymentKind] == ["Prepayment", "Deposit"]
    assert all(outcome.label for outcome in BookingPaymentOutcome)
    assert BookingPaymentOutcome.APPLIED_TO_FEE.label == "Applied to a fee"


def test_a_booking_is_paid_by_card_cash_or_account_credit_in_the_tills_words():
    assert BOOKING_TENDERS == (TenderKind.CARD, TenderKind.CASH, TenderKind.ACCOUNT_CREDIT)
    assert [tender.label for tender in BOOKING_TENDERS] == ["Card", "Cash", "Account credit"]


def test_a_decided_prepayment_fate_is_the_payments_outcome():
    assert BookingPaymentOutcome.of_fate(PrepaymentFate.CREDITED) is BookingPaymentOutcome.CREDITED
    assert (
        BookingPaymentOutcome.of_fate(PrepaymentFate.FORFEITED) is BookingPaymentOutcome.FORFEITED
    )
    with pytest.raises(ValueError, match="staff decide"):
        BookingPaymentOutcome.of_fate(PrepaymentFate.STAFF_DECIDES)
