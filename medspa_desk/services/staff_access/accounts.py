"""The sign-in accounts a manager keeps: a password or PIN set (the person chooses their own at
their next sign-in), a PIN allowed, an account disabled or enabled, a lockout lifted.

Each is one transaction, refused to anyone but a manager (DeskPermission.MANAGE_ACCOUNTS), and
recorded against the manager signed in. An account is the staff row itself: whoever works here
may have one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.sign_in_rules import SecretKind, is_locked
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.services.staff_access.secrets import secret_hash
from medspa_desk.services.staff_access.sign_in import NewSecret, write_own_secret
from medspa_desk.storage.models import Staff

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


@dataclass(frozen=True)
class AccountState:
    """A staff member's sign-in, as the Staff page shows it."""

    staff_id: int
    secret_kind: SecretKind | None  # None: no password or PIN set, so they cannot sign in
    pin_allowed: bool
    must_change_secret: bool
    disabled: bool
    locked_until: datetime | None  # set only while the account is locked

    @property
    def summary(self) -> str:
        if self.disabled:
            return "Sign-in disabled"
        if self.locked_until is not None:
            return "Locked after wrong attempts"
        if self.secret_kind is None:
            return "No password set: cannot sign in"
        word = self.secret_kind.word
        if self.must_change_secret:
            return f"{word[0].upper()}{word[1:]} set by a manager: to change at sign-in"
        return f"Signs in with a {word}"


def account_state(desk: Desk, staff_id: int) -> AccountState:
    now = desk.clock.now()
    with desk.db.reading() as session:
        row = _row(session, staff_id)
        return AccountState(
            row.id,
            row.secret_kind if row.password_hash is not None else None,
            row.pin_allowed,
            row.must_change_secret,
            row.sign_in_disabled,
            row.locked_until if is_locked(row.locked_until, now) else None,
        )


def set_secret(desk: Desk, staff_id: int, new_secret: NewSecret) -> str:
    """A manager sets someone's password or PIN (a new account, or one forgotten); the person
    must choose their own at their next sign-in. One's own is set as one's own. Lifts a lockout."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        by = require(session, desk, DeskPermission.MANAGE_ACCOUNTS)
        row = _row(session, staff_id)
        if row.id == by:
            write_own_secret(session, row, new_secret, now)
            return f"Your new {new_secret.kind.word} is kept."
        if new_secret.kind is SecretKind.PIN and not row.pin_allowed:
            raise DeskRefusal(f"Allow {row.display_name} a PIN first, or set a password.")
        write_secret(
            session,
            row,
            new_secret.kind,
            secret_hash(new_secret.kind, new_secret.secret, new_secret.repeated),
            must_change=True,
        )
        record_audit(
            session,
            by,
            "staff.secret_reset",
            f"staff:{row.id}",
            {"kind": new_secret.kind.value},
            now,
        )
        return (
            f"{row.display_name}'s {new_secret.kind.word} is set; they choose their own at "
            "their next sign-in."
        )


def write_secret(
    session: Session, row: Staff, kind: SecretKind, kept_hash: str, *, must_change: bool
) -> None:
    """Keep `kept_hash` as `row`'s secret, inside the caller's transaction (the caller audits)."""
    row.password_hash = kept_hash
    row.secret_kind = kind
    row.must_change_secret = must_change
    row.failed_sign_ins = 0
    row.locked_until = None


def allow_pin(desk: Desk, staff_id: int, allowed: bool) -> str:
    """Let a staff member sign in with a PIN instead of a password, or not any more (one who
    holds a PIN then chooses a password at their next sign-in)."""
    with _account_change(desk, staff_id, "staff.pin_allowed", {"allowed": allowed}) as (
        _session,
        row,
        _by,
    ):
        row.pin_allowed = allowed
        if not allowed and row.secret_kind is SecretKind.PIN and row.password_hash is not None:
            row.must_change_secret = True
    if allowed:
        return f"{row.display_name} may sign in with a PIN."
    return f"{row.display_name} signs in with a password from now on."


def disable_sign_in(desk: Desk, staff_id: int) -> str:
    with _account_change(desk, staff_id, "staff.account_disabled") as (session, row, by):
        if row.id == by:
            raise DeskRefusal("You cannot disable your own account while you are signed in.")
        if row.is_manager and _managers_who_can_sign_in(session) <= 1:
            raise DeskRefusal(
                f"{row.display_name} is the only manager who can sign in: the clinic would have "
                "no manager."
            )
        row.sign_in_disabled = True
    return f"{row.display_name} can no longer sign in."


def enable_sign_in(desk: Desk, staff_id: int) -> str:
    with _account_change(desk, staff_id, "staff.account_enabled") as (_session, row, _by):
        row.sign_in_disabled = False
    return f"{row.display_name} can sign in again."


def unlock(desk: Desk, staff_id: int) -> str:
    """Lift a lockout before its time (the manager has seen who it is)."""
    with _account_change(desk, staff_id, "staff.unlocked") as (_session, row, _by):
        row.locked_until = None
        row.failed_sign_ins = 0
    return f"{row.display_name}'s account is unlocked."


@contextmanager
def _account_change(
    desk: Desk, staff_id: int, action: str, detail: dict[str, object] | None = None
) -> Iterator[tuple[Session, Staff, int | None]]:
    """One manager's change to `staff_id`'s account: the transaction, the permission, the row and
    who changes it, for the caller's block, then `action` audited against them."""
    with desk.db.writing() as session:
        by = require(session, desk, DeskPermission.MANAGE_ACCOUNTS)
        row = _row(session, staff_id)
        yield session, row, by
        record_audit(session, by, action, f"staff:{row.id}", detail or {}, desk.clock.now())


def _row(session: Session, staff_id: int) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None:
        raise DeskRefusal("That staff member is not in the books.")
    return row


def _managers_who_can_sign_in(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                Staff.is_manager,
                Staff.active,
                Staff.sign_in_disabled.is_(False),
                Staff.password_hash.is_not(None),
            )
        )
        or 0
    )
