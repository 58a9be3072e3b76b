"""A booking made for the appointment-change tests (check-in, call-off, reschedule, fee waiver),
and what those tests read back about it: its status, its history and its audit entries."""

from __future__ import annotations

import json

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.services.booking.booking_prepayment import PrepaymentTender
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.storage.models import (
    Appointment,
    AppointmentStatusChange,
    AuditEntry,
    BookingPayment,
)
from tests.services.conftest import NEXT_WEEK, TOMORROW, at, fetch, one

TEN = at(TOMORROW, 10)  # the booking most tests call off
PREPAID = PrepaymentTender(
    30000, "card", card_brand="Visa", card_last4="1881", approval_code="OK42"
)


def booked(desk, clinic, *, client=None, starts_at=TEN, provider=None, prepaid=False) -> int:
    request = BookingRequest(
        client or clinic.emma, provider or clinic.kelsey, clinic.botox, starts_at
    )
    return book(desk, request, prepayment=PREPAID if prepaid else None)


def history(desk, appointment_id):
    steps = fetch(desk, AppointmentStatusChange, appointment_id=appointment_id)
    return [(step.from_status, step.to_status, step.reason) for step in steps]


def audit(desk, appointment_id, action):
    entry = one(desk, AuditEntry, subject=f"appointment:{appointment_id}", action=action)
    return json.loads(entry.detail)


def status_of(desk, appointment_id):
    return Status(one(desk, Appointment, id=appointment_id).status)


def add_deposit(desk, appointment_id, client_id, cents):
    with desk.db.writing() as session:
        session.add(
            BookingPayment(
                appointment_id=appointment_id,
                client_id=client_id,
                kind="deposit",
                amount_cents=cents,
                tender="card",
                paid_at=desk.clock.now(),
            )
        )


def prepaid_booking(desk, clinic):
    return booked(desk, clinic, client=clinic.olivia, starts_at=at(NEXT_WEEK, 10), prepaid=True)
