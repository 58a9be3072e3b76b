"""Signing in and out at the desk: one person at a time, by their own password or PIN.

Wrong attempts count against the account and the clinic's lockout locks it (domain.sign_in_rules);
a locked account is refused without its secret being tried, so a lockout cannot be guessed
through. Every sign-in, failure, lockout, sign-out and idle lock is in the audit trail, by ids.
A failure is recorded against nobody (`staff_id` None: who typed it is not known) with the
account as its subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import role_at_desk
from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.sign_in_rules import Lockout, SecretKind, after_wrong_attempt, is_locked
from medspa_desk.domain.staff_roles import StaffRole
from medspa_desk.domain.time_wording import clock_time
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.staff_access.secrets import secret_hash, secret_matches
from medspa_desk.storage.models import Staff

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class SignInRefused(DeskRefusal):
    """The credentials do not open the desk; str() says why (never the secret)."""


class SecretMustChange(SignInRefused):
    """The secret was right, but someone else set it: the person chooses their own first."""


@dataclass(frozen=True)
class SignInAccount:
    """Someone who can sign in, as the sign-in screen lists them."""

    staff_id: int
    name: str
    role: StaffRole
    secret_kind: SecretKind
    pin_allowed: bool


@dataclass(frozen=True)
class SignedIn:
    staff_id: int
    name: str
    role: StaffRole


@dataclass(frozen=True)
class NewSecret:
    """A password or PIN a person chose, typed twice."""

    kind: SecretKind
    secret: str
    repeated: str


def sign_in_accounts(desk: Desk) -> list[SignInAccount]:
    """Everyone who may sign in (active, not disabled, with a secret set), by name."""
    with desk.db.reading() as session:
        rows = session.scalars(
            select(Staff)
            .where(
                Staff.active,
                Staff.sign_in_disabled.is_(False),
                Staff.password_hash.is_not(None),
            )
            .order_by(Staff.display_name)
        )
        return [
            SignInAccount(
                row.id,
                row.display_name,
                role_at_desk(row.is_provider, row.is_manager),
                row.secret_kind or SecretKind.PASSWORD,
                row.pin_allowed,
            )
            for row in rows
        ]


def signed_in_now(desk: Desk) -> SignedIn | None:
    """Who is signed in at the desk, as the status bar names them; None when nobody is."""
    if desk.staff_id is None:
        return None
    with desk.db.reading() as session:
        row = session.get(Staff, desk.staff_id)
        if row is None:
            return None
        return SignedIn(row.id, row.display_name, role_at_desk(row.is_provider, row.is_manager))


def sign_in(
    desk: Desk, staff_id: int, secret: str, new_secret: NewSecret | None = None
) -> SignedIn:
    """Sign `staff_id` in at the desk with `secret` (the window signs the last person out first).

    An account whose secret a manager set refuses with SecretMustChange until the person gives
    `new_secret`, which is then kept in the same transaction as the sign-in.
    """
    signed_in = verify_credentials(desk, staff_id, secret, new_secret=new_secret)
    desk.staff_id = signed_in.staff_id
    desk.approvals.clear()
    return signed_in


def sign_in_without_secret(desk: Desk, staff_id: int) -> SignedIn:
    """Sign in a front-desk or provider account with no secret: the demo clinic's `--demo`
    start, so a newcomer sees the day at once. Never a manager."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        row = _account(session, staff_id)
        role = role_at_desk(row.is_provider, row.is_manager)
        if role is StaffRole.MANAGER:
            raise SignInRefused("A manager always signs in with their own password.")
        if not row.active or row.sign_in_disabled:
            raise SignInRefused(f"{row.display_name} cannot sign in at this desk.")
        record_audit(
            session, row.id, "staff.signed_in", f"staff:{row.id}", {"without_secret": True}, now
        )
        signed_in = SignedIn(row.id, row.display_name, role)
    desk.staff_id = signed_in.staff_id
    desk.approvals.clear()
    return signed_in


def sign_out(desk: Desk, *, idle: bool = False) -> None:
    """The person at the desk leaves it (or it locked itself after `idle` minutes)."""
    if desk.staff_id is None:
        return
    with desk.db.writing() as session:
        action = "staff.idle_locked" if idle else "staff.signed_out"
        record_audit(session, desk.staff_id, action, f"staff:{desk.staff_id}", {}, desk.clock.now())
    desk.staff_id = None
    desk.approvals.clear()


