"""Signing in at the desk: the right secret opens it, a wrong one counts, the sixth in a row
locks the account for the lockout's minutes (to the second), and every step is in the audit
trail by ids only. On a real SQLite file with the injectable clock."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from medspa_desk.domain.sign_in_rules import SecretKind
from medspa_desk.domain.staff_roles import StaffRole
from medspa_desk.services.staff_access.accounts import account_state, allow_pin, set_secret
from medspa_desk.services.staff_access.sign_in import (
    NewSecret,
    SecretMustChange,
    SignInRefused,
    change_own_secret,
    sign_in,
    sign_in_accounts,
    sign_in_without_secret,
    sign_out,
)
from medspa_desk.storage.models import AuditEntry, Staff
from tests.approvals import MANAGER_PASSWORD, give_password, signed_in

WRONG = "not the password 1"


def _audit(desk) -> list[tuple[str, int | None, str]]:
    with desk.db.reading() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.staff_id, AuditEntry.subject).order_by(
                AuditEntry.id
            )
        )
        return [tuple(row) for row in rows if row[0].startswith("staff.")]


@pytest.fixture
def amber(desk, clinic) -> int:
    give_password(desk, clinic.amber)
    desk.staff_id = None
    return clinic.amber


def test_the_right_password_signs_in_and_the_audit_says_who(desk, amber):
    done = sign_in(desk, amber, MANAGER_PASSWORD)
    assert (done.staff_id, done.name, done.role) == (amber, "Amber Holt", StaffRole.MANAGER)
    assert desk.staff_id == amber
    assert _audit(desk)[-1] == ("staff.signed_in", amber, f"staff:{amber}")


def test_only_accounts_with_a_secret_are_listed(desk, amber, clinic):
    assert [account.name for account in sign_in_accounts(desk)] == ["Amber Holt"]
    with pytest.raises(SignInRefused, match="Riley Chen has no password yet"):
        sign_in(desk, clinic.riley, "anything at all 1")


def test_a_wrong_password_is_refused_counted_and_audited_against_nobody(desk, amber):
    with pytest.raises(SignInRefused, match=r"not right for Amber Holt \(5 more tries"):
        sign_in(desk, amber, WRONG)
    assert desk.staff_id is None
    assert _audit(desk)[-1] == ("staff.sign_in_failed", None, f"staff:{amber}")
    with desk.db.reading() as session:
        assert session.get(Staff, amber).failed_sign_ins == 1
        detail = session.scalars(select(AuditEntry.detail).order_by(AuditEntry.id.desc())).first()
    assert WRONG not in detail and json.loads(detail) == {"attempt": 1}


def test_the_sixth_wrong_attempt_locks_for_30_minutes_to_the_second(desk, amber):
    for _ in range(5):
        with pytest.raises(SignInRefused, match="not right"):
            sign_in(desk, amber, WRONG)
    with pytest.raises(
        SignInRefused, match="After 6 wrong attempts Amber Holt's account is locked"
    ):
        sign_in(desk, amber, WRONG)
    assert _audit(desk)[-1][0] == "staff.locked_out"
    locked_at = desk.clock.now()
    # Locked: even the right password is refused, and not tried (nothing counts).
    desk.clock.set(locked_at + timedelta(minutes=30) - timedelta(seconds=1))
    with pytest.raises(SignInRefused, match="is locked until"):
        sign_in(desk, amber, MANAGER_PASSWORD)
    desk.clock.set(locked_at + timedelta(minutes=30))  # the instant it opens
    assert sign_in(desk, amber, MANAGER_PASSWORD).staff_id == amber
    with desk.db.reading() as session:
        row = session.get(Staff, amber)
        assert (row.failed_sign_ins, row.locked_until) == (0, None)


def test_a_right_password_between_wrong_ones_starts_the_count_again(desk, amber):
    for _ in range(5):
        with pytest.raises(SignInRefused):
            sign_in(desk, amber, WRONG)
    sign_in(desk, amber, MANAGER_PASSWORD)
    with pytest.raises(SignInRefused, match=r"\(5 more tries"):
        sign_in(desk, amber, WRONG)


def test_the_clinics_stricter_lockout_setting_is_used(desk, amber):
    from dataclasses import replace

    desk.settings = replace(desk.settings, lockout_attempts=3, lockout_minutes=60)
    for _ in range(2):
        with pytest.raises(SignInRefused):
            sign_in(desk, amber, WRONG)
    with pytest.raises(SignInRefused, match="After 3 wrong attempts"):
        sign_in(desk, amber, WRONG)
    desk.clock.advance(minutes=59)
    with pytest.raises(SignInRefused, match="locked"):
        sign_in(desk, amber, MANAGER_PASSWORD)


def test_a_manager_reset_makes_the_person_choose_their_own_at_sign_in(desk, amber, clinic):
    signed_in(desk, amber)
    set_secret(
        desk, clinic.riley, NewSecret(SecretKind.PASSWORD, "temporary pass 1", "temporary pass 1")
    )
    assert account_state(desk, clinic.riley).must_change_secret
    sign_out(desk)
    with pytest.raises(SecretMustChange, match="choose your own"):
        sign_in(desk, clinic.riley, "temporary pass 1")
    assert desk.staff_id is None
    mine = NewSecret(SecretKind.PASSWORD, "riley's own words", "riley's own words")
    sign_in(desk, clinic.riley, "temporary pass 1", mine)
    assert desk.staff_id == clinic.riley
    assert not account_state(desk, clinic.riley).must_change_secret
    sign_out(desk)
    with pytest.raises(SignInRefused):
        sign_in(desk, clinic.riley, "temporary pass 1")
    sign_in(desk, clinic.riley, "riley's own words")
    actions = [
        action for action, _by, subject in _audit(desk) if subject == f"staff:{clinic.riley}"
    ]
    assert actions == [
        "staff.secret_reset",  # by Amber
        "staff.secret_changed",  # by Riley, with her sign-in
        "staff.signed_in",
        "staff.signed_out",
        "staff.sign_in_failed",  # the manager's password no longer opens it
        "staff.signed_in",
    ]


def test_a_pin_only_where_the_manager_allows_it(desk, amber, clinic):
    signed_in(desk, amber)
    pin = NewSecret(SecretKind.PIN, "2580", "2580")
    with pytest.raises(Exception, match="Allow Riley Chen a PIN first"):
        set_secret(desk, clinic.riley, pin)
    allow_pin(desk, clinic.riley, True)
    set_secret(desk, clinic.riley, pin)
    sign_out(desk)
    own_pin = NewSecret(SecretKind.PIN, "1357", "1357")
    assert sign_in(desk, clinic.riley, "2580", own_pin).staff_id == clinic.riley
    assert account_state(desk, clinic.riley).secret_kind is SecretKind.PIN


def test_changing_ones_own_secret_proves_the_current_one(desk, amber):
    sign_in(desk, amber, MANAGER_PASSWORD)
    new = NewSecret(SecretKind.PASSWORD, "amber's new words", "amber's new words")
    with pytest.raises(SignInRefused):
        change_own_secret(desk, WRONG, new)
    change_own_secret(desk, MANAGER_PASSWORD, new)
    sign_out(desk)
    assert sign_in(desk, amber, "amber's new words").staff_id == amber


def test_sign_out_and_the_idle_lock_are_audited_and_leave_nobody_at_the_desk(desk, amber):
    sign_in(desk, amber, MANAGER_PASSWORD)
    sign_out(desk, idle=True)
    assert desk.staff_id is None
    assert _audit(desk)[-1] == ("staff.idle_locked", amber, f"staff:{amber}")
    sign_out(desk)  # nobody to sign out: nothing written
    assert _audit(desk)[-1][0] == "staff.idle_locked"


def test_the_demo_start_signs_in_a_front_desk_never_a_manager(desk, amber, clinic):
    assert sign_in_without_secret(desk, clinic.riley).staff_id == clinic.riley
    with pytest.raises(SignInRefused, match="A manager always signs in with their own password"):
        sign_in_without_secret(desk, amber)


def test_a_retired_or_disabled_account_cannot_sign_in(desk, amber, clinic):
    with desk.db.writing() as session:
        session.get(Staff, amber).sign_in_disabled = True
    with pytest.raises(SignInRefused, match="disabled"):
        sign_in(desk, amber, MANAGER_PASSWORD)
    assert "Amber Holt" not in [account.name for account in sign_in_accounts(desk)]
