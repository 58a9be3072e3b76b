"""Clinic set-up's Email page: the confirmation in the clinic's own words, previewed for a
made-up booking, saved by a manager; a placeholder the desk does not fill is said, not saved."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QTabWidget, QTextBrowser

from medspa_desk.services.mail.mail_templates import mail_templates
from tests.ui.conftest import find, named


def _email_page(qtbot, window):
    qtbot.mouseClick(find(window, "Clinic set-up"), Qt.MouseButton.LeftButton)
    dialog = find(window, "Clinic set-up", QDialog)
    tabs = find(dialog, "Clinic set-up pages", QTabWidget)
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("Email"))
    return dialog


def _type_over(qtbot, editor: QPlainTextEdit, text: str) -> None:
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)


def test_the_shipped_email_is_previewed_with_the_clinics_policies(qtbot, window):
    dialog = _email_page(qtbot, window)
    preview = find(dialog, "Plain text preview", QPlainTextEdit).toPlainText()
    assert preview.startswith("Hello Sarah,")
    assert "$75 late cancellation fee" in preview
    assert "Arriving late" in find(dialog, "HTML preview", QTextBrowser).toPlainText()


def test_a_manager_writes_the_clinics_own_words_previews_and_saves(qtbot, window, desk, clinic):
    desk.staff_id = clinic.staff["Nora Quinn"]  # the manager
    dialog = _email_page(qtbot, window)
    _type_over(qtbot, find(dialog, "Plain text template", QPlainTextEdit), "Hi $first_name, $day!")
    qtbot.mouseClick(find(dialog, "Preview email", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Plain text preview", QPlainTextEdit).toPlainText().startswith("Hi Sarah, ")

    qtbot.mouseClick(find(dialog, "Save templates", QPushButton), Qt.MouseButton.LeftButton)

    assert find(dialog, "Email templates message", QLabel).text().startswith("Saved")
    assert mail_templates(desk)[0].text == "Hi $first_name, $day!"


def test_an_unknown_placeholder_is_said_and_nothing_saved(qtbot, window, desk, clinic):
    desk.staff_id = clinic.staff["Nora Quinn"]
    dialog = _email_page(qtbot, window)
    _type_over(qtbot, find(dialog, "Plain text template", QPlainTextEdit), "Hi $name")
    qtbot.mouseClick(find(dialog, "Save templates", QPushButton), Qt.MouseButton.LeftButton)
    assert "The desk does not fill $name" in find(dialog, "Email templates message").text()
    assert mail_templates(desk)[0].shipped


def test_the_front_desk_sees_the_words_but_cannot_save(qtbot, window):
    dialog = _email_page(qtbot, window)
    assert not named(dialog, "Save templates", QPushButton).isEnabled()
    assert find(dialog, "Email templates message", QLabel).text() == (
        "Only a manager can change the clinic's emails."
    )
