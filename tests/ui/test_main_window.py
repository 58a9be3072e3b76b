"""The main window: its views and how to reach them, its status bar, and what it remembers."""

from datetime import datetime, time

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QPushButton,
    QWidget,
)

from medspa_desk.ui.main_window import MainWindow, first_size, load_style_sheet
from tests.ui.accessible_names import INTERACTIVE, is_inside_qt_internals
from tests.ui.conftest import DAY, ZONE, find, named


def test_the_window_is_titled_with_the_clinic_name(window):
    assert window.windowTitle() == "406MedicalSpa — medspa_desk"


def test_ctrl_and_a_number_switch_views(qtbot, window):
    for key, view, shown in (
        (Qt.Key.Key_2, "Clients", "Search clients"),
        (Qt.Key.Key_3, "Checkout", "Sale lines"),
        (Qt.Key.Key_1, "Calendar", "Day calendar"),
    ):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert find(window, shown).isVisible()
        assert find(window, view).isChecked()
        assert [
            name for name in ("Calendar", "Clients", "Checkout") if find(window, name).isChecked()
        ] == [view]


def test_toolbar_buttons_switch_views(qtbot, window):
    qtbot.mouseClick(find(window, "Checkout"), Qt.MouseButton.LeftButton)
    assert find(window, "Sale lines").isVisible()
    assert not named(window, "Day calendar").isVisible()
    qtbot.mouseClick(find(window, "Clients"), Qt.MouseButton.LeftButton)
    assert find(window, "Client results").isVisible()
    assert find(window, "Clients").isChecked() and not find(window, "Checkout").isChecked()


def test_switching_to_clients_puts_the_cursor_in_the_search_box(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(find(window, "Search clients").hasFocus)


def test_the_window_builds_clients_and_checkout_when_first_shown(qtbot, window):
    from medspa_desk.ui.checkout.sale_view import SaleView
    from medspa_desk.ui.clients.client_list import ClientListView

    assert not window.findChildren(SaleView) and not window.findChildren(ClientListView)
    qtbot.mouseClick(find(window, "Checkout"), Qt.MouseButton.LeftButton)
    assert window._views.currentWidget() is window._checkout
    assert find(window, "Sale lines").isVisible() and len(window.findChildren(SaleView)) == 1
    qtbot.mouseClick(find(window, "Calendar"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(window, "Checkout"), Qt.MouseButton.LeftButton)
    assert len(window.findChildren(SaleView)) == 1  # built once
    clients = window.view("Clients")
    stacked = [window._views.widget(i) for i in range(window._views.count())]
    assert stacked == [window._calendar, clients, window._checkout]  # the toolbar's order


def test_view_buttons_show_their_shortcut_in_the_tooltip(window):
    assert find(window, "Calendar").toolTip() == "Calendar (Ctrl+1)"
    assert find(window, "Clients").toolTip() == "Clients (Ctrl+2)"
    assert find(window, "Checkout").toolTip() == "Checkout (Ctrl+3)"


def test_every_interactive_widget_has_an_accessible_name(window):
    find(window, "Date", QDateEdit).calendarWidget()  # build the date popup, so it is checked too
    for view in ("Clients", "Checkout"):  # built when first shown: build them, so they are checked
        window.view(view)
    unnamed = [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for widget in window.findChildren(QWidget)
        if isinstance(widget, INTERACTIVE)
        and not widget.accessibleName()
        and not is_inside_qt_internals(widget, window)
    ]
    assert unnamed == []


def test_the_status_bar_shows_clinic_today_and_database(window, desk):
    assert find(window, "Clinic").text() == "406MedicalSpa"
    assert find(window, "Today's date", QLabel).text() == "Wednesday, November 25, 2026"
    database = find(window, "Database")
    assert (database.text(), database.toolTip()) == ("Database: t.sqlite3", str(desk.db.path))


def test_the_date_in_the_status_bar_rolls_over_at_midnight(window, clock):
    clock.set(datetime(2026, 11, 26, 0, 0, 30, tzinfo=ZONE))
    window.findChild(QTimer, "clock_tick").timeout.emit()
    assert find(window, "Today's date", QLabel).text() == "Thursday, November 26, 2026"


def test_the_date_is_the_clinic_s_even_when_utc_is_already_tomorrow(qtbot, desk, clock):
    clock.set(datetime.combine(DAY, time(21, 30), tzinfo=ZONE))  # 04:30 UTC the next day
    window = MainWindow(desk)
    qtbot.addWidget(window)
    assert named(window, "Today's date", QLabel).text() == "Wednesday, November 25, 2026"


@pytest.mark.parametrize(
    ("room", "opens"),
    [
        ((1920, 1040), (1280, 800, False)),  # the desk PC's screen, its taskbar aside
        ((1280, 840), (1280, 800, False)),  # just room enough, with the title bar
        ((1366, 728), (1280, 688, True)),  # a 1366×768 laptop: maximized, the status bar seen
        ((1024, 700), (1024, 660, True)),
    ],
)
def test_a_new_window_opens_at_a_comfortable_size_or_maximized_on_a_small_screen(room, opens):
    assert first_size(*room) == opens


def test_on_the_offscreen_800_pixel_screen_a_new_window_opens_maximized(qtbot, desk):
    window = MainWindow(desk)
    qtbot.addWidget(window)
    assert window.windowState() & Qt.WindowState.WindowMaximized


def test_the_window_size_is_remembered(qtbot, desk, tmp_path):
    ini = str(tmp_path / "w.ini")
    first = MainWindow(desk, window_settings=QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(
        780, 560
    )  # inside the offscreen screen (800x800), which Qt fits restored windows to
    first.close()

    second = MainWindow(desk, window_settings=QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (780, 560)


def test_checkout_opens_on_an_empty_walk_in_sale_that_cannot_be_completed(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    lines = find(window, "Sale lines").model()
    headers = [
        lines.headerData(column, Qt.Orientation.Horizontal) for column in range(lines.columnCount())
    ]
    assert headers == ["Item", "Qty", "Price", "Discount", "Amount"]
    assert lines.rowCount() == 0
    assert find(window, "Sale total").text() == "$0.00"
    assert find(window, "Sale status").text() == "Walk-in sale"
    assert not named(window, "Complete sale", QPushButton).isEnabled()


def test_the_style_sheet_ships_with_the_package_and_parses(qtbot, window, qtlog):
    sheet = load_style_sheet()
    assert "QTableView" in sheet
    window.setStyleSheet(sheet)  # on the window, not the application: other tests stay unstyled
    window.grab()  # styling is applied while painting; a sheet Qt cannot parse is logged then
    assert [r.message for r in qtlog.records if "style" in r.message.lower()] == []


def test_the_late_count_is_in_the_status_bar(window):
    assert (
        find(window, "Late arrivals", QLabel).text() == "1 late"
    )  # José, 12 minutes late at 10:12
