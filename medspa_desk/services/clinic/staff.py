"""Who works at the clinic: the people a desk action is recorded against, and the manager's
changes to them (add, edit, retire, bring back).

Nobody with a history is ever deleted: retiring sets `active` False, which takes a provider off
the calendar's lanes and the booking dialog while every appointment, sale and audit entry keeps
naming them. A role is written onto the `is_provider`/`is_manager` flags (domain.staff_roles).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.sign_in_rules import SecretKind
from medspa_desk.domain.staff_roles import (
    StaffRole,
    colour_problem,
    name_problem,
    order_problem,
    role_of,
    title_problem,
)
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Appointment, Service, Staff, service_provider

if TYPE_CHECKING:  # services.desk reads active_staff when it opens the books
    from medspa_desk.services.desk import Desk

OCCUPYING = tuple(status for status in AppointmentStatus if status.occupies_slot)


@dataclass(frozen=True)
class StaffMember:
    staff_id: int
    name: str
    role: str
    is_provider: bool
    is_manager: bool


def active_staff(db: Database) -> list[StaffMember]:
    """Front desk first (they are the ones at the desk), then providers, each by name."""
    with db.reading() as session:
        rows = session.execute(
            select(Staff.id, Staff.display_name, Staff.role, Staff.is_provider, Staff.is_manager)
            .where(Staff.active)
            .order_by(Staff.is_provider, Staff.display_name)
        )
        return [StaffMember(*row) for row in rows]


@dataclass(frozen=True)
class StaffDetails:
    """What the staff form edits. `title` is the job title the calendar shows on a provider's
    lane ("Nurse injector, RN"); left empty, the role's own word is shown."""

    name: str
    role: StaffRole
    colour: str
    calendar_order: int = 0
    title: str = ""
    service_ids: frozenset[int] = frozenset()  # what a provider performs; none for the others


@dataclass(frozen=True)
class StaffRecord:
    staff_id: int
    active: bool
    details: StaffDetails


@dataclass(frozen=True)
class MenuService:
    service_id: int
    name: str
    category: str


@dataclass(frozen=True)
class StaffChange:
    staff_id: int
    message: str


class StaffRefused(DeskRefusal):
    """Fields of a staff member are not right: `problems` maps each wrong field (StaffDetails'
    field name) to its sentence, in the form's order; str() is the first one's."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        self.field = next(iter(problems))
        super().__init__(problems[self.field])


def staff_records(desk: Desk) -> list[StaffRecord]:
    """Everyone who has worked here: the active first, each group by calendar order and name."""
    with desk.db.reading() as session:
        performs: dict[int, set[int]] = {}
        for service_id, staff_id in session.execute(
            select(service_provider.c.service_id, service_provider.c.staff_id)
        ):
            performs.setdefault(staff_id, set()).add(service_id)
        rows = session.scalars(
            select(Staff).order_by(Staff.active.desc(), Staff.calendar_order, Staff.display_name)
        ).all()
        return [
            StaffRecord(row.id, row.active, _details(row, performs.get(row.id, set())))
            for row in rows
        ]


def menu_services(desk: Desk) -> list[MenuService]:
    """The services on the menu a provider may be given, by category and name."""
    with desk.db.reading() as session:
        rows = session.execute(
            select(Service.id, Service.name, Service.category)
            .where(Service.active)
            .order_by(Service.category, Service.name)
        )
        return [MenuService(*row) for row in rows]


def add_staff(desk: Desk, details: StaffDetails) -> StaffChange:
    """Add a staff member (a manager must be at the desk)."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        details = _checked(session, details, None)
        staff_id = write_new_staff(session, details, desk.staff_id, now)
        return StaffChange(staff_id, f"{details.name} was added as {details.role.label.lower()}.")


def checked_new_staff(session: Session, details: StaffDetails) -> StaffDetails:
    """A new staff member's details as the staff form's Add checks them (spaces trimmed, the
    colour in lower case, an empty title the role's word), or StaffRefused: for a writer of
    staff other than the form (the demo clinic) to hold to the same rules."""
    return _checked(session, details, None)


def write_new_staff(
    session: Session,
    details: StaffDetails,
    by_staff_id: int | None,
    now: datetime,
    *,
    password_hash: str | None = None,
) -> int:
    """Write a staff member whose details are checked, inside the caller's transaction, audited;
    their id. The one way a Staff row is made: the set-up page's Add, the first start's
    manager (by nobody yet, with their password's hash) and the demo clinic's staff."""
    row = Staff(
        display_name=details.name,
        role=details.title,
        is_provider=details.role.is_provider,
        is_manager=details.role.is_manager,
        active=True,
        calendar_order=details.calendar_order,
        colour=details.colour,
        password_hash=password_hash,
        secret_kind=SecretKind.PASSWORD if password_hash is not None else None,
    )
    session.add(row)
    session.flush()
    _write_services(session, row.id, details.service_ids)
    record_audit(session, by_staff_id, "staff.added", f"staff:{row.id}", _as_audit(details), now)
    return row.id


