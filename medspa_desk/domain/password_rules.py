"""What a staff member's password must be before the desk keeps its hash."""

from __future__ import annotations

from medspa_desk.domain.desk_refusal import DeskRefusal

# Long enough to resist guessing at a desk anyone can walk up to, short enough to type at it;
# length matters more than mixing kinds of character.
SHORTEST_PASSWORD = 10
LONGEST_PASSWORD = 128


class PasswordRefused(DeskRefusal):
    """The password cannot be kept; str() says why (never the password itself)."""


def check_new_password(password: str, repeated: str | None = None) -> None:
    """Refuse a password too short or too long, or one typed twice differently."""
    if len(password) < SHORTEST_PASSWORD:
        raise PasswordRefused(f"The password must be at least {SHORTEST_PASSWORD} characters long.")
    if len(password) > LONGEST_PASSWORD:
        raise PasswordRefused(f"The password must be at most {LONGEST_PASSWORD} characters long.")
    if not password.strip():
        raise PasswordRefused("The password cannot be only spaces.")
    if repeated is not None and repeated != password:
        raise PasswordRefused("The two passwords are not the same: type it again in both.")
