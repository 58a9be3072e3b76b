"""A booking deposit is rung up at the till with a receipt, held for the booking, and taken first
by a late-cancellation fee; what cannot be a deposit is refused and saves nothing."""

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from medspa_desk.documents.receipt import receipt_pdf
from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.domain.sale_math import Tender
from medspa_desk.services.booking.booking_prepayment import PrepaymentTender
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.check_in import check_in
from medspa_desk.services.booking.deposits import (
    DepositRefused,
    deposit_asked,
    deposit_cart,
    deposit_line,
)
from medspa_desk.services.booking.fee_charges import fees_to_charge
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.till.cart import cart_for_appointment
from medspa_desk.services.till.day_close import day_totals
from medspa_desk.services.till.receipts import receipt_data
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.services.till.sale_void import void_sale
from medspa_desk.storage.models import Appointment, BookingPayment, ClientFee, Service
from medspa_desk.storage.till_models import Sale, SaleLine
from tests.approvals import manager_approval
from tests.services.conftest import TODAY, TOMORROW, at, fetch, one, row_counts

TEN = at(TOMORROW, 10)


def booked(desk, clinic, *, service=None, client=None, prepaid=False, starts_at=TEN) -> int:
    request = BookingRequest(
        client or clinic.emma, clinic.kelsey, service or clinic.botox, starts_at
    )
    prepayment = PrepaymentTender(30000, "cash") if prepaid else None
    return book(desk, request, prepayment=prepayment)


def menu_deposit(desk, service_id, cents):
    with desk.db.writing() as session:
        session.get(Service, service_id).deposit_cents = cents


def take_deposit(desk, appointment_id, amount_cents=None, tender=None):
    cart = deposit_cart(desk, appointment_id, amount_cents)
    total = cart.lines[0].unit_price_cents
    return complete_sale(desk, cart, [tender or Tender.card(total, "Visa", "4242", "DEP123")])


def test_the_menus_deposit_is_rung_up_at_the_till_and_held_for_the_booking(desk, clinic):
    menu_deposit(desk, clinic.botox, 5000)
    appointment_id = booked(desk, clinic)
    asked = deposit_asked(desk, appointment_id)
    assert (asked.menu_deposit_cents, asked.price_cents, asked.client_name) == (
        5000,
        30000,
        "Emma Sanders",
    )

    first = take_deposit(desk, appointment_id)

    sale = one(desk, Sale, id=first.sale_id)
    assert (sale.total_cents, sale.tax_cents, sale.client_id, sale.appointment_id) == (
        5000,
        0,
        clinic.emma,
        None,
    )
    line = one(desk, SaleLine, sale_id=sale.id)
    assert (line.kind, line.appointment_id, line.total_cents) == ("deposit", appointment_id, 5000)
    assert line.description == "Deposit: Botox: frown lines, Thu Jun 11 at 10:00 AM"
    deposit = one(desk, BookingPayment, appointment_id=appointment_id)
    assert (deposit.kind, deposit.amount_cents, deposit.outcome) == ("deposit", 5000, None)
    assert (deposit.tender, deposit.card_brand, deposit.card_last4, deposit.approval_code) == (
        "card",
        "Visa",
        "4242",
        "DEP123",
    )
    # Taking a deposit does not check the visit out.
    assert one(desk, Appointment, id=appointment_id).status == Status.BOOKED


def test_the_deposit_receipt_states_the_refund_policy_and_the_numbers_have_no_gap(desk, clinic):
    appointment_id = booked(desk, clinic)
    first = take_deposit(desk, appointment_id, 4000)
    other = book(desk, BookingRequest(clinic.noah, clinic.kelsey, clinic.botox, at(TOMORROW, 12)))
    second = take_deposit(desk, other, 2500, Tender.cash(3000))
    assert second.receipt_number == first.receipt_number + 1
    assert second.change_due_cents == 500
    text = _pdf_text(receipt_pdf(receipt_data(desk, first.receipt_number), "letter"))
    assert f"Receipt {first.receipt_number}\n" in text
    assert "Deposit: Botox: frown lines, Thu Jun 11 at 10:00 AM" in text and "$40.00" in text
    assert "Refund Policy" in text  # every receipt states the clinic's refund policy


