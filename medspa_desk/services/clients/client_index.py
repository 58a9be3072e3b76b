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
on 2,000 clients as on 30,000.

Kept current from the books themselves, so a change made at another desk on the same books (or
by a command) is found as one made here: every change to a client's name, phone, email, merge or
anonymization writes an audit entry in its own transaction (services.clients.records,
services.clients.anonymization). Each search reads the audit entries after the last one seen
(a range of the primary key: it costs what is new, not the table) and reads again just the
clients they name. A service that comes to change what search compares must record one of the
actions in `CLIENT_CHANGES`, naming every client it changed by id.

The first read may be done off the GUI thread (`read_ahead`, after start-up): it builds into
locals and publishes them with one assignment under a lock, which a search takes too, so a
search never sees half an index and the clients are never read twice.
"""

from __future__ import annotations

import heapq
import json
import re
import string
import threading
from array import array
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from itertools import accumulate
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.search_text import fold_for_search, phone_digits
from medspa_desk.services.clients.search import ClientMatch
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import AuditEntry, Client

_CLIENT_NUMBER = re.compile(r"#\s*(\d+)")
# An email is found by any part of it in any case of its ASCII letters, as SQLite's LIKE compares.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Between two clients' texts: no folded name, phone or email holds one, so no match runs from
# one client into the next.
_GAP = "\n"

# The audit actions that change what search compares. The entry's subject names the client
# ("client:7"); a merge's detail names the record merged away (merged_client_id), an
# anonymization's every record it emptied (client_ids): ids only, as every audit entry.
CLIENT_CHANGES = ("client.created", "client.updated", "client.merged", "client.anonymized")
CLIENTS_IMPORTED = "import.clients"  # subject: the import batch; every client read again
_SUBJECT_PREFIX = "client:"


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
_NEWEST_ENTRY = select(func.max(AuditEntry.id))
_plus_gap = (len(_GAP)).__add__


class _Column:
    """One text of every listed client, end to end, and where each client's text starts."""

    def __init__(self, texts: list[str]) -> None:
        # Each client's text follows a gap: starts[row] is where that gap is.
        self.text = _GAP + _GAP.join(texts)
        self.starts = array("q", accumulate(map(_plus_gap, map(len, texts[:-1])), initial=0))

    def __getitem__(self, row: int) -> str:
        start = self.starts[row] + 1
        end = self.starts[row + 1] if row + 1 < len(self.starts) else len(self.text)
        return self.text[start:end]

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


class _Snapshot(NamedTuple):
    """The index as one search sees it, never changed once published: a change builds another.

    Held as columns, one row a client in the order the list shows them: a text laid end to end
    and an array each, not a tuple and its strings for each of 30,000 clients (a third of the
    memory)."""

    client_ids: array[int]
    flags: bytes  # _ANONYMIZED, _NO_PHONE, _NO_EMAIL
    ids_sorted: array[int]  # every client id, ascending, and its row beside it in rows_by_id
    rows_by_id: array[int]
    names: _Column  # what a name search compares (Client.search_name)
    phones: _Column
    emails: _Column  # in the case search compares them
    first_names: _Column
    last_names: _Column
    shown_emails: _Column  # as written
    audit_seen: int  # the newest audit entry whose changes these rows hold (0: none yet)

    def row_of(self, client_id: int) -> int | None:
        at = bisect_left(self.ids_sorted, client_id)
        found = at < len(self.ids_sorted) and self.ids_sorted[at] == client_id
        return self.rows_by_id[at] if found else None

    def listed(self, row: int) -> _Listed:
        flags = self.flags[row]
        return _Listed(
            self.names[row],
            self.client_ids[row],
            self.first_names[row],
            self.last_names[row],
            None if flags & _NO_PHONE else self.phones[row],
            None if flags & _NO_EMAIL else self.shown_emails[row],
            bool(flags & _ANONYMIZED),
        )


_ANONYMIZED, _NO_PHONE, _NO_EMAIL = 1, 2, 4


