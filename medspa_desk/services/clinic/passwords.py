"""Staff passwords, kept only as argon2id hashes (argon2-cffi); the password itself is never
logged, stored or returned. Signing in with one is the next step of the desk."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from medspa_desk.domain.password_rules import check_new_password

# argon2-cffi's defaults are RFC 9106's low-memory choice, argon2id: about 50 ms on a desk PC.
_HASHER = PasswordHasher()


def password_hash(password: str) -> str:
    """The hash to keep for a new password (PasswordRefused if it breaks the rule)."""
    check_new_password(password)
    return _HASHER.hash(password)


def password_matches(kept_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(kept_hash, password)
    except (VerificationError, InvalidHashError):
        return False
