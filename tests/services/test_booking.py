import json
from datetime import timedelta

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.policy_text import POLICY_VERSION, PUBLISHED_POLICIES
from medspa_desk.services.booking import new_booking as booking_service
from medspa_desk.services.booking.booking_checks import BookingRefused
from medspa_desk.services.booking.booking_choices import (
    booking_requirement,
    providers,
    services_for,
)
from medspa_desk.services.booking.booking_prepayment import (
    ManagerOverride,
    PrepaymentNeeded,
    PrepaymentTender,
)
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.clients.usable_client import ClientNotFound
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    AppointmentStatusChange,
    AuditEntry,
    BookingPayment,
    PolicyText,
)
from tests.refusals import refused
from tests.services.conftest import NOW, TOMORROW, at, fetch, one, row_counts

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


# --- What the dialog offers --------------------------------------------------------------------


def test_the_dialog_offers_active_providers_in_calendar_order(desk, clinic):
    assert [(p.provider_id, p.name) for p in providers(desk)] == [
        (clinic.kelsey, "Kelsey Brandt"),
        (clinic.maya, "Maya Lindqvist"),
    ]


def test_a_providers_services_come_by_category_then_name_without_retired_ones(desk, clinic):
    assert [s.name for s in services_for(desk, clinic.kelsey)] == [
        "Consultation (15 min)",
        "Lip filler (1 syringe)",
        "Botox: frown lines",
    ]
    facial = services_for(desk, clinic.maya)
    assert [(s.name, s.duration_minutes, s.price_cents) for s in facial] == [
        ("Signature HydraFacial", 45, 19900)
    ]


# --- The happy path --------------------------------------------------------------------------


def test_a_booking_is_made_with_its_history_audit_and_policy_text(desk, clinic):
    appointment_id = book(desk, request(clinic, notes="  First visit  "))

    appointment = one(desk, Appointment, id=appointment_id)
    assert appointment.status == AppointmentStatus.BOOKED
    assert appointment.starts_at == at(TOMORROW, 10)
    assert appointment.ends_at == at(TOMORROW, 10, 30)
    assert appointment.price_cents == 30000
    assert appointment.created_at == NOW
    assert appointment.created_by_id == clinic.riley
    assert appointment.notes == "First visit"
    assert appointment.policy_version == POLICY_VERSION
    assert one(desk, PolicyText, version=POLICY_VERSION).text == PUBLISHED_POLICIES

    step = one(desk, AppointmentStatusChange, appointment_id=appointment_id)
    assert (step.from_status, step.to_status, step.at, step.by_staff_id) == (
        None,
        "booked",
        NOW,
        clinic.riley,
    )
    audit = one(desk, AuditEntry, subject=f"appointment:{appointment_id}")
    assert audit.action == "appointment.booked"
    detail = json.loads(audit.detail)
    assert detail["policy_version"] == POLICY_VERSION
    assert detail["history_id"] == step.id
    assert "Emma" not in audit.detail  # ids, never names, in the append-only log


def test_the_policy_text_is_kept_once_however_many_bookings_use_it(desk, clinic):
    book(desk, request(clinic))
    book(desk, request(clinic, client=clinic.noah, starts_at=at(TOMORROW, 11)))
    assert len(fetch(desk, PolicyText)) == 1


def test_the_calendar_shows_the_new_booking(desk, clinic):
    appointment_id = book(desk, request(clinic))
    slots = day_schedule(desk.db, TOMORROW, desk.settings).appointments
    assert [(s.appointment_id, s.client_name, s.status) for s in slots] == [
        (appointment_id, "Emma Sanders", AppointmentStatus.BOOKED)
    ]


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


# --- The strike rule: prepayment in full from the third strike ---------------------------------


def test_a_second_strike_client_books_without_prepaying(desk, clinic):
    requirement = booking_requirement(desk, clinic.liam, clinic.botox)
    assert not requirement.required and requirement.strikes == 2
    book(desk, request(clinic, client=clinic.liam))


def test_a_third_strike_client_must_prepay_in_full(desk, clinic):
    requirement = booking_requirement(desk, clinic.olivia, clinic.botox)
    assert requirement.required
    assert (requirement.amount_cents, requirement.strikes) == (30000, 3)

    before = row_counts(desk)
    with pytest.raises(
        PrepaymentNeeded, match="Olivia Pike must prepay the full \\$300.00"
    ) as raised:
        book(desk, request(clinic, client=clinic.olivia))
    assert raised.value.requirement == requirement
    assert raised.value.credit_cents == 40000
    assert row_counts(desk) == before


def test_a_card_prepayment_is_held_for_the_booking(desk, clinic):
    appointment_id = book(
        desk,
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(30000, "card", **CARD),
    )
    payment = one(desk, BookingPayment, appointment_id=appointment_id)
    assert (payment.kind, payment.amount_cents, payment.tender, payment.outcome) == (
        "prepayment",
        30000,
        "card",
        None,
    )
    assert (payment.card_brand, payment.card_last4, payment.approval_code) == (
        "Visa",
        "1881",
        "A1B2C3",
    )
    assert (payment.paid_at, payment.taken_by_id) == (NOW, clinic.riley)
    detail = json.loads(one(desk, AuditEntry, subject=f"appointment:{appointment_id}").detail)
    assert detail["prepayment"] == {
        "payment_id": payment.id,
        "amount_cents": 30000,
        "tender": "card",
    }
    slot = day_schedule(desk.db, TOMORROW, desk.settings).appointments[0]
    assert slot.prepaid_cents == 30000


