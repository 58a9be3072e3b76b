"""The books' side of availability: the clinic's opening hours and closures, and providers'
shifts and blocks, read into the domain's rules (domain.availability) for a range of days.

A few small reads whatever the range: the week's hours, the range's closures, the providers'
shifts and the blocks overlapping the range, so a booking check and a calendar week cost the
same handful of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.availability import Block, ClinicDays, ProviderTime
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.clinic.clinic_hours import read_opening_hours
from medspa_desk.storage.models import ClinicClosure, StaffShift, TimeOff


def clinic_days(session: Session, settings: ClinicSettings, first: date, last: date) -> ClinicDays:
    """The opening hours, and the closures from `first` to `last` (both included)."""
    closures = session.execute(
        select(ClinicClosure.day, ClinicClosure.reason).where(
            ClinicClosure.day >= first, ClinicClosure.day <= last
        )
    )
    return ClinicDays(
        settings.zone, read_opening_hours(session), {day: reason for day, reason in closures}
    )


def provider_times(
    session: Session, names: Mapping[int, str], starts: datetime, ends: datetime
) -> dict[int, ProviderTime]:
    """Each provider's shifts and the blocks overlapping [starts, ends), by provider id
    (`names`: id -> display name)."""
    shifts: dict[int, dict[int, list[tuple[time, time]]]] = defaultdict(lambda: defaultdict(list))
    rows = session.execute(
        select(StaffShift.staff_id, StaffShift.weekday, StaffShift.starts, StaffShift.ends).where(
            StaffShift.staff_id.in_(list(names))
        )
    )
    for staff_id, weekday, shift_starts, shift_ends in rows:
        shifts[staff_id][weekday].append((shift_starts, shift_ends))
    blocks: dict[int, list[Block]] = defaultdict(list)
    for staff_id, block_starts, block_ends, reason in session.execute(
        select(TimeOff.staff_id, TimeOff.starts_at, TimeOff.ends_at, TimeOff.reason)
        .where(
            TimeOff.staff_id.in_(list(names)),
            TimeOff.starts_at < ends,
            TimeOff.ends_at > starts,
        )
        .order_by(TimeOff.starts_at)
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
