"""Every interactive widget of every calendar dialog has an accessible name, and Esc closes it."""

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QDialog, QPushButton

from tests.ui.accessible_names import unnamed_widgets
from tests.ui.conftest import book, find, named

FRIDAY = date(2026, 11, 27)


@pytest.fixture
def friday_booking(window, db, clinic):
    book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=FRIDAY,
        starts=time(11),
        minutes=45,
    )
    find(window, "Date", QDateEdit).setDate(QDate(FRIDAY))
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(12, 0))
    return grid


@pytest.mark.parametrize(
    ("key", "modifiers", "name"),
    [
        (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier, "Book appointment"),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier, "Cancel appointment"),
        (Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier, "Move appointment"),
    ],
)
def test_calendar_dialogs_name_every_widget_and_close_on_escape(
    qtbot, window, friday_booking, key, modifiers, name
):
    if name == "Book appointment":
        friday_booking.setCurrentIndex(friday_booking.model().index(20, 1))  # a free slot
    qtbot.keyClick(friday_booking, key, modifiers)
    dialog = find(window, name, QDialog)
    if name == "Book appointment":  # the parts shown on demand are checked too
        qtbot.mouseClick(find(dialog, "New client", QPushButton), Qt.MouseButton.LeftButton)
        named(dialog, "Prepayment required").show()
    assert unnamed_widgets(dialog) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_late_arrival_panel_names_every_widget(qtbot, window):
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(8, 0))  # José, 12 minutes late
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    panel = find(window, "Late arrival", QDialog)
    assert unnamed_widgets(panel) == []
    qtbot.keyClick(panel, Qt.Key.Key_Escape)
    assert not panel.isVisible()


def test_the_appointment_details_name_every_widget_and_close_on_escape(
    qtbot, window, friday_booking
):
    index = friday_booking.currentIndex()
    centre = friday_booking.visualRect(index).center()
    qtbot.mouseDClick(friday_booking.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    details = find(window, "Appointment details", QDialog)
    assert unnamed_widgets(details) == []
    qtbot.keyClick(details, Qt.Key.Key_Escape)
    assert not details.isVisible()
