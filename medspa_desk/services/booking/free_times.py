"""The next free times for a booking with its own provider, from now: read here, decided by
domain.free_times. The move dialog offers them when a late client is moved on the spot, since the
booking's own slot has passed."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from medspa_desk.domain.availability import Span, bookable_intervals
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.free_times import free_starts
from medspa_desk.services.booking.booking_checks import OCCUPYING_STATUSES
from medspa_desk.services.clinic.bookable_time import clinic_days, provider_times
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Appointment, Service, Staff


def next_free_starts(
    desk: Desk, appointment_id: int, *, limit: int = 6, days: int = 14
) -> tuple[datetime, ...]:
    """Up to `limit` starts within `days` clinic days from now at which the booking could move,
    with the same provider and the same length (the booking itself not counted as busy)."""
    settings, now = desk.settings, desk.clock.now()
    zone = settings.zone
    first_day = local_date(now, zone)
    last_day = first_day + timedelta(days=days - 1)
    span_starts = at_local(first_day, time(0), zone)
    span_ends = at_local(last_day + timedelta(days=1), time(0), zone)
    with desk.db.reading() as session:
        booking = session.get(Appointment, appointment_id)
        if booking is None:
            raise DeskRefusal(f"There is no appointment number {appointment_id}.")
        provider = session.get(Staff, booking.provider_id)
        service = session.get(Service, booking.service_id)
        assert provider is not None and service is not None  # foreign keys
        clinic = clinic_days(session, settings, first_day, last_day)
        rules = provider_times(
            session, {provider.id: provider.display_name}, span_starts, span_ends
        )[provider.id]
        span = (now - timedelta(days=1), span_ends)  # a cleanup may run on past now
        provider_busy = [
            (starts, ends + cleanup)
            for starts, ends, cleanup in _bookings(
                session, Appointment.provider_id == provider.id, booking.id, span
            )
        ]
        client_busy = [
            (starts, ends)
            for starts, ends, _cleanup in _bookings(
                session, Appointment.client_id == booking.client_id, booking.id, span
            )
        ]
    bookable: list[Span] = []
    day = first_day
    while day <= last_day:
        bookable.extend(bookable_intervals(day, clinic, rules))
        day += timedelta(days=1)
    return tuple(
        free_starts(
            bookable,
            provider_busy,
            client_busy,
            length=booking.ends_at - booking.starts_at,
            cleanup=timedelta(minutes=service.buffer_minutes),
            after=now,
            zone=zone,
            slot_minutes=settings.slot_minutes,
            limit=limit,
        )
    )


def _bookings(
    session: Session, whose: ColumnElement[bool], moving: int, span: Span
) -> list[tuple[datetime, datetime, timedelta]]:
    """The bookings `whose` (the provider's or the client's) holding time in `span`, but the one
    moving: (starts, ends, the service's cleanup after it)."""
    rows = session.execute(
        select(Appointment.starts_at, Appointment.ends_at, Service.buffer_minutes)
        .join(Service, Service.id == Appointment.service_id)
        .where(
            whose,
            Appointment.id != moving,
            Appointment.ends_at > span[0],
            Appointment.starts_at < span[1],
            Appointment.status.in_(OCCUPYING_STATUSES),
        )
    ).all()
    return [(starts, ends, timedelta(minutes=cleanup)) for starts, ends, cleanup in rows]
