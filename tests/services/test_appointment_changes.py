import json
from datetime import date, timedelta

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.appointment_status import check_out_refusal
from medspa_desk.domain.cancellation_policy import CallOff, FeeCollection, PrepaymentFate
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.domain.policy_text import LATE_ARRIVAL, PREPAYMENT_FORFEITED, RESCHEDULE_CREDIT
from medspa_desk.domain.sale_math import Cart, CartLine, LineKind, TaxRates, Tender
from medspa_desk.services.booking import call_off as call_off_service
from medspa_desk.services.booking import reschedule as reschedule_service
from medspa_desk.services.booking.booking_change import appointment_facts
from medspa_desk.services.booking.booking_prepayment import PrepaymentNeeded, PrepaymentTender
from medspa_desk.services.booking.call_off import cancel, preview_call_off
from medspa_desk.services.booking.call_off_money import StaffDecisionNeeded
from medspa_desk.services.booking.check_in import (
    LateDecisionNeeded,
    arrival_check,
    check_in,
    mark_no_show,
)
from medspa_desk.services.booking.fee_waiver import waive_fee
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.booking.reschedule import reschedule
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import cart_for_appointment, prepayment_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    AppointmentStatusChange,
    AuditEntry,
    BookingPayment,
    ClientFee,
)
from tests.services.conftest import NEXT_WEEK, TODAY, TOMORROW, at, fetch, one, row_counts

TEN = at(TOMORROW, 10)  # the booking most tests call off
PREPAID = PrepaymentTender(
    30000, "card", card_brand="Visa", card_last4="1881", approval_code="OK42"
)


def booked(desk, clinic, *, client=None, starts_at=TEN, provider=None, prepaid=False) -> int:
    request = BookingRequest(
        client or clinic.emma, provider or clinic.kelsey, clinic.botox, starts_at
    )
    return book(desk, request, prepayment=PREPAID if prepaid else None)


def history(desk, appointment_id):
    steps = fetch(desk, AppointmentStatusChange, appointment_id=appointment_id)
    return [(step.from_status, step.to_status, step.reason) for step in steps]


def audit(desk, appointment_id, action):
    entry = one(desk, AuditEntry, subject=f"appointment:{appointment_id}", action=action)
    return json.loads(entry.detail)


def status_of(desk, appointment_id):
    return Status(one(desk, Appointment, id=appointment_id).status)


def add_deposit(desk, appointment_id, client_id, cents):
    with desk.db.writing() as session:
        session.add(
            BookingPayment(
                appointment_id=appointment_id,
                client_id=client_id,
                kind="deposit",
                amount_cents=cents,
                tender="card",
                paid_at=desk.clock.now(),
            )
        )


# --- Checkout does not go round check-in --------------------------------------------------------


@pytest.mark.parametrize("status", [Status.BOOKED, Status.CONFIRMED])
def test_a_client_never_checked_in_is_not_checked_out(desk, clinic, status):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    if status is Status.CONFIRMED:
        with desk.db.writing() as session:
            session.get(Appointment, appointment_id).status = status.value
    desk.clock.set(at(TODAY, 10, 25))  # late: check-in is where that is decided
    sale = Cart(TaxRates(), client_id=clinic.emma, appointment_id=appointment_id)
    sale.add(CartLine(LineKind.SERVICE, "Botox", 30000, provider_id=clinic.kelsey))
    before = row_counts(desk)

    with pytest.raises(DeskRefusal, match=r"^Check the client in first") as started:
        cart_for_appointment(desk, appointment_id)
    with pytest.raises(DeskRefusal, match=r"^Check the client in first") as completed:
        complete_sale(desk, sale, [Tender.card(30000, "Visa", "4242", "OK7")])

    assert str(started.value) == str(completed.value) == check_out_refusal(status)
    assert row_counts(desk) == before


def test_checked_in_the_client_is_checked_out(desk, clinic):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 10, 25))
    check_in(desk, appointment_id, late_choice=LateArrivalChoice.SEE_ANYWAY)
    cart = cart_for_appointment(desk, appointment_id)
    assert cart.appointment_id == appointment_id