def change_own_secret(desk: Desk, current: str, new_secret: NewSecret) -> None:
    """The person signed in replaces their own password or PIN, proving the current one."""
    if desk.staff_id is None:
        raise SignInRefused("Sign in first: nobody is signed in at this desk.")
    verify_credentials(desk, desk.staff_id, current, new_secret=new_secret, audit_sign_in=False)


def verify_credentials(
    desk: Desk,
    staff_id: int,
    secret: str,
    *,
    new_secret: NewSecret | None = None,
    audit_sign_in: bool = True,
) -> SignedIn:
    """Whether `secret` is `staff_id`'s, counting a wrong one toward the lockout: who they are,
    or SignInRefused. One transaction: the attempt's count and audit entries are kept even when
    it is refused (the refusal is raised after the commit)."""
    now = desk.clock.now()
    lockout = Lockout(desk.settings.lockout_attempts, desk.settings.lockout_minutes)
    refused: SignInRefused
    with desk.db.writing() as session:
        row = _account(session, staff_id)
        why = _refusal(row, now, desk)
        if why is not None:
            record_audit(
                session, None, "staff.sign_in_failed", f"staff:{row.id}", {"refused": True}, now
            )
            refused = SignInRefused(why)
        elif not secret_matches(row.password_hash or "", secret):
            refused = SignInRefused(_count_wrong_attempt(session, row, now, lockout, desk))
        else:
            row.failed_sign_ins = 0
            row.locked_until = None
            if new_secret is not None:
                write_own_secret(session, row, new_secret, now)
            if not (row.must_change_secret and audit_sign_in):
                if audit_sign_in:
                    record_audit(session, row.id, "staff.signed_in", f"staff:{row.id}", {}, now)
                return SignedIn(
                    row.id, row.display_name, role_at_desk(row.is_provider, row.is_manager)
                )
            refused = SecretMustChange(
                f"{row.display_name}, your {(row.secret_kind or SecretKind.PASSWORD).word} was set by a manager: "
                "choose your own now."
            )
    raise refused


def _account(session: Session, staff_id: int) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None:
        raise SignInRefused("Nobody with that name works here: choose your name from the list.")
    return row


def _refusal(row: Staff, now: datetime, desk: Desk) -> str | None:
    """Why `row` cannot sign in whatever secret is typed, or None."""
    if not row.active:
        return f"{row.display_name} no longer works here: their account is closed."
    if row.sign_in_disabled:
        return f"{row.display_name}'s account is disabled: a manager can enable it again."
    if row.password_hash is None:
        return (
            f"{row.display_name} has no password yet: a manager sets one on Clinic set-up → Staff."
        )
    if is_locked(row.locked_until, now):
        assert row.locked_until is not None
        until = clock_time(row.locked_until, desk.settings.zone)
        return (
            f"{row.display_name}'s account is locked until {until} after too many wrong "
            "attempts; a manager can unlock it sooner."
        )
    return None


def _count_wrong_attempt(
    session: Session, row: Staff, now: datetime, lockout: Lockout, desk: Desk
) -> str:
    step = after_wrong_attempt(row.failed_sign_ins, now, lockout)
    attempt = row.failed_sign_ins + 1
    row.failed_sign_ins = step.failed_sign_ins
    record_audit(
        session, None, "staff.sign_in_failed", f"staff:{row.id}", {"attempt": attempt}, now
    )
    kind = (row.secret_kind or SecretKind.PASSWORD).word
    if step.locked_until is None:
        left = lockout.attempts - attempt
        return (
            f"That {kind} is not right for {row.display_name} ({left} more tries before it locks)."
        )
    row.locked_until = step.locked_until
    record_audit(
        session,
        None,
        "staff.locked_out",
        f"staff:{row.id}",
        {"attempts": attempt, "minutes": lockout.minutes},
        now,
    )
    until = clock_time(step.locked_until, desk.settings.zone)
    return (
        f"That {kind} is not right. After {attempt} wrong attempts {row.display_name}'s account "
        f"is locked until {until}; a manager can unlock it sooner."
    )


def write_own_secret(session: Session, row: Staff, new_secret: NewSecret, now: datetime) -> None:
    if new_secret.kind is SecretKind.PIN and not row.pin_allowed:
        raise SignInRefused(
            f"{row.display_name} signs in with a password: a manager can allow a PIN on the Staff page."
        )
    row.password_hash = secret_hash(new_secret.kind, new_secret.secret, new_secret.repeated)
    row.secret_kind = new_secret.kind
    row.must_change_secret = False
    record_audit(
        session,
        row.id,
        "staff.secret_changed",
        f"staff:{row.id}",
        {"kind": new_secret.kind.value},
        now,
    )
