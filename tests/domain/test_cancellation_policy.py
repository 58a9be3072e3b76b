"""What a call-off costs: fee and strike, how the fee is collected, and a prepayment's fate."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.cancellation_policy import (
    NO_FEE,
    STAFF_CHOICES,
    CalledOffBooking,
    CallOff,
    FeeCollection,
    PrepaymentFate,
    call_off_outcome,
    fee_collection,
)
from medspa_desk.domain.policy_text import (
    LATE_CANCELLATION_FEE,
    PREPAYMENT_FORFEITED,
    RESCHEDULE_CREDIT,
)
from tests.domain.called_off_bookings import (
    DENVER,
    PREPAID,
    SETTINGS,
    STARTS,
    WITH_CARD,
    before,
    instants,
)

# --- client cancellations, reschedules, no-shows, clinic cancellations --------------------------


def test_a_cancellation_with_notice_costs_nothing():
    outcome = call_off_outcome(
        WITH_CARD, CallOff.CLIENT_CANCELS, before(WITH_CARD, hours=24), SETTINGS
    )
    assert outcome.status is Status.CANCELLED
    assert outcome.fee is NO_FEE
    assert not outcome.counts_as_strike
    assert outcome.prepayment is None
    assert outcome.wording == ()


def test_a_late_cancellation_is_a_fee_and_a_strike():
    called_at = before(WITH_CARD, hours=23, minutes=59, seconds=59)
    outcome = call_off_outcome(WITH_CARD, CallOff.CLIENT_CANCELS, called_at, SETTINGS)
    assert outcome.status is Status.LATE_CANCELLED
    assert outcome.fee_cents == 7500
    assert outcome.fee == FeeCollection(charge_card_cents=7500)
    assert outcome.counts_as_strike
    assert outcome.wording == (LATE_CANCELLATION_FEE,)


@pytest.mark.parametrize(
    "recorded_at", [before(WITH_CARD, days=10), STARTS, STARTS + timedelta(hours=2)]
)
def test_a_no_show_is_always_a_fee_and_a_strike(recorded_at):
    outcome = call_off_outcome(WITH_CARD, CallOff.NO_SHOW, recorded_at, SETTINGS)
    assert outcome.status is Status.NO_SHOW
    assert outcome.fee_cents == 7500
    assert outcome.counts_as_strike
    assert outcome.wording == (LATE_CANCELLATION_FEE,)


@pytest.mark.parametrize(
    "called_at", [before(WITH_CARD, days=10), before(WITH_CARD, minutes=5), STARTS]
)
def test_a_clinic_cancellation_is_never_a_fee_nor_a_strike(called_at):
    booking = replace(WITH_CARD, deposit_cents=5000)
    outcome = call_off_outcome(booking, CallOff.CLINIC_CANCELS, called_at, SETTINGS)
    assert outcome.status is Status.CANCELLED_BY_CLINIC
    assert outcome.fee is NO_FEE
    assert not outcome.counts_as_strike


def test_no_show_and_clinic_cancel_at_the_same_moment_differ_only_by_who_missed_it():
    no_show = call_off_outcome(WITH_CARD, CallOff.NO_SHOW, STARTS, SETTINGS)
    by_clinic = call_off_outcome(WITH_CARD, CallOff.CLINIC_CANCELS, STARTS, SETTINGS)
    assert (no_show.fee_cents, no_show.counts_as_strike) == (7500, True)
    assert (by_clinic.fee_cents, by_clinic.counts_as_strike) == (0, False)


def test_a_reschedule_with_notice_is_just_a_reschedule():
    outcome = call_off_outcome(
        WITH_CARD, CallOff.CLIENT_RESCHEDULES, before(WITH_CARD, hours=24), SETTINGS
    )
    assert outcome.status is Status.RESCHEDULED
    assert outcome.fee is NO_FEE
    assert not outcome.counts_as_strike


def test_a_last_minute_reschedule_is_a_late_cancellation_of_the_slot():
    called_at = before(WITH_CARD, hours=23, minutes=59, seconds=59)
    outcome = call_off_outcome(WITH_CARD, CallOff.CLIENT_RESCHEDULES, called_at, SETTINGS)
    assert outcome.status is Status.LATE_CANCELLED
    assert outcome.fee_cents == 7500
    assert outcome.counts_as_strike


# --- how the fee is collected ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deposit", "card", "expected"),
    [
        (10000, True, FeeCollection(from_deposit_cents=7500)),
        (7500, False, FeeCollection(from_deposit_cents=7500)),
        (5000, True, FeeCollection(from_deposit_cents=5000, charge_card_cents=2500)),
        (5000, False, FeeCollection(from_deposit_cents=5000, owed_on_account_cents=2500)),
        (0, True, FeeCollection(charge_card_cents=7500)),
        (0, False, FeeCollection(owed_on_account_cents=7500)),
    ],
    ids=[
        "deposit covers it",
        "deposit exactly",
        "deposit short, card",
        "deposit short, no card",
        "card",
        "nothing on file",
    ],
)
def test_the_deposit_pays_first_then_the_card_then_the_account(deposit, card, expected):
    booking = CalledOffBooking(STARTS, deposit_cents=deposit, card_on_file=card)
    assert fee_collection(7500, booking) == expected
    outcome = call_off_outcome(booking, CallOff.NO_SHOW, STARTS, SETTINGS)
    assert outcome.fee == expected
    assert outcome.fee_cents == 7500


def test_no_fee_takes_nothing_from_the_deposit():
    booking = CalledOffBooking(STARTS, deposit_cents=5000)
    assert fee_collection(0, booking) == NO_FEE
    assert (
        call_off_outcome(booking, CallOff.CLIENT_CANCELS, before(booking, days=2), SETTINGS).fee
        is NO_FEE
    )


# --- prepaid bookings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call_off", "called_at", "status"),
    [
        (CallOff.NO_SHOW, STARTS, Status.NO_SHOW),
        (
            CallOff.CLIENT_CANCELS,
            before(PREPAID, hours=23, minutes=59, seconds=59),
            Status.LATE_CANCELLED,
        ),
        (CallOff.CLIENT_RESCHEDULES, before(PREPAID, hours=2), Status.LATE_CANCELLED),
    ],
)
def test_a_violation_forfeits_the_prepayment_instead_of_a_fee(call_off, called_at, status):
    outcome = call_off_outcome(PREPAID, call_off, called_at, SETTINGS)
    assert outcome.status is status
    assert outcome.prepayment is PrepaymentFate.FORFEITED
    assert outcome.prepaid_cents == 32000
    assert outcome.fee is NO_FEE  # no $75 on top of the forfeited prepayment
    assert outcome.counts_as_strike
    assert outcome.wording == (PREPAYMENT_FORFEITED,)


@pytest.mark.parametrize("call_off", [CallOff.CLIENT_CANCELS, CallOff.CLIENT_RESCHEDULES])
@pytest.mark.parametrize(
    ("notice_given", "fate"),
    [
        (timedelta(days=7), PrepaymentFate.CREDITED),
        (timedelta(hours=48), PrepaymentFate.CREDITED),  # exactly 48 hours counts as "prior to 48"
        (timedelta(hours=47, minutes=59, seconds=59), PrepaymentFate.STAFF_DECIDES),
        (timedelta(hours=30), PrepaymentFate.STAFF_DECIDES),
        (timedelta(hours=24), PrepaymentFate.STAFF_DECIDES),
        (timedelta(hours=23, minutes=59, seconds=59), PrepaymentFate.FORFEITED),
    ],
)
def test_a_prepayment_by_notice_given(call_off, notice_given, fate):
    outcome = call_off_outcome(PREPAID, call_off, STARTS - notice_given, SETTINGS)
    assert outcome.prepayment is fate
    assert outcome.prepaid_cents == 32000
    assert outcome.fee is NO_FEE
    assert outcome.counts_as_strike is (fate is PrepaymentFate.FORFEITED)


def test_credit_names_the_credit_sentence():
    outcome = call_off_outcome(
        PREPAID, CallOff.CLIENT_RESCHEDULES, before(PREPAID, hours=48), SETTINGS
    )
    assert outcome.status is Status.RESCHEDULED
    assert outcome.wording == (RESCHEDULE_CREDIT,)


def test_between_24_and_48_hours_staff_decide_shown_the_published_words():
    outcome = call_off_outcome(PREPAID, CallOff.CLIENT_CANCELS, before(PREPAID, hours=30), SETTINGS)
    assert outcome.status is Status.CANCELLED
    assert outcome.prepayment is PrepaymentFate.STAFF_DECIDES
    assert outcome.wording == (
        "If appointment is rescheduled prior to 48 hours of the appointment time, the amount paid "
        "will be credited for future services at 406MedicalSpa.",
        "The amount pre-paid for is nonrefundable if the no-show/cancellation policy is violated.",
    )
    assert STAFF_CHOICES == (PrepaymentFate.CREDITED, PrepaymentFate.FORFEITED)
    assert outcome.prepayment.label == "Staff decide: credit or forfeit"


def test_a_clinic_cancellation_credits_a_prepayment_in_full():
    outcome = call_off_outcome(PREPAID, CallOff.CLINIC_CANCELS, before(PREPAID, hours=1), SETTINGS)
    assert outcome.status is Status.CANCELLED_BY_CLINIC
    assert outcome.prepayment is PrepaymentFate.CREDITED
    assert outcome.prepaid_cents == 32000
    assert outcome.fee is NO_FEE
    assert not outcome.counts_as_strike


def test_the_credit_window_is_a_setting():
    three_days = replace(SETTINGS, reschedule_credit_hours=72)
    outcome = call_off_outcome(
        PREPAID, CallOff.CLIENT_RESCHEDULES, before(PREPAID, hours=60), three_days
    )
    assert outcome.prepayment is PrepaymentFate.STAFF_DECIDES


def test_the_credit_window_is_elapsed_time_across_the_fall_back_sunday():
    # Monday 10:00 after the fall-back Sunday; Saturday 10:00 on the wall is 49 hours before it.
    booking = CalledOffBooking(datetime(2026, 11, 2, 10, 0, tzinfo=DENVER), prepaid_cents=32000)
    saturday_ten = datetime(2026, 10, 31, 10, 0, tzinfo=DENVER)
    saturday_eleven_oh_one = datetime(2026, 10, 31, 11, 0, 1, tzinfo=DENVER)
    forty_nine_hours = call_off_outcome(booking, CallOff.CLIENT_RESCHEDULES, saturday_ten, SETTINGS)
    just_under_48 = call_off_outcome(
        booking, CallOff.CLIENT_RESCHEDULES, saturday_eleven_oh_one, SETTINGS
    )
    assert forty_nine_hours.prepayment is PrepaymentFate.CREDITED
    assert just_under_48.prepayment is PrepaymentFate.STAFF_DECIDES


@pytest.mark.parametrize(
    "money",
    [{"deposit_cents": -1}, {"prepaid_cents": -1}, {"deposit_cents": 5000, "prepaid_cents": 32000}],
)
def test_impossible_money_is_refused(money):
    with pytest.raises(ValueError):
        CalledOffBooking(STARTS, **money)


# --- properties --------------------------------------------------------------------------------

cents = st.integers(min_value=0, max_value=100_000)


@st.composite
def bookings(draw):
    held = draw(st.sampled_from(["nothing", "deposit", "prepaid"]))
    return CalledOffBooking(
        starts_at=draw(instants),
        deposit_cents=draw(cents) if held == "deposit" else 0,
        prepaid_cents=draw(st.integers(min_value=1, max_value=100_000)) if held == "prepaid" else 0,
        card_on_file=draw(st.booleans()),
    )


policy_settings = st.builds(
    lambda fee, window: replace(
        SETTINGS, late_cancel_fee_cents=fee, late_cancel_window_hours=window
    ),
    cents,
    st.integers(min_value=0, max_value=96),
)


@given(
    booking=bookings(), call_off=st.sampled_from(CallOff), now=instants, settings=policy_settings
)
def test_a_fee_is_never_negative_and_never_more_than_the_setting(booking, call_off, now, settings):
    outcome = call_off_outcome(booking, call_off, now, settings)
    fee = outcome.fee
    assert min(fee.from_deposit_cents, fee.charge_card_cents, fee.owed_on_account_cents) >= 0
    assert outcome.fee_cents in (0, settings.late_cancel_fee_cents)
    assert fee.from_deposit_cents <= booking.deposit_cents
    assert not (fee.charge_card_cents and not booking.card_on_file)


@given(
    booking=bookings(),
    call_off=st.sampled_from([CallOff.CLIENT_CANCELS, CallOff.CLIENT_RESCHEDULES]),
    extra=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60)),
    settings=policy_settings,
)
def test_enough_notice_is_never_a_fee_nor_a_strike(booking, call_off, extra, settings):
    called_at = booking.starts_at - timedelta(hours=settings.late_cancel_window_hours) - extra
    outcome = call_off_outcome(booking, call_off, called_at, settings)
    assert outcome.fee is NO_FEE
    assert not outcome.counts_as_strike
    assert outcome.prepayment is not PrepaymentFate.FORFEITED


@given(booking=bookings(), call_off=st.sampled_from(CallOff), now=instants)
def test_the_zone_an_instant_is_given_in_changes_nothing(booking, call_off, now):
    in_denver = replace(booking, starts_at=booking.starts_at.astimezone(DENVER))
    assert call_off_outcome(
        in_denver, call_off, now.astimezone(DENVER), SETTINGS
    ) == call_off_outcome(booking, call_off, now, SETTINGS)
