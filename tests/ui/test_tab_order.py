"""Tab goes from control to control in the order they are seen, and leaves each in one press
(issue 15): the calendar grid, the sale lines and the client results took Tab for their cells,
and the date field for its day, month and year, so a keyboard-only desk was trapped in them.
Inside a table the arrow keys move."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QToolButton

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


def _tab_chain(qtbot, start, presses: int) -> list[str]:
    """The accessible names Tab visits from `start`, one per press."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited = []
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget().accessibleName())
    return visited


def test_tab_goes_round_the_calendar_in_the_order_it_is_seen(qtbot, window):
    sign_in_as(qtbot, window, "Nora Quinn")
    grid = find(window, "Day calendar", QTableView)
    day = ["Previous day", "Today", "Next day", "Day view", "Week view", "Book", "Date"]
    # One press per control: the date is left by one Tab, not one per day, month and year.
    assert _tab_chain(qtbot, grid, 10) == [*day, "Confirmations", "Waiting list", "Day calendar"]

    qtbot.mouseClick(find(window, "Week view", QToolButton), Qt.MouseButton.LeftButton)
    week = find(window, "Week calendar", QTableView)
    qtbot.waitUntil(week.isVisible)
    # The week's provider list is reached too, beside the week button.
    assert _tab_chain(qtbot, week, 11) == [
        "Previous week", "Today", "Next week", "Day view", "Week view", "Provider", "Book", "Date",
        "Confirmations", "Waiting list", "Week calendar",
    ]  # fmt: skip


def test_tab_goes_round_the_till_and_reaches_the_client_field(qtbot, checkout):
    chain = _tab_chain(qtbot, find(checkout, "Scan or search product"), 18)
    assert chain[:5] == [
        "Sale lines",
        "Add service line",
        "Sell gift card",
        "Prepay a booking",
        "Tip",
    ]
    # Round from the last control to the first: the client's field, then the product field (a
    # focus proxy on the view made Tab skip the client's field).
    assert chain[-5:] == [
        "More",
        "Start new sale",
        "Sale client",
        "Scan or search product",
        "Sale lines",
    ]
