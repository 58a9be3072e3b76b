"""What every change leaves behind: a row in the appointment's history, and an audit entry.

Both are written in the action's own transaction, so a change and its record commit together or
not at all. The audit entry holds ids, amounts and choices, never names or free text (see
storage.models.AuditEntry: it can never be edited, so a client's deletion request could not
reach personal data in it); a reason typed at the desk is kept in the history row, whose id the
audit entry names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.storage.models import Appointment, AppointmentStatusChange, AuditEntry


def change_status(
    session: Session,
    staff_id: int | None,
    appointment: Appointment,
    to_status: AppointmentStatus,
    reason: str,
    now: datetime,
) -> int:
    """Move `appointment` to `to_status` and record the step; the history row's id.

    A booking being made has no status yet (None): its history starts here.
    """
    from_status = appointment.status
    appointment.status = to_status
    if appointment.id is None:
        session.add(appointment)
        session.flush()  # the history row needs the new booking's id
    step = AppointmentStatusChange(
        **step_values(staff_id, appointment.id, from_status, to_status, reason, now)
    )
    session.add(step)
    session.flush()
    return step.id


def step_values(
    staff_id: int | None,
    appointment_id: int,
    from_status: AppointmentStatus | None,
    to_status: AppointmentStatus,
    reason: str,
    now: datetime,
) -> dict[str, object]:
    """The values of the history row recording one step, for change_status or for a caller that
    writes a run of steps as one insert (the till's sales)."""
    return {
        "appointment_id": appointment_id,
        "at": now,
        "by_staff_id": staff_id,
        "from_status": from_status,
        "to_status": to_status,
        "reason": reason,
    }


def changed_fields(
    before: Mapping[str, object], after: Mapping[str, object]
) -> dict[str, list[object]]:
    """An edit's audit detail: each field that changed, as [old value, new value]."""
    return {key: [before[key], after[key]] for key in after if before[key] != after[key]}


def record_audit(
    session: Session,
    staff_id: int | None,
    action: str,
    subject: str,
    detail: Mapping[str, object],  # JSON, with datetimes as ISO text
    now: datetime,
) -> None:
    workstation = session.info.get("workstation")
    session.add(AuditEntry(**audit_entry(staff_id, action, subject, detail, now, workstation)))


def audit_entry(
    staff_id: int | None,
    action: str,
    subject: str,
    detail: Mapping[str, object],  # JSON, with datetimes as ISO text
    now: datetime,
    workstation: str | None,
) -> dict[str, object]:
    """The values of one audit entry, for record_audit or for a caller that writes a run of
    entries as one insert (the till's sales); `workstation` from the session's info (the
    Database names its PC there)."""
    return {
        "at": now,
        "workstation": workstation,
        "staff_id": staff_id,
        "action": action,
        "subject": subject,
        "detail": json.dumps(detail, sort_keys=True, default=_as_text),
    }


def _as_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"an audit detail cannot hold a {type(value).__name__}")
