"""Importing one file: its preview, and the import itself, one transaction for the whole file.

All or nothing: a file is imported whole or, on any failure, cancel or a killed process, not
at all (the transaction is SQLite's). And idempotent: every record brought in is remembered by
the old system's id (services.moving_in.import_records), so importing the same export again
writes nothing at all, and a fresher export on switch-over day brings in only what is new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.import_columns import ImportKind, missing_fields
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.moving_in import (
    appointment_import,
    client_import,
    opening_balances,
    past_visit_import,
)
from medspa_desk.services.moving_in.import_files import ImportTable
from medspa_desk.services.moving_in.import_plan import (
    ImportChoices,
    ImportPlan,
    ImportResult,
    Progress,
    RowAction,
)
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import ImportBatch


@dataclass(frozen=True)
class _Importer:
    # (session, table, choices, now, settings, limit) -> (plan, rows to write)
    plan: Callable[..., tuple[ImportPlan, list[Any]]]
    # (session, rows, batch_id, source note, staff id, now, progress)
    write: Callable[..., None]


_IMPORTERS: dict[ImportKind, _Importer] = {
    ImportKind.CLIENTS: _Importer(client_import.plan_clients, client_import.write_clients),
    ImportKind.APPOINTMENTS: _Importer(
        appointment_import.plan_appointments, appointment_import.write_appointments
    ),
    ImportKind.GIFT_CARDS: _Importer(
        opening_balances.plan_gift_cards, opening_balances.write_gift_cards
    ),
    ImportKind.CREDIT: _Importer(opening_balances.plan_credit, opening_balances.write_credit),
    ImportKind.PAST_VISITS: _Importer(
        past_visit_import.plan_past_visits, past_visit_import.write_past_visits
    ),
}


def importable_kinds() -> list[ImportKind]:
    return list(_IMPORTERS)


def names_to_map(desk: Desk) -> tuple[dict[str, int], dict[str, int]]:
    """This clinic's active providers and services, by name: what an old name may be mapped to."""
    with desk.db.reading() as session:
        return appointment_import.names_here(session)


def preview_import(
    desk: Desk,
    kind: ImportKind,
    table: ImportTable,
    choices: ImportChoices,
    *,
    limit: int | None = None,
) -> ImportPlan:
    """What importing would do, nothing written: the first `limit` rows for a quick preview,
    or every row (the problem list, a dry run)."""
    importer = _importer(kind, choices)
    with desk.db.reading() as session:
        plan, _rows = importer.plan(
            session, table, choices, desk.clock.now(), desk.settings, limit=limit
        )
    return plan


def run_import(
    desk: Desk,
    kind: ImportKind,
    table: ImportTable,
    choices: ImportChoices,
    *,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the file: every row planned again against the books as they now are, then written
    in one transaction. Nothing is written when nothing is new (the same file again)."""
    importer = _importer(kind, choices)
    now = desk.clock.now()
    with desk.db.writing() as session:
        staff_id = require(session, desk, DeskPermission.IMPORT_RECORDS)
        plan, rows = importer.plan(session, table, choices, now, desk.settings)
        if not plan.count(RowAction.ADD) and not plan.count(RowAction.MERGE):
            return ImportResult(None, plan)
        batch_id = _batch(session, kind, table, plan, staff_id, now)
        note = f"imported from {table.file_name} on {local_date(now, desk.settings.zone):%Y-%m-%d}"
        importer.write(session, rows, batch_id, note, staff_id, now, progress)
        action = (  # spelled out: the audit trail's kinds are checked against these texts
            "import.clients"
            if kind is ImportKind.CLIENTS
            else "import.appointments"
            if kind is ImportKind.APPOINTMENTS
            else "import.gift-cards"
            if kind is ImportKind.GIFT_CARDS
            else "import.credit"
            if kind is ImportKind.CREDIT
            else "import.past-visits"
        )
        record_audit(
            session,
            staff_id,
            action,
            f"import_batch:{batch_id}",
            {
                "batch_id": batch_id,
                "file_sha256": table.sha256,
                **{action.value: plan.count(action) for action in RowAction},
            },
            now,
        )
    return ImportResult(batch_id, plan)


def _importer(kind: ImportKind, choices: ImportChoices) -> _Importer:
    missing = missing_fields(kind, list(choices.columns))
    if missing:
        raise DeskRefusal(f"The file needs {' and '.join(missing)}: choose which column holds it.")
    return _IMPORTERS[kind]


def _batch(
    session: Session,
    kind: ImportKind,
    table: ImportTable,
    plan: ImportPlan,
    staff_id: int | None,
    now: datetime,
) -> int:
    batch = ImportBatch(
        kind=kind,
        file_name=table.file_name[:255],
        file_sha256=table.sha256,
        at=now,
        by_staff_id=staff_id,
        rows_read=len(plan.rows),
        rows_added=plan.count(RowAction.ADD),
        rows_merged=plan.count(RowAction.MERGE),
        rows_unchanged=plan.count(RowAction.UNCHANGED),
        rows_skipped=plan.count(RowAction.SKIP),
    )
    session.add(batch)
    session.flush()
    return batch.id
