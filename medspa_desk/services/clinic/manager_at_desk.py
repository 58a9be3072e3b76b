"""Who may change how the clinic is set up: a manager at the desk (sign-in proper is issue 14)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Staff


class ManagerNeeded(DeskRefusal):
    """The person at the desk is not an active manager."""


def require_manager(session: Session, staff_id: int | None, to_do: str) -> Staff:
    """The manager at the desk, or ManagerNeeded saying that only a manager may `to_do`."""
    staff = session.get(Staff, staff_id) if staff_id is not None else None
    if staff is None or not staff.is_manager or not staff.active:
        raise ManagerNeeded(f"Only a manager can {to_do}: a manager must be at the desk.")
    return staff
