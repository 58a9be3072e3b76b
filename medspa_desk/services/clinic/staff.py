"""Who works at the clinic: the people a desk action is recorded against."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Staff


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
