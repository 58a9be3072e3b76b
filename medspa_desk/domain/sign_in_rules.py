"""Signing in at the desk: what a PIN must be, when wrong attempts lock an account, and how long
the desk may sit idle before it locks itself (HIPAA's automatic logoff, PCI DSS's lockout and
re-authentication after idle time).

Plain rules over numbers and times; services.staff_access applies them to the books.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from medspa_desk.domain.desk_refusal import DeskRefusal


class SecretKind(StrEnum):
    """What a staff member signs in with. A PIN only where a manager allows it for them."""

    PASSWORD = "password"
    PIN = "pin"

    @property
    def word(self) -> str:
        """The word in a sentence: "password", "PIN"."""
        return "PIN" if self is SecretKind.PIN else "password"


SHORTEST_PIN = 4
LONGEST_PIN = 12

# PCI DSS 8.3.4: lock out after not more than 10 attempts, for at least 30 minutes; the desk
# locks after 6. The settings may be stricter, never looser (domain.setting_rules).
LOCKOUT_ATTEMPTS = 6
LOCKOUT_MINUTES = 30
LONGEST_LOCKOUT_MINUTES = 24 * 60
# HIPAA automatic logoff / PCI DSS 8.2.8: re-authenticate after 15 idle minutes at most.
LONGEST_IDLE_MINUTES = 15


class PinRefused(DeskRefusal):
    """The PIN cannot be kept; str() says why (never the PIN itself)."""


def check_new_pin(pin: str, repeated: str | None = None) -> None:
    if not pin.isascii() or not pin.isdigit():
        raise PinRefused("A PIN is digits only, 0 to 9.")
    if not SHORTEST_PIN <= len(pin) <= LONGEST_PIN:
        raise PinRefused(f"A PIN is {SHORTEST_PIN} to {LONGEST_PIN} digits long.")
    if len(set(pin)) == 1:
        raise PinRefused("A PIN of one digit repeated is too easy to guess: choose another.")
    if repeated is not None and repeated != pin:
        raise PinRefused("The two PINs are not the same: type it again in both.")


@dataclass(frozen=True)
class Lockout:
    attempts: int = LOCKOUT_ATTEMPTS  # wrong attempts in a row that lock the account
    minutes: int = LOCKOUT_MINUTES  # how long it stays locked, unless a manager unlocks it


@dataclass(frozen=True)
class AfterWrongAttempt:
    failed_sign_ins: int  # the count to keep: 0 again once the account is locked
    locked_until: datetime | None  # set when this attempt locked the account


def after_wrong_attempt(failed_before: int, now: datetime, lockout: Lockout) -> AfterWrongAttempt:
    """What one more wrong attempt does: counts it, and the `lockout.attempts`-th in a row locks
    the account for `lockout.minutes` from `now`."""
    failed = failed_before + 1
    if failed >= lockout.attempts:
        return AfterWrongAttempt(0, now + timedelta(minutes=lockout.minutes))
    return AfterWrongAttempt(failed, None)


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    """Locked until the instant `locked_until`: at that instant it opens again."""
    return locked_until is not None and now < locked_until


def idle_lock_after(setting_minutes: int) -> timedelta:
    """How long the desk may sit untouched: the setting, never more than 15 minutes."""
    return timedelta(minutes=min(max(setting_minutes, 1), LONGEST_IDLE_MINUTES))
