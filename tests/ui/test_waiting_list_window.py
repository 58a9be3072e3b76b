"""The waiting list beside the calendar (issue 16): a client added with the form, keys and
clicks; a cancellation on the calendar offers the freed time to who on the list it suits, at
once, and the desk books them from it; a call that got no answer is recorded."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
)

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.waiting_list import FreedSlot
from medspa_desk.services.booking.waiting_list import WaitingRequest, add_to_waiting_list
from medspa_desk.storage.models import Appointment, WaitingListEntry, WaitingListOffer
from medspa_desk.ui.calendar.waiting_list_window import WaitingListWindow
from tests.ui.calendar_fixtures import AVA, ROW_9_00, THURSDAY, select_slot
from tests.ui.conftest import find, named

LEFT = Qt.MouseButton.LeftButton


def _open(qtbot, window) -> WaitingListWindow:
    find(window, "Date").setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G, keys)
    waiting = window.findChild(WaitingListWindow)
    assert waiting is not None and waiting.isVisible(), "Ctrl+Shift+G opened no waiting list"
    return waiting


def _tick(qtbot, box: QCheckBox) -> None:
    """A click on the box itself, at the left of its label."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()


def _rows(waiting) -> list[tuple[str, ...]]:
    table = find(waiting, "Waiting clients", QTableWidget)
    return [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]


def test_a_client_is_added_to_the_list_with_the_form(qtbot, window, db, clinic):
    waiting = _open(qtbot, window)
    qtbot.mouseClick(find(waiting, "Add to waiting list", QPushButton), LEFT)
    form = find(waiting, "Add to waiting list form", QDialog)
    client = find(form, "Client", QLineEdit)
    qtbot.keyClicks(client, "sarah")
    qtbot.waitUntil(lambda: find(form, "Client", QLineEdit) is not None)
    qtbot.keyClick(client, Qt.Key.Key_Return)  # the first match
    service = find(form, "Service", QComboBox)
    service.setFocus()
    qtbot.keyClicks(service, "Hydra")
    _tick(qtbot, find(form, "Provider Mia Carter", QCheckBox))
    _tick(qtbot, find(form, "Thursday", QCheckBox))
    qtbot.keyClicks(find(form, "Waiting note"), "Any Thursday")
    qtbot.mouseClick(find(form, "Save waiting list entry", QPushButton), LEFT)

    assert not form.isVisible()
    (row,) = _rows(waiting)
    assert row[1:5] == (
        "Sarah O'Brien",
        "(406) 555-9876",
        "HydraFacial",
        "Mia Carter · Thu · any time",
    )
    with db.reading() as session:
        entry = session.query(WaitingListEntry).one()
        assert (entry.client_id, entry.note) == (clinic.clients["Sarah O'Brien"], "Any Thursday")


def test_a_form_without_a_client_says_so_and_saves_nothing(qtbot, window, db):
    waiting = _open(qtbot, window)
    qtbot.mouseClick(find(waiting, "Add to waiting list", QPushButton), LEFT)
    form = find(waiting, "Add to waiting list form", QDialog)
    qtbot.mouseClick(find(form, "Save waiting list entry", QPushButton), LEFT)
    assert named(form, "Waiting list form problem").text() == "Choose the client who is waiting."
    with db.reading() as session:
        assert session.query(WaitingListEntry).count() == 0


def test_a_cancellation_offers_the_freed_time_and_the_desk_books_from_the_list(
    qtbot, window, desk, db, clinic, jose_tomorrow_at_9
):
    sarah = clinic.clients["Sarah O'Brien"]
    add_to_waiting_list(desk, WaitingRequest(sarah, clinic.services["Neurotoxin"]))
    grid = select_slot(window, THURSDAY, ROW_9_00, AVA)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    dialog = find(window, "Cancel appointment", QDialog)
    find(dialog, "Clinic cancels", QRadioButton).click()
    reason = find(dialog, "Reason", QLineEdit)
    qtbot.keyClicks(reason, "Provider ill")
    qtbot.keyClick(reason, Qt.Key.Key_Return)

    waiting = window.findChild(WaitingListWindow)
    assert waiting is not None and waiting.isVisible(), "the freed time was not offered"
    assert find(waiting, "Freed time", QLabel).text() == (
        "Freed: Thu Nov 26, 9:00–9:45 AM with Ava Thompson. 1 on the waiting list fits, best first."
    )
    assert _rows(waiting)[0][:2] == ("9:00 AM with Ava Thompson", "Sarah O'Brien")
    qtbot.mouseClick(find(waiting, "Book from waiting list", QPushButton), LEFT)

    with db.reading() as session:
        entry = session.query(WaitingListEntry).one()
        new = session.get(Appointment, entry.booked_appointment_id)
        assert (new.client_id, new.provider_id, Status(new.status)) == (
            sarah,
            clinic.staff["Ava Thompson"],
            Status.BOOKED,
        )
    assert named(waiting, "Waiting list message").text() == (
        "Booked Sarah O'Brien at 9:00 AM, from the waiting list."
    )
    assert "Sarah" in grid.model().index(ROW_9_00, AVA).data()


def test_a_call_without_an_answer_is_recorded(qtbot, window, desk, db, clinic, jose_tomorrow_at_9):
    add_to_waiting_list(
        desk, WaitingRequest(clinic.clients["Sarah O'Brien"], clinic.services["Neurotoxin"])
    )
    waiting = _open(qtbot, window)
    with db.reading() as session:
        freed = session.get(Appointment, jose_tomorrow_at_9)
    waiting.offer([FreedSlot(freed.provider_id, freed.starts_at, freed.ends_at)])
    qtbot.mouseClick(find(waiting, "Offer: No answer", QPushButton), LEFT)

    with db.reading() as session:
        assert session.query(WaitingListOffer).one().outcome.value == "no_answer"
    assert _rows(waiting)[0][6] == "1"
