"""Booking: what the dialog offers, and a booking made with its history, audit and policy text."""

import json

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.policy_text import POLICY_VERSION, PUBLISHED_POLICIES
from medspa_desk.services.booking import new_booking as booking_service
from medspa_desk.services.booking.booking_choices import providers, services_for
from medspa_desk.services.booking.booking_prepayment import PrepaymentTender
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.new_booking import book
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.storage.models import Appointment, AppointmentStatusChange, AuditEntry, PolicyText
from tests.services.booking_requests import request
from tests.services.conftest import NOW, TOMORROW, at, fetch, one, row_counts

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