def test_a_booked_visit_can_still_be_prepaid_at_the_till(desk, clinic):
    appointment_id = booked(desk, clinic)  # tomorrow: a different sale from checking out
    line = prepayment_line(desk, appointment_id)
    assert (line.kind, line.unit_price_cents) == (LineKind.PREPAYMENT, 30000)


# --- Check-in and the late-arrival decision ----------------------------------------------------


def test_check_in_at_exactly_ten_minutes_after_the_start_is_on_time(desk, clinic):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 10, 10))
    assert arrival_check(desk, appointment_id).late is False

    result = check_in(desk, appointment_id)

    assert (result.status, result.message) == (Status.CHECKED_IN, "Checked in.")
    assert history(desk, appointment_id)[-1] == ("booked", "checked_in", "")
    assert audit(desk, appointment_id, "appointment.checked_in")["history_id"]


def test_one_second_later_the_desk_must_decide(desk, clinic):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 10, 10) + timedelta(seconds=1))
    before = row_counts(desk)

    with pytest.raises(LateDecisionNeeded) as raised:
        check_in(desk, appointment_id)

    check = raised.value.check
    assert (check.appointment_id, check.late, check.late_minutes) == (appointment_id, True, 10)
    assert check.wording == LATE_ARRIVAL
    assert str(raised.value) == (
        "Emma Sanders is 10 minutes late for 10:00 AM: see the client anyway, reschedule or "
        "mark as no-show?"
    )
    assert arrival_check(desk, appointment_id) == check
    assert row_counts(desk) == before


def test_a_late_client_seen_anyway_is_checked_in_with_the_choice_recorded(desk, clinic):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 10, 12))

    result = check_in(
        desk,
        appointment_id,
        late_choice=LateArrivalChoice.SEE_ANYWAY,
        reason="Short treatment is fine",
    )

    assert result.status is Status.CHECKED_IN
    assert result.message == "Checked in 12 minutes late; seen anyway."
    assert history(desk, appointment_id)[-1] == (
        "booked",
        "checked_in",
        "12 minutes late; seen anyway: Short treatment is fine",
    )
    detail = audit(desk, appointment_id, "appointment.checked_in")
    assert (detail["late_minutes"], detail["choice"]) == (12, "see_anyway")


def test_a_late_client_marked_no_show_gets_the_no_show_fee(desk, clinic):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 10, 25))

    result = check_in(
        desk, appointment_id, late_choice=LateArrivalChoice.NO_SHOW, reason="Too late to treat"
    )

    assert result.status is Status.NO_SHOW
    fee = one(desk, ClientFee, appointment_id=appointment_id)
    assert (fee.kind, fee.amount_cents, fee.card_charge_cents) == ("no_show", 7500, 7500)
    assert result.fee_id == fee.id
    assert (
        history(desk, appointment_id)[-1][2] == "25 minutes late; marked no-show: Too late to treat"
    )
    assert audit(desk, appointment_id, "appointment.no_show")["choice"] == "no_show"


def test_rescheduling_a_late_client_goes_through_reschedule(desk, clinic):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 10, 25))
    with pytest.raises(ValueError):
        check_in(desk, appointment_id, late_choice=LateArrivalChoice.RESCHEDULE)


def test_checking_in_twice_is_refused(desk, clinic):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 9, 50))
    check_in(desk, appointment_id)
    with pytest.raises(DeskRefusal, match="^Emma Sanders is already checked in.$"):
        check_in(desk, appointment_id)


def test_a_booking_on_another_day_cannot_be_checked_in_today(desk, clinic):
    appointment_id = booked(desk, clinic)
    with pytest.raises(DeskRefusal, match="on Thu Jun 11 at 10:00 AM, not today"):
        check_in(desk, appointment_id)


# --- Cancellation by the client: the 24-hour line ----------------------------------------------


def test_a_cancellation_exactly_24_hours_ahead_costs_nothing(desk, clinic):
    appointment_id = booked(desk, clinic)
    desk.clock.set(TEN - timedelta(hours=24))

    result = cancel(desk, appointment_id, by_clinic=False, reason="Client called")

    assert (result.status, result.fee_id, result.message) == (
        Status.CANCELLED,
        None,
        "Cancelled: no fee.",
    )
    assert fetch(desk, ClientFee) == []
    assert history(desk, appointment_id)[-1] == ("booked", "cancelled", "Client called")


