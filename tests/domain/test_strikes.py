from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.cancellation_policy import CalledOffBooking, CallOff, call_off_outcome
from medspa_desk.domain.policy_text import STRIKE_PREPAYMENT
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.domain.strikes import (
    PrepaymentRequirement,
    StrikeEffect,
    call_off_strike_effect,
    counts_as_strike,
    prepayment_required,
    prepayment_requirement,
    strike_count,
)

SETTINGS = ClinicSettings()


@pytest.mark.parametrize(
    ("status", "strike"),
    [
        (Status.NO_SHOW, True),
        (Status.LATE_CANCELLED, True),
        (Status.CANCELLED, False),  # by the client, with notice
        (Status.CANCELLED_BY_CLINIC, False),
        (Status.RESCHEDULED, False),
        (Status.BOOKED, False),
        (Status.COMPLETED, False),
    ],
)
def test_only_no_shows_and_late_cancellations_are_strikes(status, strike):
    assert counts_as_strike(status) is strike


def test_strikes_are_counted_from_stored_statuses_too():
    history = [
        "completed",
        "no_show",
        "cancelled",
        "late_cancelled",
        "cancelled_by_clinic",
        Status.NO_SHOW,
    ]
    assert strike_count(history) == 3


def test_an_unknown_status_is_refused_not_ignored():
    with pytest.raises(ValueError):
        strike_count(["no_show", "no-show"])


@pytest.mark.parametrize(("strikes", "required"), [(0, False), (2, False), (3, True), (4, True)])
def test_prepayment_is_required_from_the_third_strike(strikes, required):
    assert prepayment_required(strikes, SETTINGS) is required


def test_the_strike_limit_is_a_setting():
    five = replace(SETTINGS, strike_limit=5)
    assert prepayment_required(4, five) is False
    assert prepayment_required(5, five) is True


def test_the_second_strike_books_without_prepayment():
    requirement = prepayment_requirement(2, 32000, SETTINGS)
    assert requirement == PrepaymentRequirement(
        required=False,
        amount_cents=0,
        strikes=2,
        reason="2 strikes on record (no-shows and late cancellations); "
        "prepayment in full at booking is required from 3.",
    )


def test_the_third_strike_prepays_the_full_price():
    requirement = prepayment_requirement(3, 32000, SETTINGS)
    assert requirement.required is True
    assert requirement.amount_cents == 32000
    assert requirement.reason.startswith("3 strikes on record")
    assert requirement.wording == STRIKE_PREPAYMENT
    assert "prepay in full for future services at time of booking" in requirement.wording


def test_one_strike_is_singular():
    assert prepayment_requirement(1, 32000, SETTINGS).reason.startswith("1 strike on record")


def test_a_negative_price_is_refused():
    with pytest.raises(ValueError):
        prepayment_requirement(3, -1, SETTINGS)


def test_the_outcomes_of_calling_off_are_counted_as_they_say():
    starts_at = datetime(2026, 6, 16, 10, 0, tzinfo=ZoneInfo("America/Denver"))
    booking = CalledOffBooking(starts_at, card_on_file=True)
    last_minute = starts_at - timedelta(hours=2)
    outcomes = [
        call_off_outcome(booking, CallOff.NO_SHOW, starts_at, SETTINGS),
        call_off_outcome(booking, CallOff.CLIENT_RESCHEDULES, last_minute, SETTINGS),
        call_off_outcome(booking, CallOff.CLINIC_CANCELS, last_minute, SETTINGS),
        call_off_outcome(booking, CallOff.CLIENT_CANCELS, starts_at - timedelta(days=3), SETTINGS),
    ]
    assert [outcome.counts_as_strike for outcome in outcomes] == [True, True, False, False]
    strikes = strike_count(outcome.status for outcome in outcomes)
    assert strikes == 2
    assert prepayment_required(strikes, SETTINGS) is False
    third = call_off_outcome(booking, CallOff.CLIENT_CANCELS, last_minute, SETTINGS)
    assert prepayment_required(
        strike_count([*(o.status for o in outcomes), third.status]), SETTINGS
    )


@given(st.lists(st.sampled_from(Status)), st.sampled_from(Status))
def test_one_more_appointment_adds_one_strike_or_none(history, status):
    before = strike_count(history)
    after = strike_count([*history, status])
    assert after - before == (1 if counts_as_strike(status) else 0)
    assert 0 <= before <= len(history)


# --- What a call-off does to the strikes -------------------------------------------------------


def test_a_call_off_that_is_no_strike_leaves_the_count():
    assert call_off_strike_effect(2, False, ClinicSettings()) == StrikeEffect(False, 2, False)


def test_a_strike_below_the_limit_asks_no_prepayment():
    assert call_off_strike_effect(1, True, ClinicSettings()) == StrikeEffect(True, 2, False)


def test_the_strike_that_reaches_the_limit_asks_prepayment_from_then_on():
    assert call_off_strike_effect(2, True, ClinicSettings()) == StrikeEffect(True, 3, True)


def test_past_the_limit_each_strike_still_asks_prepayment():
    assert call_off_strike_effect(3, True, ClinicSettings()) == StrikeEffect(True, 4, True)


def test_no_strike_asks_no_prepayment_even_past_the_limit():
    assert call_off_strike_effect(5, False, ClinicSettings()) == StrikeEffect(False, 5, False)


def test_the_limit_is_the_clinics():
    settings = replace(ClinicSettings(), strike_limit=2)
    assert call_off_strike_effect(1, True, settings).prepayment_required
