"""The Staff page's Sign-in group, as a manager uses it: a password set for someone is theirs to
change at their next sign-in; a PIN allowed and set; an account disabled leaves the sign-in
screen; a lockout lifted. Someone not a manager is refused beside the controls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
)
from sqlalchemy import select

from medspa_desk.services.staff_access.sign_in import SignInRefused, sign_in
from medspa_desk.storage.models import AuditEntry
from tests.approvals import give_password
from tests.ui.accessible_names import unnamed_widgets
from tests.ui.conftest import CTRL_SHIFT, find, named, sign_in_as, sign_in_on_screen

LEFT = Qt.MouseButton.LeftButton
TEMPORARY = "lena's first words 42"
HER_OWN = "lena chose these herself"


def _open_on_staff(qtbot, window):
    dialog = window.show_clinic_setup()
    qtbot.waitExposed(dialog)
    tabs = find(dialog, "Clinic set-up pages", QTabWidget)
    staff = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Staff")
    qtbot.mouseClick(tabs.tabBar(), LEFT, pos=tabs.tabBar().tabRect(staff).center())
    assert tabs.currentIndex() == staff
    return dialog


def _choose(qtbot, root, starts_with: str) -> None:
    listing = find(root, "Staff list", QListWidget)
    rows = [listing.item(row) for row in range(listing.count())]
    item = next(item for item in rows if item.text().startswith(starts_with))
    listing.scrollToItem(item)
    qtbot.mouseClick(listing.viewport(), LEFT, pos=listing.visualItemRect(item).center())
    assert listing.currentItem() is item


def _click(qtbot, root, name):
    qtbot.mouseClick(find(root, name, QPushButton), LEFT)


def _lock(qtbot, window, page) -> None:
    """Clinic set-up closed, and the desk locked by Ctrl+Shift+L (the window's own shortcut)."""
    _click(qtbot, page, "Close")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    assert find(window, "Who is signing in", QListWidget)


def _summary(root) -> str:
    return find(root, "Sign-in summary", QLabel).text()


def _set_secret_dialog(qtbot, root) -> QDialog:
    _click(qtbot, root, "Set password or PIN")
    (dialog,) = [
        d
        for d in root.findChildren(QDialog)
        if d.accessibleName() == "Set password or PIN" and d.isVisible()
    ]
    qtbot.waitExposed(dialog)
    return dialog


def _type_twice(qtbot, dialog, first: str, again: str | None = None) -> None:
    qtbot.keyClicks(find(dialog, "New password or PIN", QLineEdit), first)
    qtbot.keyClicks(find(dialog, "Type it again", QLineEdit), first if again is None else again)


def _audited(desk, action: str, staff_id: int) -> list[int | None]:
    """Who did `action` to `staff_id`'s account, by id, as the audit trail holds it."""
    with desk.db.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry.staff_id).where(
                    AuditEntry.action == action, AuditEntry.subject == f"staff:{staff_id}"
                )
            )
        )


@pytest.fixture
def page(qtbot, window):
    sign_in_as(qtbot, window, "Nora Quinn")
    return _open_on_staff(qtbot, window)


def test_a_password_set_for_lena_is_hers_to_change_at_sign_in(qtbot, window, page, desk, clinic):
    lena, nora = clinic.staff["Lena Ross"], clinic.staff["Nora Quinn"]
    _choose(qtbot, page, "Lena Ross")
    assert _summary(page) == "No password set: cannot sign in"
    dialog = _set_secret_dialog(qtbot, page)
    assert find(dialog, "New password or PIN", QLineEdit).echoMode() == QLineEdit.EchoMode.Password
    assert find(dialog, "Type it again", QLineEdit).echoMode() == QLineEdit.EchoMode.Password
    _type_twice(qtbot, dialog, TEMPORARY)
    _click(qtbot, dialog, "Set")
    assert not dialog.isVisible()
    assert _summary(page) == "Password set by a manager: to change at sign-in"
    assert "choose their own at their next sign-in" in find(page, "Sign-in problem").text()
    assert _audited(desk, "staff.secret_reset", lena) == [nora]

    _lock(qtbot, window, page)
    sign_in_on_screen(qtbot, window, "Lena Ross", TEMPORARY)
    own = find(window, "Choose your own")
    assert desk.staff_id is None  # not in until she chooses her own
    qtbot.keyClicks(find(own, "New password or PIN", QLineEdit), HER_OWN)
    qtbot.keyClicks(find(own, "New password or PIN again", QLineEdit), HER_OWN)
    button = find(window, "Sign in", QPushButton)
    assert button.text() == "Save and sign in"
    qtbot.mouseClick(button, LEFT)
    assert desk.staff_id == lena, find(window, "Sign-in message").text()


