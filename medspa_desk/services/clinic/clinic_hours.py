"""The clinic's opening hours in the books: read, and replaced as a whole week.

The writer takes the caller's session, so the first start's one transaction and the settings
screen's own both write hours through it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from medspa_desk.domain.opening_hours import DayHours, WeekHours, check_week_hours
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.storage.models import OpeningHours


def read_opening_hours(session: Session) -> dict[int, DayHours]:
    rows = session.execute(select(OpeningHours.weekday, OpeningHours.opens, OpeningHours.closes))
    return {weekday: DayHours(opens, closes) for weekday, opens, closes in rows}


def write_opening_hours(
    session: Session, week: WeekHours, by_staff_id: int | None, now: datetime
) -> bool:
    """Replace the week's opening hours (checked first: HoursInvalid says why), audited with the
    hours before and after; False when they were already those."""
    check_week_hours(week)
    before = read_opening_hours(session)
    if before == dict(week):
        return False
    session.execute(delete(OpeningHours))
    session.add_all(
        OpeningHours(weekday=weekday, opens=hours.opens, closes=hours.closes)
        for weekday, hours in sorted(week.items())
    )
    record_audit(
        session,
        by_staff_id,
        "clinic.opening_hours_changed",
        "clinic:opening_hours",
        {"before": _as_text(before), "after": _as_text(week)},
        now,
    )
    return True


def _as_text(week: WeekHours) -> dict[str, str]:
    return {
        str(weekday): f"{hours.opens:%H:%M}-{hours.closes:%H:%M}"
        for weekday, hours in sorted(week.items())
    }
