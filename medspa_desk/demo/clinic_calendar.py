"""The demo clinic's calendar: its opening hours, its providers' shifts, a vacation in the
coming weeks and its holidays, written through the clinic's own services (opening hours,
working hours, closures, time off) inside the build's one transaction, as the clinic's manager.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from medspa_desk.demo import clinic_catalog as catalog
from medspa_desk.demo.demo_ids import MANAGER_ID, PROVIDER_IDS
from medspa_desk.demo.desk_hours import DeskHours, closure_reason
from medspa_desk.domain.availability import Block
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.working_hours import WorkSpan
from medspa_desk.services.clinic.clinic_hours import write_opening_hours
from medspa_desk.services.clinic.closures import write_closure
from medspa_desk.services.clinic.time_off import write_time_off
from medspa_desk.services.clinic.working_hours import write_shifts

_VACATIONER_ID = next(
    staff_id
    for staff_id, profile in zip(PROVIDER_IDS, catalog.PROVIDERS)
    if profile.display_name == catalog.VACATIONER
)


def vacation(today: date) -> tuple[int, date, date]:
    """(provider id, first day, last day) of the demo's vacation: Monday to Friday of the week
    after next, so the calendar's coming weeks show it."""
    monday = today + timedelta(days=14 - today.weekday())
    return _VACATIONER_ID, monday, monday + timedelta(days=4)


def write_clinic_calendar(
    session: Session, hours: DeskHours, days: list[date], today: date, set_up_at: datetime
) -> None:
    """The opening hours, the shifts, the holidays among `days` and the vacation, as the manager
    set them up at `set_up_at` (before the first booking)."""
    write_opening_hours(session, catalog.OPENING_HOURS, MANAGER_ID, set_up_at)
    for staff_id, profile in zip(PROVIDER_IDS, catalog.PROVIDERS, strict=True):
        week = {
            weekday: [WorkSpan(starts, ends) for starts, ends in profile.shifts]
            for weekday in profile.weekdays
        }
        write_shifts(session, staff_id, week, MANAGER_ID, set_up_at)
    for day in days:
        reason = closure_reason(day)
        if reason is not None:
            write_closure(session, day, reason, MANAGER_ID, set_up_at, zone=hours.zone)
    provider_id, first, last = vacation(today)
    away = Block(
        at_local(first, time(0), hours.zone),
        at_local(last + timedelta(days=1), time(0), hours.zone),
        catalog.VACATION_REASON,
    )
    write_time_off(session, provider_id, away, MANAGER_ID, set_up_at, zone=hours.zone)
