"""Staff passwords, kept only as argon2id hashes (argon2-cffi); the password itself is never
logged, stored or returned. Signing in with one is the next step of the desk."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from medspa_desk.domain.password_rules import check_new_password

if TYPE_CHECKING:
    from argon2 import PasswordHasher


def password_hash(password: str) -> str:
    """The hash to keep for a new password (PasswordRefused if it breaks the rule)."""
    check_new_password(password)
    return _hasher().hash(password)


def password_matches(kept_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(kept_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _hasher() -> PasswordHasher:
    """argon2-cffi's defaults: RFC 9106's low-memory choice, argon2id, about 50 ms a hash on a
    desk PC. Loaded when first used, not at every start of the window (about 3 ms)."""
    from argon2 import PasswordHasher

    return PasswordHasher()
