"""The confirmation worklist beside the calendar (issue 16): opened with its key, the next day's
bookings with how to reach each client; a confirmation recorded with a click turns the calendar's
card Confirmed at once; after the deadline the unconfirmed are cancelled as the clinic's, after a
confirmation, and kept when the desk says keep them."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
)

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.storage.models import Appointment, ConfirmationAttempt
from medspa_desk.ui.calendar.calendar_view import CalendarView
from medspa_desk.ui.calendar.cell_content import STATUS_ROLE
from medspa_desk.ui.calendar.confirmation_window import ConfirmationWindow
from tests.ui.conftest import DAY, ZONE, book, find, named
from tests.ui.gestures import cell_centre

TOMORROW = DAY + timedelta(days=1)
ROW_11_00, AVA, MIA = 12, 0, 1


@pytest.fixture
def tomorrow(db, clinic):
    """José at 9:00 with Ava and Sarah at 11:00 with Mia, tomorrow, booked and not confirmed."""
    return {
        "José": book(
            db, client=clinic.clients["José Núñez"], provider=clinic.staff["Ava Thompson"],
            service=clinic.services["Neurotoxin"], day=TOMORROW, starts=time(9), minutes=45,
        ),
        "Sarah": book(
            db, client=clinic.clients["Sarah O'Brien"], provider=clinic.staff["Mia Carter"],
            service=clinic.services["HydraFacial"], day=TOMORROW, starts=time(11), minutes=60,
        ),
    }  # fmt: skip


def _open(qtbot, window) -> ConfirmationWindow:
    """Ctrl+Shift+O pressed where the desk's focus is on the calendar: its date field."""
    date_field = find(window, "Date")
    date_field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, keys)
    worklist = window.findChild(ConfirmationWindow)
    assert worklist is not None, "Ctrl+Shift+O opened no worklist"
    qtbot.waitExposed(worklist)
    return worklist


def _rows(worklist) -> list[tuple[str, ...]]:
    table = find(worklist, "Bookings to confirm", QTableWidget)
    return [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]


def _click_row(qtbot, worklist, row: int) -> None:
    table = find(worklist, "Bookings to confirm", QTableWidget)
    index = table.model().index(row, 1)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(table, index))


def _status(db, appointment_id) -> Status:
    with db.reading() as session:
        return Status(session.get(Appointment, appointment_id).status)


def test_the_next_days_bookings_are_listed_with_how_to_reach_each_client(qtbot, window, tomorrow):
    worklist = _open(qtbot, window)

    assert [row[:2] + row[4:7] for row in _rows(worklist)] == [
        ("9:00 AM", "José Núñez", "(406) 555-1234", "jose.nunez@example.com", "To confirm"),
        ("11:00 AM", "Sarah O'Brien", "(406) 555-9876", "sarah@example.com", "To confirm"),
    ]
    deadline = find(worklist, "Confirmation deadline", QLabel).text()
    assert deadline == "2 to confirm. Replies are due by Wed Nov 25 at 7:00 PM."


def test_a_confirmation_clicked_turns_the_card_confirmed_on_the_calendar(
    qtbot, window, db, tomorrow
):
    calendar = window.view("Calendar")
    calendar.show_day(TOMORROW)
    worklist = _open(qtbot, window)
    _click_row(qtbot, worklist, 1)
    find(worklist, "Reached by", QComboBox).setCurrentText("Text")
    qtbot.mouseClick(find(worklist, "Confirmed", QPushButton), Qt.MouseButton.LeftButton)

    assert _status(db, tomorrow["Sarah"]) is Status.CONFIRMED
    grid = find(window, "Day calendar")
    assert grid.model().index(ROW_11_00, MIA).data(STATUS_ROLE) == Status.CONFIRMED
    sarah = _rows(worklist)[1]
    assert sarah[6] == "Confirmed"
    assert sarah[7] == "Text · Confirmed · Wed Nov 25, 10:12 AM · Lena Ross"
    assert named(worklist, "Confirmations message").text().startswith("Confirmed")


def test_an_unanswered_call_is_recorded_and_the_booking_stays_to_confirm(
    qtbot, window, db, tomorrow
):
    worklist = _open(qtbot, window)
    _click_row(qtbot, worklist, 0)
    qtbot.keyClicks(find(worklist, "Attempt note"), "voicemail full")
    qtbot.mouseClick(find(worklist, "No answer", QPushButton), Qt.MouseButton.LeftButton)

    assert _status(db, tomorrow["José"]) is Status.BOOKED
    with db.reading() as session:
        attempt = session.query(ConfirmationAttempt).one()
        assert (attempt.channel.value, attempt.outcome.value, attempt.note) == (
            "phone",
            "no_answer",
            "voicemail full",
        )
    assert _rows(worklist)[0][6:] == (
        "To confirm",
        "Call · No answer · Wed Nov 25, 10:12 AM · Lena Ross · voicemail full",
    )


def test_after_closing_the_unconfirmed_are_cancelled_by_the_clinic_once_the_desk_agrees(
    qtbot, window, db, clock, tomorrow
):
    clock.set(at_local(DAY, time(19, 0, 1), ZONE))
    worklist = _open(qtbot, window)
    assert [row[6] for row in _rows(worklist)] == ["May be cancelled"] * 2

    qtbot.mouseClick(
        find(worklist, "Cancel all unconfirmed", QPushButton), Qt.MouseButton.LeftButton
    )
    question = find(worklist, "Confirm cancelling unconfirmed bookings", QMessageBox)
    assert "9:00 AM José Núñez" in question.text() and "No fee, no strike" in question.text()
    qtbot.mouseClick(find(question, "Cancel the bookings", QPushButton), Qt.MouseButton.LeftButton)

    assert {_status(db, booking) for booking in tomorrow.values()} == {Status.CANCELLED_BY_CLINIC}
    assert _rows(worklist) == []
    assert (
        named(worklist, "Confirmations message")
        .text()
        .startswith("2 unconfirmed bookings cancelled by the clinic")
    )


def test_keeping_them_cancels_nothing(qtbot, window, db, clock, tomorrow):
    clock.set(at_local(DAY, time(20), ZONE))
    worklist = _open(qtbot, window)
    _click_row(qtbot, worklist, 0)
    qtbot.mouseClick(
        find(worklist, "Cancel selected unconfirmed", QPushButton), Qt.MouseButton.LeftButton
    )
    question = find(worklist, "Confirm cancelling unconfirmed bookings", QMessageBox)
    assert "José Núñez" in question.text() and "Sarah" not in question.text()
    qtbot.mouseClick(find(question, "Keep the bookings", QPushButton), Qt.MouseButton.LeftButton)

    assert {_status(db, booking) for booking in tomorrow.values()} == {Status.BOOKED}


def test_before_the_deadline_nothing_can_be_cancelled(qtbot, window, tomorrow):
    worklist = _open(qtbot, window)
    _click_row(qtbot, worklist, 0)
    assert not named(worklist, "Cancel selected unconfirmed", QPushButton).isEnabled()
    assert not named(worklist, "Cancel all unconfirmed", QPushButton).isEnabled()


def test_show_on_calendar_selects_the_booking_there(qtbot, window, tomorrow):
    worklist = _open(qtbot, window)
    _click_row(qtbot, worklist, 1)
    qtbot.mouseClick(find(worklist, "Show on calendar", QPushButton), Qt.MouseButton.LeftButton)

    calendar = window.view("Calendar")
    assert isinstance(calendar, CalendarView)
    grid = find(window, "Day calendar")
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (ROW_11_00, MIA)
    assert find(window, "Date").date().toPython() == TOMORROW
