"""What the calendar shows for one clinic day: the providers' columns and their appointments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.booking_payments import BookingPaymentKind
from medspa_desk.domain.clinic_time import local_day_bounds_utc
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Appointment, BookingPayment, Client, Service, Staff


@dataclass(frozen=True)
class ProviderColumn:
    provider_id: int
    name: str
    role: str
    colour: str


@dataclass(frozen=True)
class BookedSlot:
    appointment_id: int
    provider_id: int
    client_id: int
    client_name: str
    service_name: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    status: AppointmentStatus
    prepaid_cents: int = 0  # prepayment held for the booking (the strike rule), 0 when none


@dataclass(frozen=True)
class DaySchedule:
    day: date
    providers: list[ProviderColumn]
    appointments: list[BookedSlot]  # ordered by start time


def day_schedule(db: Database, day: date, settings: ClinicSettings) -> DaySchedule:
    starts, ends = local_day_bounds_utc(day, settings.zone)
    with db.reading() as session:
        providers = [
            ProviderColumn(row.id, row.display_name, row.role, row.colour)
            for row in session.execute(
                select(Staff.id, Staff.display_name, Staff.role, Staff.colour)
                .where(Staff.is_provider, Staff.active)
                .order_by(Staff.calendar_order, Staff.display_name)
            )
        ]
        appointments = booked_slots(session, starts, ends)
    return DaySchedule(day, providers, appointments)


def booked_slots(
    session: Session, starts: datetime, ends: datetime, provider_id: int | None = None
) -> list[BookedSlot]:
    """The appointments starting in [starts, ends), of one provider or all, by start time.

    Two reads whatever the number of bookings: the bookings with their client and service, and
    one grouped read of the prepayments held (few bookings have one).
    """
    in_range = [Appointment.starts_at >= starts, Appointment.starts_at < ends]
    if provider_id is not None:
        in_range.append(Appointment.provider_id == provider_id)
    prepaid = dict(
        session.execute(
            select(BookingPayment.appointment_id, func.sum(BookingPayment.amount_cents))
            .join(Appointment, Appointment.id == BookingPayment.appointment_id)
            .where(
                *in_range,
                BookingPayment.kind == BookingPaymentKind.PREPAYMENT,
                BookingPayment.outcome.is_(None),
            )
            .group_by(BookingPayment.appointment_id)
        ).all()
    )
    rows = session.execute(
        select(
            Appointment.id,
            Appointment.provider_id,
            Appointment.client_id,
            Client.first_name,
            Client.last_name,
            Service.name,
            Appointment.starts_at,
            Appointment.ends_at,
            Appointment.status,
        )
        .join(Client, Client.id == Appointment.client_id)
        .join(Service, Service.id == Appointment.service_id)
        .where(*in_range)
        .order_by(Appointment.starts_at, Appointment.provider_id)
    )
    return [
        BookedSlot(
            appointment_id=appointment_id,
            provider_id=provider,
            client_id=client_id,
            client_name=f"{first} {last}",
            service_name=service,
            starts_at=starts_at,
            ends_at=ends_at,
            status=AppointmentStatus(status),
            prepaid_cents=prepaid.get(appointment_id, 0),
        )
        for appointment_id, provider, client_id, first, last, service, starts_at, ends_at, status in rows
    ]
