"""The week view: one provider, a column per day from Monday to Sunday."""

from datetime import date, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QToolButton

from medspa_desk.ui.calendar.cell_content import APPOINTMENT_ID_ROLE
from tests.ui.conftest import book, find, named
from tests.ui.gestures import double_click_heading

ROW_10_00 = 8
MONDAY, WEDNESDAY, SUNDAY = 0, 2, 6


def _week(qtbot, window) -> None:
    qtbot.mouseClick(find(window, "Week view"), Qt.MouseButton.LeftButton)


def _headers(grid) -> list[str]:
    model = grid.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_week_view_shows_the_seven_days_of_the_providers_week(qtbot, window, clinic):
    _week(qtbot, window)
    grid = find(window, "Week calendar")
    assert _headers(grid) == [
        "Mon 23",
        "Tue 24",
        "Wed 25 · Today",
        "Thu 26",
        "Fri 27",
        "Sat 28",
        "Sun 29",
    ]
    assert find(window, "Provider", QComboBox).currentText() == "Ava Thompson"
    assert find(window, "Week shown").text() == "Ava Thompson · Nov 23 – 29, 2026"
    assert grid.model().headerData(
        WEDNESDAY, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    ) == ("Wednesday, November 25, 2026")
    model = grid.model()
    assert (
        model.data(model.index(ROW_10_00, WEDNESDAY), APPOINTMENT_ID_ROLE)
        == clinic.appointments["José at 10:00"]
    )
    assert grid.rowSpan(ROW_10_00, WEDNESDAY) == 3
    # The clinic is closed on Sunday: an empty column, still there.
    assert all(model.data(model.index(row, SUNDAY)) is None for row in range(model.rowCount()))


def test_day_and_week_toggle_and_the_provider_list_is_for_the_week_only(qtbot, window):
    day, week = find(window, "Day view", QToolButton), find(window, "Week view", QToolButton)
    provider = named(window, "Provider", QComboBox)
    assert day.isChecked() and not week.isChecked() and not provider.isEnabled()
    _week(qtbot, window)
    assert week.isChecked() and not day.isChecked() and provider.isEnabled()
    qtbot.mouseClick(day, Qt.MouseButton.LeftButton)
    assert _headers(find(window, "Day calendar")) == ["Ava Thompson", "Mia Carter"]
    assert not provider.isEnabled()


def test_choosing_another_provider_shows_their_week(qtbot, window, db, clinic):
    book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=date(2026, 11, 23),
        starts=time(10),
        minutes=60,
    )
    _week(qtbot, window)
    model = find(window, "Week calendar").model()
    assert model.data(model.index(ROW_10_00, MONDAY)) is None
    find(window, "Provider", QComboBox).setCurrentText("Mia Carter")
    assert find(window, "Week shown").text().startswith("Mia Carter · ")
    assert "José Núñez" in model.data(model.index(ROW_10_00, MONDAY))
    assert "José Núñez" not in (model.data(model.index(ROW_10_00, WEDNESDAY)) or "")


def test_previous_and_next_move_by_a_week_in_week_view(qtbot, window):
    _week(qtbot, window)
    following = find(window, "Next week")
    assert following.toolTip() == "Next week (Alt+Right)"
    qtbot.mouseClick(following, Qt.MouseButton.LeftButton)
    assert find(window, "Week shown").text() == "Ava Thompson · Nov 30 – Dec 6, 2026"
    assert find(window, "Date", QDateEdit).date() == QDate(2026, 12, 2)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert find(window, "Week shown").text() == "Ava Thompson · Nov 16 – 22, 2026"


def test_the_week_of_a_provider_opens_from_their_column_heading(qtbot, window):
    double_click_heading(qtbot, find(window, "Day calendar").horizontalHeader(), 1)
    assert find(window, "Week view").isChecked()
    assert find(window, "Week shown").text().startswith("Mia Carter · ")


def test_week_view_keys_are_shown_in_tooltips(window):
    assert find(window, "Day view").toolTip() == "Day view (Ctrl+Shift+D)"
    assert find(window, "Week view").toolTip() == "Week view (Ctrl+Shift+W)"


def test_the_current_time_is_marked_in_todays_column_only(qtbot, window):
    _week(qtbot, window)
    model = find(window, "Week calendar").model()
    assert model.now.lanes == frozenset({WEDNESDAY})
    assert model.headerData(ROW_10_00, Qt.Orientation.Vertical) == "Now 10:12 AM"


def test_the_week_opens_on_the_provider_whose_column_is_selected(qtbot, window):
    grid = find(window, "Day calendar")
    mia = grid.visualRect(grid.model().index(ROW_10_00, 1)).center()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=mia)
    assert grid.currentIndex().column() == 1
    _week(qtbot, window)
    assert find(window, "Provider", QComboBox).currentText() == "Mia Carter"
    assert find(window, "Week shown").text().startswith("Mia Carter · ")
