"""The books' side of availability: the clinic's opening hours and closures, and providers'
shifts and blocks, read into the domain's rules (domain.availability) for a range of days.

Four small reads whatever the range: the week's hours, the range's closures, the providers'
shifts and the blocks overlapping the range, so a booking check, a calendar day and a calendar
week cost the same handful of queries. The statements are built once and run on the session's
connection, as the calendar's own reads are: building one again costs as much as running it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from medspa_desk.domain.availability import Block, ClinicDays, ProviderTime
from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.models import ClinicClosure, OpeningHours, Staff, StaffShift, TimeOff

# Time off is entered a year at a time at most (time_off refuses longer), so a block reaching
# into a range started at most this long before it.
LONGEST_BLOCK = timedelta(days=366)

_HOURS = select(OpeningHours.weekday, OpeningHours.opens, OpeningHours.closes)
_CLOSURES = select(ClinicClosure.day, ClinicClosure.reason).where(
    ClinicClosure.day >= bindparam("first", type_=ClinicClosure.day.type),
    ClinicClosure.day <= bindparam("last", type_=ClinicClosure.day.type),
)
# Every provider's shifts, and their blocks overlapping the range: a few rows a provider, kept
# to the providers asked about here rather than by an IN list that SQLAlchemy renders anew at
# each run. The blocks are found through the (staff, start) index, from a start no earlier than
# the longest block may be (LONGEST_BLOCK) before the range.
_PROVIDERS = select(Staff.id).where(Staff.is_provider)
_SHIFTS = select(StaffShift.staff_id, StaffShift.weekday, StaffShift.starts, StaffShift.ends)
_BLOCKS = (
    select(TimeOff.staff_id, TimeOff.starts_at, TimeOff.ends_at, TimeOff.reason)
    .where(
        TimeOff.staff_id.in_(_PROVIDERS),
        TimeOff.starts_at > bindparam("earliest", type_=TimeOff.starts_at.type),
        TimeOff.starts_at < bindparam("ends", type_=TimeOff.starts_at.type),
        TimeOff.ends_at > bindparam("starts", type_=TimeOff.ends_at.type),
    )
    .order_by(TimeOff.starts_at)
)


def clinic_days(session: Session, settings: ClinicSettings, first: date, last: date) -> ClinicDays:
    """The opening hours, and the closures from `first` to `last` (both included)."""
    connection = session.connection()
    hours = {
        weekday: DayHours(opens, closes) for weekday, opens, closes in connection.execute(_HOURS)
    }
    closures = connection.execute(_CLOSURES, {"first": first, "last": last})
    return ClinicDays(settings.zone, hours, {day: reason for day, reason in closures})


def provider_times(
    session: Session, names: Mapping[int, str], starts: datetime, ends: datetime
) -> dict[int, ProviderTime]:
    """Each provider's shifts and the blocks overlapping [starts, ends), by provider id
    (`names`: id -> display name)."""
    connection = session.connection()
    shifts: dict[int, dict[int, list[tuple[time, time]]]] = defaultdict(lambda: defaultdict(list))
    for staff_id, weekday, shift_starts, shift_ends in connection.execute(_SHIFTS):
        if staff_id in names:
            shifts[staff_id][weekday].append((shift_starts, shift_ends))
    blocks: dict[int, list[Block]] = defaultdict(list)
    for staff_id, block_starts, block_ends, reason in connection.execute(
        _BLOCKS, {"earliest": starts - LONGEST_BLOCK, "starts": starts, "ends": ends}
    ):
        if staff_id in names:
            blocks[staff_id].append(Block(block_starts, block_ends, reason))
    return {
        staff_id: ProviderTime(
            name,
            dict(shifts[staff_id]) if staff_id in shifts else None,
            tuple(blocks.get(staff_id, ())),
        )
        for staff_id, name in names.items()
    }
