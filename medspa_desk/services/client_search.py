"""Finding a client from whatever the caller gives: part of a name, a phone number, an email."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from medspa_desk.domain.search_text import fold_for_search, phone_digits
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Client


@dataclass(frozen=True)
class ClientMatch:
    client_id: int
    name: str
    phone_e164: str | None
    email: str | None


def search_clients(db: Database, query: str, limit: int = 100) -> list[ClientMatch]:
    """Clients whose name contains every word of `query`, or whose phone or email matches.

    An empty query lists clients alphabetically, so the list is never blank on first sight.
    """
    words = fold_for_search(query).split()
    digits = phone_digits(query)
    conditions = []
    if words:
        conditions.append(_all_words_in_name(words))
    if len(digits) >= 3:
        conditions.append(Client.phone_e164.contains(digits, autoescape=True))
    if "@" in query:
        conditions.append(Client.email.istartswith(query.strip(), autoescape=True))
    statement = select(Client.id, Client.first_name, Client.last_name, Client.phone_e164, Client.email)
    if conditions:
        statement = statement.where(or_(*conditions))
    statement = statement.order_by(Client.search_name, Client.id).limit(limit)
    with db.reading() as session:
        return [
            ClientMatch(row.id, f"{row.first_name} {row.last_name}", row.phone_e164, row.email)
            for row in session.execute(statement)
        ]


def _all_words_in_name(words: list[str]):
    return and_(*(Client.search_name.contains(word, autoescape=True) for word in words))
