"""Clients brought in from the old system's export.

Each row is read into a client as this desk keeps one (a phone in E.164, an email normalised,
a birthday that is a date) and checked as the client form checks one; what cannot be kept is a
problem of its kind, and the person's choice for that kind decides whether the row comes in
without the field or not at all. A row is then the client it names if an earlier import brought
in the same old id (unchanged), else it may be a client already here (same email, phone, or
name and birthday) or a row above it in the same file: merged, skipped or added, as chosen.

Merging fills in what the client here lacks and never overwrites what the desk has written;
every field filled leaves a ClientChange row, as an edit at the desk does. Marketing consent
comes in as the old system had it, recorded as imported from the file on the day, and only for
a channel the client has no answer for here yet.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from medspa_desk.domain.card_numbers import CARD_NUMBER_REFUSAL, contains_card_number
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.contact_details import (
    ContactRefused,
    normalized_email,
    phone_for_display,
    phone_in_e164,
)
from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.domain.import_problems import ProblemKind, Resolution
from medspa_desk.domain.import_values import (
    ValueUnreadable,
    read_date,
    read_yes_no,
    split_full_name,
)
from medspa_desk.domain.marketing_consent import ConsentChannel, ConsentSource
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.moving_in.import_files import ImportTable
from medspa_desk.services.moving_in.import_plan import (
    ImportChoices,
    ImportPlan,
    PlannedRow,
    Progress,
    RowAction,
    RowProblem,
)
from medspa_desk.services.moving_in.import_records import imported_ids, record_imported
from medspa_desk.storage.models import Client, ClientChange, MarketingConsent

_LONGEST_NAME = 80
_EARLIEST_BIRTHDAY = date(1900, 1, 1)
_CONSENT_FIELDS = {
    "consent_email": ConsentChannel.EMAIL,
    "consent_sms": ConsentChannel.SMS,
    "consent_phone": ConsentChannel.PHONE,
}
# The fields a merge may fill in, as the client form names them, and their columns.
_FILLABLE = {
    "phone": "phone_e164",
    "email": "email",
    "birthday": "birthday",
    "address": "address",
    "notes": "notes",
}
_WRITE_CHUNK = 1000
_Item = TypeVar("_Item")
_UNCHANGED = "An earlier import brought this client in."


@dataclass
class _ClientRow:
    number: int
    key: str  # the old system's id, or a key made of the row when the file has no ids
    values: dict[str, Any]  # the Client's columns
    consents: dict[ConsentChannel, bool]
    problems: list[RowProblem]
    action: RowAction = RowAction.ADD
    why: str = ""
    into_client: int | None = None  # a merge into a client already here
    into_row: _ClientRow | None = None  # a merge into a row above it
    merged_rows: list[_ClientRow] = field(default_factory=list)
    client_id: int | None = None  # once written


@dataclass(frozen=True)
class _Context:
    today: date
    zone: ZoneInfo
    now: datetime


def plan_clients(
    session: Session,
    table: ImportTable,
    choices: ImportChoices,
    now: datetime,
    settings: ClinicSettings,
    *,
    limit: int | None = None,
) -> tuple[ImportPlan, list[_ClientRow]]:
    """What importing `table` would do, judged against the books in `session`. With `limit`,
    only the first rows: each row's outcome depends on the rows above it and the books alone,
    so the first rows of a preview are exactly what the whole import does with them."""
    context = _Context(local_date(now, settings.zone), settings.zone, now)
    already = imported_ids(session, ImportKind.CLIENTS)
    here = _ClientsHere(session)
    in_file = _ClientsHere(None)
    rows: list[_ClientRow] = []
    old_ids = choices.columns.get("old_id")
    for number, cells in table.numbered(limit):
        old_id = table.column(cells, old_ids)
        if old_id in already:  # not read again: a fresh export is mostly clients brought in
            rows.append(_ClientRow(number, old_id, {}, {}, [], RowAction.UNCHANGED, _UNCHANGED))
            rows[-1].client_id = already[old_id]
            continue
        row = _read_row(table, cells, number, choices, context)
        rows.append(row)
        if row.action is RowAction.SKIP:
            continue
        if row.key in already:
            row.action, row.why = RowAction.UNCHANGED, _UNCHANGED
            row.client_id, row.problems = already[row.key], []
            continue
        found = here.match(row.values)
        if found is not None:
            client_id, same = found
            _decide(row, choices, ProblemKind.ALREADY_A_CLIENT, same, f"client number {client_id}")
            if row.action is RowAction.MERGE:
                row.into_client = client_id
            if row.action is not RowAction.ADD:
                continue
        found = in_file.match(row.values, key=row.key)
        if found is not None:
            above = in_file.rows[found[0]]
            _decide(row, choices, ProblemKind.DUPLICATE_IN_FILE, found[1], f"row {above.number}")
            if row.action is RowAction.MERGE:
                row.into_row = above
            if row.action is not RowAction.ADD:
                continue
        in_file.add(row)
    plan = ImportPlan(
        ImportKind.CLIENTS,
        table.file_name,
        tuple(
            PlannedRow(row.number, row.action, _shown(row), tuple(row.problems), row.why)
            for row in rows
        ),
    )
    return plan, rows


def write_clients(
    session: Session,
    rows: list[_ClientRow],
    batch_id: int,
    source_note: str,
    staff_id: int | None,
    now: datetime,
    progress: Progress | None,
) -> None:
    """Write what `plan_clients` planned, in the caller's transaction."""
    new = [row for row in rows if row.action is RowAction.ADD]
    for row in rows:
        if row.action is RowAction.MERGE and row.into_row is not None:
            _fill(row.into_row.values, row.values)
            row.into_row.merged_rows.append(row)
    total, done = len(rows), 0
    for chunk in _chunks(new, _WRITE_CHUNK):
        ids = session.scalars(
            insert(Client).returning(Client.id, sort_by_parameter_order=True),
            [row.values for row in chunk],
        ).all()
        for row, client_id in zip(chunk, ids, strict=True):
            row.client_id = client_id
            for merged in row.merged_rows:
                merged.client_id = client_id
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    for row in rows:
        if row.action is RowAction.MERGE and row.into_client is not None:
            row.client_id = row.into_client
            _fill_client_here(session, row, staff_id, now)
    written = [row for row in rows if row.action in (RowAction.ADD, RowAction.MERGE)]
    record_imported(
        session,
        ImportKind.CLIENTS,
        batch_id,
        ((row.key, row.client_id) for row in written if row.client_id is not None),
    )
    _record_consents(session, written, source_note, staff_id, now)
    if progress is not None and done < total:
        progress(total, total)


