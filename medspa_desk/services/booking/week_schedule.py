"""What the calendar's week view shows: one provider's appointments over the seven days of a week,
and on each day the time that cannot be booked, with why (domain.availability).

One indexed read (provider, start time) for the whole week rather than seven day reads of every
provider: the week view is flipped through as quickly as the day view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import bindparam, select

from medspa_desk.domain.availability import UnbookableSpan, unbookable_spans
from medspa_desk.domain.clinic_time import local_day_bounds_utc
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.booking.calendar_alerts import with_client_alerts
from medspa_desk.services.booking.day_schedule import BookedSlot, ProviderColumn, booked_slots
from medspa_desk.services.clinic.bookable_time import clinic_days, provider_times
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Staff

DAYS_IN_WEEK = 7
# Built once and run on the session's connection, as the day's reads are: the ORM's handling of
# a statement costs more than this one-row read.
_PROVIDER = select(Staff.id, Staff.display_name, Staff.role, Staff.colour).where(
    Staff.id == bindparam("provider_id")
)


@dataclass(frozen=True)
class WeekSchedule:
    provider: ProviderColumn
    days: list[date]  # Monday to Sunday
    appointments: list[BookedSlot]  # ordered by start time
    # day -> the provider's unbookable spans that day (closed, outside shifts, blocks), by start
    unbookable: dict[date, list[UnbookableSpan]] = field(default_factory=dict)


def week_monday(day: date) -> date:
    """The Monday of the week `day` falls in: the clinic's weeks run Monday to Sunday."""
    return day - timedelta(days=day.weekday())


def provider_week(
    db: Database, provider_id: int, day: date, settings: ClinicSettings
) -> WeekSchedule:
    """The week (Monday to Sunday) containing `day`, for one provider.

    Raises LookupError for a provider id that is not on file.
    """
    days = [week_monday(day) + timedelta(days=offset) for offset in range(DAYS_IN_WEEK)]
    # Local midnights, not "Monday + 7 × 24 h": a week holding a DST Sunday is an hour off that.
    starts, _ = local_day_bounds_utc(days[0], settings.zone)
    _, ends = local_day_bounds_utc(days[-1], settings.zone)
    with db.reading() as session:
        row = session.connection().execute(_PROVIDER, {"provider_id": provider_id}).one_or_none()
        if row is None:
            raise LookupError(f"no provider with id {provider_id}")
        appointments = with_client_alerts(
            session, settings, booked_slots(session, starts, ends, provider_id)
        )
        provider = ProviderColumn(*row)
        clinic = clinic_days(session, settings, days[0], days[-1])
        rules = provider_times(session, {provider_id: provider.name}, starts, ends)[provider_id]
    unbookable = {day: unbookable_spans(day, clinic, rules) for day in days}
    return WeekSchedule(provider, days, appointments, unbookable)
