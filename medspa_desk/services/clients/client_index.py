"""Finding a client from whatever the desk types, over the desk's clients held in memory: part of
a name, a phone number, an email, or the client's number ("#123", as receipts and the audit log
name a client).

Records merged into another are never found: the record they were merged into stands for them.
An anonymized record shows as "Anonymized client #123" (its names say so, see
client_anonymization) and is found by that text or its number, never by what it was called before.

Why in memory: the search runs on every keystroke, and reading the client table for each one
cost 8-10 ms on 30,000 clients and grew with them. Here the clients are read once, at the first
search, kept in the order the list shows them, and their folded names, phone numbers and emails
laid end to end in one string each. A search is then `str.find` over those strings (a C loop over
a few hundred kilobytes) from the top until the list is full, so it costs about what it shows,
on 2,000 clients as on 30,000. A service that changes a client at this desk names it
(`clients_changed`), and the next search reads just those clients again: the books stay the one
truth, whichever database holds them.
"""

from __future__ import annotations

import heapq
import re
import string
from array import array
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import NamedTuple

from sqlalchemy import select

from medspa_desk.domain.search_text import fold_for_search, phone_digits
from medspa_desk.services.clients.search import ClientMatch
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Client

_CLIENT_NUMBER = re.compile(r"#\s*(\d+)")
# An email is found by its start in any case of its ASCII letters, as SQLite's LIKE compares.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Between two clients' texts: no folded name, phone or email holds one, so no match runs from
# one client into the next, and "\n" + start finds an email by its start.
_GAP = "\n"


class _Listed(NamedTuple):
    """A client as search compares them, as read; tuples sort as the list shows them (by name,
    then id)."""

    search_name: str
    client_id: int
    first_name: str
    last_name: str
    phone_e164: str | None
    email: str | None
    anonymized: bool


# What search compares of every client not merged away, as a _Listed.
_LISTED = select(
    Client.search_name,
    Client.id,
    Client.first_name,
    Client.last_name,
    Client.phone_e164,
    Client.email,
    Client.anonymized_at.is_not(None),
)
_plus_gap = (len(_GAP)).__add__


class _Column:
    """One text of every listed client, end to end, and where each client's text starts."""

    def __init__(self, texts: list[str]) -> None:
        # Each client's text follows a gap: starts[row] is where that gap is.
        self.text = _GAP + _GAP.join(texts)
        self.starts = array("q", accumulate(map(_plus_gap, map(len, texts[:-1])), initial=0))

    def count(self, needle: str) -> int:
        return self.text.count(needle)

    def rows_holding(self, needle: str) -> Iterator[int]:
        """The rows whose text holds `needle`, top to bottom, each once (lazily: a search stops
        reading when its list is full)."""
        found = self.text.find(needle)
        last = len(self.starts) - 1
        while found >= 0:
            row = bisect_right(self.starts, found) - 1
            yield row
            if row >= last:
                return
            found = self.text.find(needle, self.starts[row + 1])


