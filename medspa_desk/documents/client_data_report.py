"""The client data report on US Letter: everything the clinic holds about a person, for the
right of access (services.clients.held_data.client_data gives the data, this lays it out).

Each record is one wrapped paragraph of "Label: value" pairs, its lists (an appointment's
history, a sale's lines) indented below it, so ten years of visits stay a readable length.
Empty values are left out; times are the clinic's wall clock, money is dollars.
"""

from __future__ import annotations

from datetime import datetime

from medspa_desk.documents.text_rows import TextRows, pdf_bytes
from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.client_data import ClientData, DataRecord, DataValue
from medspa_desk.domain.contact_details import phone_for_display
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.time_wording import wall_clock_time

_LETTER = (612.0, 792.0)
_MARGIN = 54.0
_BODY, _SMALL, _HEADING, _TITLE = 9.5, 8.5, 12.0, 16.0
_INDENT = 12.0
_SECTIONS = {
    "client": "Your details",
    "merged_records": "Other records of yours, merged into this one",
    "appointments": "Appointments",
    "fees": "Late-cancellation and no-show fees",
    "booking_payments": "Deposits and prepayments",
    "account_credit": "Account credit",
    "cards_on_file": "Cards on file",
    "sales": "Purchases",
    "gift_cards_bought": "Gift cards bought",
    "marketing_consent": "Marketing consent",
    "record_changes": "Changes to your record",
}
_LABELS = {
    "client_id": "Client number",
    "last4": "Last four digits",
    "card_last4": "Card's last four digits",
    "code_ending": "Code ending",
}
_PHONES = {"phone", "emergency_contact_phone"}
_STATUSES = {"status", "from_status", "to_status"}
_INTRODUCTION = (
    "This report lists everything {clinic} holds about you in its front-desk records, as its "
    "Privacy Policy promises (your right of access). The same data is available as a JSON or "
    "CSV file (your right of portability). Card numbers are never stored: a card on file is "
    "its brand, last four digits and expiry date."
)


def client_data_report_pdf(data: ClientData) -> bytes:
    about, client = data["about"][0], data["client"][0]
    rows = TextRows(_LETTER[0] - 2 * _MARGIN)
    name = f"{client['first_name']} {client['last_name']}"
    rows.line(str(about["clinic"]), size=_TITLE, bold=True)
    rows.line(f"{about['clinic_address']} · {about['clinic_contact']}", size=_SMALL)
    rows.space(10)
    rows.line("Personal data held about you", size=_HEADING, bold=True)
    rows.line(f"{name}, client number {client['client_id']}", size=_HEADING)
    rows.line(f"Prepared {_value('prepared_at', about['prepared_at'])}", size=_SMALL)
    rows.space(6)
    rows.paragraphs(_INTRODUCTION.format(clinic=about["clinic"]), size=_BODY)
    for section, title in _SECTIONS.items():
        records = data.get(section, [])
        rows.space(10)
        rows.line(f"{title} ({len(records)})", size=_HEADING, bold=True)
        rows.rule(space=2)
        if not records:
            rows.line("None.", size=_BODY, indent=_INDENT)
        for record in records:
            _record(rows, record, _INDENT)
    pages = rows.pages(_LETTER[1] - 2 * _MARGIN)
    return pdf_bytes(f"Personal data held about {name}", _LETTER, pages, _MARGIN)


def _record(rows: TextRows, record: DataRecord, indent: float) -> None:
    pairs: list[str] = []
    lists: list[tuple[str, list[DataRecord]]] = []
    for key, value in record.items():
        if isinstance(value, list):
            lists.append((key, value))
        elif value is not None and value != "":
            pairs.append(f"{_label(key)}: {_value(key, value)}")
    rows.space(3)
    rows.line(" · ".join(pairs), size=_BODY, indent=indent)
    for key, items in lists:
        if items:
            rows.line(f"{_label(key)}:", size=_SMALL, bold=True, indent=indent + _INDENT)
        for item in items:
            _record(rows, item, indent + 2 * _INDENT)


def _label(key: str) -> str:
    if key in _LABELS:
        return _LABELS[key]
    return key.removesuffix("_cents").replace("_", " ").capitalize()


def _value(key: str, value: DataValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):  # an instant: {"utc": ..., "local": ...}
        return _instant(value)
    if key.endswith("_cents") and isinstance(value, int):
        return format_cents(value)
    if key in _PHONES and isinstance(value, str):
        return phone_for_display(value)
    if key in _STATUSES and isinstance(value, str):
        return AppointmentStatus(value).label
    return str(value)


def _instant(value: DataRecord) -> str:
    local = datetime.fromisoformat(str(value["local"]))
    return f"{local:%b} {local.day}, {local.year} {wall_clock_time(local)}"
