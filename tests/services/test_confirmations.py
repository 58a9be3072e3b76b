"""The confirmation worklist: a day's bookings and where each stands, attempts recorded (a
confirmation turns the booking Confirmed), and the unconfirmed cancelled by the clinic after the
end of business on the day before: no fee, no strike, any prepayment credited; never before."""

import json
from datetime import timedelta

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.confirmations import ConfirmationOutcome as Outcome
from medspa_desk.domain.confirmations import ConfirmationStanding as Standing
from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.services.booking.confirmations import (
    UNCONFIRMED_REASON,
    cancel_unconfirmed,
    confirmation_list,
    day_to_confirm,
    record_attempt,
)
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import (
    AccountCreditEntry,
    AuditEntry,
    Client,
    ClientFee,
    ClinicClosure,
    ConfirmationAttempt,
)
from tests.services.booked_visits import TEN, booked, history, status_of
from tests.services.conftest import NEXT_WEEK, TODAY, TOMORROW, ZONE, at, fetch, one, row_counts

CLOSING_TODAY = at(TODAY, 19)  # the template is open every day, 8 AM to 7 PM


def _only(listed):
    assert len(listed.bookings) == 1
    return listed.bookings[0]


def test_tomorrows_booking_is_listed_to_confirm_with_how_to_reach_the_client(desk, clinic):
    appointment_id = booked(desk, clinic)
    with desk.db.writing() as session:  # no marketing consent: confirmations are not marketing
        emma = session.get(Client, clinic.emma)
        emma.phone_e164, emma.email = "+14065551234", "emma@example.com"
        emma.preferred_channel = ConsentChannel.SMS

    listed = confirmation_list(desk, TOMORROW)

    assert listed.deadline == CLOSING_TODAY
    booking = _only(listed)
    assert (booking.appointment_id, booking.client_name, booking.standing) == (
        appointment_id,
        "Emma Sanders",
        Standing.TO_CONFIRM,
    )
    assert (booking.service_name, booking.provider_name, booking.starts_at) == (
        "Botox: frown lines",
        "Kelsey Brandt",
        TEN,
    )
    assert (booking.phone, booking.email, booking.preferred) == (
        "(406) 555-1234",
        "emma@example.com",
        ConsentChannel.SMS,
    )
    assert booking.attempts == ()


def test_the_desk_confirms_the_next_open_day(desk, clinic):
    assert day_to_confirm(desk) == TOMORROW
    with desk.db.writing() as session:
        session.add(ClinicClosure(day=TOMORROW, reason="Staff training"))
    assert day_to_confirm(desk) == TOMORROW + timedelta(days=1)


def test_a_confirmation_turns_the_booking_confirmed_and_is_kept(desk, clinic):
    appointment_id = booked(desk, clinic)
    desk.clock.set(at(TODAY, 14, 15))

    result = record_attempt(desk, appointment_id, ConsentChannel.PHONE, Outcome.CONFIRMED)

    assert result.status is Status.CONFIRMED
    assert status_of(desk, appointment_id) is Status.CONFIRMED
    assert history(desk, appointment_id)[-1] == (
        "booked",
        "confirmed",
        "Confirmed by the client (call)",
    )
    attempt = one(desk, ConfirmationAttempt, appointment_id=appointment_id)
    assert (attempt.channel, attempt.outcome, attempt.by_staff_id) == (
        ConsentChannel.PHONE,
        Outcome.CONFIRMED,
        clinic.riley,
    )
    booking = _only(confirmation_list(desk, TOMORROW))
    assert booking.standing is Standing.CONFIRMED
    assert booking.last_attempt.text(ZONE) == "Call · Confirmed · Wed Jun 10, 2:15 PM · Riley Chen"
    entry = one(desk, AuditEntry, action="appointment.confirmation_attempt")
    assert json.loads(entry.detail) == {"channel": "phone", "outcome": "confirmed"}


@pytest.mark.parametrize(
    "outcome",
    [Outcome.LEFT_MESSAGE, Outcome.NO_ANSWER, Outcome.WANTS_RESCHEDULE, Outcome.WANTS_CANCEL],
)
def test_an_attempt_without_a_yes_leaves_the_booking_to_confirm(desk, clinic, outcome):
    appointment_id = booked(desk, clinic)

    record_attempt(desk, appointment_id, ConsentChannel.SMS, outcome, " Sent at 8 ")

    assert status_of(desk, appointment_id) is Status.BOOKED
    booking = _only(confirmation_list(desk, TOMORROW))
    assert booking.standing is Standing.TO_CONFIRM
    assert (booking.last_attempt.outcome, booking.last_attempt.note) == (outcome, "Sent at 8")


def test_attempts_are_listed_oldest_first(desk, clinic):
    appointment_id = booked(desk, clinic)
    record_attempt(desk, appointment_id, ConsentChannel.PHONE, Outcome.NO_ANSWER)
    desk.clock.set(at(TODAY, 12))
    record_attempt(desk, appointment_id, ConsentChannel.SMS, Outcome.LEFT_MESSAGE)

    booking = _only(confirmation_list(desk, TOMORROW))

    assert [attempt.outcome for attempt in booking.attempts] == [
        Outcome.NO_ANSWER,
        Outcome.LEFT_MESSAGE,
    ]


