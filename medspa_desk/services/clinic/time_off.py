"""A provider's blocks (time off): a vacation week, a training afternoon, lunch.

Anyone at the desk may add or remove one, as the front desk enters lunches and trainings all
day; each change is one transaction, audited with the ids and times (never who the bookings
are for). Adding a block returns the bookings already inside it, for the desk to move with the
clients: a block never moves or cancels a booking itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.availability import Block, block_when
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clinic.bookable_time import LONGEST_BLOCK
from medspa_desk.services.clinic.bookings_affected import (
    AffectedBooking,
    affected_sentence,
    bookings_inside,
)
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Staff, TimeOff


class TimeOffRefused(DeskRefusal):
    """The block cannot be added or removed as asked; nothing was saved."""


@dataclass(frozen=True)
class TimeOffEntry:
    time_off_id: int
    provider_id: int
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    reason: str


@dataclass(frozen=True)
class TimeOffAdded:
    time_off_id: int
    affected: list[AffectedBooking]  # the bookings inside it, by start time
    message: str


def add_time_off(
    desk: Desk, provider_id: int, starts_at: datetime, ends_at: datetime, reason: str
) -> TimeOffAdded:
    """Block [starts_at, ends_at) in the provider's calendar; the bookings inside it listed."""
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("a block's times must be timezone-aware")
    starts_at, ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    reason = reason.strip()
    refuse_card_number(reason, "Reason", TimeOffRefused)
    if ends_at <= starts_at:
        raise TimeOffRefused("Time off must end after it starts.")
    if ends_at - starts_at > LONGEST_BLOCK:
        raise TimeOffRefused("Time off is entered a year at a time at most: enter the rest next.")
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BLOCK_TIME)
        return write_time_off(
            session,
            provider_id,
            Block(starts_at, ends_at, reason),
            desk.staff_id,
            now,
            zone=desk.settings.zone,
        )


def write_time_off(
    session: Session,
    provider_id: int,
    block: Block,
    by_staff_id: int | None,
    now: datetime,
    *,
    zone: ZoneInfo,
) -> TimeOffAdded:
    """add_time_off() inside the caller's transaction (the demo's build writes its vacation so);
    the block's times aware and UTC, its reason stripped."""
    provider = session.get(Staff, provider_id)
    if provider is None or not provider.is_provider:
        raise TimeOffRefused(f"There is no provider number {provider_id} on the staff.")
    if not provider.active:
        raise TimeOffRefused(f"{provider.display_name} no longer works at the clinic.")
    row = TimeOff(
        staff_id=provider.id,
        starts_at=block.starts_at,
        ends_at=block.ends_at,
        reason=block.reason,
        created_at=now,
        created_by_id=by_staff_id,
    )
    session.add(row)
    session.flush()
    affected = bookings_inside(session, block.starts_at, block.ends_at, provider.id)
    record_audit(
        session,
        by_staff_id,
        "time_off.added",
        f"time_off:{row.id}",
        {
            "provider_id": provider.id,
            "starts_at": block.starts_at,
            "ends_at": block.ends_at,
            "reason": block.reason,
            "appointments_inside": [booking.appointment_id for booking in affected],
        },
        now,
    )
    message = f"{provider.display_name} is away: {block.reason or 'Time off'} "
    message += f"({block_when(block, zone)})."
    return TimeOffAdded(row.id, affected, message + affected_sentence(affected))


def remove_time_off(desk: Desk, time_off_id: int) -> str:
    """Take a block out of the provider's calendar: that time is bookable again."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BLOCK_TIME)
        block = session.get(TimeOff, time_off_id)
        if block is None:
            raise TimeOffRefused(f"There is no time off number {time_off_id}.")
        provider = session.get(Staff, block.staff_id)
        record_audit(
            session,
            desk.staff_id,
            "time_off.removed",
            f"time_off:{block.id}",
            {
                "provider_id": block.staff_id,
                "starts_at": block.starts_at,
                "ends_at": block.ends_at,
                "reason": block.reason,
            },
            now,
        )
        session.delete(block)
        name = provider.display_name if provider is not None else "The provider"
        return f"{name}'s {block.reason or 'time off'} is removed: that time can be booked."


def time_off_between(
    db: Database, starts: datetime, ends: datetime, provider_id: int | None = None
) -> list[TimeOffEntry]:
    """The blocks overlapping [starts, ends), of one provider or all, by start time."""
    statement = (
        select(TimeOff.id, TimeOff.staff_id, TimeOff.starts_at, TimeOff.ends_at, TimeOff.reason)
        .where(TimeOff.starts_at < ends, TimeOff.ends_at > starts)
        .order_by(TimeOff.starts_at, TimeOff.id)
    )
    if provider_id is not None:
        statement = statement.where(TimeOff.staff_id == provider_id)
    with db.reading() as session:
        return [TimeOffEntry(*row) for row in session.execute(statement)]