class ClientIndex:
    """The desk's clients, for search as the desk types. Read at the first search."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._rows: list[_Listed] | None = None  # None: not read yet
        self._by_id: dict[int, _Listed] = {}
        self._stale: set[int] = set()
        # A match is made when first found and kept: its phone is formatted once, when shown.
        self._matches: dict[int, ClientMatch] = {}
        self._names = self._phones = self._emails = _Column([])

    def clients_changed(self, client_ids: Iterable[int]) -> None:
        """These clients were added or changed (merged, anonymized): the next search reads them
        again. Called by the services that change a client, once their change is written."""
        if self._rows is not None:
            self._stale.update(client_ids)

    def search(self, query: str, limit: int = 100) -> list[ClientMatch]:
        """Clients matching `query`, alphabetically; an empty query lists them all (up to `limit`).

        - A name, or any part of one: every word typed is somewhere in the name, accents, case
          and apostrophes aside ("nunez" finds Núñez, "obrien" and "O’Brien" find O'Brien). A word
          of digits may match the phone instead ("emma 555").
        - Text without spaces also finds an email that starts with it: the whole address, or the
          part before the @ ("zoe.obrien"), in any case.
        - Digits in any format, whole or part ("(406) 287-6565", "4062876565", "287-65"): the
          phone.
        - "#123": client number 123.
        """
        rows = self._current_rows()
        text = query.strip()
        number = _CLIENT_NUMBER.fullmatch(text)
        if number:
            listed = self._by_id.get(int(number.group(1)))
            return [self._match(listed)] if listed is not None and limit > 0 else []
        if not any(char.isalpha() for char in text):
            digits = phone_digits(text)
            # Punctuation alone ("(", "-") asks for nothing yet: list as for an empty query.
            if not digits:
                return [self._match(listed) for listed in rows[: max(limit, 0)]]
            return self._first(limit, self._phones.rows_holding(digits), lambda _listed: True)
        words = fold_for_search(text).split()
        # Text with a space is only words of a name; without, it may be the start of an email.
        start = None if any(char.isspace() for char in text) else _ascii_lower(text)
        # Every match holds each word in its name (a word of digits: or in its phone), or starts
        # its email with the text: only the rows holding the rarest word, or that email start,
        # are compared.
        seed = min(words, key=self._rows_holding_count) if len(words) > 1 else words[0]
        candidates = [self._names.rows_holding(seed)]
        if seed.isdigit():
            candidates.append(self._phones.rows_holding(seed))
        if start is not None:
            candidates.append(self._emails.rows_holding(_GAP + start))

        def wanted(listed: _Listed) -> bool:
            name, phone = listed.search_name, listed.phone_e164 or ""
            if all(word in name or (word.isdigit() and word in phone) for word in words):
                return True
            email = listed.email
            return start is not None and email is not None and _ascii_lower(email).startswith(start)

        return self._first(limit, _each_once(heapq.merge(*candidates)), wanted)

    def _rows_holding_count(self, word: str) -> int:
        held = self._names.count(word)
        return held + self._phones.count(word) if word.isdigit() else held

    # --- reading the books ----------------------------------------------------------------------

    def _current_rows(self) -> list[_Listed]:
        if self._rows is None:
            self._rows = self._read_every_client()
            self._rows.sort()
            self._by_id = {listed.client_id: listed for listed in self._rows}
            self._lay_out()
        elif self._stale:
            self._read_again()
        return self._rows

    def _read_every_client(self) -> list[_Listed]:
        statement = _LISTED.where(Client.merged_into_id.is_(None))
        with self._db.reading() as session:
            connection = session.connection()
            # Through the driver's cursor: SQLAlchemy makes a Row of each of 30,000 clients in
            # Python (130 ms here), the driver's tuples cost a third of that. The statement has
            # no parameters, so its text compiled for this database is the whole of it.
            cursor = connection.connection.cursor()
            try:
                cursor.execute(str(statement.compile(dialect=connection.dialect)))
                return list(map(_Listed._make, cursor.fetchall()))
            finally:
                cursor.close()

    def _read(self, client_ids: Iterable[int]) -> list[_Listed]:
        statement = _LISTED.where(Client.merged_into_id.is_(None), Client.id.in_(client_ids))
        with self._db.reading() as session:
            return list(map(_Listed._make, session.execute(statement)))

    def _read_again(self) -> None:
        """Only the clients changed since the last search are read; the rest stay as they are."""
        assert self._rows is not None
        stale, self._stale = self._stale, set()
        for client_id in stale:
            old = self._by_id.pop(client_id, None)
            self._matches.pop(client_id, None)
            if old is not None:
                del self._rows[bisect_left(self._rows, old)]
        for listed in self._read(stale):
            insort(self._rows, listed)
            self._by_id[listed.client_id] = listed
        self._lay_out()

    def _lay_out(self) -> None:
        assert self._rows is not None
        self._names = _Column([listed.search_name for listed in self._rows])
        self._phones = _Column([listed.phone_e164 or "" for listed in self._rows])
        self._emails = _Column([_ascii_lower(listed.email or "") for listed in self._rows])

    # --- what a search returns ----------------------------------------------------------------

    def _first(
        self, limit: int, rows: Iterable[int], wanted: Callable[[_Listed], bool]
    ) -> list[ClientMatch]:
        assert self._rows is not None
        found: list[ClientMatch] = []
        if limit <= 0:
            return found
        for row in rows:
            listed = self._rows[row]
            if wanted(listed):
                found.append(self._match(listed))
                if len(found) == limit:
                    break
        return found

    def _match(self, listed: _Listed) -> ClientMatch:
        match = self._matches.get(listed.client_id)
        if match is None:
            match = ClientMatch(
                client_id=listed.client_id,
                name=f"{listed.first_name} {listed.last_name}",
                phone_e164=listed.phone_e164,
                email=listed.email,
                anonymized=bool(listed.anonymized),  # SQLite answers 0 or 1
            )
            self._matches[listed.client_id] = match
        return match


def _ascii_lower(text: str) -> str:
    """Its ASCII letters in lower case, others as they are: how SQLite's LIKE compares case."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


def _each_once(rows: Iterable[int]) -> Iterator[int]:
    """Rows in order from several sorted streams merged: a row two streams hold, once."""
    previous = -1
    for row in rows:
        if row != previous:
            yield row
            previous = row
