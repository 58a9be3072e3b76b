"""The bookings still to come, brought over from the old system's calendar.

A row becomes a booking of this desk when its client is found (services.moving_in.
client_references: import the clients first), its provider and service are this clinic's (by
name, or as the person mapped an old name), and its start can be read, in the clinic's zone, and
is still to come. A booking that overlaps another (here, or above it in the file) is skipped
unless the person chooses to bring it as it stands; one outside the provider's hours comes in
by default, as the old calendar had it, recorded as booked outside availability by whoever ran
the import, with that reason. Cancelled and past bookings are history, not bookings to come:
they are left out (the past visits file brings history).

An imported booking is priced at this menu's price, made under the policy text in force, and
sends no confirmation: the client was confirmed by the old system, and the desk's worklist asks
again as for any booking.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.card_numbers import CARD_NUMBER_REFUSAL, contains_card_number
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.domain.import_problems import ProblemKind, Resolution
from medspa_desk.domain.import_values import (
    ValueUnreadable,
    read_datetime,
    read_minutes,
    read_status,
)
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.booking.availability_checks import unavailable_reason
from medspa_desk.services.booking.booking_checks import first_clash
from medspa_desk.services.books.audit_trail import change_status
from medspa_desk.services.clinic.published_policies import policy_in_force
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
from medspa_desk.storage.models import Appointment, Service, Staff

IMPORTED_AS_BOOKED = "Imported from the old system's calendar, as it was booked there"
_TO_COME = (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)
_Named = TypeVar("_Named", Staff, Service)


@dataclass
class _BookingRow:
    number: int
    key: str
    client_id: int | None = None
    provider: Staff | None = None
    service: Service | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    status: AppointmentStatus = AppointmentStatus.BOOKED
    notes: str = ""
    outside_hours: bool = False
    problems: list[RowProblem] = field(default_factory=list)
    action: RowAction = RowAction.ADD
    why: str = ""
    shown: dict[str, str] = field(default_factory=dict)


def names_here(session: Session) -> tuple[dict[str, int], dict[str, int]]:
    """This clinic's active providers and services, by name: what an old name may be mapped to."""
    providers = session.execute(
        select(Staff.display_name, Staff.id).where(Staff.active, Staff.is_provider)
    )
    services = session.execute(select(Service.name, Service.id).where(Service.active))
    return dict(providers.all()), dict(services.all())


def plan_appointments(
    session: Session,
    table: ImportTable,
    choices: ImportChoices,
    now: datetime,
    settings: ClinicSettings,
    *,
    limit: int | None = None,
) -> tuple[ImportPlan, list[_BookingRow]]:
    zone = settings.zone
    already = imported_ids(session, ImportKind.APPOINTMENTS)
    clients = ClientFinder(session)
    providers = _Names(
        {
            row.display_name: row
            for row in session.scalars(select(Staff).where(Staff.active, Staff.is_provider))
        },
        choices.providers,
    )
    services = _Names(
        {row.name: row for row in session.scalars(select(Service).where(Service.active))},
        choices.services,
    )
    booked_in_file: list[_BookingRow] = []
    rows = []
    today = local_date(now, zone)
    for number, cells in table.numbered(limit):

        def text(key: str, cells: tuple[str, ...] = cells) -> str:
            return table.column(cells, choices.columns.get(key))

        row = _BookingRow(number, text("old_id") or _row_key(cells))
        rows.append(row)
        if row.key in already:
            row.action, row.why = RowAction.UNCHANGED, "An earlier import brought this booking in."
            continue
        reference = (text("client_old_id"), text("client_email"), text("client_phone"))
        row.client_id = clients.find(*reference)
        row.shown["client"] = (
            f"client number {row.client_id}"
            if row.client_id is not None
            else ClientFinder.described(*reference)
        )
        if row.client_id is None:
            message = f"No client here has {ClientFinder.described(*reference)}."
            _problem(row, choices, ProblemKind.UNKNOWN_CLIENT, "client_old_id", message)
        row.provider = providers.find(text("provider"))
        row.shown["provider"] = row.provider.display_name if row.provider else text("provider")
        if row.provider is None:
            message = f"“{text('provider')}” is not one of this clinic's providers."
            _problem(row, choices, ProblemKind.UNKNOWN_PROVIDER, "provider", message)
        row.service = services.find(text("service"))
        row.shown["service"] = row.service.name if row.service else text("service")
        if row.service is None:
            message = f"“{text('service')}” is not on this clinic's menu."
            _problem(row, choices, ProblemKind.UNKNOWN_SERVICE, "service", message)
        try:
            row.status = read_status(text("status"))
            start = " ".join(filter(None, (text("start"), text("start_time"))))
            local_start = read_datetime(start, latest_year=today.year + 10)
            row.starts_at = at_local(local_start.date(), local_start.time(), zone)
            row.shown["start"] = local_start.strftime("%Y-%m-%d %H:%M")
            row.ends_at = row.starts_at + timedelta(minutes=_minutes(text, row, local_start))
        except ValueUnreadable as unreadable:
            _problem(row, choices, ProblemKind.UNREADABLE_VALUE, "start", str(unreadable))
        if _skipped(row):
            continue
        if row.status not in _TO_COME:
            row.action = RowAction.SKIP
            row.why = f"Not a booking to come ({row.status.label.lower()}): left out."
            continue
        assert row.starts_at is not None and row.ends_at is not None
        if row.starts_at < now:
            message = f"{row.shown['start']} has already begun: not a booking to come."
            _problem(row, choices, ProblemKind.IN_THE_PAST, "start", message)
            continue
        row.notes = text("notes")
        if contains_card_number(row.notes):
            row.notes = ""
            _problem(
                row, choices, ProblemKind.CARD_NUMBER, "notes", f"Notes: {CARD_NUMBER_REFUSAL}"
            )
        if _skipped(row):
            continue
        clash = _clash(session, row, booked_in_file)
        if clash:
            _problem(row, choices, ProblemKind.OVERLAP, "start", clash)
            if _skipped(row):
                continue
        assert row.provider is not None and row.service is not None
        unavailable = unavailable_reason(
            session, settings, row.provider, row.starts_at, row.ends_at, row.service.name
        )
        if unavailable is not None:
            row.outside_hours = True
            _problem(row, choices, ProblemKind.OUTSIDE_HOURS, "start", unavailable)
            if _skipped(row):
                continue
        row.shown["status"] = row.status.label
        booked_in_file.append(row)
    plan = ImportPlan(
        ImportKind.APPOINTMENTS,
        table.file_name,
        tuple(
            PlannedRow(row.number, row.action, row.shown, tuple(row.problems), row.why)
            for row in rows
        ),
    )
    return plan, rows


