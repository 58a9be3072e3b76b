"""The strike rule at booking: prepayment in full from the third strike, or a manager's override."""

import json

import pytest

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.booking.booking_choices import booking_requirement
from medspa_desk.services.booking.booking_prepayment import (
    ManagerOverride,
    PrepaymentNeeded,
    PrepaymentTender,
)
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.new_booking import book
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.storage.models import AccountCreditEntry, Appointment, AuditEntry, BookingPayment
from tests.approvals import manager_approval
from tests.refusals import refused
from tests.services.booking_requests import CARD, booking_refused, request
from tests.services.conftest import NOW, TOMORROW, fetch, one, row_counts

# --- The strike rule: prepayment in full from the third strike ---------------------------------


def test_a_second_strike_client_books_without_prepaying(desk, clinic):
    requirement = booking_requirement(desk, clinic.liam, clinic.botox)
    assert not requirement.required and requirement.strikes == 2
    book(desk, request(clinic, client=clinic.liam))


def test_a_third_strike_client_must_prepay_in_full(desk, clinic):
    requirement = booking_requirement(desk, clinic.olivia, clinic.botox)
    assert requirement.required
    assert (requirement.amount_cents, requirement.strikes) == (30000, 3)

    before = row_counts(desk)
    with pytest.raises(
        PrepaymentNeeded, match="Olivia Pike must prepay the full \\$300.00"
    ) as raised:
        book(desk, request(clinic, client=clinic.olivia))
    assert raised.value.requirement == requirement
    assert raised.value.credit_cents == 40000
    assert row_counts(desk) == before


def test_a_card_prepayment_is_held_for_the_booking(desk, clinic):
    appointment_id = book(
        desk,
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(30000, "card", **CARD),
    )
    payment = one(desk, BookingPayment, appointment_id=appointment_id)
    assert (payment.kind, payment.amount_cents, payment.tender, payment.outcome) == (
        "prepayment",
        30000,
        "card",
        None,
    )
    assert (payment.card_brand, payment.card_last4, payment.approval_code) == (
        "Visa",
        "1881",
        "A1B2C3",
    )
    assert (payment.paid_at, payment.taken_by_id) == (NOW, clinic.riley)
    detail = json.loads(one(desk, AuditEntry, subject=f"appointment:{appointment_id}").detail)
    assert detail["prepayment"] == {
        "payment_id": payment.id,
        "amount_cents": 30000,
        "tender": "card",
    }
    slot = day_schedule(desk.db, TOMORROW, desk.settings).appointments[0]
    assert slot.prepaid_cents == 30000


def test_a_cash_prepayment_needs_nothing_more(desk, clinic):
    appointment_id = book(
        desk, request(clinic, client=clinic.olivia), prepayment=PrepaymentTender(30000, "cash")
    )
    payment = one(desk, BookingPayment, appointment_id=appointment_id)
    assert (payment.kind, payment.amount_cents, payment.tender, payment.outcome) == (
        "prepayment",
        30000,
        "cash",
        None,
    )
    assert (payment.card_brand, payment.card_last4, payment.approval_code) == ("", "", "")
    assert day_schedule(desk.db, TOMORROW, desk.settings).appointments[0].prepaid_cents == 30000


def test_account_credit_pays_the_prepayment_and_the_balance_goes_down(desk, clinic):
    appointment_id = book(
        desk,
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(30000, "account_credit"),
    )
    payment = one(desk, BookingPayment, appointment_id=appointment_id)
    spent = one(desk, AccountCreditEntry, appointment_id=appointment_id)
    assert (spent.amount_cents, spent.booking_payment_id) == (-30000, payment.id)
    assert client_standing(desk, clinic.olivia).credit_cents == 10000


def test_not_enough_account_credit_is_refused(desk, clinic):
    booking_refused(
        desk,
        r"^Olivia Pike has \$400.00 of account credit; the prepayment is \$750.00.$",
        request(clinic, client=clinic.olivia, service=clinic.lip_filler),
        prepayment=PrepaymentTender(75000, "account_credit"),
    )


@pytest.mark.parametrize("cents", [29999, 30001])
def test_the_prepayment_is_exactly_the_full_price(desk, clinic, cents):
    booking_refused(
        desk,
        r"full price, \$300.00",
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(cents, "card", **CARD),
    )


@pytest.mark.parametrize(
    "card, sentence",
    [
        (dict(CARD, card_brand=" "), "which card paid"),
        (dict(CARD, card_last4="188"), "exactly 4 digits"),
        (dict(CARD, card_last4="4242424242424242"), "exactly 4 digits"),
        (dict(CARD, approval_code=""), "approval code"),
        (dict(CARD, approval_code="4242-4242-4242-4242"), "card number"),
    ],
)
def test_a_card_prepayment_is_recorded_as_the_terminal_printed_it(desk, clinic, card, sentence):
    booking_refused(
        desk,
        sentence,
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(30000, "card", **card),
    )


def test_a_manager_can_override_the_prepayment_with_a_reason(desk, clinic):
    approval = manager_approval(desk, clinic.amber, DeskPermission.OVERRIDE_PREPAYMENT)
    appointment_id = book(
        desk,  # Riley is signed in; Amber approves on the spot
        request(clinic, client=clinic.olivia),
        override=ManagerOverride("  Long-time client, sick kids  ", approval),
    )
    appointment = one(desk, Appointment, id=appointment_id)
    assert appointment.prepayment_waived_by_id == clinic.amber
    assert appointment.prepayment_waived_reason == "Long-time client, sick kids"
    assert fetch(desk, BookingPayment, appointment_id=appointment_id) == []
    detail = json.loads(one(desk, AuditEntry, subject=f"appointment:{appointment_id}").detail)
    assert detail["prepayment_waived_by"] == clinic.amber


def test_only_a_manager_can_override(desk, clinic):
    override = ManagerOverride("Because")  # Riley is signed in, and no manager approved
    refused(
        desk.db,
        lambda: book(desk, request(clinic, client=clinic.olivia), override=override),
        "^Only a manager can waive a required prepayment",
        PermissionNeeded,
    )


def test_an_override_needs_a_reason(desk, clinic):
    booking_refused(
        desk,
        "needs a reason",
        request(clinic, client=clinic.olivia),
        override=ManagerOverride("   "),
    )


def test_prepayment_and_override_together_are_refused(desk, clinic):
    booking_refused(
        desk,
        "not both",
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(30000, "cash"),
        override=ManagerOverride("Both"),
    )


def test_a_free_consultation_asks_no_prepayment_even_of_a_third_strike_client(desk, clinic):
    free = request(clinic, client=clinic.olivia, service=clinic.consultation)
    booking_refused(desk, "nothing to prepay", free, prepayment=PrepaymentTender(0, "cash"))
    book(desk, free)


def test_an_override_for_a_client_who_need_not_prepay_is_not_recorded(desk, clinic):
    appointment_id = book(desk, request(clinic), override=ManagerOverride("Just in case"))
    assert one(desk, Appointment, id=appointment_id).prepayment_waived_by_id is None
