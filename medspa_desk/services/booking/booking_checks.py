"""What a booking must pass before it is written: a client, provider and service that can be
booked, a time inside opening hours on the calendar's marks, and nobody's time already held.

new_booking runs these inside its write transaction, which holds the write lock from BEGIN, so
two desks booking the same slot at the same moment cannot both pass the overlap check.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Row, exists, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.domain.time_wording import clock_time, day_and_time, time_range
from medspa_desk.services.clients.usable_client import usable_client
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Appointment, Client, Service, Staff, service_provider

# The statuses that hold a provider's and a client's time, as the domain names them.
_OCCUPYING = [status.value for status in AppointmentStatus if status.occupies_slot]
# No booking lasts a day: book() keeps each inside one day's opening hours. Bounding the overlap
# search by it lets the (provider, start) and (client, start) indexes answer from a day's rows
# instead of scanning years of them.
_LONGEST_BOOKING = timedelta(days=1)


class BookingRefused(DeskRefusal):
    """The booking cannot be made as asked; nothing was saved."""


def bookable_client(session: Session, client_id: int) -> str:
    """The client's name, or the one refusal for a record that cannot take bookings."""
    client = usable_client(session, client_id)
    return f"{client.first_name} {client.last_name}"


def bookable_provider(session: Session, provider_id: int) -> Staff:
    provider = session.get(Staff, provider_id)
    if provider is None:
        raise BookingRefused(f"There is no provider number {provider_id} on the staff.")
    if not provider.is_provider:
        raise BookingRefused(
            f"{provider.display_name} does not perform services: choose a provider."
        )
    if not provider.active:
        raise BookingRefused(
            f"{provider.display_name} no longer works at the clinic: choose another provider."
        )
    return provider


def bookable_service(session: Session, service_id: int, provider: Staff) -> Service:
    service = session.get(Service, service_id)
    if service is None:
        raise BookingRefused(f"There is no service number {service_id} on the menu.")
    if not service.active:
        raise BookingRefused(f"{service.name} is no longer on the service menu.")
    performs = session.scalar(
        select(
            exists().where(
                service_provider.c.service_id == service.id,
                service_provider.c.staff_id == provider.id,
            )
        )
    )
    if not performs:
        raise BookingRefused(f"{provider.display_name} does not perform {service.name}.")
    return service


def check_time(
    starts_at: datetime,
    ends_at: datetime,
    service_name: str,
    settings: ClinicSettings,
    now: datetime,
) -> None:
    zone = settings.zone
    if starts_at < now:
        raise BookingRefused(
            f"{day_and_time(starts_at, zone)} has already passed: book a time from now on."
        )
    # Opening and closing on the booking's own clinic day: on the DST Sundays these are
    # wall-clock times of a 23- or 25-hour day, which at_local places right.
    day = local_date(starts_at, zone)
    opens = at_local(day, settings.opening_time, zone)
    closes = at_local(day, settings.closing_time, zone)
    if starts_at < opens:
        raise BookingRefused(
            f"The clinic opens at {clock_time(opens, zone)}: {clock_time(starts_at, zone)} is "
            "before opening."
        )
    if ends_at > closes:
        raise BookingRefused(
            f"{service_name} at {clock_time(starts_at, zone)} would run to "
            f"{clock_time(ends_at, zone)}, past closing at {clock_time(closes, zone)}."
        )
    # The calendar's rows are slot_minutes apart from opening time: a booking starts on one.
    local = starts_at.astimezone(zone)
    opening = settings.opening_time
    since_opening = (local.hour - opening.hour) * 60 + local.minute - opening.minute
    if local.second or local.microsecond or since_opening % settings.slot_minutes:
        raise BookingRefused(
            f"Bookings start on the calendar's {settings.slot_minutes}-minute marks: "
            f"{clock_time(starts_at, zone)} is not one."
        )


def check_free(
    session: Session,
    settings: ClinicSettings,
    client_id: int,
    provider: Staff,
    client_name: str,
    starts_at: datetime,
    ends_at: datetime,
    moved_from: int | None,
) -> None:
    """Refuse a provider's or a client's time that another booking already holds.

    Intervals are half-open: a booking ending at 10:30 leaves 10:30 free for the next one.
    """
    zone = settings.zone
    clash = first_clash(
        session, Appointment.provider_id == provider.id, starts_at, ends_at, moved_from
    )
    if clash is not None:
        raise BookingRefused(
            f"{provider.display_name} already has {clash.first_name} {clash.last_name} at "
            f"{time_range(clash.starts_at, clash.ends_at, zone)}."
        )
    clash = first_clash(session, Appointment.client_id == client_id, starts_at, ends_at, moved_from)
    if clash is not None:
        raise BookingRefused(
            f"{client_name} is already booked with {clash.display_name} at "
            f"{time_range(clash.starts_at, clash.ends_at, zone)}."
        )


def first_clash(
    session: Session,
    whose: ColumnElement[bool],
    starts_at: datetime,
    ends_at: datetime,
    moved_from: int | None,
) -> Row[datetime, datetime, str, str, str] | None:
    """The earliest booking `whose` (the provider's or the client's) that overlaps the time."""
    statement = (
        select(
            Appointment.starts_at,
            Appointment.ends_at,
            Client.first_name,
            Client.last_name,
            Staff.display_name,
        )
        .join(Client, Client.id == Appointment.client_id)
        .join(Staff, Staff.id == Appointment.provider_id)
        .where(
            whose,
            Appointment.starts_at > starts_at - _LONGEST_BOOKING,
            Appointment.starts_at < ends_at,
            Appointment.ends_at > starts_at,
            Appointment.status.in_(_OCCUPYING),
        )
        .order_by(Appointment.starts_at)
        .limit(1)
    )
    if moved_from is not None:
        statement = statement.where(Appointment.id != moved_from)
    return session.execute(statement).first()