def test_a_second_less_is_a_late_cancellation_charged_to_the_card_on_file(desk, clinic):
    appointment_id = booked(desk, clinic)
    now = TEN - timedelta(hours=23, minutes=59, seconds=59)
    desk.clock.set(now)

    result = cancel(
        desk, appointment_id, by_clinic=False, reason="Client called", card_approval_code=" ab12cd "
    )

    assert result.status is Status.LATE_CANCELLED
    assert (
        result.message == "Late-cancelled: $75.00 fee charged to Visa ending 4242, approval AB12CD."
    )
    assert result.fee_collection == FeeCollection(charge_card_cents=7500)
    fee = one(desk, ClientFee, appointment_id=appointment_id)
    card_id = client_standing(desk, clinic.emma).card.card_id
    assert (
        fee.kind,
        fee.amount_cents,
        fee.charged_to_card_id,
        fee.card_charge_cents,
        fee.owed_cents,
    ) == (
        "late_cancel",
        7500,
        card_id,
        7500,
        0,
    )
    assert (fee.created_at, fee.created_by_id) == (now, clinic.riley)
    assert (fee.card_approval_code, fee.card_approved_at, fee.card_approved_by_id) == (
        "AB12CD",
        now,
        clinic.riley,
    )
    assert audit(desk, appointment_id, "appointment.cancelled")["fee_id"] == fee.id
    assert client_standing(desk, clinic.emma).strikes == 1


def test_without_a_card_the_fee_is_owed_on_the_account(desk, clinic):
    appointment_id = booked(desk, clinic, client=clinic.noah)
    desk.clock.set(TEN - timedelta(hours=2))

    result = cancel(desk, appointment_id, by_clinic=False, reason="Client called")

    assert result.message == "Late-cancelled: $75.00 fee owed on the account (no card on file)."
    fee = one(desk, ClientFee, appointment_id=appointment_id)
    assert (fee.charged_to_card_id, fee.owed_cents) == (None, 7500)
    assert client_standing(desk, clinic.noah).fees_owed_cents == 7500


def test_an_expired_card_is_not_charged(desk, clinic):
    appointment_id = booked(desk, clinic, client=clinic.ava)
    desk.clock.set(TEN - timedelta(hours=2))
    result = cancel(desk, appointment_id, by_clinic=False, reason="Client called")
    assert result.message.endswith("owed on the account (the card on file has expired).")
    assert appointment_facts(desk, appointment_id).has_card_on_file is False


def test_a_deposit_pays_the_fee_first_and_the_card_the_rest(desk, clinic):
    appointment_id = booked(desk, clinic)
    add_deposit(desk, appointment_id, clinic.emma, 5000)
    assert appointment_facts(desk, appointment_id).deposit_cents == 5000
    desk.clock.set(TEN - timedelta(hours=3))

    result = cancel(desk, appointment_id, by_clinic=False, reason="Client called")

    assert result.message == (
        "Late-cancelled: $75.00 fee — $50.00 from the deposit and $25.00 to charge to Visa ending 4242."
    )
    fee = one(desk, ClientFee, appointment_id=appointment_id)
    assert (fee.from_deposit_cents, fee.card_charge_cents, fee.owed_cents) == (5000, 2500, 0)
    deposit = one(desk, BookingPayment, appointment_id=appointment_id)
    assert deposit.outcome == "applied_to_fee"


def test_a_clinic_cancellation_never_costs_a_fee(desk, clinic):
    appointment_id = booked(desk, clinic)
    desk.clock.set(TEN - timedelta(hours=1))
    result = cancel(desk, appointment_id, by_clinic=True, reason="Provider out sick")
    assert (result.status, result.fee_id) == (Status.CANCELLED_BY_CLINIC, None)
    assert result.message == "Cancelled by clinic: no fee."
    assert fetch(desk, ClientFee) == []
    assert client_standing(desk, clinic.emma).strikes == 0


def test_a_cancellation_needs_a_reason(desk, clinic):
    appointment_id = booked(desk, clinic)
    with pytest.raises(DeskRefusal, match="Say why"):
        cancel(desk, appointment_id, by_clinic=False, reason="  ")
    assert status_of(desk, appointment_id) is Status.BOOKED


