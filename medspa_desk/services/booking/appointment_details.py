"""One booking as its details show it (a double-click on the calendar): what appointment_facts
knows, the notes for the provider, the client's phone and email, and the booking's history (each
status it went through, when, by whom and why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.contact_details import phone_for_display
from medspa_desk.services.booking.booking_change import AppointmentFacts, appointment_facts
from medspa_desk.services.desk import Desk
from medspa_desk.storage.models import Appointment, AppointmentStatusChange, Client, Staff


@dataclass(frozen=True)
class StatusStep:
    at: datetime
    status: AppointmentStatus
    by: str  # the staff member's name; "" when made by a command
    reason: str


@dataclass(frozen=True)
class AppointmentDetails:
    facts: AppointmentFacts
    phone: str  # as shown: "(406) 555-1234"; "" when none
    email: str
    notes: str
    booked_at: datetime
    booked_by: str
    history: tuple[StatusStep, ...]  # oldest first


def appointment_details(desk: Desk, appointment_id: int) -> AppointmentDetails:
    facts = appointment_facts(desk, appointment_id)  # DeskRefusal for one that is not there
    booker = aliased(Staff)
    with desk.db.reading() as session:
        row = session.execute(
            select(
                Client.phone_e164,
                Client.email,
                Appointment.notes,
                Appointment.created_at,
                booker.display_name,
            )
            .join(Client, Client.id == Appointment.client_id)
            .outerjoin(booker, booker.id == Appointment.created_by_id)
            .where(Appointment.id == appointment_id)
        ).one()
        steps = session.execute(
            select(
                AppointmentStatusChange.at,
                AppointmentStatusChange.to_status,
                Staff.display_name,
                AppointmentStatusChange.reason,
            )
            .outerjoin(Staff, Staff.id == AppointmentStatusChange.by_staff_id)
            .where(AppointmentStatusChange.appointment_id == appointment_id)
            .order_by(AppointmentStatusChange.at, AppointmentStatusChange.id)
        ).all()
    phone, email, notes, booked_at, booked_by = row
    return AppointmentDetails(
        facts=facts,
        phone=phone_for_display(phone) if phone else "",
        email=email or "",
        notes=notes,
        booked_at=booked_at,
        booked_by=booked_by or "",
        history=tuple(StatusStep(at, status, by or "", reason) for at, status, by, reason in steps),
    )
