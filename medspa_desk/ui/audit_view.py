"""The manager's audit trail: who did what, when, at which desk, filtered and exported to CSV.

A window beside the desk's (shown with show(), never modal: the calendar stays at hand). Each
change of a filter reads the newest page again; "Older entries" adds the next keyset page below.
The reading itself and who may do it are services.books.audit_reading's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.audit_kinds import AuditKind
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.services.books.audit_reading import (
    AuditFilter,
    AuditPage,
    AuditRow,
    Position,
    audit_page,
    detail_text,
    write_audit_csv,
)
from medspa_desk.services.clinic.staff import staff_records
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.date_fields import DateField
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

COLUMNS = ("When", "Who", "What", "Subject", "Workstation", "Detail")
NOBODY_AT_THE_DESK = "the system"
# A date box at its earliest date means no bound: it shows "Any" there.
NO_BOUND = QDate(2000, 1, 1)
SEARCH_PAUSE_MS = 150
CLIENT_MATCHES = 20


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AuditRow] = []

    def show_rows(self, rows: tuple[AuditRow, ...]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def add_rows(self, rows: tuple[AuditRow, ...]) -> None:
        if not rows:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return f"{row.kind_label} ({row.action})"  # the kind filtered by, the action's name
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return detail_text(row.detail)  # whole, however wide the column
        return None


def _cell(row: AuditRow, column: int) -> str:
    if column == 0:
        at = row.at  # "%-d" is not on every platform: the day and hour without their zero
        return f"{at:%a %b} {at.day}, {at.year} {at.hour % 12 or 12}:{at:%M:%S %p}"
    if column == 1:
        return row.staff_name or NOBODY_AT_THE_DESK
    if column == 2:  # "appointment.checked_in": "Appointment checked in"
        return row.action.replace(".", " ").replace("_", " ").capitalize()
    if column == 3:
        return row.subject.replace(":", " #", 1)
    if column == 4:
        return row.workstation or ""
    return detail_text(row.detail)


class AuditTrailWindow(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit trail")
        self.setAccessibleName("Audit trail")
        self.setObjectName("audit_trail")  # the window closes it when a manager leaves the desk
        self.setModal(False)
        self._desk = desk
        self._older: Position | None = None
        self._filter = AuditFilter()
        # Where Export CSV… writes: asked in a file dialog (a test hands its own path instead).
        self.ask_for_path: Callable[[], Path | None] = self._ask_for_path

        self._person = named_combo("Person")
        self._person.addItem("Anyone", None)
        for record in staff_records(desk):
            gone = "" if record.active else " (retired)"
            self._person.addItem(f"{record.details.name}{gone}", record.staff_id)
        self._client_search = named_field("Client search", "Client number or name")
        self._client = named_combo("Client")
        self._client.addItem("Any client", None)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._find_clients)
        self._client_search.textEdited.connect(lambda _text: self._pause.start())
        self._client_search.returnPressed.connect(self._find_clients)
        self._kind = named_combo("Kind")
        self._kind.addItem("Any kind", None)
        for kind in AuditKind:
            self._kind.addItem(kind.label, kind)
        today = QDate(local_date(desk.clock.now(), desk.settings.zone))
        self._from = self._date_box("From", NO_BOUND)
        self._to = self._date_box("To", today)

        self._model = AuditTableModel(self)
        self._table = QTableView()
        self._table.setAccessibleName("Audit entries")
        self._table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self._table.setModel(self._model)
        self._table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(False)
        self._table.verticalHeader().hide()
        self._table.verticalHeader().setAccessibleName("Audit entry rows")
        header = self._table.horizontalHeader()
        header.setAccessibleName("Audit entry columns")
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._count = QLabel()
        self._count.setAccessibleName("Entries shown")
        self._message = MessageLine("Audit message")
        self._older_button = named_button(
            "Older entries", "Older entries", "Show the next entries, further back"
        )
        self._older_button.clicked.connect(self.show_older)
        self._export = named_button(
            "Export CSV…", "Export CSV", "Every entry the filters show, as a CSV file"
        )
        self._export.clicked.connect(lambda: self.export_csv())
        close = named_button("Close", "Close audit trail")
        close.clicked.connect(self.close)

        filters = QHBoxLayout()
        for combo in (self._person, self._kind):
            combo.setMinimumContentsLength(16)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        for label, field in (
            ("Person", self._person),
            ("Kind", self._kind),
            ("From", self._from),
            ("To", self._to),
        ):
            form = QFormLayout()
            form.addRow(label, field)
            filters.addLayout(form)
        filters.addStretch(1)
        client_row = QFormLayout()
        client = QHBoxLayout()
        client.addWidget(self._client_search, 1)
        client.addWidget(self._client, 1)
        client_row.addRow("Client", client)
        buttons = QHBoxLayout()
        buttons.addWidget(self._count)
        buttons.addStretch(1)
        buttons.addWidget(self._older_button)
        buttons.addWidget(self._export)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(client_row)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._message)
        layout.addLayout(buttons)
        self.resize(1100, 600)

        for combo in (self._person, self._client, self._kind):
            combo.currentIndexChanged.connect(self.read_again)
        for box in (self._from, self._to):
            box.dateChanged.connect(self.read_again)
        self.read_again()

    # --- what the manager does here ---------------------------------------------------------

    def read_again(self) -> None:
        """The newest page for the filters as they are now."""
        self._filter = AuditFilter(
            staff_id=self._person.currentData(),
            client_id=self._client.currentData(),
            kind=self._kind.currentData(),
            from_day=_day(self._from),
            to_day=_day(self._to),
        )
        self._model.show_rows(())
        self._older = None
        self._read(None)

    def show_older(self) -> None:
        if self._older is not None:
            self._read(self._older)

    def export_csv(self, path: Path | None = None) -> int | None:
        """Write what the filters show to `path` (asked for if None); how many entries."""
        if path is None:
            path = self.ask_for_path()
            if path is None:
                return None
        try:
            count = write_audit_csv(self._desk, self._filter, path)
        except (DeskRefusal, OSError) as trouble:
            self._message.refuse(str(trouble) if isinstance(trouble, DeskRefusal) else _os(trouble))
            return None
        self._message.note(f"{count:,} entries exported to {path}.")
        return count

    def _ask_for_path(self) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export the audit trail", "audit-trail.csv", "CSV files (*.csv)"
        )
        return Path(chosen) if chosen else None

    # --- reading ----------------------------------------------------------------------------

    def _read(self, before: Position | None) -> None:
        try:
            page: AuditPage = audit_page(self._desk, self._filter, before=before)
        except DeskRefusal as refusal:
            self._message.refuse(refusal)
            self._older_button.setEnabled(False)
            self._export.setEnabled(False)
            return
        self._message.clear_message()
        self._message.hide()
        self._model.add_rows(page.rows)
        self._older = page.older
        self._older_button.setEnabled(page.has_older)
        self._export.setEnabled(True)
        shown = self._model.rowCount()
        more = ", and older ones" if page.has_older else ""
        self._count.setText(f"{shown:,} entries shown{more}" if shown else "No entries")

    def _find_clients(self) -> None:
        self._pause.stop()
        text = self._client_search.text().strip()
        if text.isdigit():
            text = f"#{text}"  # a number typed is the client number
        self._client.blockSignals(True)
        self._client.clear()
        self._client.addItem("Any client", None)
        if text:
            for match in self._desk.client_index.search(text, CLIENT_MATCHES):
                self._client.addItem(f"{match.name} (#{match.client_id})", match.client_id)
        self._client.setCurrentIndex(1 if self._client.count() > 1 else 0)
        self._client.blockSignals(False)
        self.read_again()

    def _date_box(self, name: str, shown: QDate) -> QDateEdit:
        box = DateField()
        box.setAccessibleName(name)
        box.setCalendarPopup(True)
        box.setDisplayFormat("MMM d, yyyy")
        box.setMinimumDate(NO_BOUND)
        box.setSpecialValueText("Any")  # shown at the minimum: no bound that side
        box.setDate(shown)
        box.calendarWidget().setAccessibleName(f"{name} calendar")
        return box


def _day(box: QDateEdit) -> date | None:
    if box.date() == box.minimumDate():
        return None
    return box.date().toPython()  # type: ignore[no-any-return]


def _os(error: OSError) -> str:
    return f"The file could not be written ({error.strerror or error}): nothing was exported."