def test_a_cancelled_booking_cannot_be_cancelled_again(desk, clinic):
    appointment_id = booked(desk, clinic)
    cancel(desk, appointment_id, by_clinic=False, reason="Client called")
    with pytest.raises(DeskRefusal, match="appointment is cancelled: it cannot be cancelled"):
        cancel(desk, appointment_id, by_clinic=False, reason="Again")


def test_cancelling_on_the_fall_back_weekend_counts_elapsed_hours(desk, clinic):
    # 10:00 on Saturday to 10:00 on the 25-hour Sunday is 25 hours' notice: no fee.
    sunday = date(2026, 11, 1)
    desk.clock.set(at(sunday - timedelta(days=5), 9))
    appointment_id = booked(desk, clinic, starts_at=at(sunday, 10))
    desk.clock.set(at(sunday - timedelta(days=1), 10))
    assert (
        cancel(desk, appointment_id, by_clinic=False, reason="Client called").status
        is Status.CANCELLED
    )


def test_cancelling_on_the_spring_forward_weekend_counts_elapsed_hours(desk, clinic):
    # 10:00 on Saturday to 10:00 on the 23-hour Sunday is 23 hours' notice: late.
    sunday = date(2027, 3, 14)
    desk.clock.set(at(sunday - timedelta(days=5), 9))
    appointment_id = booked(desk, clinic, starts_at=at(sunday, 10))
    desk.clock.set(at(sunday - timedelta(days=1), 10))
    result = cancel(desk, appointment_id, by_clinic=False, reason="Client called")
    assert (result.status, result.fee_cents) == (Status.LATE_CANCELLED, 7500)


# --- Prepaid bookings: forfeited, credited, or the staff decide --------------------------------


def prepaid_booking(desk, clinic):
    return booked(desk, clinic, client=clinic.olivia, starts_at=at(NEXT_WEEK, 10), prepaid=True)


def test_a_prepaid_booking_cancelled_48_hours_ahead_becomes_credit(desk, clinic):
    appointment_id = prepaid_booking(desk, clinic)
    desk.clock.set(at(NEXT_WEEK, 10) - timedelta(hours=48))

    result = cancel(desk, appointment_id, by_clinic=False, reason="Client called")

    assert (result.status, result.credited_cents, result.fee_id) == (Status.CANCELLED, 30000, None)
    assert result.message == "Cancelled: $300.00 prepayment credited to the account."
    payment = one(desk, BookingPayment, appointment_id=appointment_id)
    assert payment.outcome == "credited"
    credit = one(desk, AccountCreditEntry, appointment_id=appointment_id)
    assert (credit.amount_cents, credit.booking_payment_id) == (30000, payment.id)
    assert client_standing(desk, clinic.olivia).credit_cents == 70000


def test_30_hours_ahead_the_staff_decide_with_a_reason(desk, clinic):
    appointment_id = prepaid_booking(desk, clinic)
    desk.clock.set(at(NEXT_WEEK, 10) - timedelta(hours=30))
    outcome = preview_call_off(desk, appointment_id, CallOff.CLIENT_CANCELS)
    assert outcome.prepayment is PrepaymentFate.STAFF_DECIDES
    before = row_counts(desk)

    with pytest.raises(StaffDecisionNeeded, match="gives 30 hours' notice") as raised:
        cancel(desk, appointment_id, by_clinic=False, reason="Client called")

    assert raised.value.outcome == outcome
    assert raised.value.wording == (RESCHEDULE_CREDIT, PREPAYMENT_FORFEITED)
    assert row_counts(desk) == before

    result = cancel(
        desk,
        appointment_id,
        by_clinic=False,
        reason="Called the day before; client of ten years",
        prepayment_choice=PrepaymentFate.CREDITED,
    )
    assert (result.status, result.credited_cents) == (Status.CANCELLED, 30000)
    payment = one(desk, BookingPayment, appointment_id=appointment_id)
    assert (payment.outcome, payment.outcome_reason) == (
        "credited",
        "Staff decision: Called the day before; client of ten years",
    )
    assert audit(desk, appointment_id, "appointment.cancelled")["staff_decided"] is True


