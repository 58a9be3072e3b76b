"""Staff can waive a late-cancellation fee from the calendar, with a reason that is kept."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton
from sqlalchemy import select

from medspa_desk.services.booking.call_off import cancel
from medspa_desk.storage.models import ClientFee
from tests.ui.calendar_fixtures import AVA, ROW_9_00, THURSDAY, select_slot, show_day
from tests.ui.conftest import find
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
    qtbot.mouseClick(find(dialog, "Waive fee", QPushButton), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with db.reading() as session:
        fee = session.scalars(
            select(ClientFee).where(ClientFee.appointment_id == jose_tomorrow_at_9)
        ).one()
    assert fee.waived_reason == "First time; family emergency" and fee.waived_by_id == desk.staff_id
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
