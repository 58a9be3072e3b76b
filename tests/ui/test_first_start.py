"""The first start: a new database asks who the clinic is, and writes nothing until Finish."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QWizard
from sqlalchemy import select

from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.clinic.clinic_hours import read_opening_hours
from medspa_desk.services.desk import open_desk
from medspa_desk.services.staff_access.secrets import secret_matches
from medspa_desk.storage.models import Staff
from medspa_desk.ui.first_start_assistant import FirstStartAssistant
from tests.ui.accessible_names import unnamed_widgets
from tests.ui.conftest import find, named

CLOCK = FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("America/Denver")))
CLINIC = {
    "Clinic name": "Glow West Aesthetics",
    "Street address": "12 Main St",
    "City, state and ZIP": "Whitefish MT 59937",
    "Phone": "406 862 1234",
    "Email": "front@glowwest.example.com",
}


@pytest.fixture
def assistant(qtbot, tmp_path):
    shown = FirstStartAssistant(tmp_path / "clinic.sqlite3", CLOCK)
    qtbot.addWidget(shown)
    shown.open()
    qtbot.waitExposed(shown)
    return shown


def press(qtbot, assistant, name: str) -> None:
    qtbot.mouseClick(find(assistant, name, QPushButton), Qt.MouseButton.LeftButton)


def type_in(qtbot, root, name: str, text: str) -> None:
    field = find(root, name, QLineEdit)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def answer_every_page(qtbot, assistant, *, password_again="lavender fields 42") -> None:
    for name, text in CLINIC.items():
        type_in(qtbot, assistant, name, text)
    assert find(assistant, "Time zone", QComboBox).currentText() == "America/Denver"
    press(qtbot, assistant, "Next")
    saturday = find(assistant, "Saturday open", QCheckBox)
    saturday.setFocus()
    qtbot.keyClick(saturday, Qt.Key.Key_Space)  # open on Saturdays too; Sunday stays closed
    press(qtbot, assistant, "Next")
    type_in(qtbot, assistant, "Tax on services (%)", "0")
    type_in(qtbot, assistant, "Tax on retail (%)", "8.25")
    press(qtbot, assistant, "Next")
    type_in(qtbot, assistant, "Backup folder", "/media/usb/glow-backups")
    press(qtbot, assistant, "Next")
    type_in(qtbot, assistant, "Manager's name", "Dana Whitfield")
    type_in(qtbot, assistant, "Password", "lavender fields 42")
    type_in(qtbot, assistant, "Password again", password_again)
    press(qtbot, assistant, "Finish")


def test_finish_sets_the_clinic_up_with_its_manager_at_the_desk(qtbot, assistant, tmp_path):
    answer_every_page(qtbot, assistant)
    assert assistant.result() == QWizard.DialogCode.Accepted
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    try:
        assert desk.settings.clinic_name == "Glow West Aesthetics"
        assert desk.settings.tax_basis_points_retail == 825
        assert desk.settings.backup_folder == "/media/usb/glow-backups"
        with desk.db.reading() as session:
            assert set(read_opening_hours(session)) == {0, 1, 2, 3, 4, 5}  # Sunday closed
            manager = session.scalars(select(Staff)).one()
        assert desk.staff_id == manager.id == assistant.set_up.manager_id
        assert manager.is_manager and secret_matches(manager.password_hash, "lavender fields 42")
    finally:
        desk.close()


def test_a_bad_email_is_said_beside_it_and_the_page_stays(qtbot, assistant, tmp_path):
    for name, text in (CLINIC | {"Email": "front@"}).items():
        type_in(qtbot, assistant, name, text)
    press(qtbot, assistant, "Next")
    assert "is not an email address" in find(assistant, "Email problem", QLabel).text()
    assert not named(assistant, "Phone problem", QLabel).isVisible()
    assert assistant.currentId() == assistant.pageIds()[0]
    type_in(qtbot, assistant, "Email", "front@glowwest.example.com")
    press(qtbot, assistant, "Next")
    assert assistant.currentId() == assistant.pageIds()[1]
    assert not (tmp_path / "clinic.sqlite3").exists()


def test_every_empty_answer_is_refused_in_its_own_words(qtbot, assistant):
    press(qtbot, assistant, "Next")
    assert (
        find(assistant, "Clinic name problem", QLabel).text() == "The clinic's name must be given."
    )
    assert (
        find(assistant, "Phone problem", QLabel).text()
        == "The clinic's phone number must be given."
    )


def test_a_week_closed_every_day_is_refused(qtbot, assistant):
    for name, text in CLINIC.items():
        type_in(qtbot, assistant, name, text)
    press(qtbot, assistant, "Next")
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        box = find(assistant, f"{day} open", QCheckBox)
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    press(qtbot, assistant, "Next")
    assert "at least one day" in find(assistant, "Opening hours problem", QLabel).text()


def test_passwords_that_differ_are_refused_and_nothing_is_written(qtbot, assistant, tmp_path):
    answer_every_page(qtbot, assistant, password_again="lavender fields 43")
    assert "not the same" in find(assistant, "Password problem", QLabel).text()
    assert assistant.isVisible()
    assert not (tmp_path / "clinic.sqlite3").exists()


def test_cancel_leaves_no_file_behind(qtbot, assistant, tmp_path):
    for name, text in CLINIC.items():
        type_in(qtbot, assistant, name, text)
    press(qtbot, assistant, "Next")
    press(qtbot, assistant, "Cancel")
    assert not assistant.isVisible() and assistant.set_up is None
    assert list(tmp_path.iterdir()) == []


def test_every_widget_of_the_assistant_is_named(assistant):
    assert unnamed_widgets(assistant) == []