class ClientIndex:
    """The desk's clients, for search as the desk types. Read at the first search, or ahead of
    it (`read_ahead`), then kept current from the audit trail at each search."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None  # None: not read yet
        # A match is made when first found and kept: its phone is formatted once, when shown.
        # Only searches (the GUI thread) touch it.
        self._matches: dict[int, ClientMatch] = {}

    def read_ahead(self) -> None:
        """Read every client now, unless read already: run off the GUI thread after start-up, so
        the first search costs what a later one does. A search meanwhile waits for it."""
        with self._lock:
            if self._snapshot is None:
                self._snapshot = _read_every_client(self._db)

    def search(self, query: str, limit: int = 100) -> list[ClientMatch]:
        """Clients matching `query`, alphabetically; an empty query lists them all (up to `limit`).

        - A name, or any part of one: every word typed is somewhere in the name, accents, case
          and apostrophes aside ("nunez" finds Núñez, "obrien" and "O’Brien" find O'Brien). A word
          of digits may match the phone instead ("emma 555").
        - Text without spaces also finds an email holding it anywhere: the whole address, the
          part before the @ ("zoe.obrien"), the domain ("example.net") or any piece ("dangelo"),
          in any case.
        - Digits in any format, whole or part ("(406) 287-6565", "4062876565", "287-65"): the
          phone.
        - "#123": client number 123.
        """
        index = self._current()
        text = query.strip()
        number = _CLIENT_NUMBER.fullmatch(text)
        if number:
            row = index.row_of(int(number.group(1)))
            return [self._match(index, row)] if row is not None and limit > 0 else []
        if not any(char.isalpha() for char in text):
            digits = phone_digits(text)
            # Punctuation alone ("(", "-") asks for nothing yet: list as for an empty query.
            if not digits:
                return [self._match(index, row) for row in range(min(limit, len(index.flags)))]
            return self._first(index, limit, index.phones.rows_holding(digits), _anyone)
        words = fold_for_search(text).split()
        # Text with a space is only words of a name; without, it may be part of an email.
        part = None if any(char.isspace() for char in text) else _ascii_lower(text)
        # Every match holds each word in its name (a word of digits: or in its phone), or holds
        # the text in its email: only the rows holding the rarest word, or that part of an email,
        # are compared.
        if len(words) > 1:
            seed = min(words, key=lambda word: _rows_holding_count(index, word))
        else:
            seed = words[0]
        candidates = [index.names.rows_holding(seed)]
        if seed.isdigit():
            candidates.append(index.phones.rows_holding(seed))
        if part is not None:
            candidates.append(index.emails.rows_holding(part))

        def wanted(row: int) -> bool:
            name, phone = index.names[row], index.phones[row]
            if all(word in name or (word.isdigit() and word in phone) for word in words):
                return True
            return part is not None and part in index.emails[row]

        return self._first(index, limit, _each_once(heapq.merge(*candidates)), wanted)

    # --- reading the books ----------------------------------------------------------------------

    def _current(self) -> _Snapshot:
        with self._lock:
            snapshot = self._snapshot
            if snapshot is None:
                snapshot = self._snapshot = _read_every_client(self._db)
            elif self._newest_audit_entry() > snapshot.audit_seen:
                with self._db.reading() as session:
                    newest, client_ids = _changed_since(session, snapshot.audit_seen)
                    if client_ids is not None:
                        snapshot = self._snapshot = self._read_again(
                            session, snapshot, newest, client_ids
                        )
                if client_ids is None:  # an import: thousands of clients, read whole
                    self._matches.clear()
                    snapshot = self._snapshot = _read_every_client(self._db)
            return snapshot

    @cached_property
    def _newest_entry_sql(self) -> str:
        # Compiled at the first search, not when a desk is made: the demo's build makes a desk
        # for each of its thousands of past sales, and none of them searches.
        return str(_NEWEST_ENTRY.compile(dialect=self._db.engine.dialect))

    def _newest_audit_entry(self) -> int:
        """Asked at every keystroke, so through the driver's cursor, outside a transaction (one
        statement reads one state of the books): a session's transaction costs 0.4 ms more."""
        connection = self._db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(self._newest_entry_sql)
            (newest,) = cursor.fetchone() or (None,)
            cursor.close()
        finally:
            connection.close()
        return int(newest or 0)

    def _read_again(
        self, session: Session, old: _Snapshot, newest: int, client_ids: set[int]
    ) -> _Snapshot:
        """Only the clients changed since the last search are read; the rest stay as they are."""
        if not client_ids:
            return old._replace(audit_seen=newest)
        for client_id in client_ids:
            self._matches.pop(client_id, None)
        rows = [
            old.listed(row)
            for row in range(len(old.flags))
            if old.client_ids[row] not in client_ids
        ]
        statement = _LISTED.where(Client.merged_into_id.is_(None), Client.id.in_(client_ids))
        for listed in map(_Listed._make, session.execute(statement)):
            insort(rows, listed)
        return _laid_out(rows, newest)

    # --- what a search returns ----------------------------------------------------------------

    def _first(
        self,
        index: _Snapshot,
        limit: int,
        rows: Iterable[int],
        wanted: Callable[[int], bool],
    ) -> list[ClientMatch]:
        found: list[ClientMatch] = []
        if limit <= 0:
            return found
        for row in rows:
            if wanted(row):
                found.append(self._match(index, row))
                if len(found) == limit:
                    break
        return found

    def _match(self, index: _Snapshot, row: int) -> ClientMatch:
        client_id = index.client_ids[row]
        match = self._matches.get(client_id)
        if match is None:
            listed = index.listed(row)
            match = ClientMatch(
                client_id=client_id,
                name=f"{listed.first_name} {listed.last_name}",
                phone_e164=listed.phone_e164,
                email=listed.email,
                anonymized=listed.anonymized,
            )
            self._matches[client_id] = match
        return match


