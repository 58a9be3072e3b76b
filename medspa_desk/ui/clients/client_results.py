"""Clients found, as a Qt table model: Name, Phone, Email, and, where the list points out
possible duplicates, why each one may be the same person."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from medspa_desk.domain.contact_details import phone_for_display
from medspa_desk.services.clients.search import ClientMatch


def display_phone(phone_e164: str | None) -> str:
    """'+14065551234' as '(406) 555-1234', one abroad as '+44 20 7123 4567'; '' for none."""
    return phone_for_display(phone_e164) if phone_e164 else ""


class ClientResultsModel(QAbstractTableModel):
    def __init__(self, parent=None, *, with_reason: bool = False) -> None:
        super().__init__(parent)
        self._headings = (
            ("Name", "Phone", "Email", "Why") if with_reason else ("Name", "Phone", "Email")
        )
        self._matches: list[ClientMatch] = []
        self._texts: list[tuple[str, ...]] = []

    def show_matches(self, matches: list[ClientMatch]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        # Worked out once here rather than on every paint: a phone costs a parse to format.
        self._texts = [
            (match.name, display_phone(match.phone_e164), match.email or "", match.reason)
            for match in self._matches
        ]
        self.endResetModel()

    def client_id_at(self, row: int) -> int | None:
        return self._matches[row].client_id if 0 <= row < len(self._matches) else None

    def row_of(self, client_id: int) -> int | None:
        for row, match in enumerate(self._matches):
            if match.client_id == client_id:
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headings)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headings[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        # The tooltip repeats the text, for an email too long for its column.
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.FontRole and self._matches[index.row()].anonymized:
            font = QFont()
            font.setItalic(True)  # a record kept for the books, no longer a person to call
            return font
        return None