def write_appointments(
    session: Session,
    rows: list[_BookingRow],
    batch_id: int,
    source_note: str,
    staff_id: int | None,
    now: datetime,
    progress: Progress | None,
) -> None:
    policy = policy_in_force(session, now)
    written = []
    for done, row in enumerate(rows, start=1):
        if row.action is not RowAction.ADD:
            continue
        assert row.client_id and row.provider and row.service and row.starts_at and row.ends_at
        appointment = Appointment(
            client_id=row.client_id,
            provider_id=row.provider.id,
            service_id=row.service.id,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            price_cents=row.service.price_cents,
            policy_version=policy,
            notes=row.notes,
            created_at=now,
            created_by_id=staff_id,
            availability_override_by_id=staff_id if row.outside_hours else None,
            availability_override_reason=IMPORTED_AS_BOOKED if row.outside_hours else "",
        )
        change_status(
            session, staff_id, appointment, AppointmentStatus.BOOKED, source_note.capitalize(), now
        )
        if row.status is AppointmentStatus.CONFIRMED:
            change_status(
                session, staff_id, appointment, row.status, "Confirmed in the old system", now
            )
        session.flush()
        written.append((row.key, appointment.id))
        if progress is not None and done % 200 == 0:
            progress(done, len(rows))
    record_imported(session, ImportKind.APPOINTMENTS, batch_id, written)


class _Names(Generic[_Named]):
    """This clinic's providers or services as an old name may mean them: as mapped, else the
    same name (case, accents and punctuation aside), else the one whose name begins with it
    ("Kelsey" for "Kelsey Brandt") when only one does."""

    def __init__(self, by_name: dict[str, _Named], mapped: Mapping[str, int]) -> None:
        self._by_name: dict[str, _Named] = {
            fold_for_search(name): row for name, row in by_name.items()
        }
        self._by_id: dict[int, _Named] = {row.id: row for row in by_name.values()}
        self._mapped = mapped

    def find(self, old_name: str) -> _Named | None:
        name = fold_for_search(old_name)
        if not name:
            return None
        if name in self._mapped:
            return self._by_id.get(self._mapped[name])
        if name in self._by_name:
            return self._by_name[name]
        starting = [row for key, row in self._by_name.items() if key.startswith(name + " ")]
        return starting[0] if len(starting) == 1 else None


def _minutes(text: Callable[[str], str], row: _BookingRow, local_start: datetime) -> int:
    if text("duration"):
        return read_minutes(text("duration"))
    if text("end"):
        end = text("end")
        try:
            local_end = read_datetime(end, latest_year=local_start.year + 1)
        except ValueUnreadable:
            from medspa_desk.domain.import_values import read_time

            local_end = datetime.combine(local_start.date(), read_time(end))
        minutes = int((local_end - local_start).total_seconds() // 60)
        if minutes <= 0:
            raise ValueUnreadable(f"“{end}” is not after the start.")
        return minutes
    if row.service is not None:
        return row.service.duration_minutes
    raise ValueUnreadable("No length: give a duration or an end, or map the service.")


def _clash(session: Session, row: _BookingRow, booked_in_file: list[_BookingRow]) -> str:
    """Why the booking cannot have its time: another booking here or above it in the file."""
    assert row.starts_at and row.ends_at and row.provider
    starts, ends = row.starts_at, row.ends_at
    for whose, what in (
        (Appointment.provider_id == row.provider.id, f"{row.provider.display_name} is"),
        (Appointment.client_id == row.client_id, "The client is"),
    ):
        clash = first_clash(session, whose, starts, ends, None)
        if clash is not None:
            return f"{what} booked already at that time here."
    for other in booked_in_file:
        assert other.starts_at and other.ends_at and other.provider
        if other.starts_at < ends and starts < other.ends_at:
            if other.provider.id == row.provider.id or other.client_id == row.client_id:
                return f"Overlaps the booking on row {other.number}."
    return ""


def _problem(
    row: _BookingRow, choices: ImportChoices, kind: ProblemKind, key: str, message: str
) -> None:
    row.problems.append(RowProblem(row.number, kind, key, message))
    resolution = choices.resolution(kind)
    if resolution is Resolution.SKIP_ROW:
        row.action, row.why = RowAction.SKIP, "Row skipped."
    elif resolution is Resolution.IMPORT_ANYWAY:
        row.why = "Imported as it stands, as chosen."


def _skipped(row: _BookingRow) -> bool:
    """Whether a problem found so far skips the row (a function: the checks change it)."""
    return row.action is RowAction.SKIP


def _row_key(cells: tuple[str, ...]) -> str:
    """For a file without booking ids: the row itself, so that importing it again finds it."""
    return "row:" + hashlib.sha256("\x1f".join(cells).encode()).hexdigest()[:32]
