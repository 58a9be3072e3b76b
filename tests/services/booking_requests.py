"""A booking request for the booking tests (tests/services/conftest's clinic: Emma with Kelsey
for Botox tomorrow at 10 unless told), and booking refused with nothing saved."""

from __future__ import annotations

from medspa_desk.services.booking.booking_checks import BookingRefused
from medspa_desk.services.booking.new_booking import BookingRequest, book
from tests.refusals import refused
from tests.services.conftest import TOMORROW, at

CARD = dict(card_brand="Visa", card_last4="1881", approval_code="A1B2C3")


def request(clinic, client=None, provider=None, service=None, starts_at=None, **more):
    return BookingRequest(
        client_id=client or clinic.emma,
        provider_id=provider or clinic.kelsey,
        service_id=service or clinic.botox,
        starts_at=starts_at or at(TOMORROW, 10),
        **more,
    )


def booking_refused(desk, sentence, *args, **kwargs):
    """Booking refuses with `sentence` (a regex) and saves nothing."""
    return refused(desk.db, lambda: book(desk, *args, **kwargs), sentence, BookingRefused)
