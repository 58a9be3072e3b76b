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
from datetime import date, datetime, time

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from medspa_desk.domain.availability import Block, ClinicDays, ProviderTime
from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.models import ClinicClosure, OpeningHours, StaffShift, TimeOff

_HOURS = select(OpeningHours.weekday, OpeningHours.opens, OpeningHours.closes)
_CLOSURES = select(ClinicClosure.day, ClinicClosure.reason).where(
    ClinicClosure.day >= bindparam("first", type_=ClinicClosure.day.type),
    ClinicClosure.day <= bindparam("last", type_=ClinicClosure.day.type),
)
_STAFF = bindparam("staff_ids", expanding=True, type_=StaffShift.staff_id.type)
_SHIFTS = select(StaffShift.staff_id, StaffShift.weekday, StaffShift.starts, StaffShift.ends).where(
    StaffShift.staff_id.in_(_STAFF)
)
_BLOCKS = (
    select(TimeOff.staff_id, TimeOff.starts_at, TimeOff.ends_at, TimeOff.reason)
    .where(
        TimeOff.staff_id.in_(_STAFF),
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
    staff_ids = list(names)
    shifts: dict[int, dict[int, list[tuple[time, time]]]] = defaultdict(lambda: defaultdict(list))
    for staff_id, weekday, shift_starts, shift_ends in connection.execute(
        _SHIFTS, {"staff_ids": staff_ids}
    ):
        shifts[staff_id][weekday].append((shift_starts, shift_ends))
    blocks: dict[int, list[Block]] = defaultdict(list)
    for staff_id, block_starts, block_ends, reason in connection.execute(
        _BLOCKS, {"staff_ids": staff_ids, "starts": starts, "ends": ends}
    ):
        blocks[staff_id].append(Block(block_starts, block_ends, reason))
    return {
        staff_id: ProviderTime(
            name,
            dict(shifts[staff_id]) if staff_id in shifts else None,
            tuple(blocks.get(staff_id, ())),
        )
        for staff_id, name in names.items()
    }
