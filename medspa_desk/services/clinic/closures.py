"""Clinic closures (holidays): days the whole calendar is closed, whatever the opening hours.

Only a manager at the desk adds or removes one, as it closes every provider's day; each change
is one transaction, audited. Adding one returns the bookings already on that day, for the desk
to move with the clients: a closure never moves or cancels a booking itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.clinic_time import local_day_bounds_utc
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.time_wording import long_date
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clinic.bookings_affected import (
    AffectedBooking,
    affected_sentence,
    bookings_inside,
)
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import ClinicClosure


class ClosureRefused(DeskRefusal):
    """The closure cannot be added or removed as asked; nothing was saved."""


@dataclass(frozen=True)
class ClosureAdded:
    day: date
    affected: list[AffectedBooking]  # the day's bookings, by start time
    message: str


def add_closure(desk: Desk, day: date, reason: str) -> ClosureAdded:
    """Close the clinic on `day` (reason: "Christmas Day"); the day's bookings listed."""
    reason = reason.strip()
    refuse_card_number(reason, "Reason", ClosureRefused)
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        return write_closure(session, day, reason, desk.staff_id, now, zone=desk.settings.zone)


def write_closure(
    session: Session,
    day: date,
    reason: str,
    by_staff_id: int | None,
    now: datetime,
    *,
    zone: ZoneInfo,
) -> ClosureAdded:
    """add_closure() inside the caller's transaction, whoever is at the desk (the demo's build
    closes its holidays so, as its manager); `reason` already stripped."""
    if session.get(ClinicClosure, day) is not None:
        raise ClosureRefused(f"The clinic is already closed on {long_date(day)}.")
    session.add(ClinicClosure(day=day, reason=reason))
    starts, ends = local_day_bounds_utc(day, zone)
    affected = bookings_inside(session, starts, ends)
    record_audit(
        session,
        by_staff_id,
        "clinic.closure_added",
        f"closure:{day.isoformat()}",
        {
            "reason": reason,
            "appointments_inside": [booking.appointment_id for booking in affected],
        },
        now,
    )
    closed = f"The clinic is closed on {long_date(day)}" + (f" ({reason})." if reason else ".")
    return ClosureAdded(day, affected, closed + affected_sentence(affected))


def remove_closure(desk: Desk, day: date) -> str:
    """Open the clinic again on `day`, with its usual opening hours."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        closure = session.get(ClinicClosure, day)
        if closure is None:
            raise ClosureRefused(f"The clinic is not closed on {long_date(day)}.")
        record_audit(
            session,
            desk.staff_id,
            "clinic.closure_removed",
            f"closure:{day.isoformat()}",
            {"reason": closure.reason},
            now,
        )
        session.delete(closure)
        return f"The clinic is open again on {long_date(day)}."


def closures_between(db: Database, first: date, last: date) -> dict[date, str]:
    """The closures from `first` to `last` (both included): day -> reason, by day."""
    with db.reading() as session:
        rows = session.execute(
            select(ClinicClosure.day, ClinicClosure.reason)
            .where(ClinicClosure.day >= first, ClinicClosure.day <= last)
            .order_by(ClinicClosure.day)
        )
        return {day: reason for day, reason in rows}
