"""The clients view: one search box for name, phone or email, and the matching clients below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.services.client_search import search_clients
from medspa_desk.ui.clients.client_results import ClientResultsModel

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

# Long enough that fast typing is one search, short enough that the list keeps up with the eye.
SEARCH_PAUSE_MS = 150
RESULT_LIMIT = 100


class ClientListView(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._model = ClientResultsModel(self)

        self._search_box = QLineEdit()
        self._search_box.setObjectName("client_search")
        self._search_box.setAccessibleName("Search clients")
        self._search_box.setPlaceholderText("Name, phone or email")
        self._search_box.setClearButtonEnabled(True)
        # Qt builds the clear button as an unnamed child of the line edit; it is a button a
        # person can press, so it gets a name like any other.
        for clear_button in self._search_box.findChildren(QToolButton):
            clear_button.setAccessibleName("Clear search")
        self._search_box.setToolTip("Search clients as you type; Enter searches at once")

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._search)
        self._search_box.textChanged.connect(lambda _text: self._pause.start())  # restarts the pause
        self._search_box.returnPressed.connect(self._search_now)

        self._result_count = QLabel()
        self._result_count.setObjectName("result_count")
        self._result_count.setAccessibleName("Result count")

        self._results = self._make_results_table()
        # The down arrow leaves the search box for the list, as in a browser's address bar.
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self._search_box)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self._enter_results)

        layout = QVBoxLayout(self)
        layout.addWidget(self._search_box)
        layout.addWidget(self._result_count)
        layout.addWidget(self._results, 1)
        self.setFocusProxy(self._search_box)

        self._search()  # an empty search lists clients, so the view is never blank

    def _search_now(self) -> None:
        self._pause.stop()
        self._search()

    def _search(self) -> None:
        query = self._search_box.text()
        matches = search_clients(self._desk.db, query, limit=RESULT_LIMIT)
        self._model.show_matches(matches)
        self._result_count.setText(_count_text(query.strip(), len(matches)))

    def _enter_results(self) -> None:
        if self._model.rowCount() == 0:
            return
        self._results.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self._results.currentIndex().isValid():
            self._results.setCurrentIndex(self._model.index(0, 0))

    def _make_results_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("client_results")
        table.setAccessibleName("Client results")
        table.setModel(self._model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setCornerButtonEnabled(False)
        table.verticalHeader().hide()
        table.verticalHeader().setAccessibleName("Result rows")
        columns = table.horizontalHeader()
        columns.setAccessibleName("Result columns")
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        columns.setHighlightSections(False)
        return table


def _count_text(query: str, shown: int) -> str:
    if shown == 0:
        return f"No client matches “{query}”" if query else "No clients yet"
    noun = "client" if shown == 1 else "clients"
    if shown == RESULT_LIMIT:
        return f"{shown} {noun} shown (the first {RESULT_LIMIT}; type more to narrow)"
    return f"{shown} {noun} shown"