def test_the_staff_may_forfeit_instead(desk, clinic):
    appointment_id = prepaid_booking(desk, clinic)
    desk.clock.set(at(NEXT_WEEK, 10) - timedelta(hours=30))
    result = cancel(
        desk,
        appointment_id,
        by_clinic=False,
        reason="Third time this month",
        prepayment_choice=PrepaymentFate.FORFEITED,
    )
    assert (result.forfeited_cents, result.credited_cents) == (30000, 0)
    assert fetch(desk, AccountCreditEntry, appointment_id=appointment_id) == []


def test_a_late_cancelled_prepaid_booking_forfeits_without_a_fee(desk, clinic):
    appointment_id = prepaid_booking(desk, clinic)
    desk.clock.set(at(NEXT_WEEK, 10) - timedelta(hours=10))

    result = cancel(desk, appointment_id, by_clinic=False, reason="Client called")

    assert (result.status, result.forfeited_cents, result.fee_id) == (
        Status.LATE_CANCELLED,
        30000,
        None,
    )
    assert result.message == "Late-cancelled: $300.00 prepayment forfeited."
    assert one(desk, BookingPayment, appointment_id=appointment_id).outcome == "forfeited"
    assert fetch(desk, ClientFee) == []


def test_a_prepaid_booking_cancelled_by_the_clinic_is_credited_in_full(desk, clinic):
    appointment_id = prepaid_booking(desk, clinic)
    desk.clock.set(at(NEXT_WEEK, 9))
    result = cancel(desk, appointment_id, by_clinic=True, reason="Laser in for service")
    assert (result.status, result.credited_cents) == (Status.CANCELLED_BY_CLINIC, 30000)


def test_the_facts_for_a_dialog(desk, clinic):
    appointment_id = prepaid_booking(desk, clinic)
    facts = appointment_facts(desk, appointment_id)
    assert (facts.client_name, facts.provider_name, facts.service_name) == (
        "Olivia Pike",
        "Kelsey Brandt",
        "Botox: frown lines",
    )
    assert (facts.status, facts.prepaid_cents, facts.deposit_cents, facts.strikes) == (
        Status.BOOKED,
        30000,
        0,
        3,
    )
    assert facts.has_card_on_file is True


# --- No-shows ----------------------------------------------------------------------------------


def test_a_no_show_cannot_be_marked_while_the_client_can_still_be_on_time(desk, clinic):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 10, 10))
    with pytest.raises(DeskRefusal, match="from 10:10 AM on"):
        mark_no_show(desk, appointment_id)


def test_a_no_show_is_charged_the_fee(desk, clinic):
    appointment_id = booked(desk, clinic, client=clinic.noah, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 10, 30))
    result = mark_no_show(desk, appointment_id, reason="No answer on the phone")
    assert (result.status, result.fee_cents) == (Status.NO_SHOW, 7500)
    assert one(desk, ClientFee, appointment_id=appointment_id).kind == "no_show"
    assert history(desk, appointment_id)[-1] == ("booked", "no_show", "No answer on the phone")


def test_a_prepaid_no_show_forfeits_the_prepayment(desk, clinic):
    appointment_id = booked(
        desk, clinic, client=clinic.olivia, starts_at=at(TODAY, 10), prepaid=True
    )
    desk.clock.set(at(TODAY, 11))
    result = mark_no_show(desk, appointment_id)
    assert (result.forfeited_cents, result.fee_id) == (30000, None)


# --- Reschedule --------------------------------------------------------------------------------


