"""What a booking is checked for: overlaps, opening hours and the calendar's grid, who and what."""

from datetime import timedelta

import pytest

from medspa_desk.services.booking.booking_checks import BookingRefused
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.new_booking import book
from medspa_desk.services.clients.usable_client import ClientNotFound
from tests.refusals import refused
from tests.services.booking_requests import booking_refused, request
from tests.services.conftest import NOW, TOMORROW, at

# --- Overlaps ----------------------------------------------------------------------------------


def test_a_provider_cannot_be_double_booked(desk, clinic):
    book(desk, request(clinic))
    booking_refused(
        desk,
        "^Kelsey Brandt already has Emma Sanders at 10:00–10:30 AM.$",
        request(
            clinic, client=clinic.noah, service=clinic.lip_filler, starts_at=at(TOMORROW, 9, 30)
        ),
    )


def test_a_client_cannot_be_in_two_places(desk, clinic):
    book(desk, request(clinic))
    booking_refused(
        desk,
        "^Emma Sanders is already booked with Kelsey Brandt at 10:00–10:30 AM.$",
        request(
            clinic, provider=clinic.maya, service=clinic.hydrafacial, starts_at=at(TOMORROW, 10, 15)
        ),
    )


def test_back_to_back_bookings_do_not_overlap(desk, clinic):
    book(desk, request(clinic))
    book(desk, request(clinic, client=clinic.noah, starts_at=at(TOMORROW, 10, 30)))
    book(desk, request(clinic, client=clinic.noah, starts_at=at(TOMORROW, 9, 30)))
    book(
        desk,
        request(
            clinic, provider=clinic.maya, service=clinic.hydrafacial, starts_at=at(TOMORROW, 10, 30)
        ),
    )
    assert len(day_schedule(desk.db, TOMORROW, desk.settings).appointments) == 4


def test_a_cancelled_bookings_slot_is_free_again(desk, clinic):
    first = book(desk, request(clinic))
    cancel(desk, first, by_clinic=False, reason="Client called")
    second = book(desk, request(clinic, client=clinic.noah))
    assert second != first


# --- When a booking can be ---------------------------------------------------------------------


def test_before_opening_is_refused(desk, clinic):
    booking_refused(
        desk,
        "opens at 8:00 AM: 7:30 AM is before opening",
        request(clinic, starts_at=at(TOMORROW, 7, 30)),
    )


def test_a_booking_must_end_by_closing(desk, clinic):
    booking_refused(
        desk,
        r"^Lip filler \(1 syringe\) at 6:15 PM would run to 7:15 PM, past closing at 7:00 PM.$",
        request(clinic, service=clinic.lip_filler, starts_at=at(TOMORROW, 18, 15)),
    )
    book(desk, request(clinic, service=clinic.lip_filler, starts_at=at(TOMORROW, 18)))


def test_a_time_already_passed_is_refused(desk, clinic):
    booking_refused(
        desk,
        "^Tue Jun 9 at 10:00 AM has already passed",
        request(clinic, starts_at=at(TOMORROW - timedelta(days=2), 10)),
    )
    book(desk, request(clinic, starts_at=NOW))  # the slot starting now is still bookable


def test_a_start_off_the_calendars_grid_is_refused(desk, clinic):
    booking_refused(
        desk, "15-minute marks: 10:07 AM", request(clinic, starts_at=at(TOMORROW, 10, 7))
    )


def test_opening_hours_are_wall_clock_hours_on_the_dst_sundays(desk, clinic):
    fall_back = at(TOMORROW.replace(month=11, day=1), 8)  # 2026-11-01: a 25-hour day
    spring_forward = at(TOMORROW.replace(year=2027, month=3, day=14), 18, 30)  # 23 hours
    book(desk, request(clinic, starts_at=fall_back))
    book(desk, request(clinic, starts_at=spring_forward))
    booking_refused(
        desk, "before opening", request(clinic, starts_at=fall_back - timedelta(hours=1))
    )


def test_a_naive_start_is_a_programming_error(desk, clinic):
    with pytest.raises(ValueError):
        book(desk, request(clinic, starts_at=at(TOMORROW, 10).replace(tzinfo=None)))


# --- Who and what --------------------------------------------------------------------------------


def test_a_provider_who_does_not_perform_the_service_is_refused(desk, clinic):
    booking_refused(
        desk,
        "^Maya Lindqvist does not perform Botox: frown lines.$",
        request(clinic, provider=clinic.maya),
    )


def test_a_provider_who_left_cannot_be_booked(desk, clinic):
    booking_refused(
        desk, "Jess Old no longer works at the clinic", request(clinic, provider=clinic.gone)
    )


def test_staff_who_are_not_providers_cannot_be_booked(desk, clinic):
    booking_refused(
        desk, "Amber Holt does not perform services", request(clinic, provider=clinic.amber)
    )


def test_a_service_off_the_menu_cannot_be_booked(desk, clinic):
    booking_refused(
        desk,
        "Oxygen facial is no longer on the service menu",
        request(clinic, provider=clinic.maya, service=clinic.retired),
    )


def test_unknown_clients_and_card_numbers_in_notes_are_refused(desk, clinic):
    refused(
        desk.db,
        lambda: book(desk, request(clinic, client=999)),
        "^There is no client number 999 in the records.$",
        ClientNotFound,
    )
    booking_refused(
        desk,
        "Booking notes: This looks like a card number",
        request(clinic, notes="paid 4242 4242 4242 4242"),
    )


def test_times_in_messages_are_the_clinics_wall_clock(desk, clinic):
    book(desk, request(clinic, starts_at=at(TOMORROW, 12, 45), service=clinic.lip_filler))
    with pytest.raises(BookingRefused, match="at 12:45–1:45 PM.$"):
        book(desk, request(clinic, client=clinic.noah, starts_at=at(TOMORROW, 13)))