def test_a_pin_allowed_and_set(qtbot, window, page, desk, clinic):
    lena = clinic.staff["Lena Ross"]
    _choose(qtbot, page, "Lena Ross")
    dialog = _set_secret_dialog(qtbot, page)
    kinds = named(dialog, "Sign in with", QComboBox)
    assert [kinds.itemText(i) for i in range(kinds.count())] == ["A password"]
    _click(qtbot, dialog, "Cancel")

    pin = find(page, "Allow a PIN", QCheckBox)
    qtbot.mouseClick(pin, LEFT, pos=pin.rect().center())
    assert pin.isChecked()
    assert find(page, "Sign-in problem").text() == "Lena Ross may sign in with a PIN."
    assert find(page, "Set password or PIN", QPushButton).text() == "Set password or PIN…"
    assert len(_audited(desk, "staff.pin_allowed", lena)) == 1

    dialog = _set_secret_dialog(qtbot, page)
    kinds = find(dialog, "Sign in with", QComboBox)
    kinds.setFocus()
    qtbot.keyClick(kinds, Qt.Key.Key_Down)  # the second kind offered: a PIN
    assert kinds.currentText() == "A PIN"
    _type_twice(qtbot, dialog, "2468", "2469")
    _click(qtbot, dialog, "Set")
    assert dialog.isVisible()  # kept open to be corrected, the refusal said in it
    assert "not the same" in find(dialog, "Password problem").text()
    assert _summary(page) == "No password set: cannot sign in"
    repeated = find(dialog, "Type it again", QLineEdit)
    repeated.clear()
    qtbot.keyClicks(repeated, "2468")
    qtbot.keyClick(repeated, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert _summary(page) == "PIN set by a manager: to change at sign-in"

    # Lena signs in with it and chooses her own PIN, which she signs in with from now on.
    _lock(qtbot, window, page)
    sign_in_on_screen(qtbot, window, "Lena Ross", "2468")
    own = find(window, "Choose your own")
    kinds = find(own, "Sign in from now on with", QComboBox)
    kinds.setFocus()
    qtbot.keyClick(kinds, Qt.Key.Key_Down)
    assert kinds.currentText() == "A PIN"
    qtbot.keyClicks(find(own, "New password or PIN", QLineEdit), "1357")
    again = find(own, "New password or PIN again", QLineEdit)
    qtbot.keyClicks(again, "1357")
    qtbot.keyClick(again, Qt.Key.Key_Return)
    assert desk.staff_id == lena, find(window, "Sign-in message").text()
    sign_in_as(qtbot, window, "Nora Quinn")
    page = _open_on_staff(qtbot, window)
    _choose(qtbot, page, "Lena Ross")
    assert _summary(page) == "Signs in with a PIN"


def test_a_disabled_account_leaves_the_sign_in_screen(qtbot, window, desk, clinic):
    lena = clinic.staff["Lena Ross"]
    give_password(desk, lena)
    sign_in_as(qtbot, window, "Nora Quinn")
    page = _open_on_staff(qtbot, window)
    _choose(qtbot, page, "Lena Ross")
    assert _summary(page) == "Signs in with a password"
    _click(qtbot, page, "Disable sign-in")
    assert _summary(page) == "Sign-in disabled"
    assert find(page, "Sign-in problem").text() == "Lena Ross can no longer sign in."
    assert find(page, "Enable sign-in", QPushButton).text() == "Enable sign-in"
    assert len(_audited(desk, "staff.account_disabled", lena)) == 1

    _lock(qtbot, window, page)
    people = find(window, "Who is signing in", QListWidget)
    names = [people.item(row).text() for row in range(people.count())]
    assert names and not any(name.startswith("Lena Ross") for name in names)


def test_a_locked_account_is_unlocked(qtbot, window, desk, clinic):
    lena = clinic.staff["Lena Ross"]
    give_password(desk, lena)
    for _attempt in range(6):
        with pytest.raises(SignInRefused):
            sign_in(desk, lena, "not her password")
    sign_in_as(qtbot, window, "Nora Quinn")
    page = _open_on_staff(qtbot, window)
    _choose(qtbot, page, "Lena Ross")
    assert _summary(page) == "Locked after wrong attempts"
    _click(qtbot, page, "Unlock")
    assert _summary(page) == "Signs in with a password"
    assert not named(page, "Unlock", QPushButton).isEnabled()
    assert find(page, "Sign-in problem").text() == "Lena Ross's account is unlocked."
    assert len(_audited(desk, "staff.unlocked", lena)) == 1


def test_someone_not_a_manager_is_refused_beside_the_controls(qtbot, window, desk, clinic):
    # Lena, front desk, signed in by the fixture.
    page = _open_on_staff(qtbot, window)
    _choose(qtbot, page, "Ava Thompson")
    summary = _summary(page)
    _click(qtbot, page, "Disable sign-in")
    assert find(page, "Sign-in problem").text()
    assert find(page, "Sign-in problem").objectName() == "refusal"
    pin = find(page, "Allow a PIN", QCheckBox)
    qtbot.mouseClick(pin, LEFT, pos=pin.rect().center())
    assert not pin.isChecked()  # the click refused, the box shows what is kept
    assert _summary(page) == summary
    assert _audited(desk, "staff.pin_allowed", clinic.staff["Ava Thompson"]) == []


def test_every_sign_in_control_is_named(qtbot, page):
    _choose(qtbot, page, "Lena Ross")
    assert unnamed_widgets(page) == []
    assert unnamed_widgets(_set_secret_dialog(qtbot, page)) == []
