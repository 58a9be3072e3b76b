"""Staff can waive a late-cancellation fee from the calendar, with a reason that is kept."""

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QToolBar
from sqlalchemy import select

from medspa_desk.services.booking.call_off import cancel
from medspa_desk.storage.models import ClientFee
from tests.ui.calendar_fixtures import AVA, ROW_9_00, THURSDAY, select_slot, show_day
from tests.ui.conftest import approve_in_prompt, book, find, manager_standing_by, named
from tests.ui.gestures import choose, open_menu, right_click


def test_a_late_cancellation_fee_is_waived_with_a_reason(
    qtbot, window, db, desk, jose_tomorrow_at_9
):
    cancel(desk, jose_tomorrow_at_9, by_clinic=False, reason="Called: car trouble")
    grid = show_day(window, THURSDAY)
    right_click(qtbot, grid, grid.model().index(ROW_9_00, AVA))
    menu = open_menu(window, "Booking actions")
    assert [action.text() for action in menu.actions()] == ["Waive fee…"]
    choose(qtbot, menu, "Waive fee…")
    assert not menu.isVisible()
    dialog = find(window, "Waive fee", QDialog)
    assert (
        "$75.00 late-cancellation fee for José Núñez" in find(dialog, "Fee to waive", QLabel).text()
    )
    qtbot.mouseClick(find(dialog, "Waive fee", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Waiver problem", QLabel).text() == "Say why the fee is waived."
    find(dialog, "Reason", QLineEdit).setText("First time; family emergency")
    nora = manager_standing_by(desk)
    qtbot.mouseClick(find(dialog, "Waive fee", QPushButton), Qt.MouseButton.LeftButton)
    approve_in_prompt(qtbot, dialog)  # Lena is signed in: Nora approves the waiver
    assert not dialog.isVisible()
    with db.reading() as session:
        fee = session.scalars(
            select(ClientFee).where(ClientFee.appointment_id == jose_tomorrow_at_9)
        ).one()
    assert fee.waived_reason == "First time; family emergency" and fee.waived_by_id == nora
    assert "waived" in window.statusBar().currentMessage()


def test_the_waive_fee_key_opens_the_same_dialog(qtbot, window, desk, jose_tomorrow_at_9):
    cancel(desk, jose_tomorrow_at_9, by_clinic=False, reason="Called: car trouble")
    grid = select_slot(window, THURSDAY, ROW_9_00, AVA)
    qtbot.keyClick(
        grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = find(window, "Waive fee", QDialog)
    assert (
        "$75.00 late-cancellation fee for José Núñez" in find(dialog, "Fee to waive", QLabel).text()
    )


def test_a_fee_waived_on_the_calendar_leaves_the_open_profiles_alerts(qtbot, window, desk, clinic):
    visit = book(
        desk.db,
        client=clinic.clients["Sarah O'Brien"],  # no card on file: the fee is owed
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=THURSDAY,
        starts=time(9),
        minutes=45,
    )
    cancel(desk, visit, by_clinic=False, reason="Called: car trouble")
    toolbar = find(window, "Views", QToolBar)
    qtbot.mouseClick(find(toolbar, "Clients"), Qt.MouseButton.LeftButton)
    search = find(window, "Search clients", QLineEdit)
    qtbot.keyClicks(search, "sarah")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert "Fees owed $75.00" in find(window, "Client alerts").accessibleDescription()
    heard: list = []
    window.desk_actions.books_changed.connect(heard.append)

    qtbot.mouseClick(find(toolbar, "Calendar"), Qt.MouseButton.LeftButton)
    grid = select_slot(window, THURSDAY, ROW_9_00, AVA)
    qtbot.keyClick(
        grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = find(window, "Waive fee", QDialog)
    qtbot.mouseClick(find(dialog, "Waive fee", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Waiver problem", QLabel).text() == "Say why the fee is waived."
    assert heard == []  # refused beside the reason: no view is told of a change
    find(dialog, "Reason", QLineEdit).setText("First time; family emergency")
    manager_standing_by(desk)
    qtbot.mouseClick(find(dialog, "Waive fee", QPushButton), Qt.MouseButton.LeftButton)
    approve_in_prompt(qtbot, dialog)  # Lena is signed in: Nora approves the waiver
    assert not dialog.isVisible()
    assert [(notice.appointment_ids, notice.client_ids) for notice in heard] == [
        (frozenset({visit}), frozenset({clinic.clients["Sarah O'Brien"]}))
    ]

    qtbot.mouseClick(find(toolbar, "Clients"), Qt.MouseButton.LeftButton)
    assert "Fees owed" not in named(window, "Client alerts").accessibleDescription()
