"""Finding a client from whatever the desk types: part of a name, a phone number, an email, or
the client's number ("#123", as receipts and the audit log name a client); and pointing out the
records a new client may duplicate.

Records merged into another are never found: the record they were merged into stands for them.
An anonymized record shows as "Anonymized client #123" (its names say so, see client_anonymization)
and is found by that text or its number, never by what it was called before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from medspa_desk.domain.contact_details import ContactRefused, normalized_email, phone_in_e164
from medspa_desk.domain.search_text import fold_for_search, phone_digits
from medspa_desk.services.desk import Desk
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Client

_CLIENT_NUMBER = re.compile(r"#\s*(\d+)")
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


def search_clients(db: Database, query: str, limit: int = 100) -> list[ClientMatch]:
    """Clients matching `query`, alphabetically; an empty query lists them all (up to `limit`).

    - A name, or any part of one: every word typed is somewhere in the name, accents, case and
      apostrophes aside ("nunez" finds Núñez, "obrien" and "O’Brien" find O'Brien). A word of
      digits may match the phone instead ("emma 555").
    - Text without spaces also finds an email that starts with it: the whole address, or the
      part before the @ ("zoe.obrien"), in any case.
    - Digits in any format, whole or part ("(406) 287-6565", "4062876565", "287-65"): the phone.
    - "#123": client number 123.

    Every search reads the client table once, start to end, and sorts what matched: 2.5 to 5 ms
    for 30,000 clients here, whatever is typed. Walking the name index in order instead is
    quicker when nearly everyone matches ("a"), but four times slower when nearly nobody does
    (20 ms), since each index entry then costs a row lookup for the phone and email; while
    typing, the worst case is the one that counts.
    """
    condition = _query_condition(query)
    statement = select(
        Client.id,
        Client.first_name,
        Client.last_name,
        Client.phone_e164,
        Client.email,
        Client.anonymized_at,
    ).where(Client.merged_into_id.is_(None))
    if condition is not None:
        statement = statement.where(condition)
    # A unary plus is SQLite's way of keeping a column's index out of a plan (see above).
    alphabetical: UnaryExpression[str] = UnaryExpression(
        Client.search_name.expression, operator=custom_op("+")
    )
    statement = statement.order_by(alphabetical, Client.id).limit(limit)
    with db.reading() as session:
        return [_match(row) for row in session.execute(statement)]


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


def _query_condition(query: str) -> ColumnElement[bool] | None:
    text = query.strip()
    if not text:
        return None
    number = _CLIENT_NUMBER.fullmatch(text)
    if number:
        return Client.id == int(number.group(1))
    if not any(char.isalpha() for char in text):
        digits = phone_digits(text)
        # Punctuation alone ("(", "-") asks for nothing yet: list as for an empty query.
        return func.instr(Client.phone_e164, digits) > 0 if digits else None
    every_word = and_(*(_word_condition(word) for word in fold_for_search(text).split()))
    if any(char.isspace() for char in text):
        return every_word
    # SQLite's LIKE ignores the case of ASCII letters, and is cheaper than lower() on every row.
    return or_(every_word, Client.email.startswith(text, autoescape=True))


def _word_condition(word: str) -> ColumnElement[bool]:
    in_name = func.instr(Client.search_name, word) > 0
    if word.isdigit():
        return or_(in_name, func.instr(Client.phone_e164, word) > 0)
    return in_name


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
