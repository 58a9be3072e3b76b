"""Clinic set-up's Settings page: a manager changes the clinic's settings, in force at once."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QPushButton
from sqlalchemy import text

from medspa_desk.services.clinic.clinic_hours import read_opening_hours
from medspa_desk.services.clinic.settings import load_settings
from tests.ui.accessible_names import unnamed_widgets
from tests.ui.calendar_fixtures import (
    AVA,
    ROW_9_00,
    ROW_11_00,
    THURSDAY,
    jose_tomorrow_at_9,  # noqa: F401
    select_slot,
)
from tests.ui.conftest import find, named


def _type_over(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def _settings_page(qtbot, window):
    qtbot.mouseClick(find(window, "Clinic set-up"), Qt.MouseButton.LeftButton)
    dialog = find(window, "Clinic set-up", QDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_a_new_fee_is_used_at_once_by_the_cancel_preview(
    qtbot,
    window,
    desk,
    clinic,
    db,
    jose_tomorrow_at_9,  # noqa: F811
):
    desk.staff_id = clinic.staff["Nora Quinn"]  # the manager
    dialog = _settings_page(qtbot, window)
    fee = find(dialog, "Late-cancel fee ($)", QLineEdit)
    assert fee.text() == "75.00"
    _type_over(qtbot, fee, "80.00")
    qtbot.mouseClick(find(dialog, "Save settings", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Settings result", QLabel).text() == "1 setting saved; it is in force now."
    assert load_settings(db).late_cancel_fee_cents == 8000
    dialog.close()

    grid = select_slot(window, THURSDAY, ROW_9_00, AVA)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    cancel = find(window, "Cancel appointment", QDialog)
    assert (
        find(cancel, "Fee", QLabel).text()
        == "$80.00 late-cancellation fee: charged to Visa ending 4242"
    )


def test_a_bad_email_is_refused_beside_its_field_and_nothing_is_saved(
    qtbot, window, desk, clinic, db
):
    desk.staff_id = clinic.staff["Nora Quinn"]
    dialog = _settings_page(qtbot, window)
    _type_over(qtbot, find(dialog, "Email", QLineEdit), "front@")
    _type_over(qtbot, find(dialog, "Late-cancel fee ($)", QLineEdit), "80.00")
    qtbot.mouseClick(find(dialog, "Save settings", QPushButton), Qt.MouseButton.LeftButton)
    assert "is not an email address" in find(dialog, "Email problem", QLabel).text()
    assert not named(dialog, "Late-cancel fee ($) problem", QLabel).isVisible()
    assert (
        find(dialog, "Settings result", QLabel).text()
        == "Nothing was saved: correct what is marked."
    )
    assert load_settings(db) == desk.settings
    assert desk.settings.late_cancel_fee_cents == 7500


def test_a_closed_sunday_and_a_new_name_are_saved_and_shown(qtbot, window, desk, clinic, db):
    desk.staff_id = clinic.staff["Nora Quinn"]
    dialog = _settings_page(qtbot, window)
    sunday = find(dialog, "Sunday open", QCheckBox)
    assert sunday.isChecked()  # a new book opens every day
    sunday.setFocus()
    qtbot.keyClick(sunday, Qt.Key.Key_Space)
    assert not sunday.isChecked()
    assert not named(dialog, "Sunday opens").isEnabled()
    _type_over(qtbot, find(dialog, "Clinic name", QLineEdit), "Glow West")
    qtbot.mouseClick(find(dialog, "Save settings", QPushButton), Qt.MouseButton.LeftButton)
    assert (
        find(dialog, "Settings result", QLabel).text() == "2 settings saved; they are in force now."
    )
    with db.reading() as session:
        assert 6 not in read_opening_hours(session)
    assert window.windowTitle() == "Glow West — medspa_desk"
    assert find(window, "Clinic", QLabel).text() == "Glow West"


def test_someone_who_is_not_a_manager_cannot_save(qtbot, window, desk, clinic):
    desk.staff_id = clinic.staff["Lena Ross"]
    dialog = _settings_page(qtbot, window)
    assert not named(dialog, "Save settings", QPushButton).isEnabled()
    assert "Only a manager" in find(dialog, "Settings result", QLabel).text()
    assert find(dialog, "Receipt layout", QComboBox).currentText() == "Roll (80 mm)"


def test_every_widget_of_clinic_set_up_is_named_and_escape_closes_it(qtbot, window, desk, clinic):
    desk.staff_id = clinic.staff["Nora Quinn"]
    dialog = _settings_page(qtbot, window)
    assert unnamed_widgets(dialog) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_new_time_zone_moves_the_calendar_at_once(
    qtbot,
    window,
    desk,
    clinic,
    jose_tomorrow_at_9,  # noqa: F811
):
    desk.staff_id = clinic.staff["Nora Quinn"]
    dialog = _settings_page(qtbot, window)
    zone = find(dialog, "Time zone", QComboBox)
    zone.setFocus()
    qtbot.keyClick(zone.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(zone.lineEdit(), "America/New_York")
    qtbot.mouseClick(find(dialog, "Save settings", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Settings result", QLabel).text() == "1 setting saved; it is in force now."
    dialog.close()
    grid = select_slot(window, THURSDAY, ROW_11_00, AVA)  # 9:00 in Denver is 11:00 in New York
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    cancel = find(window, "Cancel appointment", QDialog)
    assert "11:00" in find(cancel, "Appointment", QLabel).text()


def test_hours_closing_before_they_open_are_refused_beside_them(qtbot, window, desk, clinic, db):
    from PySide6.QtWidgets import QTimeEdit

    desk.staff_id = clinic.staff["Nora Quinn"]
    dialog = _settings_page(qtbot, window)
    closes = find(dialog, "Monday closes", QTimeEdit)
    closes.setFocus()
    for _ in range(12):  # the hour, down from 19
        qtbot.keyClick(closes, Qt.Key.Key_Down)
    assert closes.time().toString("HH:mm") == "07:00"
    qtbot.mouseClick(find(dialog, "Save settings", QPushButton), Qt.MouseButton.LeftButton)
    assert (
        "Monday: closing at 07:00 must come after opening"
        in find(dialog, "Opening hours problem", QLabel).text()
    )
    assert "Nothing was saved" in find(dialog, "Settings result", QLabel).text()
    with db.reading() as session:
        assert 0 in read_opening_hours(session)


def test_the_mail_server_is_saved_and_its_password_kept_in_the_credential_store(
    qtbot, window, desk, clinic, db, credential_store
):
    desk.staff_id = clinic.staff["Nora Quinn"]  # the manager
    dialog = _settings_page(qtbot, window)
    _type_over(qtbot, find(dialog, "Mail server", QLineEdit), "smtp.example.com")
    _type_over(qtbot, find(dialog, "User name", QLineEdit), "desk@406medicalspa.com")
    qtbot.mouseClick(find(dialog, "Save settings", QPushButton), Qt.MouseButton.LeftButton)
    assert load_settings(db).mail_host == "smtp.example.com"
    password = find(dialog, "Mail password", QLineEdit)
    assert password.echoMode() is QLineEdit.EchoMode.Password
    qtbot.keyClicks(password, "app-password-1")
    qtbot.mouseClick(find(dialog, "Keep mail password", QPushButton), Qt.MouseButton.LeftButton)
    assert list(credential_store.kept.values()) == ["app-password-1"]
    assert password.text() == ""
    assert find(dialog, "Mail password problem", QLabel).text() == "Kept in the credential store."
    with db.reading() as session:
        kept = session.execute(text("SELECT group_concat(value) FROM clinic_setting")).scalar()
    assert "app-password-1" not in (kept or "")
