"""The "Closures and time off" page of Clinic set-up: the coming closures and blocks listed, a
day closed and a block removed with real clicks and keys, the calendar greyed at once."""

from datetime import time

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QToolButton,
)

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.services.clinic.time_off import add_time_off
from medspa_desk.ui.calendar.cell_content import UNBOOKABLE_PAPER
from tests.ui.calendar_fixtures import FRIDAY, THURSDAY, show_day
from tests.ui.conftest import find, named, sign_in_as
from tests.ui.test_clinic_setup_menu_and_shelf import page

LEFT = Qt.MouseButton.LeftButton
ROW_9_00, AVA, MIA = 4, 0, 1


@pytest.fixture
def set_up(qtbot, window, desk, clinic) -> QDialog:
    """Nora (the manager) at the desk, and the set-up opened from the toolbar."""
    sign_in_as(qtbot, window, "Nora Quinn")
    qtbot.mouseClick(find(window, "Clinic set-up", QToolButton), LEFT)
    return find(window, "Clinic set-up", QDialog)


def _texts(listed: QListWidget) -> list[str]:
    return [listed.item(i).text() for i in range(listed.count())]


def test_a_day_closed_on_the_page_is_listed_and_greys_the_calendar(qtbot, window, set_up):
    closures = page(qtbot, set_up, "Closures and time off")
    day = find(closures, "Day to close", QDateEdit)
    day.setDate(QDate(FRIDAY))
    qtbot.mouseClick(find(closures, "Close a day", QPushButton), LEFT)
    dialog = find(set_up, "Close the clinic", QDialog)
    qtbot.keyClicks(find(dialog, "Reason", QLineEdit), "Day after Thanksgiving")
    qtbot.mouseClick(find(dialog, "Close the clinic", QPushButton), LEFT)
    assert not dialog.isVisible()  # no booking on that day: nothing to list
    assert _texts(find(closures, "Coming closures", QListWidget)) == [
        "Friday, November 27 · Day after Thanksgiving"
    ]
    assert find(closures, "Closures message", QLabel).text() == (
        "The clinic is closed on Friday, November 27 (Day after Thanksgiving)."
    )
    grid = show_day(window, FRIDAY)
    cell = grid.model().index(ROW_9_00, MIA)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == UNBOOKABLE_PAPER

    listed = find(closures, "Coming closures", QListWidget)
    listed.setCurrentRow(0)
    qtbot.mouseClick(find(closures, "Remove closure", QPushButton), LEFT)
    assert _texts(listed) == []
    assert grid.model().index(ROW_9_00, MIA).data(Qt.ItemDataRole.BackgroundRole) is None


def test_time_off_is_listed_and_removed_from_the_page(qtbot, window, desk, clinic, set_up):
    zone = desk.settings.zone
    add_time_off(
        desk,
        clinic.staff["Ava Thompson"],
        at_local(THURSDAY, time(9), zone),
        at_local(THURSDAY, time(12), zone),
        "Training",
    )
    grid = show_day(window, THURSDAY)
    closures = page(qtbot, set_up, "Closures and time off")
    qtbot.mouseClick(named(closures, "Remove block"), LEFT)  # nothing chosen yet
    assert find(closures, "Closures message", QLabel).text() == (
        "Choose the time off to remove from the list."
    )
    listed = find(closures, "Coming time off", QListWidget)
    assert _texts(listed) == ["Ava Thompson · Training · Nov 26, 9:00 AM–12:00 PM"]
    assert grid.model().index(ROW_9_00, AVA).data() == "Training"
    listed.setCurrentRow(0)
    qtbot.mouseClick(named(closures, "Remove block"), LEFT)
    assert _texts(listed) == []
    assert grid.model().index(ROW_9_00, AVA).data(Qt.ItemDataRole.BackgroundRole) is None
