"""Money the clinic owes its clients, brought over: gift cards with what is left on them, and
account credit (prepaid balances) per client.

Each comes in as an opening entry of its ledger, with the import as its reason and its batch
(`import_batch_id`), so the books add up from the first day: a card's balance is the sum of its
entries, the first being what the old system said was left. Nothing is ever added twice: a code
or a client a file lists twice comes in once (the second row skipped whatever the choice), and
a code or a client an earlier import brought in is left as the desk has it since (a fresher
export's balance is the old system's, no longer the clinic's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.card_numbers import CARD_NUMBER_REFUSAL, contains_card_number
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.domain.import_problems import ProblemKind, Resolution
from medspa_desk.domain.import_values import ValueUnreadable, read_cents, read_date
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.moving_in.client_references import ClientFinder
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
from medspa_desk.services.till.gift_cards import normalised_code
from medspa_desk.storage.models import AccountCreditEntry
from medspa_desk.storage.till_models import GiftCard, GiftCardEntry


@dataclass
class _MoneyRow:
    number: int
    key: str  # the normalised code; "client:<id>" for credit
    cents: int = 0
    issued: datetime | None = None
    client_id: int | None = None
    problems: list[RowProblem] = field(default_factory=list)
    action: RowAction = RowAction.ADD
    why: str = ""
    shown: dict[str, str] = field(default_factory=dict)


def plan_gift_cards(
    session: Session,
    table: ImportTable,
    choices: ImportChoices,
    now: datetime,
    settings: ClinicSettings,
    *,
    limit: int | None = None,
) -> tuple[ImportPlan, list[_MoneyRow]]:
    already = imported_ids(session, ImportKind.GIFT_CARDS)
    codes_here = set(session.scalars(select(GiftCard.code)))
    seen: dict[str, int] = {}
    rows = []
    zone = settings.zone
    today = local_date(now, zone)
    for number, cells in table.numbered(limit):
        typed = table.column(cells, choices.columns.get("code"))
        row = _MoneyRow(number, normalised_code(typed))
        row.shown = {"code": row.key}
        rows.append(row)
        if not row.key:
            _problem(row, choices, ProblemKind.UNREADABLE_VALUE, "code", "No gift card code.")
            continue
        if contains_card_number(typed):
            row.shown["code"] = ""
            _problem(row, choices, ProblemKind.CARD_NUMBER, "code", CARD_NUMBER_REFUSAL)
            continue
        if row.key in already:
            row.action, row.why = RowAction.UNCHANGED, "An earlier import brought this card in."
            continue
        if row.key in seen:
            message = f"The code {row.key} is on row {seen[row.key]} already."
            _problem(row, choices, ProblemKind.CODE_IN_USE, "code", message, always_skip=True)
            continue
        if row.key in codes_here:
            message = f"This till already issued a card with the code {row.key}."
            _problem(row, choices, ProblemKind.CODE_IN_USE, "code", message)
            continue
        _read_balance(row, table.column(cells, choices.columns.get("balance")), choices)
        if row.action is RowAction.SKIP:
            continue
        row.issued = now
        issued = table.column(cells, choices.columns.get("issued"))
        if issued:
            try:
                day = read_date(issued, latest_year=today.year)
                if day > today:
                    raise ValueUnreadable(f"“{issued}” is after today.")
                row.issued = at_local(day, time(), zone)
                row.shown["issued"] = day.isoformat()
            except ValueUnreadable as unreadable:
                _problem(row, choices, ProblemKind.UNREADABLE_DATE, "issued", str(unreadable))
        seen[row.key] = number
    return _plan(ImportKind.GIFT_CARDS, table, rows), rows


def write_gift_cards(
    session: Session,
    rows: list[_MoneyRow],
    batch_id: int,
    source_note: str,
    staff_id: int | None,
    now: datetime,
    progress: Progress | None,
) -> None:
    written = []
    for done, row in enumerate(rows, start=1):
        if row.action is RowAction.ADD:
            assert row.issued is not None
            card = GiftCard(code=row.key, issued_at=row.issued, initial_cents=row.cents)
            session.add(card)
            session.flush()
            session.add(
                GiftCardEntry(
                    gift_card_id=card.id,
                    amount_cents=row.cents,
                    at=now,
                    sale_id=None,
                    import_batch_id=batch_id,
                )
            )
            written.append((row.key, card.id))
        if progress is not None and done % 500 == 0:
            progress(done, len(rows))
    record_imported(session, ImportKind.GIFT_CARDS, batch_id, written)


def plan_credit(
    session: Session,
    table: ImportTable,
    choices: ImportChoices,
    now: datetime,
    settings: ClinicSettings,
    *,
    limit: int | None = None,
) -> tuple[ImportPlan, list[_MoneyRow]]:
    already = imported_ids(session, ImportKind.CREDIT)
    clients = ClientFinder(session)
    seen: dict[str, int] = {}
    rows = []
    for number, cells in table.numbered(limit):
        reference = [
            table.column(cells, choices.columns.get(key))
            for key in ("client_old_id", "client_email", "client_phone")
        ]
        client_id = clients.find(*reference)
        row = _MoneyRow(number, f"client:{client_id}", client_id=client_id)
        row.shown = {"client": ClientFinder.described(*reference)}
        rows.append(row)
        if client_id is None:
            message = f"No client here has {ClientFinder.described(*reference)}."
            _problem(row, choices, ProblemKind.UNKNOWN_CLIENT, "client_old_id", message)
            continue
        row.shown["client"] = f"client number {client_id}"
        if row.key in already:
            row.action = RowAction.UNCHANGED
            row.why = "An earlier import brought this client's credit in."
            continue
        if row.key in seen:
            message = f"Client number {client_id}'s credit is on row {seen[row.key]} already."
            _problem(row, choices, ProblemKind.DUPLICATE_IN_FILE, "", message, always_skip=True)
            continue
        _read_balance(row, table.column(cells, choices.columns.get("balance")), choices)
        seen[row.key] = number
    return _plan(ImportKind.CREDIT, table, rows), rows


def write_credit(
    session: Session,
    rows: list[_MoneyRow],
    batch_id: int,
    source_note: str,
    staff_id: int | None,
    now: datetime,
    progress: Progress | None,
) -> None:
    written = []
    for done, row in enumerate(rows, start=1):
        if row.action is RowAction.ADD and row.client_id is not None:
            entry = AccountCreditEntry(
                client_id=row.client_id,
                amount_cents=row.cents,
                at=now,
                by_staff_id=staff_id,
                reason=f"Opening balance, {source_note}",
                import_batch_id=batch_id,
            )
            session.add(entry)
            session.flush()
            written.append((row.key, entry.id))
        if progress is not None and done % 500 == 0:
            progress(done, len(rows))
    record_imported(session, ImportKind.CREDIT, batch_id, written)


def _read_balance(row: _MoneyRow, typed: str, choices: ImportChoices) -> None:
    try:
        row.cents = read_cents(typed)
    except ValueUnreadable as unreadable:
        _problem(row, choices, ProblemKind.UNREADABLE_VALUE, "balance", str(unreadable))
        return
    if row.cents < 0:
        message = f"{format_cents(row.cents)} is owed to the clinic, not by it: not a balance."
        _problem(row, choices, ProblemKind.UNREADABLE_VALUE, "balance", message)
    elif row.cents == 0:
        row.action, row.why = RowAction.SKIP, "Nothing left: no balance to bring over."
    row.shown["balance"] = format_cents(row.cents)


def _problem(
    row: _MoneyRow,
    choices: ImportChoices,
    kind: ProblemKind,
    key: str,
    message: str,
    *,
    always_skip: bool = False,
) -> None:
    """A problem of the row; the row skipped if that is the choice for its kind (or always,
    for money that would otherwise come in twice). An issued date left out is the day of the
    import."""
    row.problems.append(RowProblem(row.number, kind, key, message))
    if always_skip or choices.resolution(kind) is Resolution.SKIP_ROW or key != "issued":
        row.action, row.why = RowAction.SKIP, "Row skipped."


def _plan(kind: ImportKind, table: ImportTable, rows: list[_MoneyRow]) -> ImportPlan:
    return ImportPlan(
        kind,
        table.file_name,
        tuple(
            PlannedRow(row.number, row.action, row.shown, tuple(row.problems), row.why)
            for row in rows
        ),
    )
