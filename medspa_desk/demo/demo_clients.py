"""The demo clinic's clients: who they are, how to reach them, and when each joined the books."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from medspa_desk.demo import client_pool
from medspa_desk.demo.desk_hours import DeskHours, open_day_on_or_before
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.storage.models import Client

STRIKE_CLIENTS = 10  # clients with 2 to 4 no-shows or late cancels, for the strike rule
_NEWCOMER_SHARE = 0.5  # clients who register during the demo period rather than before it
_CLIENT_ROWS_PER_INSERT = 2000
# Regulars joined this long before the period starts: before any demo booking was made.
_REGULARS_JOINED_BEFORE = timedelta(days=90)


def invent_clients(
    rng: random.Random, how_many: int, past_days: int, today: date, hours: DeskHours
) -> list[dict]:
    """Client rows, with ids in the order the desk added them.

    Half were on the books before the demo period starts (the featured clients among them); the
    others register during it, so new faces keep turning up on the calendar.
    """
    period_start = today - timedelta(days=past_days)
    regulars_until = period_start - _REGULARS_JOINED_BEFORE
    regulars = max(
        round(how_many * (1 - _NEWCOMER_SHARE)),
        len(client_pool.FEATURED_CLIENTS) + STRIKE_CLIENTS,
    )
    names = list(client_pool.FEATURED_CLIENTS)
    names += [_random_name(rng) for _ in range(how_many - len(names))]
    contacts = _ContactBook(rng)
    clients = []
    for index, (first, last) in enumerate(names):
        if index < regulars:
            joined = _random_day(rng, regulars_until - timedelta(days=3 * 365), regulars_until)
        else:
            joined = _random_day(rng, period_start - timedelta(days=60), today - timedelta(days=1))
        created_at = hours.moment_on(rng, open_day_on_or_before(joined))
        clients.append(_client_row(rng, first, last, contacts, today, created_at))
    clients.sort(key=lambda row: row["created_at"])
    for client_id, row in enumerate(clients, 1):
        row["id"] = client_id
    return clients


def write_clients(
    session: Session, clients: list[dict], report: Callable[[str, int, int], None]
) -> None:
    for done in range(0, len(clients), _CLIENT_ROWS_PER_INSERT):
        chunk = clients[done : done + _CLIENT_ROWS_PER_INSERT]
        # A Core insert, one executemany: the ORM's bulk insert looks at every row first.
        session.connection().execute(insert(Client), chunk)
        report("clients", done + len(chunk), len(clients))


def _random_name(rng: random.Random) -> tuple[str, str]:
    # The featured clients are one of a kind, so that searching for one finds one row.
    while True:
        name = (rng.choice(client_pool.FIRST_NAMES), rng.choice(client_pool.LAST_NAMES))
        if name not in client_pool.FEATURED_CLIENTS:
            return name


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _client_row(
    rng: random.Random,
    first: str,
    last: str,
    contacts: _ContactBook,
    today: date,
    created_at: datetime,
) -> dict:
    has_phone = rng.random() >= 0.06
    has_email = rng.random() >= 0.12 or not has_phone  # everyone can be reached somehow
    age_in_days = rng.randint(19 * 365, 75 * 365) if rng.random() < 0.6 else None
    has_note = rng.random() < 0.07
    return {
        "first_name": first,
        "last_name": last,
        "search_name": fold_for_search(f"{first} {last}"),
        "phone_e164": contacts.phone() if has_phone else None,
        "email": contacts.email(first, last) if has_email else None,
        "birthday": None if age_in_days is None else today - timedelta(days=age_in_days),
        "notes": rng.choice(client_pool.CLIENT_NOTES) if has_note else "",
        "created_at": created_at,
    }


class _ContactBook:
    """Phone numbers in the fictional 555 exchange, addresses at the example.* domains."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._unused_lines: dict[str, list[int]] = {}
        self._emails: set[str] = set()

    def phone(self) -> str:
        area = self._rng.choice(client_pool.AREA_CODES)
        lines = self._unused_lines.get(area)
        if not lines:
            # An exchange has 10,000 lines; a very large demo starts over, as households share.
            lines = list(range(10_000))
            self._rng.shuffle(lines)
            self._unused_lines[area] = lines
        return f"+1{area}555{lines.pop():04d}"

    def email(self, first: str, last: str) -> str:
        given = fold_for_search(first).replace(" ", "")
        family = fold_for_search(last).replace(" ", "")
        number = self._rng.randint(1, 99)
        local = self._rng.choice(
            (
                f"{given}.{family}",
                f"{given}{family}",
                f"{given[0]}{family}",
                f"{given}.{family}{number}",
            )
        )
        domain = self._rng.choice(client_pool.MAIL_DOMAINS)
        address, copies = f"{local}@{domain}", 1
        while address in self._emails:
            copies += 1
            address = f"{local}{copies}@{domain}"
        self._emails.add(address)
        return address
