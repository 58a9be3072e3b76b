"""Moving out: every client, booking or sale to a CSV or Excel file, so the clinic is never
locked in. The columns are named as the importer knows them (domain.import_columns), so a
clients or bookings export reads straight back in, here or into another copy of the desk.

Columns, by kind (times on the clinic's wall clock, money in dollars with cents):

- clients: Client ID, First Name, Last Name, Mobile Phone, Email, Birthday (YYYY-MM-DD),
  Address, Notes, Email Marketing / SMS Marketing / Phone Marketing (yes, no, or empty: never
  asked), Created (YYYY-MM-DD). Clients merged away or anonymized are left out.
- appointments: Appointment ID, Client ID, Provider, Service, Start (YYYY-MM-DD HH:MM),
  Duration (minutes), Status, Price, Notes; every booking, past and to come.
- sales: Receipt, Business Day, Completed At, Client ID, Items, Subtotal, Discount, Tax, Tip,
  Total, Tenders, Voided (yes/no).

A file holds clients' personal data: written owner-only by the caller, and each export is
recorded in the audit trail (what and how many, nothing of anyone).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Appointment, Client, MarketingConsent, Service, Staff
from medspa_desk.storage.till_models import Sale, SaleLine, SaleTender


class ExportKind(StrEnum):
    CLIENTS = "clients"
    APPOINTMENTS = "appointments"
    SALES = "sales"


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


COLUMNS: dict[ExportKind, tuple[str, ...]] = {
    ExportKind.CLIENTS: (
        "Client ID",
        "First Name",
        "Last Name",
        "Mobile Phone",
        "Email",
        "Birthday",
        "Address",
        "Notes",
        "Email Marketing",
        "SMS Marketing",
        "Phone Marketing",
        "Created",
    ),
    ExportKind.APPOINTMENTS: (
        "Appointment ID",
        "Client ID",
        "Provider",
        "Service",
        "Start",
        "Duration",
        "Status",
        "Price",
        "Notes",
    ),
    ExportKind.SALES: (
        "Receipt",
        "Business Day",
        "Completed At",
        "Client ID",
        "Items",
        "Subtotal",
        "Discount",
        "Tax",
        "Tip",
        "Total",
        "Tenders",
        "Voided",
    ),
}


def export_books(desk: Desk, kind: ExportKind, file_format: ExportFormat) -> tuple[bytes, int]:
    """The file's bytes and how many records it holds; recorded in the audit trail."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        staff_id = require(session, desk, DeskPermission.EXPORT_BOOKS)
        rows = list(_READERS[kind](session, desk))
        record_audit(
            session,
            staff_id,
            "export.books",
            f"export:{kind.value}",
            {"kind": kind.value, "format": file_format.value, "records": len(rows)},
            now,
        )
    return _file(COLUMNS[kind], rows, file_format), len(rows)


def _clients(session: Session, desk: Desk) -> Iterable[list[str]]:
    consents: dict[tuple[int, ConsentChannel], bool] = {}
    newest = select(
        MarketingConsent.client_id, MarketingConsent.channel, MarketingConsent.granted
    ).order_by(MarketingConsent.at, MarketingConsent.id)
    for client_id, channel, granted in session.execute(newest):
        consents[(client_id, channel)] = granted  # the newest per channel stands
    zone = desk.settings.zone
    current = (
        select(Client)
        .where(Client.merged_into_id.is_(None), Client.anonymized_at.is_(None))
        .order_by(Client.id)
    )
    for client in session.scalars(current):
        said = [consents.get((client.id, channel)) for channel in ConsentChannel]
        yield [
            str(client.id),
            client.first_name,
            client.last_name,
            client.phone_e164 or "",
            client.email or "",
            client.birthday.isoformat() if client.birthday else "",
            client.address,
            client.notes,
            *("" if answer is None else "yes" if answer else "no" for answer in said),
            client.created_at.astimezone(zone).date().isoformat(),
        ]


def _appointments(session: Session, desk: Desk) -> Iterable[list[str]]:
    zone = desk.settings.zone
    every = (
        select(Appointment, Staff.display_name, Service.name)
        .join(Staff, Staff.id == Appointment.provider_id)
        .join(Service, Service.id == Appointment.service_id)
        .where(Appointment.status != AppointmentStatus.RESCHEDULED.value)
        .order_by(Appointment.starts_at, Appointment.id)
    )
    for appointment, provider, service in session.execute(every):
        minutes = int((appointment.ends_at - appointment.starts_at).total_seconds() // 60)
        yield [
            str(appointment.id),
            str(appointment.client_id),
            provider,
            service,
            appointment.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            str(minutes),
            appointment.status.label,
            _dollars(appointment.price_cents),
            appointment.notes,
        ]


def _sales(session: Session, desk: Desk) -> Iterable[list[str]]:
    zone = desk.settings.zone
    items: dict[int, list[str]] = {}
    for sale_id, quantity, description in session.execute(
        select(SaleLine.sale_id, SaleLine.quantity, SaleLine.description).order_by(SaleLine.id)
    ):
        items.setdefault(sale_id, []).append(
            description if quantity == 1 else f"{quantity} × {description}"
        )
    tenders: dict[int, list[str]] = {}
    for sale_id, tender, cents in session.execute(
        select(SaleTender.sale_id, SaleTender.kind, func.sum(SaleTender.amount_cents))
        .group_by(SaleTender.sale_id, SaleTender.kind)
        .order_by(SaleTender.sale_id)
    ):
        tenders.setdefault(sale_id, []).append(f"{tender} {_dollars(cents)}")
    for sale in session.scalars(select(Sale).order_by(Sale.receipt_number)):
        yield [
            str(sale.receipt_number),
            sale.business_day.isoformat(),
            sale.completed_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            str(sale.client_id or ""),
            "; ".join(items.get(sale.id, [])),
            _dollars(sale.subtotal_cents),
            _dollars(sale.discount_cents),
            _dollars(sale.tax_cents),
            _dollars(sale.tip_cents),
            _dollars(sale.total_cents),
            "; ".join(tenders.get(sale.id, [])),
            "yes" if sale.voided_at is not None else "no",
        ]


_READERS = {
    ExportKind.CLIENTS: _clients,
    ExportKind.APPOINTMENTS: _appointments,
    ExportKind.SALES: _sales,
}


def _dollars(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _file(headers: Sequence[str], rows: list[list[str]], file_format: ExportFormat) -> bytes:
    if file_format is ExportFormat.CSV:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")  # Excel opens it with its accents
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    out_bytes = io.BytesIO()
    workbook.save(out_bytes)
    return out_bytes.getvalue()
