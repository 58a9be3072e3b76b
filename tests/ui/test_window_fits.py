"""The window fits a 1366×768 laptop and a 1024×700 window (issue 15): every view's controls
inside it, the status bar on the screen with room for a message, every provider's column in
sight or named as out of sight, and a status that reads by its mark, not only by its colour."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QStatusBar, QWidget

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.storage.models import Staff
from medspa_desk.ui.calendar.status_colours import STATUS_MARKS
from tests.ui.conftest import find, named

SIZES = [(1366, 728), (1024, 700)]  # a laptop's screen less its taskbar; a window made small
VIEWS = ["Calendar", "Clients", "Checkout"]


def _inside(window, widget: QWidget) -> bool:
    where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    return window.rect().contains(where)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("view", VIEWS)
def test_every_control_of_each_view_is_inside_the_window(qtbot, window, size, view):
    window.resize(*size)
    qtbot.mouseClick(find(window, view), Qt.MouseButton.LeftButton)  # its toolbar button
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    controls = [
        widget
        for kind in (QAbstractButton, QLineEdit, QComboBox)
        for widget in window.findChildren(kind)
        if widget.isVisible() and widget.window() is window and widget.width() > 0
    ]
    assert controls
    clipped = [w.accessibleName() or type(w).__name__ for w in controls if not _inside(window, w)]
    assert clipped == []
    status_bar = window.findChild(QStatusBar)
    assert status_bar.isVisible() and _inside(window, status_bar)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_status_bar_leaves_room_for_a_message(qtbot, window, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    status_bar = window.findChild(QStatusBar)
    permanent = [
        label
        for label in status_bar.findChildren(QLabel)
        if label.isVisible() and label.parent() is status_bar
    ]
    taken = sum(label.width() for label in permanent)
    message = "Booked Sarah O'Brien on Wed Nov 25 at 11:00 AM."
    assert status_bar.width() - taken > status_bar.fontMetrics().horizontalAdvance(message)


def test_a_provider_column_out_of_sight_is_named(qtbot, window, db):
    with db.writing() as session:
        for name in ("Bea Lind", "Cara Holm", "Dee Moss", "Eve Park", "Fay Quist", "Gil Rowe",
                     "Hal Soto", "Ivy Tran"):  # fmt: skip
            session.add(Staff(display_name=name, role="Aesthetician", is_provider=True))
    window._calendar.refresh()
    hint = named(window, "Columns out of sight", QLabel)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: hint.isVisible())  # ten providers do not fit in 1280 pixels
    grid = find(window, "Day calendar")
    model = grid.model()
    first, last = (
        model.headerData(column, Qt.Orientation.Horizontal)
        for column in (0, model.columnCount() - 1)
    )
    assert hint.text().startswith("Scroll for ") and hint.text().endswith(f"{last} ›")
    assert first not in hint.text()
    grid.horizontalScrollBar().setValue(grid.horizontalScrollBar().maximum())
    assert hint.text().startswith(f"Scroll for ‹ {first}")
    assert last not in hint.text()


def test_each_status_has_a_mark_of_its_own_on_the_calendar():
    shown = [s for s in AppointmentStatus if s.occupies_slot]  # the statuses drawn as cards
    marks = [STATUS_MARKS[status] for status in shown]
    assert len(set(marks)) == len(marks), dict(zip(shown, marks, strict=True))
    assert set(STATUS_MARKS) == set(AppointmentStatus)
