"""What a booking must pass before it is written: a client, provider and service that can be
booked, a time from now on the calendar's marks, and nobody's time already held (the
provider's with each service's cleanup after it). Whether the provider is available then is
availability_checks'.

new_booking runs these inside its write transaction, which holds the write lock from BEGIN, so
two desks booking the same slot at the same moment cannot both pass the overlap check.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Row, exists, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.domain.time_wording import clock_time, day_and_time, time_range
from medspa_desk.services.clients.usable_client import usable_client
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Appointment, Client, Service, Staff, service_provider

# The statuses that hold a provider's and a client's time, as the domain names them (also
# free_times': a move's free times are what a booking could take).
OCCUPYING_STATUSES = [status.value for status in AppointmentStatus if status.occupies_slot]
# No booking (with its cleanup) lasts a day: no service on the menu does. Bounding the overlap
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
    settings: ClinicSettings,
    now: datetime,
) -> None:
    """A start from now on, on one of the calendar's marks. Whether the provider is available
    then is availability_checks' question."""
    zone = settings.zone
    if starts_at < now:
        raise BookingRefused(
            f"{day_and_time(starts_at, zone)} has already passed: book a time from now on."
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
    service: Service,
    starts_at: datetime,
    ends_at: datetime,
    moved_from: int | None,
) -> None:
    """Refuse a provider's or a client's time that another booking already holds.

    Intervals are half-open: a booking ending at 10:30 leaves 10:30 free for the next one. A
    service's cleanup (buffer_minutes) keeps the provider busy after it ends, not the client.
    """
    zone = settings.zone
    cleanup = timedelta(minutes=service.buffer_minutes)
    clash = first_clash(
        session,
        Appointment.provider_id == provider.id,
        starts_at,
        ends_at + cleanup,
        moved_from,
        provider_cleanup=True,
    )
    if clash is not None:
        held = (
            f"{provider.display_name} already has {clash.first_name} {clash.last_name} at "
            f"{time_range(clash.starts_at, clash.ends_at, zone)}"
        )
        if clash.ends_at <= starts_at:
            raise BookingRefused(f"{held}, then {clash.buffer_minutes} minutes' cleanup.")
        if clash.starts_at >= ends_at:
            raise BookingRefused(
                f"{held}: the {service.buffer_minutes} minutes' cleanup after {service.name} "
                "would run into it."
            )
        raise BookingRefused(f"{held}.")
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
    *,
    provider_cleanup: bool = False,
) -> Row[datetime, datetime, str, str, str, int] | None:
    """The earliest booking `whose` (the provider's or the client's) that overlaps the time;
    with `provider_cleanup`, each booking holds its time and its service's cleanup after it."""
    statement = (
        select(
            Appointment.starts_at,
            Appointment.ends_at,
            Client.first_name,
            Client.last_name,
            Staff.display_name,
            Service.buffer_minutes,
        )
        .join(Client, Client.id == Appointment.client_id)
        .join(Staff, Staff.id == Appointment.provider_id)
        .join(Service, Service.id == Appointment.service_id)
        .where(
            whose,
            Appointment.starts_at > starts_at - _LONGEST_BOOKING,
            Appointment.starts_at < ends_at,
            Appointment.status.in_(OCCUPYING_STATUSES),
        )
        .order_by(Appointment.starts_at)
    )
    if moved_from is not None:
        statement = statement.where(Appointment.id != moved_from)
    if not provider_cleanup:
        return session.execute(statement.where(Appointment.ends_at > starts_at).limit(1)).first()
    # The cleanup is minutes on the service, added here rather than in SQL (SQLite keeps the
    # instants as text); a provider's bookings of a day are a handful of rows.
    for row in session.execute(statement):
        if row.ends_at + timedelta(minutes=row.buffer_minutes) > starts_at:
            return row
    return None
