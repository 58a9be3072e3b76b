"""Which statuses each predicate holds for, over every status: the one place the desk asks."""

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.appointment_status import check_out_refusal

EVERY_STATUS = list(Status)


def holding(predicate: str) -> set[Status]:
    return {status for status in EVERY_STATUS if getattr(status, predicate)}


def test_a_booking_awaits_arrival_while_booked_or_confirmed():
    assert holding("awaiting_arrival") == {Status.BOOKED, Status.CONFIRMED}


def test_a_client_is_in_the_clinic_once_checked_in_until_the_visit_ends():
    assert holding("in_the_clinic") == {Status.CHECKED_IN, Status.IN_SERVICE}


def test_a_visit_is_checked_out_once_the_client_was_checked_in_or_it_is_completed():
    assert holding("can_check_out") == {Status.CHECKED_IN, Status.IN_SERVICE, Status.COMPLETED}


def test_a_booked_or_confirmed_client_cannot_be_checked_out():
    assert not Status.BOOKED.can_check_out
    assert not Status.CONFIRMED.can_check_out


def test_only_a_booking_still_to_come_can_be_prepaid():
    assert holding("can_be_prepaid") == {Status.BOOKED, Status.CONFIRMED}


def test_the_slot_is_held_from_booking_to_completion():
    assert holding("occupies_slot") == {
        Status.BOOKED,
        Status.CONFIRMED,
        Status.CHECKED_IN,
        Status.IN_SERVICE,
        Status.COMPLETED,
    }


def test_a_called_off_booking_holds_none_of_them():
    called_off = {
        Status.CANCELLED,
        Status.LATE_CANCELLED,
        Status.NO_SHOW,
        Status.CANCELLED_BY_CLINIC,
        Status.RESCHEDULED,
    }
    for predicate in ("awaiting_arrival", "in_the_clinic", "can_check_out", "can_be_prepaid"):
        assert not holding(predicate) & called_off, predicate


@pytest.mark.parametrize("status", EVERY_STATUS)
def test_checkout_refuses_in_words_exactly_where_it_cannot_check_out(status):
    refusal = check_out_refusal(status)
    assert (refusal is None) == status.can_check_out


@pytest.mark.parametrize("status", [Status.BOOKED, Status.CONFIRMED])
def test_a_client_not_yet_arrived_is_told_to_check_in_first(status):
    assert check_out_refusal(status).startswith("Check the client in first")


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.NO_SHOW, Status.RESCHEDULED])
def test_a_called_off_visit_has_nothing_to_check_out(status):
    assert check_out_refusal(status) == (
        f"This appointment is {status.label.lower()}: there is nothing to check out."
    )
