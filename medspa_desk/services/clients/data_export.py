"""The rights of access and portability the clinic's Privacy Policy promises, for one client.

- Access: client_data_pdf, everything held about the person, readable.
- Portability: client_data_json and client_data_csv, the same data, machine-readable.
(Rectification is records.update_client, which keeps the history of changes; deletion,
"subject to legal obligations", is anonymization.anonymize_client.)

What is held about a person is services.clients.held_data.client_data; this module writes it as
a file and notes in the audit log that it left the desk.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from medspa_desk.domain.client_data import DataValue
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clients.held_data import client_data
from medspa_desk.services.clients.usable_client import current_client
from medspa_desk.services.desk import Desk
from medspa_desk.services.staff_access.permissions import require

EXPORT_FORMATS = ("json", "csv", "pdf")


def client_data_json(desk: Desk, client_id: int) -> str:
    return json.dumps(client_data(desk, client_id), ensure_ascii=False, indent=2)


def client_data_csv(desk: Desk, client_id: int) -> str:
    """The same data as one CSV table: section, record, field, value.

    `record` numbers the records of a section from 1; `field` is the path to a value inside its
    record, nested parts joined by dots and list items numbered from 1 ("starts_at.local",
    "lines.2.total_cents"); `value` is the text of the value ("" for none, true/false). One
    long table keeps every section in one file that any spreadsheet opens, with nothing lost.
    Write it as UTF-8 with a byte-order mark, so that Excel reads "Núñez" right.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("section", "record", "field", "value"))
    for section, records in client_data(desk, client_id).items():
        for number, record in enumerate(records, 1):
            for field, value in _flattened(record):
                writer.writerow((section, number, field, _csv_text(value)))
    return out.getvalue()


def client_data_pdf(desk: Desk, client_id: int) -> bytes:
    from medspa_desk.documents.client_data_report import client_data_report_pdf  # ReportLab

    return client_data_report_pdf(client_data(desk, client_id))


def client_data_file(desk: Desk, client_id: int, file_format: str) -> bytes:
    """The bytes of a client's data file: "pdf" (access), "json" or "csv" (portability)."""
    if file_format == "pdf":
        return client_data_pdf(desk, client_id)
    if file_format == "csv":
        return client_data_csv(desk, client_id).encode("utf-8-sig")  # Excel reads "Núñez" right
    if file_format == "json":
        return client_data_json(desk, client_id).encode("utf-8")
    raise ValueError(f"no client data format {file_format!r}")


def record_client_export(desk: Desk, client_id: int, file_format: str) -> None:
    """Note in the audit log that the client's data left the desk (after the file is written)."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.EXPORT_CLIENT_DATA)
        current_client(session, client_id)
        detail = {"format": file_format}
        record_audit(session, desk.staff_id, "client.exported", f"client:{client_id}", detail, now)


def _flattened(value: DataValue, path: str = "") -> Iterator[tuple[str, DataValue]]:
    """(path, scalar) pairs of a record: nested dicts joined by dots, list items numbered."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flattened(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for number, item in enumerate(value, 1):
            yield from _flattened(item, f"{path}.{number}")
    else:
        yield path, value


def _csv_text(value: DataValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
