"""What the calendar's week view shows: one provider's appointments over the seven days of a week.

One indexed read (provider, start time) for the whole week rather than seven day reads of every
provider: the week view is flipped through as quickly as the day view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import local_day_bounds_utc
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.day_schedule import BookedSlot, ProviderColumn
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Appointment, BookingPayment, Client, Service, Staff

DAYS_IN_WEEK = 7


@dataclass(frozen=True)
class WeekSchedule:
    provider: ProviderColumn
    days: list[date]  # Monday to Sunday
    appointments: list[BookedSlot]  # ordered by start time


def week_monday(day: date) -> date:
    """The Monday of the week `day` falls in: the clinic's weeks run Monday to Sunday."""
    return day - timedelta(days=day.weekday())


def provider_week(db: Database, provider_id: int, day: date, settings: ClinicSettings) -> WeekSchedule:
    """The week (Monday to Sunday) containing `day`, for one provider.

    Raises LookupError for a provider id that is not on file.
    """
    days = [week_monday(day) + timedelta(days=offset) for offset in range(DAYS_IN_WEEK)]
    # Local midnights, not "Monday + 7 × 24 h": a week holding a DST Sunday is an hour off that.
    starts, _ = local_day_bounds_utc(days[0], settings.zone)
    _, ends = local_day_bounds_utc(days[-1], settings.zone)
    with db.reading() as session:
        row = session.execute(
            select(Staff.id, Staff.display_name, Staff.role, Staff.colour).where(Staff.id == provider_id)
        ).one_or_none()
        if row is None:
            raise LookupError(f"no provider with id {provider_id}")
        # As day_schedule does: one grouped read of the prepayments held, not one per booking.
        prepaid = dict(
            session.execute(
                select(BookingPayment.appointment_id, func.sum(BookingPayment.amount_cents))
                .join(Appointment, Appointment.id == BookingPayment.appointment_id)
                .where(
                    Appointment.provider_id == provider_id,
                    Appointment.starts_at >= starts,
                    Appointment.starts_at < ends,
                    BookingPayment.kind == "prepayment",
                    BookingPayment.outcome.is_(None),
                )
                .group_by(BookingPayment.appointment_id)
            ).all()
        )
        rows = session.execute(
            select(
                Appointment.id,
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
            .where(
                Appointment.provider_id == provider_id,
                Appointment.starts_at >= starts,
                Appointment.starts_at < ends,
            )
            .order_by(Appointment.starts_at)
        )
        appointments = [
            BookedSlot(
                appointment_id=appointment_id,
                provider_id=provider_id,
                client_id=client_id,
                client_name=f"{first} {last}",
                service_name=service,
                starts_at=starts_at,
                ends_at=ends_at,
                status=AppointmentStatus(status),
                prepaid_cents=prepaid.get(appointment_id, 0),
            )
            for appointment_id, client_id, first, last, service, starts_at, ends_at, status in rows
        ]
    return WeekSchedule(ProviderColumn(*row), days, appointments)