def test_a_cash_prepayment_needs_nothing_more(desk, clinic):
    appointment_id = book(
        desk, request(clinic, client=clinic.olivia), prepayment=PrepaymentTender(30000, "cash")
    )
    payment = one(desk, BookingPayment, appointment_id=appointment_id)
    assert (payment.kind, payment.amount_cents, payment.tender, payment.outcome) == (
        "prepayment",
        30000,
        "cash",
        None,
    )
    assert (payment.card_brand, payment.card_last4, payment.approval_code) == ("", "", "")
    assert day_schedule(desk.db, TOMORROW, desk.settings).appointments[0].prepaid_cents == 30000


def test_account_credit_pays_the_prepayment_and_the_balance_goes_down(desk, clinic):
    appointment_id = book(
        desk,
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(30000, "account_credit"),
    )
    payment = one(desk, BookingPayment, appointment_id=appointment_id)
    spent = one(desk, AccountCreditEntry, appointment_id=appointment_id)
    assert (spent.amount_cents, spent.booking_payment_id) == (-30000, payment.id)
    assert client_standing(desk, clinic.olivia).credit_cents == 10000


def test_not_enough_account_credit_is_refused(desk, clinic):
    booking_refused(
        desk,
        r"^Olivia Pike has \$400.00 of account credit; the prepayment is \$750.00.$",
        request(clinic, client=clinic.olivia, service=clinic.lip_filler),
        prepayment=PrepaymentTender(75000, "account_credit"),
    )


@pytest.mark.parametrize("cents", [29999, 30001])
def test_the_prepayment_is_exactly_the_full_price(desk, clinic, cents):
    booking_refused(
        desk,
        r"full price, \$300.00",
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(cents, "card", **CARD),
    )


@pytest.mark.parametrize(
    "card, sentence",
    [
        (dict(CARD, card_brand=" "), "which card paid"),
        (dict(CARD, card_last4="188"), "exactly 4 digits"),
        (dict(CARD, card_last4="4242424242424242"), "exactly 4 digits"),
        (dict(CARD, approval_code=""), "approval code"),
        (dict(CARD, approval_code="4242-4242-4242-4242"), "card number"),
    ],
)
def test_a_card_prepayment_is_recorded_as_the_terminal_printed_it(desk, clinic, card, sentence):
    booking_refused(
        desk,
        sentence,
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(30000, "card", **card),
    )


def test_a_manager_can_override_the_prepayment_with_a_reason(desk, clinic):
    appointment_id = book(
        desk,
        request(clinic, client=clinic.olivia),
        override=ManagerOverride(clinic.amber, "  Long-time client, sick kids  "),
    )
    appointment = one(desk, Appointment, id=appointment_id)
    assert appointment.prepayment_waived_by_id == clinic.amber
    assert appointment.prepayment_waived_reason == "Long-time client, sick kids"
    assert fetch(desk, BookingPayment, appointment_id=appointment_id) == []
    detail = json.loads(one(desk, AuditEntry, subject=f"appointment:{appointment_id}").detail)
    assert detail["prepayment_waived_by"] == clinic.amber


def test_only_a_manager_can_override(desk, clinic):
    booking_refused(
        desk,
        "^Riley Chen is not a manager",
        request(clinic, client=clinic.olivia),
        override=ManagerOverride(clinic.riley, "Because"),
    )


def test_an_override_needs_a_reason(desk, clinic):
    booking_refused(
        desk,
        "needs a reason",
        request(clinic, client=clinic.olivia),
        override=ManagerOverride(clinic.amber, "   "),
    )


def test_prepayment_and_override_together_are_refused(desk, clinic):
    booking_refused(
        desk,
        "not both",
        request(clinic, client=clinic.olivia),
        prepayment=PrepaymentTender(30000, "cash"),
        override=ManagerOverride(clinic.amber, "Both"),
    )


def test_a_free_consultation_asks_no_prepayment_even_of_a_third_strike_client(desk, clinic):
    free = request(clinic, client=clinic.olivia, service=clinic.consultation)
    booking_refused(desk, "nothing to prepay", free, prepayment=PrepaymentTender(0, "cash"))
    book(desk, free)


def test_an_override_for_a_client_who_need_not_prepay_is_not_recorded(desk, clinic):
    appointment_id = book(
        desk, request(clinic), override=ManagerOverride(clinic.amber, "Just in case")
    )
    assert one(desk, Appointment, id=appointment_id).prepayment_waived_by_id is None


# --- All or nothing ----------------------------------------------------------------------------


def test_a_failure_part_way_saves_nothing(desk, clinic, monkeypatch):
    def audit_log_fails(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(booking_service, "record_audit", audit_log_fails)
    before = row_counts(desk)
    with pytest.raises(OSError):
        book(
            desk,
            request(clinic, client=clinic.olivia),
            prepayment=PrepaymentTender(30000, "account_credit"),
        )
    # Not the appointment, its history, the payment, the credit spent, nor the policy text.
    assert row_counts(desk) == before
    assert client_standing(desk, clinic.olivia).credit_cents == 40000


def test_times_in_messages_are_the_clinics_wall_clock(desk, clinic):
    book(desk, request(clinic, starts_at=at(TOMORROW, 12, 45), service=clinic.lip_filler))
    with pytest.raises(BookingRefused, match="at 12:45–1:45 PM.$"):
        book(desk, request(clinic, client=clinic.noah, starts_at=at(TOMORROW, 13)))
