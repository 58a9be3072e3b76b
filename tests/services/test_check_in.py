"""Check-in: the late-arrival decision, the no-show, and checkout only after check-in."""

from datetime import timedelta

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.appointment_status import check_out_refusal
from medspa_desk.domain.cancellation_policy import CallOff, FeeCollection, PrepaymentFate
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.domain.policy_text import LATE_ARRIVAL
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.domain.sale_math import Cart, CartLine, TaxRates, Tender
from medspa_desk.services.booking.booking_change import appointment_facts
from medspa_desk.services.booking.call_off import preview_call_off
from medspa_desk.services.booking.check_in import (
    LateDecisionNeeded,
    arrival_check,
    check_in,
    mark_no_show,
)
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import cart_for_appointment, prepayment_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.models import Appointment, ClientFee
from tests.services.booked_visits import audit, booked, history
from tests.services.conftest import TODAY, at, one, row_counts

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


@pytest.mark.parametrize("prepaid", [False, True])
def test_the_late_question_carries_what_the_desk_decides_by(desk, clinic, prepaid):
    """The late-arrival panel reads nothing of its own: the question holds the booking, the
    no-show's cost and the card, as the books' own readings of them give them."""
    client = clinic.olivia if prepaid else clinic.emma
    appointment_id = booked(desk, clinic, client=client, starts_at=at(TODAY, 10), prepaid=prepaid)
    desk.clock.set(at(TODAY, 10, 12))

    with pytest.raises(LateDecisionNeeded) as raised:
        check_in(desk, appointment_id)

    late = raised.value.late
    facts = appointment_facts(desk, appointment_id)
    assert late.check == raised.value.check == arrival_check(desk, appointment_id)
    assert (
        late.client_id,
        late.client_name,
        late.service_name,
        late.provider_name,
        late.starts_at,
    ) == (
        facts.client_id,
        facts.client_name,
        facts.service_name,
        facts.provider_name,
        facts.starts_at,
    )
    assert late.no_show == preview_call_off(desk, appointment_id, CallOff.NO_SHOW)
    assert late.card == client_standing(desk, client).card
    if prepaid:
        assert (late.no_show.prepayment, late.no_show.fee_cents) == (PrepaymentFate.FORFEITED, 0)
    else:
        assert late.no_show.fee == FeeCollection(charge_card_cents=7500)
        assert late.card is not None and late.card.label == "Visa ending 4242"


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
