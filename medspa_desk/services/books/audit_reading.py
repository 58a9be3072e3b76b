"""The manager's reading of the audit trail: filtered pages, newest first, and a CSV export.

Pages are keyset pages on (at, id), never OFFSET: the next page starts below the last row shown,
so it costs what it shows however deep the reader goes, and entries written meanwhile (at the
top) neither repeat nor push rows off a page. Each filter narrows by one of the trail's indexes
(staff_id, at), (subject, at), (action, at) or at alone, every one holding the row id too, so
SQLite walks it backwards from the newest and stops at the page's end: no sort, no scan.

Only a manager reads it. The CSV holds staff names (the trail itself holds ids only): it leaves
the desk as the owner's file alone, and its leaving is itself an audit entry.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    false,
    literal,
    not_,
    or_,
    select,
    tuple_,
)

from medspa_desk.domain.audit_kinds import AuditKind, kind_label
from medspa_desk.domain.clinic_time import local_day_bounds_utc
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.books.files import create_private_file
from medspa_desk.services.desk import Desk
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import AuditEntry, Staff

PAGE_ROWS = 200
# Rows fetched from the driver at a time while a CSV is written: the whole trail is never held.
_CSV_BATCH = 1000
CSV_COLUMNS = (
    "entry",
    "at",
    "staff_id",
    "staff",
    "kind",
    "action",
    "subject",
    "detail",
    "workstation",
)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to read; None is "any". `kind` is an AuditKind (exactly its actions) or an
    action's text: a prefix ending in "." ("client.") or one action ("client.viewed"). The days
    are clinic days (the clinic's zone), both included."""

    staff_id: int | None = None
    client_id: int | None = None  # entries whose subject is "client:N"
    kind: AuditKind | str | None = None
    from_day: date | None = None
    to_day: date | None = None

    def as_audit(self) -> dict[str, object]:
        """The filter as an audit entry's detail: ids, a kind and days, nothing personal."""
        kind = self.kind.name if isinstance(self.kind, AuditKind) else self.kind
        return {
            "staff_id": self.staff_id,
            "client_id": self.client_id,
            "kind": kind,
            "from_day": None if self.from_day is None else self.from_day.isoformat(),
            "to_day": None if self.to_day is None else self.to_day.isoformat(),
        }


# Where a page starts: below the entry at this UTC instant with this id.
Position = tuple[datetime, int]


@dataclass(frozen=True)
class AuditRow:
    entry_id: int
    at: datetime  # in the clinic's zone
    staff_id: int | None
    staff_name: str | None  # None: nobody at the desk (a command, the system)
    action: str
    subject: str
    detail: str  # the entry's JSON, as written
    workstation: str | None

    @property
    def kind_label(self) -> str:
        return kind_label(self.action)


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    older: Position | None  # where the next page starts; None: this is the oldest page

    @property
    def has_older(self) -> bool:
        return self.older is not None


def audit_page(
    desk: Desk, audit_filter: AuditFilter, *, before: Position | None = None, limit: int = PAGE_ROWS
) -> AuditPage:
    """The newest `limit` entries matching the filter below `before` (from the newest if None)."""
    zone = desk.settings.zone
    statement = _matching(desk, audit_filter)
    if before is not None:
        # The instant bound as the column keeps it (UTC text): a bare datetime would be bound
        # with its offset, and compare wrong with every entry in the same second.
        at, entry_id = before
        below = tuple_(literal(at, AuditEntry.at.type), literal(entry_id))
        statement = statement.where(tuple_(AuditEntry.at, AuditEntry.id) < below)
    with desk.db.reading() as session:
        require(session, desk, DeskPermission.READ_AUDIT)
        found = session.execute(statement.limit(limit + 1)).all()
    rows = tuple(_row(values, zone) for values in found[:limit])
    older = None
    if len(found) > limit and rows:
        last = found[limit - 1]
        older = (last.at, last.id)
    return AuditPage(rows, older)