def test_a_prepaid_booking_moved_more_than_48_hours_ahead_is_credited_and_rebooked(desk, clinic):
    appointment_id = prepaid_booking(desk, clinic)
    new_start = at(NEXT_WEEK + timedelta(days=1), 14)
    before = row_counts(desk)

    # The new booking needs prepaying too (3 strikes): the credit just given can pay it.
    with pytest.raises(PrepaymentNeeded) as raised:
        reschedule(desk, appointment_id, new_starts_at=new_start, reason="Client asked")
    assert raised.value.credit_cents == 70000
    assert row_counts(desk) == before

    result = reschedule(
        desk,
        appointment_id,
        new_starts_at=new_start,
        reason="Client asked",
        prepayment=PrepaymentTender(30000, "account_credit"),
    )

    assert (result.status, result.credited_cents) == (Status.RESCHEDULED, 30000)
    assert (
        result.message
        == "Moved to Thu Jun 18 at 2:00 PM: $300.00 prepayment credited to the account."
    )
    old = one(desk, Appointment, id=appointment_id)
    assert (old.status, old.rescheduled_to_id) == ("rescheduled", result.new_appointment_id)
    new = one(desk, Appointment, id=result.new_appointment_id)
    assert (new.status, new.starts_at, new.client_id, new.service_id) == (
        "booked",
        new_start,
        clinic.olivia,
        clinic.botox,
    )
    assert history(desk, new.id) == [(None, "booked", f"Moved from appointment {appointment_id}")]
    assert one(desk, BookingPayment, appointment_id=appointment_id).outcome == "credited"
    assert one(desk, BookingPayment, appointment_id=new.id).tender == "account_credit"
    assert client_standing(desk, clinic.olivia).credit_cents == 40000
    assert audit(desk, appointment_id, "appointment.rescheduled")["new_appointment_id"] == new.id


def test_moving_a_booking_a_little_is_not_a_clash_with_itself(desk, clinic):
    appointment_id = booked(desk, clinic)
    result = reschedule(desk, appointment_id, new_starts_at=TEN + timedelta(minutes=15))
    assert status_of(desk, result.new_appointment_id) is Status.BOOKED
    assert result.message == "Moved to Thu Jun 11 at 10:15 AM."


def test_moving_into_a_taken_slot_saves_nothing(desk, clinic):
    appointment_id = booked(desk, clinic)
    booked(desk, clinic, client=clinic.noah, starts_at=at(TOMORROW, 11))
    before = row_counts(desk)
    with pytest.raises(DeskRefusal, match="Kelsey Brandt already has Noah Reed at 11:00–11:30 AM"):
        reschedule(desk, appointment_id, new_starts_at=at(TOMORROW, 11))
    assert row_counts(desk) == before
    assert status_of(desk, appointment_id) is Status.BOOKED


def test_a_client_moving_a_booking_at_the_last_minute_late_cancels_the_old_slot(desk, clinic):
    appointment_id = booked(desk, clinic)
    desk.clock.set(TEN - timedelta(hours=5))
    result = reschedule(
        desk, appointment_id, new_starts_at=at(NEXT_WEEK, 10), new_provider_id=clinic.kelsey
    )
    assert (result.status, result.fee_cents) == (Status.LATE_CANCELLED, 7500)
    assert result.message == (
        "Moved to Wed Jun 17 at 10:00 AM; the old slot counts as a late cancellation: $75.00 fee "
        "to charge to Visa ending 4242."
    )
    assert one(desk, Appointment, id=appointment_id).rescheduled_to_id == result.new_appointment_id


def test_the_clinic_moving_a_booking_at_the_last_minute_costs_nothing(desk, clinic):
    appointment_id = booked(desk, clinic)
    desk.clock.set(TEN - timedelta(hours=5))
    result = reschedule(
        desk,
        appointment_id,
        new_starts_at=at(TOMORROW, 15),
        by_clinic=True,
        reason="Kelsey runs late",
    )
    assert (result.status, result.fee_id) == (Status.RESCHEDULED, None)
    assert client_standing(desk, clinic.emma).strikes == 0


def test_a_late_client_rescheduled_on_the_spot(desk, clinic):
    appointment_id = booked(desk, clinic, starts_at=at(TODAY, 10))
    desk.clock.set(at(TODAY, 10, 14))
    result = reschedule(
        desk,
        appointment_id,
        new_starts_at=at(TODAY, 15),
        late_choice=LateArrivalChoice.RESCHEDULE,
        reason="Asked for the afternoon",
    )
    assert (result.status, result.fee_cents) == (Status.LATE_CANCELLED, 7500)
    assert (
        history(desk, appointment_id)[-1][2]
        == "14 minutes late; rescheduled: Asked for the afternoon"
    )
    detail = audit(desk, appointment_id, "appointment.rescheduled")
    assert (detail["late_minutes"], detail["choice"]) == (14, "reschedule")


