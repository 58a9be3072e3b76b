"""Every shortcut a view advertises works from wherever the focus is in that view (issue 15): F5
for cash did nothing unless the focus was already in the payment panel. Each is pressed, once what
it needs is on the screen, from the field a person lands in (the till's product field, the
clients' search box) or, on the calendar, from its one text field, the date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from tests.ui.checkout_fixtures import click, pay_cash, scan, text_of
from tests.ui.conftest import DAY, find, named


def press(qtbot, keys: str) -> None:
    """`keys` pressed where the focus is, as a person presses them."""
    combination = QKeySequence(keys)[0]
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, combination.key(), combination.keyboardModifiers())


def focused_name() -> str:
    focus = QApplication.focusWidget()
    return focus.accessibleName() if focus is not None else ""


def _land_in(qtbot, view: QWidget) -> None:
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: view.isAncestorOf(QApplication.focusWidget()))


# --- the till -----------------------------------------------------------------------------------


def _a_line(qtbot, view, _till) -> None:
    scan(qtbot, view, "SKN-004")


def _a_line_and_a_client(qtbot, view, till) -> None:
    _a_line(qtbot, view, till)
    client = find(view, "Sale client", QLineEdit)
    qtbot.keyClicks(client, "jose")
    qtbot.keyClick(client, Qt.Key.Key_Return)


def _the_visit_with_its_deposit(_qtbot, view, till) -> None:
    view.start_for_appointment(till.ids.visit)


def _paid(qtbot, view, till) -> None:
    _a_line(qtbot, view, till)
    pay_cash(qtbot, view, "50")


def _completed(qtbot, view, till) -> None:
    _paid(qtbot, view, till)
    click(qtbot, view, "Complete sale")


def _shown(name: str) -> Callable:
    return lambda view, _answers: named(view, name).isVisible()


def _focus_on(name: str) -> Callable:
    return lambda _view, _answers: focused_name() == name


TILL_SHORTCUTS = {
    "F5": (_a_line, _focus_on("Cash given")),
    "F6": (_a_line, _shown("Card payment approval code")),
    "F7": (_a_line, _shown("Gift card code")),
    "F8": (_a_line_and_a_client, _shown("Credit amount")),
    "F9": (_the_visit_with_its_deposit, _shown("Held deposit")),
    "F2": (_paid, _focus_on("Scan or search product")),
    "Ctrl+L": (_a_line, _focus_on("Sale client")),
    "Ctrl+T": (_a_line, _focus_on("Tip")),
    "Ctrl+D": (_a_line, _shown("Discount amount")),
    "Ctrl+Shift+S": (_a_line, _shown("Service to add")),
    "Ctrl+G": (_a_line, _shown("Gift card value")),
    "Ctrl+N": (_a_line, lambda view, _answers: text_of(view, "Sale total") == "$0.00"),
    "F12": (_paid, _shown("Sale outcome")),
    "Ctrl+P": (_completed, lambda _view, answers: len(answers.printed) == 1),
}


@pytest.mark.parametrize("keys", TILL_SHORTCUTS)
def test_each_till_shortcut_works_from_where_the_desk_is(qtbot, checkout, till, answers, keys):
    prepare, done = TILL_SHORTCUTS[keys]
    prepare(qtbot, checkout, till)
    assert not done(checkout, answers)
    _land_in(qtbot, checkout)
    press(qtbot, keys)
    qtbot.waitUntil(lambda: done(checkout, answers))


# --- the clients --------------------------------------------------------------------------------


def _dialog_shown(view, name: str) -> bool:
    return any(d.accessibleName() == name and d.isVisible() for d in view.findChildren(QDialog))


def test_ctrl_e_edits_the_client_opened_from_the_search_box(qtbot, clients_view, jose):
    box = find(clients_view, "Search clients")
    qtbot.keyClicks(box, "Jose")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # opens the first match; the focus stays in the box
    assert box.hasFocus()
    press(qtbot, "Ctrl+E")
    assert _dialog_shown(clients_view, "Edit client form")


def test_ctrl_n_adds_a_client_and_ctrl_f_goes_back_to_the_search(qtbot, clients_view, jose):
    _land_in(qtbot, clients_view)
    press(qtbot, "Ctrl+N")
    assert _dialog_shown(clients_view, "New client form")
    qtbot.keyClick(
        QApplication.activeModalWidget() or QApplication.focusWidget(), Qt.Key.Key_Escape
    )
    clients_view.open_client(jose.client_id)
    find(clients_view, "Profile sections").setFocus()
    press(qtbot, "Ctrl+F")
    assert focused_name() == "Search clients"


# --- the calendar -------------------------------------------------------------------------------

ROW_10_00, AVA = 8, 0


def _visible_dialogs(window) -> set[str]:
    return {d.accessibleName() for d in window.findChildren(QDialog) if d.isVisible()}


def _week_shown(window) -> bool:
    return any(
        w.accessibleName() == "Week calendar" and w.isVisible()
        for w in window.findChildren(QWidget)
    )


def _said(text: str) -> Callable:
    return lambda window: window.statusBar().currentMessage() == text


def _opened(name: str) -> Callable:
    return lambda window: name in _visible_dialogs(window)


def _on_day(day: date) -> Callable:
    return lambda window: window._calendar._date_edit.date().toPython() == day


# Each with what a person sees it do for José's 10:00, twelve minutes late: a dialog, or the
# sentence saying why not, or the day or the view changed.
CALENDAR_SHORTCUTS = {
    "Ctrl+N": _opened("Book appointment"),
    "Ctrl+I": _opened("Late arrival"),
    "Ctrl+R": _opened("Move appointment"),
    "Ctrl+Shift+N": _opened("Mark no-show"),
    "Ctrl+Shift+P": _said(
        "This visit has already started: a deposit is taken only for a booking still to come."
    ),
    "Ctrl+Shift+C": _opened("Fees to charge"),
    "Ctrl+Shift+F": _said("Select a late-cancelled or no-show booking with a fee to waive."),
    "Ctrl+K": _said("Check the client in first: a visit is checked out once they have arrived."),
    "Alt+Left": _on_day(DAY - timedelta(days=1)),
    "Alt+Right": _on_day(DAY + timedelta(days=1)),
    "Ctrl+Shift+W": _week_shown,
}


@pytest.mark.parametrize("keys", CALENDAR_SHORTCUTS)
def test_each_calendar_shortcut_works_from_the_date_field(qtbot, window, keys):
    """The date field is the one text field of the calendar: the keys must not stop in it."""
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(ROW_10_00, AVA))
    find(window, "Date").setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focused_name() == "Date")
    done = CALENDAR_SHORTCUTS[keys]
    assert not done(window)
    press(qtbot, keys)
    qtbot.waitUntil(lambda: done(window))


def test_ctrl_t_brings_the_calendar_back_to_today(qtbot, window):
    grid = find(window, "Day calendar")
    grid.setFocus()
    press(qtbot, "Alt+Right")
    press(qtbot, "Alt+Right")
    assert not _on_day(DAY)(window)
    find(window, "Date").setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, "Ctrl+T")
    assert _on_day(DAY)(window)


def test_del_cancels_the_booking_selected_in_the_grid(qtbot, window):
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(ROW_10_00, AVA))
    grid.setFocus()
    press(qtbot, "Del")
    assert _opened("Cancel appointment")(window)


# --- the window ---------------------------------------------------------------------------------


def test_the_windows_keys_work_from_a_text_field_of_each_view(qtbot, window):
    press(qtbot, "Ctrl+2")
    qtbot.waitUntil(lambda: focused_name() == "Search clients")
    press(qtbot, "Ctrl+3")
    qtbot.waitUntil(lambda: focused_name() == "Scan or search product")
    press(qtbot, "Ctrl+1")
    qtbot.waitUntil(lambda: find(window, "Day calendar").isVisible())
    press(qtbot, "Ctrl+2")
    qtbot.waitUntil(lambda: focused_name() == "Search clients")
    press(qtbot, "Ctrl+Shift+L")
    qtbot.waitUntil(lambda: find(window, "Who is signing in").isVisible())


def test_ctrl_e_from_the_search_box_of_the_window_edits_the_client_opened(qtbot, window):
    press(qtbot, "Ctrl+2")
    qtbot.waitUntil(lambda: focused_name() == "Search clients")
    qtbot.keyClicks(QApplication.focusWidget(), "jose")
    press(qtbot, "Return")  # opens José's profile; the keyboard stays in the box
    assert focused_name() == "Search clients"
    press(qtbot, "Ctrl+E")
    assert _dialog_shown(window, "Edit client form")