def test_a_card_number_in_the_note_is_refused_and_nothing_saved(desk, clinic):
    appointment_id = booked(desk, clinic)
    before = row_counts(desk)

    with pytest.raises(DeskRefusal, match="card number"):
        record_attempt(
            desk, appointment_id, ConsentChannel.PHONE, Outcome.CONFIRMED, "4242 4242 4242 4242"
        )

    assert row_counts(desk) == before
    assert fetch(desk, ConfirmationAttempt) == []


def test_a_booking_started_or_called_off_cannot_be_confirmed(desk, clinic):
    appointment_id = booked(desk, clinic)
    desk.clock.set(TEN)
    with pytest.raises(DeskRefusal, match="has started"):
        record_attempt(desk, appointment_id, ConsentChannel.PHONE, Outcome.CONFIRMED)
    assert confirmation_list(desk, TOMORROW).bookings == ()


# --- after the deadline --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "standing"),
    [
        (CLOSING_TODAY, Standing.TO_CONFIRM),  # a reply at closing time is in time
        (CLOSING_TODAY + timedelta(seconds=1), Standing.MAY_BE_CANCELLED),
    ],
)
def test_unconfirmed_bookings_may_be_cancelled_from_a_second_after_closing(
    desk, clinic, now, standing
):
    booked(desk, clinic)
    desk.clock.set(now)
    assert _only(confirmation_list(desk, TOMORROW)).standing is standing


def test_a_closed_day_before_gives_the_client_until_midnight(desk, clinic):
    booked(desk, clinic)
    with desk.db.writing() as session:
        session.add(ClinicClosure(day=TODAY, reason="Inventory"))
    desk.clock.set(CLOSING_TODAY + timedelta(hours=2))

    listed = confirmation_list(desk, TOMORROW)

    assert listed.deadline == at(TOMORROW, 0)
    assert _only(listed).standing is Standing.TO_CONFIRM


def test_a_booking_made_after_its_deadline_needs_no_confirming(desk, clinic):
    desk.clock.set(CLOSING_TODAY + timedelta(minutes=5))
    booked(desk, clinic)
    assert _only(confirmation_list(desk, TOMORROW)).standing is Standing.CONFIRMED


def test_the_unconfirmed_are_cancelled_by_the_clinic_without_fee_or_strike(desk, clinic):
    appointment_id = booked(desk, clinic)
    strikes = client_standing(desk, clinic.emma).strikes
    desk.clock.set(CLOSING_TODAY + timedelta(hours=13))  # 8 AM, the desk opens

    (result,) = cancel_unconfirmed(desk, [appointment_id])

    assert result.status is Status.CANCELLED_BY_CLINIC
    assert result.message.startswith("1 unconfirmed booking cancelled by the clinic: no fee")
    assert history(desk, appointment_id)[-1] == (
        "booked",
        "cancelled_by_clinic",
        UNCONFIRMED_REASON,
    )
    assert fetch(desk, ClientFee) == []
    assert client_standing(desk, clinic.emma).strikes == strikes
    assert confirmation_list(desk, TOMORROW).bookings == ()


def test_a_prepaid_unconfirmed_booking_cancelled_is_credited(desk, clinic):
    appointment_id = booked(
        desk, clinic, client=clinic.olivia, starts_at=at(NEXT_WEEK, 10), prepaid=True
    )
    desk.clock.set(at(NEXT_WEEK, 8))

    cancel_unconfirmed(desk, [appointment_id])

    assert status_of(desk, appointment_id) is Status.CANCELLED_BY_CLINIC
    credits = [
        entry.amount_cents for entry in fetch(desk, AccountCreditEntry, client_id=clinic.olivia)
    ]
    assert credits[-1] == 30000


def test_one_still_in_time_refuses_the_lot_and_nothing_is_cancelled(desk, clinic):
    late = booked(desk, clinic)
    in_time = booked(
        desk, clinic, client=clinic.noah, starts_at=at(TOMORROW + timedelta(days=1), 10)
    )
    desk.clock.set(CLOSING_TODAY + timedelta(hours=1))
    before = row_counts(desk)

    with pytest.raises(DeskRefusal, match="Nothing was cancelled: Noah Reed's booking still has"):
        cancel_unconfirmed(desk, [late, in_time])

    assert row_counts(desk) == before
    assert status_of(desk, late) is Status.BOOKED


def test_a_confirmed_booking_is_never_cancelled_under_this_rule(desk, clinic):
    appointment_id = booked(desk, clinic)
    record_attempt(desk, appointment_id, ConsentChannel.EMAIL, Outcome.CONFIRMED)
    desk.clock.set(CLOSING_TODAY + timedelta(hours=1))

    with pytest.raises(DeskRefusal, match="Emma Sanders's booking is confirmed"):
        cancel_unconfirmed(desk, [appointment_id])
    assert status_of(desk, appointment_id) is Status.CONFIRMED
