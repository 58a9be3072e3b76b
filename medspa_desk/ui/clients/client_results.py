"""The client search results as a Qt table model: Name, Phone, Email."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from medspa_desk.services.client_search import ClientMatch

_COLUMNS = ("Name", "Phone", "Email")
_US_NUMBER = re.compile(r"^\+1(\d{3})(\d{3})(\d{4})$")


def display_phone(phone_e164: str | None) -> str:
    """'+14065551234' as '(406) 555-1234'; numbers outside the US are shown as stored."""
    if not phone_e164:
        return ""
    us_number = _US_NUMBER.match(phone_e164)
    if us_number is None:
        return phone_e164
    area, exchange, line = us_number.groups()
    return f"({area}) {exchange}-{line}"


class ClientResultsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._matches: list[ClientMatch] = []

    def show_matches(self, matches: list[ClientMatch]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        match = self._matches[index.row()]
        # The tooltip repeats the text, for an email too long for its column.
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (match.name, display_phone(match.phone_e164), match.email or "")[index.column()]
        return None
