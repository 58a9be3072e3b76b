"""Rescheduling: the old booking settled as a call-off and the new one booked, or nothing."""

from datetime import timedelta

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.services.booking import reschedule as reschedule_service
from medspa_desk.services.booking.booking_prepayment import PrepaymentNeeded, PrepaymentTender
from medspa_desk.services.booking.reschedule import reschedule
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Appointment, BookingPayment
from tests.services.booked_visits import TEN, audit, booked, history, prepaid_booking, status_of
from tests.services.conftest import NEXT_WEEK, TODAY, TOMORROW, at, one, row_counts

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


# --- All or nothing ----------------------------------------------------------------------------


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