def update_staff(desk: Desk, staff_id: int, details: StaffDetails) -> StaffChange:
    """Change a staff member's details; a role changed sets both flags, a role kept keeps them."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        row = _staff_row(session, staff_id)
        before = staff_details(session, row)
        details = _checked(session, details, staff_id, before.service_ids)
        if before.role.is_provider and not details.role.is_provider:
            _refuse_upcoming(session, row, now, desk.settings.zone, "stop being a provider")
        if details.role is not before.role:
            row.is_provider = details.role.is_provider
            row.is_manager = details.role.is_manager
        if row.id == desk.staff_id and before.role.is_manager and not row.is_manager:
            raise DeskRefusal("You cannot take away your own manager's role while at the desk.")
        row.display_name = details.name
        row.role = details.title
        row.colour = details.colour
        row.calendar_order = details.calendar_order
        if details.service_ids != before.service_ids:
            session.execute(delete(service_provider).where(service_provider.c.staff_id == row.id))
            _write_services(session, row.id, details.service_ids)
        old, new = _as_audit(before), _as_audit(details)
        changed = [key for key in new if old[key] != new[key]]
        if changed:
            record_audit(
                session,
                desk.staff_id,
                "staff.changed",
                f"staff:{row.id}",
                {"before": {k: old[k] for k in changed}, "after": {k: new[k] for k in changed}},
                now,
            )
        return StaffChange(row.id, f"{details.name}'s details were saved.")


def retire_staff(desk: Desk, staff_id: int) -> StaffChange:
    """Take a staff member off the desk and the calendar, keeping everything they did."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        row = _staff_row(session, staff_id)
        if not row.active:
            raise DeskRefusal(f"{row.display_name} is already retired.")
        if row.id == desk.staff_id:
            raise DeskRefusal("You cannot retire yourself while you are at the desk.")
        if row.is_provider:
            _refuse_upcoming(session, row, now, desk.settings.zone, "be retired")
        row.active = False
        record_audit(
            session, desk.staff_id, "staff.retired", f"staff:{row.id}", {"active": False}, now
        )
        return StaffChange(
            row.id, f"{row.display_name} is retired; their past visits and sales keep their name."
        )


def bring_back_staff(desk: Desk, staff_id: int) -> StaffChange:
    """A retired staff member works here again, with the services and hours they had."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        row = _staff_row(session, staff_id)
        if row.active:
            raise DeskRefusal(f"{row.display_name} is not retired.")
        row.active = True
        record_audit(
            session, desk.staff_id, "staff.brought_back", f"staff:{row.id}", {"active": True}, now
        )
        return StaffChange(row.id, f"{row.display_name} is back at the clinic.")


def staff_details(session: Session, row: Staff) -> StaffDetails:
    performs = session.scalars(
        select(service_provider.c.service_id).where(service_provider.c.staff_id == row.id)
    )
    return _details(row, set(performs))


def _staff_row(session: Session, staff_id: int) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None:
        raise DeskRefusal("That staff member is not in the books.")
    return row


def _details(row: Staff, service_ids: set[int]) -> StaffDetails:
    return StaffDetails(
        name=row.display_name,
        role=role_of(row.is_provider, row.is_manager),
        colour=row.colour,
        calendar_order=row.calendar_order,
        title=row.role,
        service_ids=frozenset(service_ids),
    )


def _checked(
    session: Session,
    details: StaffDetails,
    staff_id: int | None,
    held: frozenset[int] = frozenset(),
) -> StaffDetails:
    """The details with spaces trimmed, or StaffRefused with a sentence for each wrong field."""
    name, title = details.name.strip(), details.title.strip()
    problems = {
        field: problem
        for field, problem in (
            ("name", name_problem(name) or _name_taken(session, name, staff_id)),
            ("title", title_problem(title)),
            ("colour", colour_problem(details.colour)),
            ("calendar_order", order_problem(details.calendar_order)),
            ("service_ids", _services_problem(session, details, held)),
        )
        if problem
    }
    if problems:
        raise StaffRefused(problems)
    return StaffDetails(
        name=name,
        role=details.role,
        colour=details.colour.lower(),
        calendar_order=details.calendar_order,
        title=title or details.role.label,
        service_ids=details.service_ids,
    )


def _name_taken(session: Session, name: str, staff_id: int | None) -> str | None:
    other = session.scalar(
        select(Staff.id).where(
            func.lower(Staff.display_name) == name.lower(),
            Staff.active,
            Staff.id != (staff_id or 0),
        )
    )
    if other is not None:
        return f"Someone at the clinic is already called {name}: add an initial to tell them apart."
    return None


def _services_problem(session: Session, details: StaffDetails, held: frozenset[int]) -> str | None:
    if not details.service_ids:
        return None
    if not details.role.is_provider:
        return f"Only a provider performs services; a {details.role.label.lower()} performs none."
    # A service taken off the menu may stay among what a provider performed; not be given anew.
    given = details.service_ids - held
    on_menu = set(session.scalars(select(Service.id).where(Service.id.in_(given), Service.active)))
    if on_menu != given:
        return "A service chosen is no longer on the menu: choose again from the list."
    return None


def _write_services(session: Session, staff_id: int, service_ids: frozenset[int]) -> None:
    if service_ids:
        session.execute(
            insert(service_provider),
            [{"service_id": service_id, "staff_id": staff_id} for service_id in service_ids],
        )


def _refuse_upcoming(
    session: Session, row: Staff, now: datetime, zone: ZoneInfo, change: str
) -> None:
    """A provider with bookings still to come cannot leave the calendar: those bookings would
    drop out of sight. The desk moves or cancels them first."""
    upcoming = session.execute(
        select(func.count(), func.min(Appointment.starts_at)).where(
            Appointment.provider_id == row.id,
            Appointment.starts_at >= now,
            Appointment.status.in_(OCCUPYING),
        )
    ).one()
    count, first = upcoming
    if count:
        day = local_date(first, zone)
        raise DeskRefusal(
            f"{row.display_name} cannot {change} with {count} booking{'s' if count > 1 else ''} "
            f"still to come (the first on {day:%A, %B} {day.day}): move or cancel them first."
        )


def _as_audit(details: StaffDetails) -> dict[str, object]:
    return {
        "name": details.name,
        "role": details.role.value,
        "title": details.title,
        "colour": details.colour,
        "calendar_order": details.calendar_order,
        "service_ids": sorted(details.service_ids),
    }
