"""Whose sale it is. A visit's checkout comes with its client; a walk-in sale is nobody's until
the desk searches for the client (name, phone or email, as in the Clients view) and picks one,
which a gift card buyer, account credit, fees and prepayments need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.ui.named_widgets import named_button, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

SEARCH_PAUSE_MS = 150
MATCHES_SHOWN = 6


class SaleClient(QWidget):
    chosen = Signal(object)  # the client id, or None for nobody in particular

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        caption = QLabel("Client:")
        self.search = named_field(
            "Sale client", "Walk-in: search name, phone or email to name the client"
        )
        self.search.setToolTip("Type to search; Down goes to the matches, Enter picks one (Ctrl+L)")
        self.search.installEventFilter(self)
        self.search.textEdited.connect(lambda _text: self._pause.start())
        caption.setBuddy(self.search)
        self._clear = named_button(
            "No client", "No client", "Make this a sale to nobody in particular"
        )
        self._clear.clicked.connect(lambda: self._choose(None, ""))
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._search)
        self.matches = QListWidget()
        self.matches.setAccessibleName("Sale client matches")
        self.matches.setMaximumHeight(120)
        self.matches.itemActivated.connect(self._picked)
        self.matches.hide()

        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.search, 1)
        row.addWidget(self._clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.matches)
        self.setFocusProxy(self.search)

    def show_client(self, name: str, *, fixed: bool) -> None:
        """Show the sale's client; a visit's client is fixed (`fixed`): the visit is theirs."""
        self.search.setText(name)
        self.search.setReadOnly(fixed)
        self._clear.setVisible(not fixed)
        self._clear.setEnabled(bool(name))
        self.matches.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and not self.search.isReadOnly()
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pause.stop()
                self._search()
                if self.matches.count() == 1:
                    self._picked(self.matches.item(0))
                return True
            if event.key() == Qt.Key.Key_Down and self.matches.count():
                self.matches.setFocus()
                self.matches.setCurrentRow(max(self.matches.currentRow(), 0))
                return True
        return super().eventFilter(watched, event)

    def _search(self) -> None:
        self.matches.clear()
        if self.search.isReadOnly() or not self.search.text().strip():
            self.matches.hide()
            return
        for match in self._desk.client_index.search(self.search.text(), limit=MATCHES_SHOWN):
            details = " · ".join(
                part for part in (match.phone_e164 or "", match.email or "") if part
            )
            item = QListWidgetItem(f"{match.name} · {details}" if details else match.name)
            item.setData(Qt.ItemDataRole.UserRole, (match.client_id, match.name))
            self.matches.addItem(item)
        self.matches.setVisible(self.matches.count() > 0)

    def _picked(self, item: QListWidgetItem) -> None:
        client_id, name = item.data(Qt.ItemDataRole.UserRole)
        self._choose(client_id, name)
        self.search.setFocus()

    def _choose(self, client_id: int | None, name: str) -> None:
        self.show_client(name, fixed=False)
        self.chosen.emit(client_id)
