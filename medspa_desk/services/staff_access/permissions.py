"""Whether the person signed in may do a thing, and a manager's approval on the spot when not.

Every service that changes the books calls `require` inside its own transaction before it
writes, so a refusal never depends on a button being hidden. A front-desk person who needs a
manager-only action asks a manager standing by, who approves with their own credentials
(`approve`) without the desk signing out; the approval is good for that one kind of action, once,
for a few minutes, and is recorded with the action (`approval.granted`: both ids).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import DeskPermission, role_at_desk, role_may
from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.staff_roles import StaffRole
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.staff_access.sign_in import SignInRefused, verify_credentials
from medspa_desk.storage.models import Appointment, Staff

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

APPROVAL_LASTS = timedelta(minutes=5)
SIGN_IN_FIRST = "Sign in first: nobody is signed in at this desk."


class PermissionNeeded(DeskRefusal):
    """The person signed in may not do this; str() says who may."""

    def __init__(self, permission: DeskPermission, message: str) -> None:
        self.permission = permission
        super().__init__(message)


@dataclass(frozen=True)
class ManagerApproval:
    """A manager's yes to one action of `permission`'s kind, handed to the service doing it."""

    manager_id: int
    manager_name: str
    permission: DeskPermission
    token: str
    expires: datetime


class ApprovalsGiven:
    """The approvals a desk holds, each used once: taken when the action using it commits, so an
    action refused for another reason can be tried again under the same approval."""

    def __init__(self) -> None:
        self._open: dict[str, ManagerApproval] = {}

    def add(self, approval: ManagerApproval) -> None:
        self._open[approval.token] = approval

    def usable(self, approval: ManagerApproval, permission: DeskPermission, now: datetime) -> bool:
        return (
            self._open.get(approval.token) == approval
            and approval.permission is permission
            and now < approval.expires
        )

    def use_when_committed(self, session: Session, approval: ManagerApproval) -> None:
        event.listen(
            session, "after_commit", lambda _: self._open.pop(approval.token, None), once=True
        )

    def clear(self) -> None:
        self._open.clear()


def role_signed_in(desk: Desk) -> StaffRole | None:
    """The role of whoever is signed in at the desk, or None when nobody is."""
    if desk.staff_id is None:
        return None
    with desk.db.reading() as session:
        row = _signed_in_staff(session, desk)
        return role_at_desk(row.is_provider, row.is_manager) if row is not None else None


def may(desk: Desk, permission: DeskPermission) -> bool:
    """Whether the person signed in may do it on their own sign-in (what a screen offers)."""
    role = role_signed_in(desk)
    return role is not None and role_may(
        role, permission, providers_may_sell=desk.settings.providers_may_sell
    )


def require(
    session: Session,
    desk: Desk,
    permission: DeskPermission,
    approval: ManagerApproval | None = None,
) -> int | None:
    """The id of whoever authorises this action: the person signed in, if their role may, else
    the manager whose `approval` for it is still open (recorded as `approval.granted`); None for
    a command at the prompt (services.desk.Desk.at_prompt). PermissionNeeded otherwise. Call it
    inside the action's transaction, before writing."""
    if desk.at_prompt:
        return None
    row = _signed_in_staff(session, desk)
    if row is None:
        raise PermissionNeeded(permission, SIGN_IN_FIRST)
    role = role_at_desk(row.is_provider, row.is_manager)
    if role_may(role, permission, providers_may_sell=desk.settings.providers_may_sell):
        return row.id
    now = desk.clock.now()
    if approval is not None and desk.approvals.usable(approval, permission, now):
        manager = session.get(Staff, approval.manager_id)
        if manager is not None and manager.active and manager.is_manager:
            record_audit(
                session,
                row.id,
                "approval.granted",
                f"staff:{manager.id}",
                {"permission": permission.value, "manager_id": manager.id, "staff_id": row.id},
                now,
            )
            desk.approvals.use_when_committed(session, approval)
            return manager.id
    if role is StaffRole.PROVIDER and permission is DeskPermission.SELL:
        raise PermissionNeeded(
            permission, "Providers do not ring up sales here: the front desk does (a setting)."
        )
    raise PermissionNeeded(
        permission, f"Only a manager can {permission.to_do}: a manager can approve it for you."
    )


def require_to_see_client(session: Session, desk: Desk, client_id: int) -> None:
    """A provider sees the profiles of their own clients (anyone they have a booking with);
    the front desk and managers see everyone's. PermissionNeeded otherwise."""
    if desk.at_prompt:
        return
    row = _signed_in_staff(session, desk)
    if row is None:
        raise PermissionNeeded(DeskPermission.SEE_ANY_CLIENT, SIGN_IN_FIRST)
    role = role_at_desk(row.is_provider, row.is_manager)
    if role_may(role, DeskPermission.SEE_ANY_CLIENT, providers_may_sell=False):
        return
    theirs = session.scalar(
        select(Appointment.id)
        .where(Appointment.client_id == client_id, Appointment.provider_id == row.id)
        .limit(1)
    )
    if theirs is None:
        raise PermissionNeeded(
            DeskPermission.SEE_ANY_CLIENT,
            "A provider sees the profiles of their own clients only: this client has no "
            f"booking with {row.display_name}.",
        )


def _signed_in_staff(session: Session, desk: Desk) -> Staff | None:
    """Whoever is signed in, while they may still work here (not retired, not disabled)."""
    row = session.get(Staff, desk.staff_id) if desk.staff_id is not None else None
    return row if row is not None and row.active and not row.sign_in_disabled else None


def approve(
    desk: Desk, manager_id: int, secret: str, permission: DeskPermission
) -> ManagerApproval:
    """A manager standing by approves one action with their own credentials (a wrong secret
    counts toward their lockout like a sign-in); the desk stays signed in as it was."""
    signed = verify_credentials(desk, manager_id, secret, audit_sign_in=False)
    if signed.role is not StaffRole.MANAGER:
        raise SignInRefused(f"{signed.name} is not a manager: a manager must approve this.")
    approval = ManagerApproval(
        signed.staff_id,
        signed.name,
        permission,
        secrets.token_hex(16),
        desk.clock.now() + APPROVAL_LASTS,
    )
    desk.approvals.add(approval)
    return approval
