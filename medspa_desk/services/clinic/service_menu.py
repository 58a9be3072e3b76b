"""The service menu as the clinic keeps it: add, edit, retire and bring back a service.

Decisions where the issue is silent:
- A service is never deleted: bookings and sales name it. Retiring hides it from the booking
  dialog and the till's add-on list (both offer active services only); bookings already made
  for it are kept and checked out as booked.
- A price change applies to bookings made from now on: a booking keeps the price it was made at
  (Appointment.price_cents) and a sale the prices it was made at (SaleLine), so nothing already
  booked or sold is repriced.
- Only a manager at the desk changes the menu: it sets what clients are charged.
- The audit entry holds each changed field's old and new value (menu settings, not client data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.money import format_cents
from medspa_desk.services.books.audit_trail import changed_fields, record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, FieldsRefused, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Service, Staff

LONGEST_SERVICE_MINUTES = 8 * 60
LONGEST_BUFFER_MINUTES = 120


class ServiceRefused(FieldsRefused):
    """Fields of a service are not right (`problems`, by ServiceDetails' field names)."""


@dataclass(frozen=True)
class ServiceDetails:
    """A service as the menu form gives it."""

    name: str
    category: str
    duration_minutes: int
    buffer_minutes: int
    price_cents: int | None  # None: what was typed is not an amount
    deposit_cents: int | None  # taken at booking; 0 asks for none
    provider_ids: tuple[int, ...]


@dataclass(frozen=True)
class MenuService:
    """A service on the menu, active or retired, as the menu page lists it."""

    service_id: int
    details: ServiceDetails
    active: bool
    performed_by: tuple[str, ...]  # the providers' names, by name


def service_menu(desk: Desk) -> list[MenuService]:
    """Every service, active first, by category and then name."""
    with desk.db.reading() as session:
        services = session.scalars(
            select(Service).order_by(Service.active.desc(), Service.category, Service.name)
        ).all()
        return [
            MenuService(
                service.id,
                _details(service),
                service.active,
                tuple(sorted(provider.display_name for provider in service.providers)),
            )
            for service in services
        ]


def add_service(desk: Desk, details: ServiceDetails) -> int:
    """Put a new service on the menu; its id."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        return write_new_service(session, details, desk.staff_id, now)


def write_new_service(
    session: Session, details: ServiceDetails, by_staff_id: int | None, now: datetime
) -> int:
    """Check a new service and write it, audited, inside the caller's transaction; its id, or
    ServiceRefused. The one way a Service row is made: the menu page's Add, and the demo clinic
    (built with nobody signed in), so the demo holds only what the form could have saved."""
    details = _tidied(details)
    checked = _checked(session, details, None)
    service = Service()
    _fill(service, details, checked)
    session.add(service)
    session.flush()
    subject = f"service:{service.id}"
    record_audit(session, by_staff_id, "menu.service_added", subject, _as_audit(details), now)
    return service.id


def edit_service(desk: Desk, service_id: int, details: ServiceDetails) -> dict[str, list[object]]:
    """Change a service; each changed field's [old, new] (empty: nothing changed)."""
    details = _tidied(details)
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        service = _service(session, service_id)
        checked = _checked(session, details, service_id)
        changes = changed_fields(_as_audit(_details(service)), _as_audit(details))
        if not changes:
            return {}
        _fill(service, details, checked)
        record_audit(
            session, desk.staff_id, "menu.service_changed", f"service:{service.id}", changes, now
        )
        return changes


def set_service_active(desk: Desk, service_id: int, active: bool) -> None:
    """Retire a service (no new bookings or till lines for it) or bring it back on the menu."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        service = _service(session, service_id)
        if service.active == active:
            state = "on the menu" if active else "retired"
            raise DeskRefusal(f"{service.name} is {state} already.")
        service.active = active
        action = "menu.service_restored" if active else "menu.service_retired"
        record_audit(session, desk.staff_id, action, f"service:{service.id}", {}, now)


def _tidied(details: ServiceDetails) -> ServiceDetails:
    return ServiceDetails(
        " ".join(details.name.split()),
        " ".join(details.category.split()),
        details.duration_minutes,
        details.buffer_minutes,
        details.price_cents,
        details.deposit_cents,
        tuple(sorted(set(details.provider_ids))),
    )


class _Checked(NamedTuple):
    providers: list[Staff]
    price_cents: int
    deposit_cents: int


def _fill(service: Service, details: ServiceDetails, checked: _Checked) -> None:
    service.name = details.name
    service.category = details.category
    service.duration_minutes = details.duration_minutes
    service.buffer_minutes = details.buffer_minutes
    service.price_cents = checked.price_cents
    service.deposit_cents = checked.deposit_cents
    service.providers = checked.providers


def _checked(session: Session, details: ServiceDetails, service_id: int | None) -> _Checked:
    """The service's providers and amounts, once every field is right; or ServiceRefused naming
    each wrong field."""
    problems: dict[str, str] = {}
    if not details.name:
        problems["name"] = "Give the service a name, as the menu and receipts show it."
    elif len(details.name) > 120:
        problems["name"] = "The name is too long: 120 characters at most."
    elif _name_taken(session, details.name, service_id):
        problems["name"] = f"There is a service called {details.name!r} already: names are unique."
    if not details.category:
        problems["category"] = "Give the service a category (Injectables, Facials, ...)."
    elif len(details.category) > 40:
        problems["category"] = "The category is too long: 40 characters at most."
    for field, text in (("name", details.name), ("category", details.category)):
        try:
            refuse_card_number(text, field.capitalize())
        except DeskRefusal as refusal:
            problems.setdefault(field, str(refusal))
    if not 5 <= details.duration_minutes <= LONGEST_SERVICE_MINUTES:
        problems["duration_minutes"] = (
            f"A service lasts from 5 to {LONGEST_SERVICE_MINUTES} minutes, "
            f"not {details.duration_minutes}."
        )
    if not 0 <= details.buffer_minutes <= LONGEST_BUFFER_MINUTES:
        problems["buffer_minutes"] = (
            f"Cleanup takes from 0 to {LONGEST_BUFFER_MINUTES} minutes, "
            f"not {details.buffer_minutes}."
        )
    price, deposit = details.price_cents, details.deposit_cents
    if price is None:
        problems["price_cents"] = "Give the price as an amount like 199.00."
    elif price < 0:
        problems["price_cents"] = "The price cannot be below $0.00."
    if deposit is None:
        problems["deposit_cents"] = (
            "Give the deposit as an amount like 50.00, or leave it empty to take none."
        )
    elif deposit < 0:
        problems["deposit_cents"] = "The deposit cannot be below $0.00 (0 takes none)."
    elif price is not None and deposit > price >= 0:
        problems["deposit_cents"] = (
            f"The deposit ({format_cents(deposit)}) cannot be more than the price "
            f"({format_cents(price)})."
        )
    providers = _providers(session, details.provider_ids, problems)
    if problems or price is None or deposit is None:
        field, sentence = next(iter(_in_form_order(problems).items()))
        raise ServiceRefused(field, sentence, _in_form_order(problems))
    return _Checked(providers, price, deposit)


def _providers(
    session: Session, provider_ids: tuple[int, ...], problems: dict[str, str]
) -> list[Staff]:
    if not provider_ids:
        problems["provider_ids"] = "Choose who performs it: one provider or more."
        return []
    staff = session.scalars(select(Staff).where(Staff.id.in_(provider_ids))).all()
    found = {member.id: member for member in staff}
    for provider_id in provider_ids:
        member = found.get(provider_id)
        if member is None or not member.is_provider or not member.active:
            name = member.display_name if member is not None else f"Staff number {provider_id}"
            problems["provider_ids"] = f"{name} is not an active provider: only providers perform."
            return []
    return [found[provider_id] for provider_id in provider_ids]


def _in_form_order(problems: dict[str, str]) -> dict[str, str]:
    order = list(ServiceDetails.__dataclass_fields__)
    return dict(sorted(problems.items(), key=lambda item: order.index(item[0])))


def _name_taken(session: Session, name: str, service_id: int | None) -> bool:
    same = select(Service.id).where(func.lower(Service.name) == name.lower())
    if service_id is not None:
        same = same.where(Service.id != service_id)
    return session.scalar(same.limit(1)) is not None


def _service(session: Session, service_id: int) -> Service:
    service = session.get(Service, service_id)
    if service is None:
        raise DeskRefusal(f"There is no service number {service_id} on the menu.")
    return service


def _details(service: Service) -> ServiceDetails:
    return ServiceDetails(
        service.name,
        service.category,
        service.duration_minutes,
        service.buffer_minutes,
        service.price_cents,
        service.deposit_cents,
        tuple(sorted(provider.id for provider in service.providers)),
    )


def _as_audit(details: ServiceDetails) -> dict[str, object]:
    return {
        "name": details.name,
        "category": details.category,
        "duration_minutes": details.duration_minutes,
        "buffer_minutes": details.buffer_minutes,
        "price_cents": details.price_cents,
        "deposit_cents": details.deposit_cents,
        "provider_ids": list(details.provider_ids),
    }
