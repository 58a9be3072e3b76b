"""Clients found, as a Qt table model: Name, Phone, Email, and, where the list points out
possible duplicates, why each one may be the same person."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from medspa_desk.services.clients.search import ClientMatch


class ClientResultsModel(QAbstractTableModel):
    def __init__(self, parent=None, *, with_reason: bool = False) -> None:
        super().__init__(parent)
        self._headings = (
            ("Name", "Phone", "Email", "Why") if with_reason else ("Name", "Phone", "Email")
        )
        self._matches: list[ClientMatch] = []

    def show_matches(self, matches: list[ClientMatch]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
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
            match = self._matches[index.row()]
            column = index.column()
            if column == 0:
                return match.name
            if column == 1:
                # Asked only of the rows painted, and formatted once per client (phone_text):
                # a keystroke's list of 100 formats the few phones on screen it has not shown yet.
                return match.phone_text
            return (match.email or "") if column == 2 else match.reason
        if role == Qt.ItemDataRole.FontRole and self._matches[index.row()].anonymized:
            font = QFont()
            font.setItalic(True)  # a record kept for the books, no longer a person to call
            return font
        return None