class _ClientsHere:
    """The clients a row may be the same person as: by email, by phone, by name and birthday
    (and, for the rows of the file itself, by old id)."""

    def __init__(self, session: Session | None) -> None:
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_name_birthday: dict[tuple[str, date], int] = {}
        self.by_key: dict[str, int] = {}
        self.rows: list[_ClientRow] = []
        if session is None:
            return
        current = session.execute(
            select(
                Client.id, Client.email, Client.phone_e164, Client.search_name, Client.birthday
            ).where(Client.merged_into_id.is_(None), Client.anonymized_at.is_(None))
        )
        for client_id, email, phone, search_name, birthday in current:
            self._index(client_id, email, phone, search_name, birthday)

    def add(self, row: _ClientRow) -> None:
        values = row.values
        index = len(self.rows)
        self.rows.append(row)
        self._index(
            index, values["email"], values["phone_e164"], values["search_name"], values["birthday"]
        )
        self.by_key.setdefault(row.key, index)

    def match(self, values: dict[str, Any], key: str | None = None) -> tuple[int, str] | None:
        """The id (or row index) of the same person, and in words why; None when nobody."""
        if key is not None and key in self.by_key:
            return self.by_key[key], "the same client ID"
        if values["email"] and values["email"].casefold() in self.by_email:
            return self.by_email[values["email"].casefold()], "the same email"
        if values["phone_e164"] and values["phone_e164"] in self.by_phone:
            return self.by_phone[values["phone_e164"]], "the same phone"
        if values["birthday"] is not None:
            found = self.by_name_birthday.get((values["search_name"], values["birthday"]))
            if found is not None:
                return found, "the same name and birthday"
        return None

    def _index(
        self,
        index: int,
        email: str | None,
        phone: str | None,
        search_name: str,
        birthday: date | None,
    ) -> None:
        if email:
            self.by_email.setdefault(email.casefold(), index)
        if phone:
            self.by_phone.setdefault(phone, index)
        if birthday is not None:
            self.by_name_birthday.setdefault((search_name, birthday), index)