def test_a_late_cancellation_takes_the_fee_from_the_deposit_with_nothing_to_charge(desk, clinic):
    menu_deposit(desk, clinic.botox, 7500)
    appointment_id = booked(desk, clinic)
    take_deposit(desk, appointment_id)
    desk.clock.set(TEN - timedelta(hours=3))

    result = cancel(desk, appointment_id, by_clinic=False, reason="Client called")

    assert result.status is Status.LATE_CANCELLED
    assert result.message == "Late-cancelled: $75.00 fee from the deposit."
    fee = one(desk, ClientFee, appointment_id=appointment_id)
    assert (fee.from_deposit_cents, fee.card_charge_cents, fee.owed_cents) == (7500, 0, 0)
    assert one(desk, BookingPayment, appointment_id=appointment_id).outcome == "applied_to_fee"
    assert fees_to_charge(desk) == []
    taken_on, applied_on = (
        day_totals(desk, TODAY).booking_money,
        day_totals(desk, TOMORROW).booking_money,
    )
    assert (taken_on.deposits_taken, taken_on.deposits_taken_cents) == (1, 7500)
    assert (applied_on.deposits_applied_to_fees_cents, applied_on.fees_charged_to_card) == (7500, 0)
    assert applied_on.awaiting_approval == ()


def test_a_deposit_the_visit_does_not_use_is_offered_at_checkout(desk, clinic):
    appointment_id = booked(desk, clinic)
    take_deposit(desk, appointment_id, 5000)
    desk.clock.set(TEN)
    check_in(desk, appointment_id)  # checkout takes a client who has arrived
    desk.clock.set(TEN + timedelta(minutes=30))
    cart = cart_for_appointment(desk, appointment_id)
    assert [tender.amount_cents for tender in cart.offered_tenders] == [5000]
    complete_sale(desk, cart, [*cart.offered_tenders, Tender.card(25000, "Visa", "4242", "OK7")])
    assert one(desk, BookingPayment, appointment_id=appointment_id).outcome == "used_at_checkout"


def test_a_voided_deposit_sale_holds_nothing(desk, clinic):
    appointment_id = booked(desk, clinic)
    taken = take_deposit(desk, appointment_id, 5000)
    void_sale(
        desk,
        taken.sale_id,
        approval=manager_approval(desk, clinic.amber, DeskPermission.VOID_SALE),
        reason="Wrong client",
    )
    assert one(desk, BookingPayment, appointment_id=appointment_id).outcome == "voided"
    assert day_totals(desk, TODAY).booking_money.deposits_taken == 0
    take_deposit(desk, appointment_id, 5000)  # and it can be taken again


@pytest.mark.parametrize(
    ("amount", "refusal"),
    [
        (0, r"A deposit must be more than \$0\.00\."),
        (-500, r"A deposit must be more than \$0\.00\."),
        (30001, r"A deposit cannot be more than the booked price, \$300\.00\."),
        (None, r"Enter the amount of the deposit \(the menu asks none for Botox: frown lines\)\."),
    ],
)
def test_an_amount_that_cannot_be_a_deposit_is_refused(desk, clinic, amount, refusal):
    appointment_id = booked(desk, clinic)
    before = row_counts(desk)
    with pytest.raises(DepositRefused, match=refusal):
        deposit_line(desk, appointment_id, amount)
    assert row_counts(desk) == before


def test_a_second_deposit_or_a_deposit_on_a_prepaid_booking_is_refused(desk, clinic):
    appointment_id = booked(desk, clinic)
    take_deposit(desk, appointment_id, 5000)
    with pytest.raises(DepositRefused, match=r"already holds a \$50\.00 deposit"):
        deposit_line(desk, appointment_id, 1000)
    prepaid = booked(desk, clinic, client=clinic.olivia, prepaid=True, starts_at=at(TOMORROW, 14))
    with pytest.raises(
        DepositRefused, match="This booking is prepaid: a deposit is not taken on top."
    ):
        deposit_line(desk, prepaid, 1000)


def test_no_deposit_on_a_cancelled_or_completed_appointment(desk, clinic):
    appointment_id = booked(desk, clinic)
    cancel(desk, appointment_id, by_clinic=True, reason="Provider ill")
    with pytest.raises(DepositRefused, match="This appointment is cancelled by clinic: a deposit"):
        deposit_line(desk, appointment_id, 1000)
    with desk.db.writing() as session:
        session.get(Appointment, appointment_id).status = Status.COMPLETED.value
    with pytest.raises(
        DepositRefused, match="This appointment is completed: a deposit is taken only"
    ):
        deposit_line(desk, appointment_id, 1000)


def test_a_deposit_line_checked_on_screen_is_checked_again_when_the_sale_completes(desk, clinic):
    appointment_id = booked(desk, clinic)
    cart = deposit_cart(desk, appointment_id, 5000)
    cancel(
        desk, appointment_id, by_clinic=True, reason="Provider ill"
    )  # meanwhile, at another desk
    before = row_counts(desk)
    with pytest.raises(DepositRefused, match="a deposit is taken only for a booking still to come"):
        complete_sale(desk, cart, [Tender.cash(5000)])
    assert row_counts(desk) == before
    assert fetch(desk, BookingPayment, appointment_id=appointment_id) == []
    assert cart.lines[0].kind is LineKind.DEPOSIT


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
