"""Staff passwords and PINs, kept only as argon2id hashes (argon2-cffi); the secret itself is
never logged, stored or returned."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from medspa_desk.domain.password_rules import check_new_password
from medspa_desk.domain.sign_in_rules import SecretKind, check_new_pin

if TYPE_CHECKING:
    from argon2 import PasswordHasher


def secret_hash(kind: SecretKind, secret: str, repeated: str | None = None) -> str:
    """The hash to keep for a new password or PIN (PasswordRefused or PinRefused if it breaks
    its rule, or `repeated` differs)."""
    if kind is SecretKind.PIN:
        check_new_pin(secret, repeated)
    else:
        check_new_password(secret, repeated)
    return _hasher().hash(secret)


def password_hash(password: str) -> str:
    """The hash to keep for a new password (PasswordRefused if it breaks the rule)."""
    return secret_hash(SecretKind.PASSWORD, password)


def secret_matches(kept_hash: str, secret: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(kept_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _hasher() -> PasswordHasher:
    """argon2-cffi's defaults: RFC 9106's low-memory choice, argon2id, about 50 ms a hash on a
    desk PC. Loaded when first used, not at every start of the window (about 3 ms)."""
    from argon2 import PasswordHasher

    return PasswordHasher()
