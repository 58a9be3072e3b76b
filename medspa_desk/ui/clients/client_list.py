"""The clients view: one search box for name, phone or email with the matching clients below it,
and the profile of the client opened beside them.

Keyboard first: typing searches; Down steps into the list, Up from its first row back to the
box; Enter opens the profile (from the box, the first match's). Ctrl+N adds a client, Ctrl+F
goes back to the search, Ctrl+E edits the client open. The shortcuts belong to this view only:
the calendar's Ctrl+N books an appointment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.clients.client_profile_view import ClientProfileView
from medspa_desk.ui.clients.client_results import ClientResultsModel
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.clients.client_form import ClientFormDialog

RESULT_LIMIT = 100


class ClientListView(QWidget):
    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self.desk_actions = desk_actions or DeskActions(self)
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
        self._search_box.setToolTip(
            "Search as you type (Ctrl+F); Enter opens the first match, Down goes to the list"
        )
        self._search_box.installEventFilter(self)

        # The search runs as soon as the keystrokes already waiting have been handled: a burst
        # typed faster than the list redraws (or pasted, or replayed by a test) is one search,
        # and yet nobody waits on a timer (a search takes a millisecond or so). It is a queued
        # call, not a 0 ms timer: Qt handles it before the repaint it has queued for the
        # keystroke, so the letter typed and the clients it finds are painted in one go.
        self._search_queued = False
        self._search_box.textChanged.connect(self._queue_search)

        self._new_client = named_button("New client…", "New client", "Add a client (Ctrl+N)")
        self._new_client.clicked.connect(self.open_new_client)
        self._result_count = QLabel()
        self._result_count.setObjectName("result_count")
        self._result_count.setAccessibleName("Result count")
        self._results = self._make_results_table()
        self._results.installEventFilter(self)
        self._results.activated.connect(
            lambda index: self.open_client(self._model.client_id_at(index.row()))
        )

        self.profile = ClientProfileView(desk, desk_actions=self.desk_actions)
        self.desk_actions.books_changed.connect(self._books_changed)

        search_row = QHBoxLayout()
        search_row.addWidget(self._search_box, 1)
        search_row.addWidget(self._new_client)
        finding = QWidget()
        finding_column = QVBoxLayout(finding)
        finding_column.setContentsMargins(0, 0, 0, 0)
        finding_column.addLayout(search_row)
        finding_column.addWidget(self._result_count)
        finding_column.addWidget(self._results, 1)
        finding.setMinimumWidth(260)
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.setObjectName("clients_split")
        sides.setChildrenCollapsible(False)
        sides.addWidget(finding)
        sides.addWidget(self.profile)
        sides.setStretchFactor(1, 1)
        sides.setSizes([380, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(sides)
        self.setFocusProxy(self._search_box)

        for keys, action in (
            ("Ctrl+N", self.open_new_client),
            ("Ctrl+F", self.find_client),
            ("Ctrl+E", self.profile.edit_client),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            # Only while the focus is in this view: the calendar has a Ctrl+N of its own.
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)

        # No search here: showEvent runs one (an empty search lists clients, so the view is never
        # blank), and a window that starts on the calendar need not read every client at start
        # (about 0.15 s on 30,000: the desk's client index reads them off the GUI thread once
        # start-up is done, ui.app.after_start_work, or at its first search if that is sooner).

    # --- what the desk does here --------------------------------------------------------------

    def open_client(self, client_id: int | None) -> None:
        if client_id is None:
            return
        try:
            self.profile.show_client(client_id)
        except DeskRefusal as refusal:  # gone since it was listed (merged, say)
            self.desk_actions.refuse(str(refusal))  # the window's one message line
            return
        self._select(client_id)

    def open_new_client(self) -> ClientFormDialog:
        from medspa_desk.ui.clients.client_form import ClientFormDialog  # loaded when first opened

        dialog = ClientFormDialog(self._desk, None, self, desk_actions=self.desk_actions)
        if self._model.rowCount() == 0:  # the search did not find them: start from what was typed
            dialog.fill_from_search(self._search_box.text())
        dialog.saved.connect(self._client_added)
        dialog.open_existing.connect(self.open_client)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def find_client(self) -> None:
        self._search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search_box.selectAll()

    def showEvent(self, event: QShowEvent) -> None:
        # Back from the calendar or the till, the list searches again and the profile reads the
        # records again: a visit booked or a sale rung up meanwhile shows (a few milliseconds).
        super().showEvent(event)
        self._search_now()
        try:
            self.profile.reload()
        except DeskRefusal as refusal:  # merged away meanwhile, say
            self.desk_actions.refuse(str(refusal))  # the window's one message line

    # --- searching ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self._search_box:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._search_now()
                if self._search_box.text().strip():  # an empty box lists everyone: no first match
                    self.open_client(self._model.client_id_at(0))
                return True
            if key == Qt.Key.Key_Down:
                self._enter_results()
                return True
        elif watched is self._results:
            # Up from the first row, or Esc, goes back to the box, to type another search.
            at_top = key == Qt.Key.Key_Up and self._results.currentIndex().row() <= 0
            if at_top or key == Qt.Key.Key_Escape:
                self.find_client()
                return True
        return super().eventFilter(watched, event)

    def _queue_search(self, _text: str) -> None:
        if not self._search_queued:
            self._search_queued = True
            QMetaObject.invokeMethod(self, "_queued_search", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _queued_search(self) -> None:
        if self._search_queued:  # not searched meanwhile (Enter, say)
            self._search_now()

    def _search_now(self) -> None:
        self._search_queued = False
        self._search()

    def _search(self) -> None:
        query = self._search_box.text()
        matches = self._desk.client_index.search(query, limit=RESULT_LIMIT)
        self._model.show_matches(matches)
        # The rows laid out now, not on the view's own timer after this round's paint: one
        # repaint of the list rather than two (three when its scroll bar comes or goes).
        self._results.doItemsLayout()
        self._result_count.setText(_count_text(query.strip(), len(matches)))
        if self.profile.client_id is not None:
            self._select(self.profile.client_id)

    def _select(self, client_id: int) -> None:
        """Mark the open client in the list, when the search shows them."""
        row = self._model.row_of(client_id)
        if row is not None:
            self._results.setCurrentIndex(self._model.index(row, 0))

    def _enter_results(self) -> None:
        if self._model.rowCount() == 0:
            return
        self._results.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self._results.currentIndex().isValid():
            self._results.setCurrentIndex(self._model.index(0, 0))

    def _client_added(self, client_id: int) -> None:
        self.profile.show_client(client_id)
        self._search_now()  # the notice of the new client follows (DeskActions.run)

    def _books_changed(self, changed: BooksChanged) -> None:
        """A change made anywhere at the desk. While hidden, the list waits: showEvent reads it
        all again when the desk comes back. While shown, a change to a listed client or to the
        open client's visits or purchases is read at once."""
        if not self.isVisible():
            return
        if changed.client_ids:
            self._search_now()
        open_client = self.profile.client_id
        if open_client is not None and (
            open_client in changed.client_ids or not changed.client_ids
        ):
            try:
                self.profile.reload()
            except DeskRefusal as refusal:  # merged away meanwhile, say
                self.desk_actions.refuse(str(refusal))  # the window's one message line

    def _make_results_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("client_results")
        table.setAccessibleName("Client results")
        table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        table.setToolTip(
            "Enter opens the client's profile; Up from the top row goes back to the search"
        )
        table.setModel(self._model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setCornerButtonEnabled(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setAccessibleName("Result rows")
        columns = table.horizontalHeader()
        columns.setAccessibleName("Result columns")
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # A phone is never long: it gets what a number abroad needs (the desk can widen it), names
        # and emails share the rest. Fixed, not fitted to each search's rows: the columns stay
        # put while the desk types, and no row is measured.
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        columns.resizeSection(1, table.fontMetrics().horizontalAdvance("+44 20 7946 0958") + 24)
        columns.setHighlightSections(False)
        return table


def _count_text(query: str, shown: int) -> str:
    if shown == 0:
        return f"No client matches “{query}”: Ctrl+N adds one" if query else "No clients yet"
    noun = "client" if shown == 1 else "clients"
    if shown == RESULT_LIMIT:
        return f"{shown} {noun} shown (the first {RESULT_LIMIT}; type more to narrow)"
    return f"{shown} {noun} shown"
