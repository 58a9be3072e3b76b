"""The bookings that fall inside time newly made unbookable (a block, a closure): listed for the
desk to call the clients, never moved or cancelled by the change itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.storage.models import Appointment, Client, Service, Staff

_OCCUPYING = [status.value for status in AppointmentStatus if status.occupies_slot]


@dataclass(frozen=True)
class AffectedBooking:
    appointment_id: int
    client_name: str
    provider_name: str
    service_name: str
    starts_at: datetime
    ends_at: datetime


def bookings_inside(
    session: Session, starts: datetime, ends: datetime, provider_id: int | None = None
) -> list[AffectedBooking]:
    """The bookings still holding time that overlaps [starts, ends), of one provider or all."""
    statement = (
        select(
            Appointment.id,
            Client.first_name,
            Client.last_name,
            Staff.display_name,
            Service.name,
            Appointment.starts_at,
            Appointment.ends_at,
        )
        .join(Client, Client.id == Appointment.client_id)
        .join(Staff, Staff.id == Appointment.provider_id)
        .join(Service, Service.id == Appointment.service_id)
        .where(
            Appointment.starts_at < ends,
            Appointment.ends_at > starts,
            Appointment.status.in_(_OCCUPYING),
        )
        .order_by(Appointment.starts_at, Appointment.provider_id)
    )
    if provider_id is not None:
        statement = statement.where(Appointment.provider_id == provider_id)
    return [
        AffectedBooking(appointment_id, f"{first} {last}", provider, service, s, e)
        for appointment_id, first, last, provider, service, s, e in session.execute(statement)
    ]


def affected_sentence(affected: list[AffectedBooking]) -> str:
    """' 2 bookings fall inside it: call the clients to move them.' or '' when none."""
    if not affected:
        return ""
    count = "1 booking falls" if len(affected) == 1 else f"{len(affected)} bookings fall"
    return f" {count} inside it: call the clients to move them."