def write_audit_csv(desk: Desk, audit_filter: AuditFilter, path: Path) -> int:
    """Write every entry matching the filter, newest first, to `path` (the owner's file alone);
    how many. The export is recorded in the trail in a transaction of its own, once written."""
    zone = desk.settings.zone
    statement = _matching(desk, audit_filter).execution_options(yield_per=_CSV_BATCH)
    count = 0
    with desk.db.reading() as session:
        require(session, desk, DeskPermission.READ_AUDIT)
        create_private_file(path)  # the owner's alone before a byte is in it
        # UTF-8 with a byte-order mark, so that a spreadsheet reads every name right.
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(CSV_COLUMNS)
            for values in session.execute(statement):
                writer.writerow(_csv_row(_row(values, zone)))
                count += 1
    _record_export(desk, audit_filter, count)
    return count


def _csv_row(row: AuditRow) -> tuple[object, ...]:
    return (
        row.entry_id,
        row.at.isoformat(),
        "" if row.staff_id is None else row.staff_id,
        row.staff_name or "",
        row.kind_label,
        row.action,
        row.subject,
        row.detail,
        row.workstation or "",
    )


def _record_export(desk: Desk, audit_filter: AuditFilter, count: int) -> None:
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.READ_AUDIT)
        detail = {**audit_filter.as_audit(), "rows": count}
        record_audit(
            session, desk.staff_id, "audit.exported", "audit:trail", detail, desk.clock.now()
        )


def _matching(
    desk: Desk, audit_filter: AuditFilter
) -> Select[int, datetime, int | None, str, str, str, str, str | None]:
    """Every entry matching the filter, newest first (ties by id), with its staff member's name."""
    conditions: list[ColumnElement[bool]] = []
    if audit_filter.staff_id is not None:
        conditions.append(AuditEntry.staff_id == audit_filter.staff_id)
    if audit_filter.client_id is not None:
        conditions.append(AuditEntry.subject == f"client:{audit_filter.client_id}")
    if audit_filter.kind is not None:
        conditions.append(_of_kind(audit_filter.kind))
    zone = desk.settings.zone
    if audit_filter.from_day is not None:
        conditions.append(AuditEntry.at >= local_day_bounds_utc(audit_filter.from_day, zone)[0])
    if audit_filter.to_day is not None:
        conditions.append(AuditEntry.at < local_day_bounds_utc(audit_filter.to_day, zone)[1])
    return (
        select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.staff_id,
            Staff.display_name,
            AuditEntry.action,
            AuditEntry.subject,
            AuditEntry.detail,
            AuditEntry.workstation,
        )
        .outerjoin(Staff, Staff.id == AuditEntry.staff_id)
        .where(*conditions)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )


def _of_kind(kind: AuditKind | str) -> ColumnElement[bool]:
    if isinstance(kind, str):
        return _claimed_by(kind)
    claimed = or_(false(), *(_claimed_by(pattern) for pattern in kind.patterns))
    if not kind.excluded:
        return claimed
    return and_(claimed, not_(or_(*(_claimed_by(pattern) for pattern in kind.excluded))))


def _claimed_by(pattern: str) -> ColumnElement[bool]:
    """A prefix as a range of the action index ("client." to "client/", the next character):
    SQLite's LIKE would not use the index on a case-sensitive column."""
    if pattern.endswith("."):
        return and_(AuditEntry.action >= pattern, AuditEntry.action < pattern[:-1] + "/")
    return AuditEntry.action == pattern


def _row(
    values: Row[int, datetime, int | None, str, str, str, str, str | None], zone: ZoneInfo
) -> AuditRow:
    entry_id, at, staff_id, staff_name, action, subject, detail, workstation = values
    return AuditRow(
        entry_id=entry_id,
        at=at.astimezone(zone),
        staff_id=staff_id,
        staff_name=staff_name,
        action=action,
        subject=subject,
        detail=detail,
        workstation=workstation,
    )


def detail_text(detail: str) -> str:
    """An entry's detail for reading: "key: value" pairs, as the JSON holds them."""
    try:
        values = json.loads(detail) if detail else {}
    except ValueError:
        return detail
    if not isinstance(values, dict):
        return detail
    return ", ".join(f"{key}: {_value_text(value)}" for key, value in values.items())


def _value_text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
