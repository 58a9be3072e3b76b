"""Choosing the client for a booking: search as you type, or add a new client without leaving.

The search is the Clients view's (name, phone or email); a new client is made by the client
records service, which refuses every wrong field at once, each shown under its own field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.services.clients.records import NewClient, create_client
from medspa_desk.services.clients.search import ClientMatch
from medspa_desk.ui.clients.field_problems import FieldProblems
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

# As in the Clients view: fast typing is one search, and the list keeps up with the eye.
SEARCH_PAUSE_MS = 150
MATCHES_SHOWN = 8
# The new-client fields, by the names ClientRefused.problems gives them.
_NEW_CLIENT_FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("phone", "Phone"),
    ("email", "Email"),
)


class ClientPicker(QWidget):
    chosen = Signal(object)  # the client id, or None when the choice is undone

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self.client_id: int | None = None
        self.client_name = ""

        self.search = QLineEdit()
        self.search.setAccessibleName("Client")
        self.search.setPlaceholderText("Search by name, phone or email")
        self.search.setToolTip("Type to search; Enter takes the first match, Down goes to the list")
        self.search.installEventFilter(self)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._search)
        self.search.textEdited.connect(self._typed)

        self._add_new = QPushButton("New client…")
        self._add_new.setAccessibleName("New client")
        self._add_new.setAutoDefault(False)
        self._add_new.clicked.connect(self._open_new_client_form)

        self.matches = QListWidget()
        self.matches.setAccessibleName("Client matches")
        self.matches.setMaximumHeight(130)
        self.matches.currentItemChanged.connect(self._picked)

        self._new_client = QWidget()
        self._new_client.setObjectName("new_client_form")
        self._new_client.setAccessibleName("New client form")
        self._fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self._new_client)
        form.setContentsMargins(0, 0, 0, 0)
        self._problems = FieldProblems(form, "New client problem")
        for field, label in _NEW_CLIENT_FIELDS:
            edit = QLineEdit()
            edit.setAccessibleName(label)
            self._problems.add_field(field, label, edit)
            self._fields[field] = edit
        add = QPushButton("Add client")
        add.setAccessibleName("Add client")
        add.setAutoDefault(False)
        add.clicked.connect(self._add_client)
        back = QPushButton("Back to search")
        back.setAccessibleName("Back to search")
        back.setAutoDefault(False)
        back.clicked.connect(self._close_new_client_form)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(back)
        buttons.addStretch(1)
        form.addRow(self._problems.whole_form)
        form.addRow(buttons)
        self._new_client.hide()

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self._add_new)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(self.matches)
        layout.addWidget(self._new_client)
        self._search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # In the search box Enter takes the first match, rather than pressing the dialog's
        # default button with no client chosen; Down steps into the list.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.client_id is None:
                self._pause.stop()
                self._search()
                if self.matches.count():
                    self.matches.setCurrentRow(0)
                return True
            if event.key() == Qt.Key.Key_Down and self.matches.count():
                self.matches.setFocus()
                self.matches.setCurrentRow(max(self.matches.currentRow(), 0))
                return True
        return super().eventFilter(watched, event)

    def _typed(self, _text: str) -> None:
        self._choose(None, "")
        self.matches.show()
        self._pause.start()  # restarts the pause

    def _search(self) -> None:
        self._show_matches(self._desk.client_index.search(self.search.text(), limit=MATCHES_SHOWN))

    def _show_matches(self, matches: list[ClientMatch]) -> None:
        self.matches.blockSignals(True)
        self.matches.clear()
        for match in matches:
            details = [part for part in (match.phone_text, match.email or "") if part]
            item = QListWidgetItem(" · ".join([match.name, *details]))
            item.setData(Qt.ItemDataRole.UserRole, (match.client_id, match.name))
            self.matches.addItem(item)
        self.matches.blockSignals(False)

    def _picked(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            self._choose(None, "")
            return
        client_id, name = item.data(Qt.ItemDataRole.UserRole)
        self.search.setText(name)  # setText, unlike typing, does not start a new search
        self._choose(client_id, name)
        # The choice made, the list gives its room back to the rest of the form; typing again
        # brings it back.
        self.matches.hide()
        self.search.setFocus()

    def choose(self, client_id: int, name: str) -> None:
        """Start with a client already chosen (booking from their profile)."""
        self.search.setText(name)  # setText, unlike typing, does not start a new search
        self._choose(client_id, name)

    def _choose(self, client_id: int | None, name: str) -> None:
        if client_id == self.client_id:
            return
        self.client_id, self.client_name = client_id, name
        self.chosen.emit(client_id)

    def _open_new_client_form(self) -> None:
        words = self.search.text().split()
        if words and not any(
            character.isdigit() or character == "@" for character in self.search.text()
        ):
            self._fields["first_name"].setText(words[0])
            self._fields["last_name"].setText(" ".join(words[1:]))
        self._new_client.show()
        self.matches.hide()
        self._fields["first_name"].setFocus()

    def _close_new_client_form(self) -> None:
        self._new_client.hide()
        self.matches.show()
        self.search.setFocus()

    def _add_client(self) -> None:
        self._problems.clear()
        new = NewClient(**{field: edit.text() for field, edit in self._fields.items()})
        self._desk_actions.run(
            lambda: create_client(self._desk, new),
            lambda client_id: BooksChanged.of(clients=[client_id]),
            lambda client_id: self._added(client_id, new),
            refuse_here=self._problems.refuse,  # every wrong field at once, each under its own
        )

    def _added(self, client_id: int, new: NewClient) -> None:
        name = f"{new.first_name.strip()} {new.last_name.strip()}"
        self._show_matches([ClientMatch(client_id, name, None, new.email.strip() or None)])
        for edit in self._fields.values():
            edit.clear()
        self._close_new_client_form()
        self.matches.setCurrentRow(0)
