"""What the calendar shows for one clinic day: the providers' columns, their appointments, and
in each column the time that cannot be booked, with why (domain.availability)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, bindparam, func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.availability import UnbookableSpan, unbookable_spans
from medspa_desk.domain.booking_payments import BookingPaymentKind
from medspa_desk.domain.client_alerts import ClientAlertKind
from medspa_desk.domain.clinic_time import local_day_bounds_utc
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.booking.calendar_alerts import with_client_alerts
from medspa_desk.services.clinic.bookable_time import clinic_days, provider_times
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
    # What the desk must notice about the client (domain.client_alerts.CARD_ALERTS' kinds).
    alerts: frozenset[ClientAlertKind] = frozenset()


@dataclass(frozen=True)
class DaySchedule:
    day: date
    providers: list[ProviderColumn]
    appointments: list[BookedSlot]  # ordered by start time
    # provider id -> the column's unbookable spans (closed, outside shifts, blocks), by start
    unbookable: dict[int, list[UnbookableSpan]] = field(default_factory=dict)


# The calendar's reads, built once: a day switch runs them at every press, and building and
# compiling a statement again each time cost as much as the SQL itself. The bounds and the
# provider are bound at each run.
_STARTS = bindparam("starts", type_=Appointment.starts_at.type)
_ENDS = bindparam("ends", type_=Appointment.starts_at.type)
_PROVIDER = bindparam("provider_id", type_=Appointment.provider_id.type)
_IN_RANGE = (Appointment.starts_at >= _STARTS, Appointment.starts_at < _ENDS)
_PROVIDERS = (
    select(Staff.id, Staff.display_name, Staff.role, Staff.colour)
    .where(Staff.is_provider, Staff.active)
    .order_by(Staff.calendar_order, Staff.display_name)
)


_BookingsRead = Select[int, int, int, str, str, str, datetime, datetime, AppointmentStatus]


def _prepaid_read(*where: ColumnElement[bool]) -> Select[int, int]:
    return (
        select(BookingPayment.appointment_id, func.sum(BookingPayment.amount_cents))
        .join(Appointment, Appointment.id == BookingPayment.appointment_id)
        .where(
            *where,
            BookingPayment.kind == BookingPaymentKind.PREPAYMENT,
            BookingPayment.outcome.is_(None),
        )
        .group_by(BookingPayment.appointment_id)
    )


def _bookings_read(*where: ColumnElement[bool]) -> _BookingsRead:
    return (
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
        .where(*where)
        .order_by(Appointment.starts_at, Appointment.provider_id)
    )


_OF_ONE_PROVIDER = (*_IN_RANGE, Appointment.provider_id == _PROVIDER)
# (prepayments, bookings) of every provider, and of one.
_READS = {
    False: (_prepaid_read(*_IN_RANGE), _bookings_read(*_IN_RANGE)),
    True: (_prepaid_read(*_OF_ONE_PROVIDER), _bookings_read(*_OF_ONE_PROVIDER)),
}


def day_schedule(db: Database, day: date, settings: ClinicSettings) -> DaySchedule:
    starts, ends = local_day_bounds_utc(day, settings.zone)
    with db.reading() as session:
        providers = [
            ProviderColumn(provider_id, name, role, colour)
            for provider_id, name, role, colour in session.connection().execute(_PROVIDERS)
        ]
        appointments = with_client_alerts(session, settings, booked_slots(session, starts, ends))
        names = {column.provider_id: column.name for column in providers}
        clinic = clinic_days(session, settings, day, day)
        rules = provider_times(session, names, starts, ends)
    unbookable = {
        provider_id: unbookable_spans(day, clinic, rules[provider_id]) for provider_id in names
    }
    return DaySchedule(day, providers, appointments, unbookable)


def booked_slots(
    session: Session, starts: datetime, ends: datetime, provider_id: int | None = None
) -> list[BookedSlot]:
    """The appointments starting in [starts, ends), of one provider or all, by start time.

    Two reads whatever the number of bookings: the bookings with their client and service, and
    one grouped read of the prepayments held (few bookings have one).
    """
    prepaid_read, bookings_read = _READS[provider_id is not None]
    bounds = {"starts": starts, "ends": ends, "provider_id": provider_id}
    connection = session.connection()
    prepaid: dict[int, int] = dict(connection.execute(prepaid_read, bounds).all())
    return [
        BookedSlot(
            appointment_id=appointment_id,
            provider_id=provider,
            client_id=client_id,
            client_name=f"{first} {last}",
            service_name=service,
            starts_at=starts_at,
            ends_at=ends_at,
            status=status,
            prepaid_cents=prepaid.get(appointment_id, 0),
        )
        for appointment_id, provider, client_id, first, last, service, starts_at, ends_at, status in (
            connection.execute(bookings_read, bounds)
        )
    ]
