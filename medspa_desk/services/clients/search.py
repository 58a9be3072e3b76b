"""A client found, as a search or the duplicate check lists them; and pointing out the records a
new client may duplicate. Finding a client from what the desk types is client_index.ClientIndex.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import func, or_, select

from medspa_desk.domain.contact_details import (
    ContactRefused,
    normalized_email,
    phone_for_display,
    phone_in_e164,
)
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.storage.models import Client

if TYPE_CHECKING:  # the desk holds the client index, which makes these matches
    from medspa_desk.services.desk import Desk

# Candidates for "very similar name" share this many first letters of the folded full name, or
# the folded last name: a typo is then caught wherever it is, in the first name or the last.
_SAME_START = 3


@dataclass(frozen=True)
class ClientMatch:
    client_id: int
    name: str
    phone_e164: str | None
    email: str | None
    anonymized: bool = False
    reason: str = ""  # why possible_duplicates points at it: "same phone", "similar name", ...

    @cached_property
    def phone_text(self) -> str:
        """'+14065551234' as '(406) 555-1234', one abroad as '+44 20 7123 4567'; '' for none.

        Formatted when first asked (a phone costs a parse, about 0.1 ms), then kept: the client
        index keeps each match it made, so a list shown again formats nothing."""
        return phone_for_display(self.phone_e164) if self.phone_e164 else ""


def possible_duplicates(
    desk: Desk,
    first_name: str,
    last_name: str,
    phone: str = "",
    email: str = "",
    exclude_id: int | None = None,
) -> list[ClientMatch]:
    """Records that may be the same person as the one being typed in, each with its reason.

    The same phone (as E.164) or email (any case), or a very similar name: the same once folded,
    or one typo apart (a letter added, dropped, changed, or two swapped; spaces ignored).
    A phone or email that is not valid yet is simply not compared. Anonymized and merged-away
    records are left out, and so is `exclude_id` (the record being edited).
    """
    folded = fold_for_search(f"{first_name} {last_name}")
    last = fold_for_search(last_name)
    phone_e164 = _valid_or_none(phone, phone_in_e164)
    address = _valid_or_none(email, normalized_email)
    conditions = []
    if phone_e164:
        conditions.append(Client.phone_e164 == phone_e164)
    if address:
        conditions.append(func.lower(Client.email) == address.casefold())
    if len(folded) >= _SAME_START:
        conditions.append(Client.search_name.startswith(folded[:_SAME_START], autoescape=True))
    if last:
        conditions.append(Client.search_name.endswith(f" {last}", autoescape=True))
    if not conditions:
        return []
    statement = select(
        Client.id,
        Client.first_name,
        Client.last_name,
        Client.phone_e164,
        Client.email,
        Client.anonymized_at,
        Client.search_name,
    ).where(Client.merged_into_id.is_(None), Client.anonymized_at.is_(None), or_(*conditions))
    if exclude_id is not None:
        statement = statement.where(Client.id != exclude_id)
    with desk.db.reading() as session:
        # No ORDER BY: sorting the few matches here beats SQLite walking the name index.
        rows = session.execute(statement).all()
    found = []
    for row in sorted(rows, key=lambda row: (row.search_name, row.id)):
        reasons = []
        if phone_e164 and row.phone_e164 == phone_e164:
            reasons.append("same phone")
        if address and row.email and row.email.casefold() == address.casefold():
            reasons.append("same email")
        if folded and _one_typo_apart(row.search_name.replace(" ", ""), folded.replace(" ", "")):
            reasons.append("similar name")
        if reasons:
            found.append(_match(row, reason=", ".join(reasons)))
    # Phone and email are strong evidence, a similar name weaker: the strong ones come first.
    return sorted(found, key=lambda match: match.reason == "similar name")  # a stable sort


class _ClientColumns(Protocol):
    """The columns of a client row that a match shows (both searches select these)."""

    id: int
    first_name: str
    last_name: str
    phone_e164: str | None
    email: str | None
    anonymized_at: datetime | None


def _match(row: _ClientColumns, reason: str = "") -> ClientMatch:
    return ClientMatch(
        client_id=row.id,
        name=f"{row.first_name} {row.last_name}",
        phone_e164=row.phone_e164,
        email=row.email,
        anonymized=row.anonymized_at is not None,
        reason=reason,
    )


def _valid_or_none(text: str, normalized: Callable[[str], str]) -> str | None:
    if not text.strip():
        return None
    try:
        return normalized(text.strip())
    except ContactRefused:
        return None


def _one_typo_apart(a: str, b: str) -> bool:
    """Equal, or one letter added, dropped or changed, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        changed = a[start + 1 :] == b[start + 1 :]
        swapped = (
            a[start : start + 2] == b[start : start + 2][::-1] and a[start + 2 :] == b[start + 2 :]
        )
        return changed or swapped
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return shorter[start:] == longer[start + 1 :]
