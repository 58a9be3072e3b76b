"""What the book dialog offers: the providers, the services each performs, and the prepayment
booking a service asks of a client. new_booking makes the booking, checking it all again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from medspa_desk.domain.strikes import PrepaymentRequirement, prepayment_requirement
from medspa_desk.services.booking.booking_checks import BookingRefused, bookable_client
from medspa_desk.services.clients.standing import client_strikes
from medspa_desk.services.desk import Desk
from medspa_desk.storage.models import Service, Staff, service_provider


@dataclass(frozen=True)
class ProviderChoice:
    provider_id: int
    name: str
    role: str


@dataclass(frozen=True)
class ServiceChoice:
    service_id: int
    name: str
    category: str
    duration_minutes: int
    price_cents: int


def providers(desk: Desk) -> list[ProviderChoice]:
    """The active providers, in the calendar's column order."""
    with desk.db.reading() as session:
        rows = session.execute(
            select(Staff.id, Staff.display_name, Staff.role)
            .where(Staff.is_provider, Staff.active)
            .order_by(Staff.calendar_order, Staff.display_name)
        )
        return [ProviderChoice(*row) for row in rows]


def services_for(desk: Desk, provider_id: int) -> list[ServiceChoice]:
    """The menu items this provider performs, by category and then name."""
    with desk.db.reading() as session:
        rows = session.execute(
            select(
                Service.id,
                Service.name,
                Service.category,
                Service.duration_minutes,
                Service.price_cents,
            )
            .join(service_provider, service_provider.c.service_id == Service.id)
            .where(service_provider.c.staff_id == provider_id, Service.active)
            .order_by(Service.category, Service.name)
        )
        return [ServiceChoice(*row) for row in rows]


def booking_requirement(desk: Desk, client_id: int, service_id: int) -> PrepaymentRequirement:
    """What booking this service for this client asks for in advance, for the dialog to show.

    The domain's answer as it is. A free service (amount 0) asks for nothing even when
    `required` is true: book() then takes neither money nor an override.
    """
    with desk.db.reading() as session:
        bookable_client(session, client_id)
        service = session.get(Service, service_id)
        if service is None:
            raise BookingRefused(f"There is no service number {service_id} on the menu.")
        strikes = client_strikes(session, client_id)
        return prepayment_requirement(strikes, service.price_cents, desk.settings)
