"""A provider's working hours in the books: their week read, and replaced whole.

This is the one writer of StaffShift rows (the availability rules only read them). The writer
takes the caller's session, so a larger set-up transaction can write hours through it too;
`set_working_hours` is the desk's own action around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.domain.working_hours import WorkSpan, WorkWeek, check_work_week, week_as_text
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clinic.clinic_hours import read_opening_hours
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Staff, StaffShift

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


@dataclass(frozen=True)
class HoursSaved:
    staff_id: int
    message: str


def read_shifts(session: Session, staff_id: int) -> dict[int, tuple[WorkSpan, ...]]:
    """The provider's week: each weekday they work, its spans in order; a day off is missing."""
    week: dict[int, list[WorkSpan]] = {}
    rows = session.execute(
        select(StaffShift.weekday, StaffShift.starts, StaffShift.ends)
        .where(StaffShift.staff_id == staff_id)
        .order_by(StaffShift.weekday, StaffShift.starts)
    )
    for weekday, starts, ends in rows:
        week.setdefault(weekday, []).append(WorkSpan(starts, ends))
    return {weekday: tuple(spans) for weekday, spans in week.items()}


def working_week(desk: Desk, staff_id: int) -> dict[int, tuple[WorkSpan, ...]]:
    with desk.db.reading() as session:
        return read_shifts(session, staff_id)


def write_shifts(
    session: Session, staff_id: int, week: WorkWeek, by_staff_id: int | None, now: datetime
) -> None:
    """Replace the provider's week (checked first against the clinic's opening hours:
    ShiftsInvalid names the day and says why), audited with the week before and after."""
    check_work_week(week, read_opening_hours(session))
    after = {weekday: tuple(sorted(spans)) for weekday, spans in week.items() if spans}
    before = read_shifts(session, staff_id)
    if before == after:
        return
    session.execute(delete(StaffShift).where(StaffShift.staff_id == staff_id))
    session.add_all(
        StaffShift(staff_id=staff_id, weekday=weekday, starts=span.starts, ends=span.ends)
        for weekday, spans in sorted(after.items())
        for span in spans
    )
    record_audit(
        session,
        by_staff_id,
        "staff.working_hours_changed",
        f"staff:{staff_id}",
        {"before": week_as_text(before), "after": week_as_text(after)},
        now,
    )


def set_working_hours(desk: Desk, staff_id: int, week: WorkWeek) -> HoursSaved:
    """The desk's action: a manager replaces a provider's working week."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        provider = session.get(Staff, staff_id)
        if provider is None or not provider.is_provider:
            raise DeskRefusal("Working hours are kept for providers only.")
        write_shifts(session, staff_id, week, desk.staff_id, now)
        days = sum(1 for spans in week.values() if spans)
        return HoursSaved(
            staff_id,
            f"{provider.display_name}'s working hours were saved: "
            f"{days} day{'s' if days != 1 else ''} a week.",
        )


def opening_hours(desk: Desk) -> dict[int, DayHours]:
    """The clinic's opening hours, for the week a provider's hours are typed beside."""
    with desk.db.reading() as session:
        return read_opening_hours(session)