def test_a_move_that_makes_the_third_strike_needs_prepayment_for_the_new_booking(desk, clinic):
    appointment_id = booked(desk, clinic, client=clinic.liam)
    desk.clock.set(TEN - timedelta(hours=2))
    with pytest.raises(PrepaymentNeeded) as raised:
        reschedule(desk, appointment_id, new_starts_at=at(NEXT_WEEK, 10))
    assert raised.value.requirement.strikes == 3
    assert status_of(desk, appointment_id) is Status.BOOKED


# --- Waiving a fee -----------------------------------------------------------------------------


def late_cancelled_with_fee(desk, clinic, client):
    appointment_id = booked(desk, clinic, client=client)
    desk.clock.set(TEN - timedelta(hours=2))
    return appointment_id, cancel(
        desk, appointment_id, by_clinic=False, reason="Client called"
    ).fee_id


def test_a_waived_fee_is_no_longer_owed(desk, clinic):
    appointment_id, fee_id = late_cancelled_with_fee(desk, clinic, clinic.noah)
    assert client_standing(desk, clinic.noah).fees_owed_cents == 7500

    waived = waive_fee(desk, fee_id, reason="Hospital emergency, note shown")

    assert waived.message == "$75.00 fee waived."
    fee = one(desk, ClientFee, id=fee_id)
    assert (fee.waived_at, fee.waived_by_id, fee.waived_reason) == (
        desk.clock.now(),
        clinic.riley,
        "Hospital emergency, note shown",
    )
    assert client_standing(desk, clinic.noah).fees_owed_cents == 0
    # The strike stays: it is the appointment's status (domain.strikes).
    assert client_standing(desk, clinic.noah).strikes == 1
    assert audit(desk, appointment_id, "fee.waived")["fee_id"] == fee_id


def test_waiving_a_charged_fee_says_to_reverse_it_and_gives_back_the_deposit(desk, clinic):
    appointment_id = booked(desk, clinic)
    add_deposit(desk, appointment_id, clinic.emma, 5000)
    desk.clock.set(TEN - timedelta(hours=2))
    fee_id = cancel(
        desk, appointment_id, by_clinic=False, reason="Client called", card_approval_code="RUN001"
    ).fee_id

    waived = waive_fee(desk, fee_id, reason="Manager's call")

    assert waived.message == (
        "$75.00 fee waived. $50.00 of deposit credited to the account. "
        "Reverse the $25.00 charge to Visa ending 4242 at the terminal."
    )
    assert client_standing(desk, clinic.emma).credit_cents == 5000


def test_a_fee_is_waived_once_and_with_a_reason(desk, clinic):
    _, fee_id = late_cancelled_with_fee(desk, clinic, clinic.noah)
    with pytest.raises(DeskRefusal, match="Say why"):
        waive_fee(desk, fee_id, reason="")
    waive_fee(desk, fee_id, reason="First time")
    with pytest.raises(DeskRefusal, match="already waived"):
        waive_fee(desk, fee_id, reason="Second time")


# --- All or nothing ----------------------------------------------------------------------------


def test_a_cancellation_that_fails_part_way_saves_nothing(desk, clinic, monkeypatch):
    appointment_id = booked(desk, clinic)
    add_deposit(desk, appointment_id, clinic.emma, 5000)
    desk.clock.set(TEN - timedelta(hours=2))

    def audit_log_fails(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(call_off_service, "record_audit", audit_log_fails)
    before = row_counts(desk)
    with pytest.raises(OSError):
        cancel(desk, appointment_id, by_clinic=False, reason="Client called")

    assert row_counts(desk) == before
    assert status_of(desk, appointment_id) is Status.BOOKED
    assert one(desk, BookingPayment, appointment_id=appointment_id).outcome is None


def test_a_reschedule_that_fails_part_way_saves_nothing(desk, clinic, monkeypatch):
    appointment_id = prepaid_booking(desk, clinic)

    def audit_log_fails(*args, **kwargs):
        raise OSError("disk full")

    # The old booking is settled and the new one made before the last audit entry fails.
    monkeypatch.setattr(reschedule_service, "record_audit", audit_log_fails)
    before = row_counts(desk)
    with pytest.raises(OSError):
        reschedule(
            desk,
            appointment_id,
            new_starts_at=at(NEXT_WEEK, 15),
            prepayment=PrepaymentTender(30000, "account_credit"),
        )
    assert row_counts(desk) == before
    assert client_standing(desk, clinic.olivia).credit_cents == 40000
