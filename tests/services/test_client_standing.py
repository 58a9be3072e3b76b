from datetime import date, time

import pytest

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from tests.services.conftest import TOMORROW, at


def test_a_client_in_good_standing(desk, clinic):
    standing = client_standing(desk, clinic.emma)
    assert (
        standing.strikes,
        standing.prepayment_required,
        standing.credit_cents,
        standing.fees_owed_cents,
    ) == (
        0,
        False,
        0,
        0,
    )
    assert (
        standing.card.brand,
        standing.card.last4,
        standing.card.expiry_month,
        standing.card.expiry_year,
    ) == (
        "Visa",
        "4242",
        12,
        2028,
    )


def test_strikes_count_no_shows_and_late_cancellations_only(desk, clinic):
    # Olivia: 2 no-shows, 1 late cancellation, a visit and a cancellation with notice.
    olivia = client_standing(desk, clinic.olivia)
    assert (olivia.strikes, olivia.prepayment_required, olivia.credit_cents) == (3, True, 40000)
    # Liam: a no-show, a late cancellation, and a cancellation by the clinic, which is no strike.
    liam = client_standing(desk, clinic.liam)
    assert (liam.strikes, liam.prepayment_required) == (2, False)


def test_an_expired_card_is_shown_as_expired(desk, clinic):
    card = client_standing(desk, clinic.ava).card
    assert card.expired is True
    assert client_standing(desk, clinic.noah).card is None


def test_a_card_is_good_through_the_last_day_of_its_month(desk, clinic):
    desk.clock.set(at_local(date(2028, 12, 31), time(23, 59), desk.settings.zone))
    assert client_standing(desk, clinic.emma).card.expired is False
    desk.clock.advance(minutes=1)  # midnight in Kalispell: January 2029
    assert client_standing(desk, clinic.emma).card.expired is True


def test_a_late_cancellation_makes_a_strike_and_an_owed_fee(desk, clinic):
    appointment_id = book(
        desk, BookingRequest(clinic.noah, clinic.kelsey, clinic.botox, at(TOMORROW, 10))
    )
    desk.clock.set(at(TOMORROW, 9))
    cancel(desk, appointment_id, by_clinic=False, reason="Client called")
    standing = client_standing(desk, clinic.noah)
    assert (standing.strikes, standing.fees_owed_cents) == (1, 7500)


def test_an_unknown_client_is_refused(desk):
    with pytest.raises(DeskRefusal, match="no client number 999"):
        client_standing(desk, 999)
