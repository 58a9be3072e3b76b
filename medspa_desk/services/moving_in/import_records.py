"""Which records of the old system an import has already brought in, and as what."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.storage.models import ImportedRecord


def imported_ids(session: Session, kind: ImportKind) -> dict[str, int]:
    """The old system's id -> this desk's record, for every record of `kind` imported so far."""
    found = session.execute(
        select(ImportedRecord.old_id, ImportedRecord.record_id).where(ImportedRecord.kind == kind)
    )
    return {old_id: record_id for old_id, record_id in found}


def record_imported(
    session: Session, kind: ImportKind, batch_id: int, pairs: Iterable[tuple[str, int]]
) -> None:
    """Remember what each old id became; an old id seen twice (a file listing one client twice,
    imported as two) keeps the first."""
    kept: dict[str, int] = {}
    for old_id, record_id in pairs:
        kept.setdefault(old_id, record_id)
    rows = [
        {"kind": kind, "old_id": old_id, "record_id": record_id, "batch_id": batch_id}
        for old_id, record_id in kept.items()
    ]
    for start in range(0, len(rows), 2000):
        session.execute(insert(ImportedRecord), rows[start : start + 2000])