def _decide(
    row: _ClientRow, choices: ImportChoices, kind: ProblemKind, same: str, whom: str
) -> None:
    """The row is the same person as `whom`: the problem noted, the person's choice taken."""
    row.problems.append(RowProblem(row.number, kind, "", f"Has {same} as {whom}."))
    resolution = choices.resolution(kind)
    if resolution is Resolution.MERGE:
        row.action, row.why = RowAction.MERGE, f"Merged with {whom}."
    elif resolution is Resolution.SKIP_ROW:
        row.action, row.why = RowAction.SKIP, "Skipped, as chosen for this kind of problem."
    else:
        row.why = "Added as a separate client, as chosen."


def _read_row(
    table: ImportTable,
    cells: tuple[str, ...],
    number: int,
    choices: ImportChoices,
    context: _Context,
) -> _ClientRow:
    columns = choices.columns

    def text(key: str) -> str:
        return table.column(cells, columns.get(key))

    problems: list[RowProblem] = []
    skip = False

    def problem(kind: ProblemKind, key: str, message: str) -> None:
        nonlocal skip
        problems.append(RowProblem(number, kind, key, message))
        if choices.resolution(kind) is Resolution.SKIP_ROW:
            skip = True

    first, last = " ".join(text("first_name").split()), " ".join(text("last_name").split())
    if not first and not last and text("full_name"):
        first, last = split_full_name(text("full_name"))
    if not first and last:
        first, last = last, ""
    if not first:
        problems.append(RowProblem(number, ProblemKind.MISSING_NAME, "first_name", "No name."))
        skip = True
    elif len(first) > _LONGEST_NAME or len(last) > _LONGEST_NAME:
        problems.append(
            RowProblem(
                number,
                ProblemKind.MISSING_NAME,
                "first_name",
                f"A name longer than {_LONGEST_NAME} characters is not a name.",
            )
        )
        skip = True
    elif contains_card_number(f"{first} {last}"):
        problems.append(
            RowProblem(number, ProblemKind.CARD_NUMBER, "first_name", CARD_NUMBER_REFUSAL)
        )
        skip = True

    phone = None
    other_phone = ""
    for key in ("phone", "other_phone"):
        typed = text(key)
        if not typed:
            continue
        try:
            e164 = _phone(typed)
        except ContactRefused as refused:
            problem(ProblemKind.INVALID_PHONE, key, str(refused))
            continue
        if phone is None:
            phone = e164
        elif e164 != phone:
            other_phone = typed
    email = None
    if text("email"):
        try:
            email = normalized_email(text("email"))
        except ContactRefused as refused:
            problem(ProblemKind.INVALID_EMAIL, "email", str(refused))
    birthday = None
    if text("birthday"):
        try:
            birthday = read_date(text("birthday"), latest_year=context.today.year)
            if not _EARLIEST_BIRTHDAY <= birthday <= context.today:
                raise ValueUnreadable(f"“{text('birthday')}” cannot be a birthday.")
        except ValueUnreadable as unreadable:
            birthday = None
            problem(ProblemKind.UNREADABLE_DATE, "birthday", str(unreadable))
    created_at = context.now
    if text("created"):
        try:
            created = read_date(text("created"), latest_year=context.today.year)
            if created > context.today:
                raise ValueUnreadable(f"“{text('created')}” is after today.")
            created_at = at_local(created, time(), context.zone)
        except ValueUnreadable as unreadable:
            problem(ProblemKind.UNREADABLE_DATE, "created", str(unreadable))
    address = ", ".join(
        part
        for part in (
            text("address"),
            text("address_2"),
            text("city"),
            " ".join(filter(None, (text("region"), text("postal_code")))),
        )
        if part
    )
    if contains_card_number(address):
        problem(ProblemKind.CARD_NUMBER, "address", f"Address: {CARD_NUMBER_REFUSAL}")
        address = ""
    notes = _notes(text("notes"), text("alerts"), other_phone)
    if contains_card_number(notes):
        problem(ProblemKind.CARD_NUMBER, "notes", f"Notes: {CARD_NUMBER_REFUSAL}")
        notes = ""
    consents: dict[ConsentChannel, bool] = {}
    for key, channel in _CONSENT_FIELDS.items():
        try:
            said = read_yes_no(text(key))
        except ValueUnreadable as unreadable:
            problem(ProblemKind.UNREADABLE_CONSENT, key, str(unreadable))
            continue
        if said is not None:
            consents[channel] = said
    values = {
        "first_name": first,
        "last_name": last,
        "search_name": fold_for_search(f"{first} {last}"),
        "phone_e164": phone,
        "email": email,
        "birthday": birthday,
        "notes": notes,
        "address": address,
        "created_at": created_at,
        "emergency_contact_name": "",
        "emergency_contact_phone": "",
    }
    key = text("old_id") or _row_key(values)
    row = _ClientRow(number, key, values, consents, problems)
    if skip:
        row.action, row.why = RowAction.SKIP, "Row skipped."
    return row


