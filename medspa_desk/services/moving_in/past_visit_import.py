"""The visits clients made before this desk, as the old system recorded them: history for the
profile, and for the strike rule (a no-show there is a no-show). Kept as PastVisit rows, never
as sales of this till or bookings of its calendar: the provider and service are kept as the old
system named them, since a provider who left is no longer on this clinic's staff."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.domain.import_problems import ProblemKind
from medspa_desk.domain.import_values import (
    ValueUnreadable,
    read_cents,
    read_date,
    read_datetime,
    read_status,
)
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
from medspa_desk.storage.models import PastVisit

# What a visit in the past can have come to. A booking the old system never closed out
# (booked, confirmed, checked in) was a visit made: recorded as done.
_OUTCOMES = {
    AppointmentStatus.BOOKED: AppointmentStatus.COMPLETED,
    AppointmentStatus.CONFIRMED: AppointmentStatus.COMPLETED,
    AppointmentStatus.CHECKED_IN: AppointmentStatus.COMPLETED,
    AppointmentStatus.IN_SERVICE: AppointmentStatus.COMPLETED,
    AppointmentStatus.COMPLETED: AppointmentStatus.COMPLETED,
    AppointmentStatus.NO_SHOW: AppointmentStatus.NO_SHOW,
    AppointmentStatus.LATE_CANCELLED: AppointmentStatus.LATE_CANCELLED,
    AppointmentStatus.CANCELLED: AppointmentStatus.CANCELLED,
    AppointmentStatus.CANCELLED_BY_CLINIC: AppointmentStatus.CANCELLED_BY_CLINIC,
}
_LONGEST_NAME = 120


@dataclass
class _VisitRow:
    number: int
    key: str
    values: dict[str, object] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    action: RowAction = RowAction.ADD
    why: str = ""
    shown: dict[str, str] = field(default_factory=dict)


def plan_past_visits(
    session: Session,
    table: ImportTable,
    choices: ImportChoices,
    now: datetime,
    settings: ClinicSettings,
    *,
    limit: int | None = None,
) -> tuple[ImportPlan, list[_VisitRow]]:
    already = imported_ids(session, ImportKind.PAST_VISITS)
    clients = ClientFinder(session)
    today = local_date(now, settings.zone)
    seen: dict[str, int] = {}
    rows = []
    for number, cells in table.numbered(limit):

        def text(key: str, cells: tuple[str, ...] = cells) -> str:
            return table.column(cells, choices.columns.get(key))

        key = (
            text("old_id") or "row:" + hashlib.sha256("\x1f".join(cells).encode()).hexdigest()[:32]
        )
        row = _VisitRow(number, key)
        rows.append(row)
        if key in already:
            row.action, row.why = RowAction.UNCHANGED, "An earlier import brought this visit in."
            continue
        if key in seen:
            message = f"The same visit as row {seen[key]}."
            _skip(row, ProblemKind.DUPLICATE_IN_FILE, "old_id", message)
            continue
        seen[key] = number
        reference = (text("client_old_id"), text("client_email"), text("client_phone"))
        client_id = clients.find(*reference)
        row.shown["client"] = ClientFinder.described(*reference)
        if client_id is None:
            message = f"No client here has {ClientFinder.described(*reference)}."
            _skip(row, ProblemKind.UNKNOWN_CLIENT, "client_old_id", message)
            continue
        try:
            visited_on = _day(text("date"), today)
            outcome = _OUTCOMES[read_status(text("status") or "completed")]
            amount = read_cents(text("amount")) if text("amount") else 0
            if amount < 0:
                raise ValueUnreadable(f"{format_cents(amount)} is not what a visit cost.")
        except ValueUnreadable as unreadable:
            _skip(row, ProblemKind.UNREADABLE_VALUE, "date", str(unreadable))
            continue
        service = " ".join(text("service").split())[:_LONGEST_NAME]
        if not service:
            _skip(row, ProblemKind.UNREADABLE_VALUE, "service", "No service named.")
            continue
        row.values = {
            "client_id": client_id,
            "visited_on": visited_on,
            "provider_name": " ".join(text("provider").split())[:_LONGEST_NAME],
            "service_name": service,
            "amount_cents": amount,
            "outcome": outcome,
        }
        row.shown.update(
            client=f"client number {client_id}",
            date=visited_on.isoformat(),
            service=service,
            provider=str(row.values["provider_name"]),
            amount=format_cents(amount),
            outcome=outcome.label,
        )
    plan = ImportPlan(
        ImportKind.PAST_VISITS,
        table.file_name,
        tuple(
            PlannedRow(row.number, row.action, row.shown, tuple(row.problems), row.why)
            for row in rows
        ),
    )
    return plan, rows


def write_past_visits(
    session: Session,
    rows: list[_VisitRow],
    batch_id: int,
    source_note: str,
    staff_id: int | None,
    now: datetime,
    progress: Progress | None,
) -> None:
    new = [row for row in rows if row.action is RowAction.ADD]
    for start in range(0, len(new), 1000):
        chunk = new[start : start + 1000]
        ids = session.scalars(
            insert(PastVisit).returning(PastVisit.id, sort_by_parameter_order=True),
            [{**row.values, "batch_id": batch_id} for row in chunk],
        ).all()
        record_imported(
            session,
            ImportKind.PAST_VISITS,
            batch_id,
            ((row.key, visit_id) for row, visit_id in zip(chunk, ids, strict=True)),
        )
        if progress is not None:
            progress(start + len(chunk), len(new))


def _day(typed: str, today: date) -> date:
    """The visit's day: a date, or the date of a date and time."""
    try:
        day = read_date(typed, latest_year=today.year)
    except ValueUnreadable:
        day = read_datetime(typed, latest_year=today.year).date()
    if day > today:
        raise ValueUnreadable(f"“{typed}” is after today: not a past visit.")
    return day


def _skip(row: _VisitRow, kind: ProblemKind, key: str, message: str) -> None:
    row.problems.append(RowProblem(row.number, kind, key, message))
    row.action, row.why = RowAction.SKIP, "Row skipped."
