"""Tab and Shift+Tab leave a table, as they leave any other control; the arrow keys move inside
it (issue 15: the calendar grid, the sale lines and the client results took Tab for their
cells, and a keyboard-only desk was trapped in them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from tests.ui.checkout_fixtures import scan
from tests.ui.conftest import find, sign_in_as


def _tab_out_and_back(qtbot, table: QTableView) -> None:
    """Tab leaves `table`; Shift+Tab from where it went comes back to it; Shift+Tab leaves it
    the other way. Inside, Down moves the current cell and keeps the focus."""
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.hasFocus()
    assert table.currentIndex().row() == min(1, table.model().rowCount() - 1)

    qtbot.keyClick(table, Qt.Key.Key_Tab)
    after = QApplication.focusWidget()
    assert after is not None and after is not table, "Tab stayed in the table"
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is table

    qtbot.keyClick(table, Qt.Key.Key_Backtab)
    before = QApplication.focusWidget()
    assert before is not None and before is not table, "Shift+Tab stayed in the table"


def test_tab_leaves_the_calendar_grid(qtbot, window):
    sign_in_as(qtbot, window, "Nora Quinn")
    _tab_out_and_back(qtbot, find(window, "Day calendar", QTableView))


def test_tab_leaves_the_sale_lines(qtbot, checkout):
    scan(qtbot, checkout, "SKN-001")
    scan(qtbot, checkout, "SKN-004")
    lines = find(checkout, "Sale lines", QTableView)
    assert lines.model().rowCount() == 2
    _tab_out_and_back(qtbot, lines)


def test_tab_leaves_the_client_results(qtbot, clients_view):
    results = find(clients_view, "Client results", QTableView)
    qtbot.waitUntil(lambda: results.model().rowCount() > 1)
    _tab_out_and_back(qtbot, results)
