"""Calling off a booking: the 24-hour line, where the fee goes, and a prepaid booking's money."""

from datetime import date, timedelta

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.cancellation_policy import CallOff, FeeCollection, PrepaymentFate
from medspa_desk.domain.policy_text import PREPAYMENT_FORFEITED, RESCHEDULE_CREDIT
from medspa_desk.services.booking import call_off as call_off_service
from medspa_desk.services.booking.booking_change import appointment_facts
from medspa_desk.services.booking.call_off import cancel, preview_call_off
from medspa_desk.services.booking.call_off_money import StaffDecisionNeeded
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import AccountCreditEntry, BookingPayment, ClientFee
from tests.services.booked_visits import (
    TEN,
    add_deposit,
    audit,
    booked,
    history,
    prepaid_booking,
    status_of,
)
from tests.services.conftest import NEXT_WEEK, at, fetch, one, row_counts

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