def _notes(notes: str, alerts: str, other_phone: str) -> str:
    """The client's notes, with what the desk has no field for yet written into them."""
    lines = [notes.strip()] if notes.strip() else []
    if alerts.strip():
        lines.append(f"Alert (from the old system): {alerts.strip()}")
    if other_phone:
        lines.append(f"Other phone: {other_phone}")
    return "\n".join(lines)


_PHONES: dict[str, str | ContactRefused] = {}


def _phone(typed: str) -> str:
    """phone_in_e164, remembered: an export lists the same numbers many times (households), and
    parsing one costs some 50 µs."""
    found = _PHONES.get(typed)
    if found is None:
        try:
            found = phone_in_e164(typed)
        except ContactRefused as refused:
            found = refused
        if len(_PHONES) < 100_000:
            _PHONES[typed] = found
    if isinstance(found, ContactRefused):
        raise found
    return found


def _row_key(values: dict[str, Any]) -> str:
    """For a file without client ids: the row's person, so that importing it again finds them."""
    parts = (
        values["search_name"],
        values["email"] or "",
        values["phone_e164"] or "",
        str(values["birthday"] or ""),
    )
    return "row:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _shown(row: _ClientRow) -> dict[str, str]:
    values = row.values
    if not values:  # already imported, not read again
        return {}
    return {
        "first_name": values["first_name"],
        "last_name": values["last_name"],
        "phone": phone_for_display(values["phone_e164"]) if values["phone_e164"] else "",
        "email": values["email"] or "",
        "birthday": values["birthday"].isoformat() if values["birthday"] else "",
        "address": values["address"],
        "notes": values["notes"],
        "marketing": ", ".join(
            f"{channel.label}: {'yes' if said else 'no'}" for channel, said in row.consents.items()
        ),
    }


def _fill(into: dict[str, Any], values: dict[str, Any]) -> list[str]:
    """Fill `into`'s empty fields from `values`; the fields filled (the form's names)."""
    filled = []
    for name, column in _FILLABLE.items():
        if into.get(column) in ("", None) and values.get(column) not in ("", None):
            into[column] = values[column]
            filled.append(name)
    return filled


def _fill_client_here(
    session: Session, row: _ClientRow, staff_id: int | None, now: datetime
) -> None:
    client = session.get(Client, row.into_client)
    if client is None:
        return
    current = {column: getattr(client, column) for column in _FILLABLE.values()}
    for name in _fill(current, row.values):
        value = current[_FILLABLE[name]]
        setattr(client, _FILLABLE[name], value)
        session.add(
            ClientChange(
                client_id=client.id,
                at=now,
                by_staff_id=staff_id,
                field=name,
                old_value="",
                new_value=value.isoformat() if isinstance(value, date) else str(value),
            )
        )


def _record_consents(
    session: Session, rows: list[_ClientRow], note: str, staff_id: int | None, now: datetime
) -> None:
    with_consent = [
        (row.client_id, row) for row in rows if row.consents and row.client_id is not None
    ]
    answered: set[tuple[int, ConsentChannel]] = set()
    merged_into = [client_id for client_id, row in with_consent if row.action is RowAction.MERGE]
    for ids in _chunks(merged_into, 500):
        answered.update(
            (client_id, channel)
            for client_id, channel in session.execute(
                select(MarketingConsent.client_id, MarketingConsent.channel).where(
                    MarketingConsent.client_id.in_(ids)
                )
            )
        )
    consents: list[dict[str, Any]] = []
    for client_id, row in with_consent:
        for channel, granted in row.consents.items():
            if (client_id, channel) in answered:
                continue
            answered.add((client_id, channel))
            consents.append(
                {
                    "client_id": client_id,
                    "channel": channel,
                    "granted": granted,
                    "at": now,
                    "source": ConsentSource.IMPORTED,
                    "by_staff_id": staff_id,
                    "note": note,
                }
            )
    for chunk in _chunks(consents, _WRITE_CHUNK):
        session.execute(insert(MarketingConsent), chunk)


def _chunks(items: list[_Item], size: int) -> Iterator[list[_Item]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
