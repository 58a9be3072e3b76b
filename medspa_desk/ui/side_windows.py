"""What the windows beside the desk's (confirmations, the waiting list, the mail queue) share: a
read-only table of rows that Tab leaves, each cell saying its whole text in its tooltip, and a
size that fits the screen, closed with Esc."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)


def row_table(
    name: str, columns: Sequence[str], *, set_widths: Mapping[str, int] | None = None
) -> QTableWidget:
    """A table of whole rows, named `name`: each column as wide as its text, but those in
    `set_widths` (cut with "…"), the last one stretched."""
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column, width in (set_widths or {}).items():
        header.setSectionResizeMode(columns.index(column), QHeaderView.ResizeMode.Interactive)
        header.resizeSection(columns.index(column), width)
    header.setStretchLastSection(True)
    return table


def fill_rows(table: QTableWidget, rows: Sequence[Iterable[str]]) -> list[list[QTableWidgetItem]]:
    """The table's rows, one cell per text, each with its whole text as its tooltip; the cells,
    for the caller to mark."""
    table.setRowCount(len(rows))
    made = []
    for row, texts in enumerate(rows):
        cells = []
        for column, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            table.setItem(row, column, cell)
            cells.append(cell)
        made.append(cells)
    return made


def fit_beside(window: QWidget, width: int, height: int) -> None:
    """`width` × `height`, or less on a small screen; Esc closes it."""
    QShortcut(QKeySequence("Escape"), window, window.close)
    screen = window.screen().availableGeometry()
    window.resize(min(width, screen.width() - 40), min(height, screen.height() - 60))
