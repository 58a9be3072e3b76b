"""The profile's tables as Qt models and the read-only views that show them: a client's visits,
purchases, and the changes to their record. Each row is a plain record from
services.clients.profile; each column says how it reads."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.confirmations import ATTEMPT_WORDS
from medspa_desk.domain.contact_details import phone_for_display
from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.strikes import STRIKE_STATUSES
from medspa_desk.domain.time_wording import clock_time, time_range
from medspa_desk.services.clients.profile import FieldChange, Purchase, Visit

STRIKE_TEXT = QColor("#b42318")  # the refusal red: a no-show or late cancel counts against them
FADED_TEXT = QColor("#5b6670")
_CALLED_OFF = frozenset(
    {
        AppointmentStatus.CANCELLED,
        AppointmentStatus.CANCELLED_BY_CLINIC,
        AppointmentStatus.RESCHEDULED,
    }
)
# The change history names fields as the client form does.
FIELD_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "phone": "Phone",
    "email": "Email",
    "birthday": "Birthday",
    "notes": "Notes",
    "emergency_contact_name": "Emergency contact",
    "emergency_contact_phone": "Emergency phone",
    "preferred_channel": "Preferred contact",
    "merged_from_id": "Merged in client #",
    "merge_reason": "Reason for merging",
    "anonymized_at": "Personal data deleted",
    "anonymization_reason": "Reason for deleting",
}
_PHONE_FIELDS = frozenset({"phone", "emergency_contact_phone"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Column:
    heading: str
    text: Callable[[Any], str]
    right_aligned: bool = False  # amounts line up on the decimal point


class ProfileRows(QAbstractTableModel):
    """Rows of one kind of record, in the order the service gives them."""

    def __init__(
        self,
        columns: Sequence[Column],
        parent=None,
        *,
        colour: Callable[[Any], QColor | None] = lambda _row: None,
        struck_out: Callable[[Any], bool] = lambda _row: False,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._colour = colour
        self._struck_out = struck_out
        self._rows: list[Any] = []

    def show_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].heading
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[section].right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row)
        if role == Qt.ItemDataRole.FontRole and self._struck_out(row):
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None


def profile_table(model: ProfileRows, name: str, stretched: tuple[int, ...]) -> QTableView:
    """A read-only table of `model`; the `stretched` columns share the room the others leave."""
    table = QTableView()
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setCornerButtonEnabled(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setAccessibleName(f"{name} rows")
    columns = table.horizontalHeader()
    columns.setAccessibleName(f"{name} columns")
    columns.setHighlightSections(False)
    columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretched:
        columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


def visits_model(zone: ZoneInfo, parent=None) -> ProfileRows:
    return ProfileRows(
        (
            Column("Date", lambda visit: _day(visit.starts_at, zone)),
            Column(
                "Time",
                lambda visit: (
                    "Old system"
                    if visit.imported
                    else time_range(visit.starts_at, visit.ends_at, zone)
                ),
            ),
            Column("Service", lambda visit: visit.service_name),
            Column("Provider", lambda visit: visit.provider_name),
            Column("Status", lambda visit: visit.status.label),
            Column("Price", lambda visit: format_cents(visit.price_cents), right_aligned=True),
        ),
        parent,
        colour=_visit_colour,
    )


def purchases_model(parent=None) -> ProfileRows:
    return ProfileRows(
        (
            Column("Receipt", lambda sale: f"#{sale.receipt_number}"),
            Column("Date", lambda sale: _short_day(sale.business_day)),
            Column("Items", _items),
            Column("Total", lambda sale: format_cents(sale.total_cents), right_aligned=True),
            Column("Status", lambda sale: "Voided" if sale.voided else "Paid"),
        ),
        parent,
        colour=lambda sale: FADED_TEXT if sale.voided else None,
        struck_out=lambda sale: sale.voided,
    )


def changes_model(zone: ZoneInfo, parent=None) -> ProfileRows:
    return ProfileRows(
        (
            Column(
                "When", lambda change: f"{_day(change.at, zone)}, {clock_time(change.at, zone)}"
            ),
            Column("Field", lambda change: FIELD_LABELS.get(change.field, change.field)),
            Column("Was", lambda change: _value(change, change.old_value)),
            Column("Now", lambda change: _value(change, change.new_value)),
            Column("By", lambda change: change.by or "—"),
        ),
        parent,
    )


def _short_day(day: date) -> str:
    """'Sep 9, 2026'."""
    return f"{day:%b} {day.day}, {day.year}"


def _day(instant, zone: ZoneInfo) -> str:
    """'Wed Nov 25, 2026', on the clinic's wall clock."""
    local = instant.astimezone(zone)
    return f"{local:%a} {local:%b} {local.day}, {local.year}"


def _visit_colour(visit: Visit) -> QColor | None:
    if visit.status in STRIKE_STATUSES:
        return STRIKE_TEXT
    if visit.status in _CALLED_OFF:
        return FADED_TEXT
    return None


def _items(sale: Purchase) -> str:
    return "; ".join(
        line.description if line.quantity == 1 else f"{line.quantity} × {line.description}"
        for line in sale.lines
    )


def _value(change: FieldChange, text: str) -> str:
    # Phones are kept as +14065551234 and birthdays as 1988-04-27; the history shows them as
    # the profile does. What is neither any more ("[removed]" after a deletion) is shown as kept.
    if change.field in _PHONE_FIELDS and text.startswith("+"):
        return phone_for_display(text)
    if change.field == "birthday" and _ISO_DAY.fullmatch(text):
        return _short_day(date.fromisoformat(text))
    if change.field == "preferred_channel" and text in set(ConsentChannel):
        return ATTEMPT_WORDS[ConsentChannel(text)]
    return text
