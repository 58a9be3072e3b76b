"""The sign-in screen, the lock and switching user, with the keys and clicks a person uses: the
window shows nothing of the day while locked, the idle lock locks it by itself, and what the
person who left had open (their sale, their other windows) is kept for them alone."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QToolBar,
)
from sqlalchemy import select

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.storage.models import AuditEntry
from medspa_desk.ui.calendar.calendar_view import CalendarView
from medspa_desk.ui.main_window import MainWindow
from tests.approvals import MANAGER_PASSWORD, give_password
from tests.ui.conftest import CTRL_SHIFT, find, named, sign_in_as, sign_in_on_screen


def _actions(desk) -> list[str]:
    with desk.db.reading() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def _open_window(qtbot, desk, tmp_path, **options) -> MainWindow:
    window = MainWindow(
        desk,
        window_settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        **options,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # the lock's keys reach the active window only
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _readable_text(window) -> str:
    """Every text a person could read in the window now."""
    texts = []
    for widget in window.findChildren(QLabel) + window.findChildren(QLineEdit):
        if widget.isVisible():
            texts.append(widget.text())
    for widget in window.findChildren(QListWidget):
        if widget.isVisible():
            texts += [widget.item(row).text() for row in range(widget.count())]
    return "\n".join(texts)


@pytest.fixture
def signed_out(desk, clinic):
    give_password(desk, clinic.staff["Lena Ross"])
    desk.staff_id = None
    return desk


def test_the_window_opens_on_the_sign_in_screen_showing_nothing_of_the_day(
    qtbot, signed_out, tmp_path
):
    window = _open_window(qtbot, signed_out, tmp_path)
    assert find(window, "Sign-in screen").isVisible()
    # Nothing of the day is even read (nor the calendar built) until someone signs in.
    assert window.findChild(CalendarView) is None
    assert not window.findChild(QToolBar).isVisible() and not window.statusBar().isVisible()
    shown = _readable_text(window)
    # Only who may sign in: no client, no booking, no date of the day.
    assert "Lena Ross — Front desk" in shown and "Nora Quinn — Manager" in shown
    for private in ("José", "Sarah", "O'Brien", "Neurotoxin", "late"):
        assert private not in shown
    window.grab().save(str(tmp_path / "locked.png"))  # the picture a screenshot would take


def test_signing_in_by_keys_opens_the_desk_and_the_status_bar_names_them(
    qtbot, signed_out, clinic, tmp_path
):
    window = _open_window(qtbot, signed_out, tmp_path)
    sign_in_on_screen(qtbot, window, "Lena Ross", "wrong password 12")
    assert find(window, "Sign-in message").text().startswith("That password is not right")
    assert signed_out.staff_id is None and not window.view("Calendar").isVisible()
    assert find(window, "Password or PIN", QLineEdit).text() == ""  # never left typed in
    sign_in_on_screen(qtbot, window, "Lena Ross", MANAGER_PASSWORD)
    assert signed_out.staff_id == clinic.staff["Lena Ross"]
    assert window.view("Calendar").isVisible()
    assert find(window, "Signed in", QLabel).text() == "Signed in: Lena Ross · Front desk"
    assert _actions(signed_out)[-2:] == ["staff.sign_in_failed", "staff.signed_in"]


def test_ctrl_shift_l_locks_and_another_person_signs_in(qtbot, window, desk, clinic):
    sign_in_as(qtbot, window, "Nora Quinn")  # presses Ctrl+Shift+L, then signs Nora in
    assert desk.staff_id == clinic.staff["Nora Quinn"]
    assert find(window, "Signed in", QLabel).text() == "Signed in: Nora Quinn · Manager"
    assert _actions(desk)[-2:] == ["staff.signed_out", "staff.signed_in"]


def test_the_idle_lock_locks_the_desk_by_itself_and_a_key_keeps_it_open(
    qtbot, desk, clinic, tmp_path
):
    window = _open_window(qtbot, desk, tmp_path, idle_lock_ms=400)
    grid = find(window, "Day calendar")
    for _ in range(4):  # in use: every key starts the idle minutes again
        qtbot.wait(200)
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert window.view("Calendar").isVisible()
    qtbot.waitUntil(lambda: find(window, "Sign-in screen").isVisible(), timeout=3000)
    assert desk.staff_id is None and not window.view("Calendar").isVisible()
    assert _actions(desk)[-1] == "staff.idle_locked"


def test_a_sale_is_held_for_the_person_who_left_it(qtbot, window, desk, clinic):
    give_password(desk, clinic.staff["Lena Ross"])
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().cell_of(clinic.appointments["Sarah at 9:00"]))
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    sale = "Checkout: Sarah O'Brien — HydraFacial with Mia Carter"
    assert find(window, "Sale status").text() == sale

    sign_in_as(qtbot, window, "Nora Quinn")
    assert window.view("Calendar").isVisible()  # a clean screen for Nora
    assert "A sale is held for Lena Ross" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert named(window, "Sale status").text() == "Walk-in sale"

    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    assert "Held for Lena Ross" in find(window, "Held work", QLabel).text()
    sign_in_on_screen(qtbot, window, "Lena Ross", MANAGER_PASSWORD)
    assert find(window, "Sale status").text() == sale  # back as she left it, on Checkout


def test_a_half_filled_dialog_is_put_away_for_its_person(qtbot, window, desk, clinic):
    give_password(desk, clinic.staff["Lena Ross"])
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(12, 1))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    booking = find(window, "Book appointment", QDialog)
    qtbot.keyClicks(find(booking, "Notes", QLineEdit), "Wants the window seat")
    window.lock()  # the Lock button's action; the dialog has the focus, not the window
    assert not booking.isVisible()
    sign_in_on_screen(qtbot, window, "Nora Quinn", MANAGER_PASSWORD)
    assert not booking.isVisible()  # Lena's, not Nora's
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    sign_in_on_screen(qtbot, window, "Lena Ross", MANAGER_PASSWORD)
    assert booking.isVisible()
    assert find(booking, "Notes", QLineEdit).text() == "Wants the window seat"


def test_the_lock_button_is_named_and_tells_its_key(window):
    lock = find(window, "Lock or switch user")
    assert "Ctrl+Shift+L" in lock.toolTip()
    assert isinstance(find(window, "Lock or switch user"), type(lock))
    assert not named(window, "Sign in", QPushButton).isVisible()


def test_the_approval_prompt_approves_once_with_enter(qtbot, window, desk, clinic):
    approvals = []
    prompt = window.desk_actions.ask_approval(
        desk, DeskPermission.VOID_SALE, approvals.append, window
    )
    assert find(prompt, "Approving manager", QComboBox).currentText() == "Nora Quinn"
    secret = find(prompt, "Manager's password or PIN", QLineEdit)
    qtbot.keyClicks(secret, "a wrong one at first")
    qtbot.keyClick(secret, Qt.Key.Key_Return)
    assert prompt.isVisible() and approvals == []
    assert "not right for Nora Quinn" in find(prompt, "Approval message").text()
    qtbot.keyClicks(secret, MANAGER_PASSWORD)
    qtbot.keyClick(secret, Qt.Key.Key_Return)
    assert not prompt.isVisible()
    assert [(a.manager_id, a.permission) for a in approvals] == [
        (clinic.staff["Nora Quinn"], DeskPermission.VOID_SALE)
    ]
    assert desk.staff_id == clinic.staff["Lena Ross"]  # the desk stays signed in as it was


def test_a_person_changes_their_own_password_as_they_sign_in(qtbot, signed_out, clinic, tmp_path):
    window = _open_window(qtbot, signed_out, tmp_path)
    people = find(window, "Who is signing in", QListWidget)
    people.setFocus()
    qtbot.keyClicks(people, "Lena")  # typing a name's first letters finds it
    assert people.currentItem().text() == "Lena Ross — Front desk"
    qtbot.mouseClick(
        find(window, "Change my password or PIN", QPushButton), Qt.MouseButton.LeftButton
    )
    qtbot.keyClicks(find(window, "Password or PIN", QLineEdit), MANAGER_PASSWORD)
    qtbot.keyClicks(find(window, "New password or PIN", QLineEdit), "lena's own new words")
    again = find(window, "New password or PIN again", QLineEdit)
    qtbot.keyClicks(again, "lena's own new words")
    qtbot.keyClick(again, Qt.Key.Key_Return)
    assert signed_out.staff_id == clinic.staff["Lena Ross"], find(window, "Sign-in message").text()
    assert _actions(signed_out)[-2:] == ["staff.secret_changed", "staff.signed_in"]
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    sign_in_on_screen(qtbot, window, "Lena Ross", "lena's own new words")
    assert signed_out.staff_id == clinic.staff["Lena Ross"]