def _read_every_client(db: Database) -> _Snapshot:
    """Every client not merged away, and the newest audit entry their rows hold: both read in
    one transaction, so a change committed meanwhile is in both or in neither."""
    statement = _LISTED.where(Client.merged_into_id.is_(None))
    with db.reading() as session:
        audit_seen = session.scalar(_NEWEST_ENTRY) or 0
        connection = session.connection()
        # Through the driver's cursor: SQLAlchemy makes a Row of each of 30,000 clients in
        # Python (130 ms here), the driver's tuples cost a third of that. The statement has
        # no parameters, so its text compiled for this database is the whole of it.
        cursor = connection.connection.cursor()
        try:
            cursor.execute(str(statement.compile(dialect=connection.dialect)))
            rows = list(map(_Listed._make, cursor.fetchall()))
        finally:
            cursor.close()
    rows.sort()
    return _laid_out(rows, audit_seen)


def _changed_since(session: Session, audit_seen: int) -> tuple[int, set[int] | None]:
    """The newest audit entry and the clients changed after `audit_seen`; None for the clients
    when an import of clients came in meanwhile (every client to be read again).

    Entries are numbered in the order they commit, SQLite writing one transaction at a time, so
    nothing can later appear below the newest seen. (A PostgreSQL sequence hands out ids before
    commit: there, the ids missing below the newest would be asked for again for a while.)
    """
    newest = session.scalar(_NEWEST_ENTRY) or 0
    entries = session.execute(
        select(AuditEntry.action, AuditEntry.subject, AuditEntry.detail).where(
            AuditEntry.id > audit_seen,
            AuditEntry.id <= newest,
            AuditEntry.action.in_((*CLIENT_CHANGES, CLIENTS_IMPORTED)),
        )
    )
    client_ids: set[int] = set()
    for action, subject, detail in entries:
        if action == CLIENTS_IMPORTED:
            return newest, None
        if subject.startswith(_SUBJECT_PREFIX):
            client_ids.add(int(subject.removeprefix(_SUBJECT_PREFIX)))
        if action == "client.merged":
            client_ids.add(int(json.loads(detail)["merged_client_id"]))
        elif action == "client.anonymized":
            client_ids.update(map(int, json.loads(detail)["client_ids"]))
    return newest, client_ids


def _laid_out(rows: list[_Listed], audit_seen: int) -> _Snapshot:
    """The rows, in the order the list shows them, as the index's columns."""
    by_id = sorted((listed.client_id, row) for row, listed in enumerate(rows))
    return _Snapshot(
        client_ids=array("q", [listed.client_id for listed in rows]),
        flags=bytes(
            (_ANONYMIZED if listed.anonymized else 0)  # SQLite answers 0 or 1
            | (_NO_PHONE if listed.phone_e164 is None else 0)
            | (_NO_EMAIL if listed.email is None else 0)
            for listed in rows
        ),
        ids_sorted=array("q", [client_id for client_id, _row in by_id]),
        rows_by_id=array("q", [row for _client_id, row in by_id]),
        names=_Column([listed.search_name for listed in rows]),
        phones=_Column([listed.phone_e164 or "" for listed in rows]),
        emails=_Column([_ascii_lower(listed.email or "") for listed in rows]),
        first_names=_Column([listed.first_name for listed in rows]),
        last_names=_Column([listed.last_name for listed in rows]),
        shown_emails=_Column([listed.email or "" for listed in rows]),
        audit_seen=audit_seen,
    )


def _rows_holding_count(index: _Snapshot, word: str) -> int:
    held = index.names.count(word)
    return held + index.phones.count(word) if word.isdigit() else held


def _anyone(_row: int) -> bool:
    return True


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
