"""Backups from the window: back up now, check the books, restore (a manager's job)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QMessageBox, QPushButton

from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.desk import open_desk
from medspa_desk.storage.models import Staff
from medspa_desk.ui.background_work import run_at_once
from medspa_desk.ui.backups_dialog import BackupsDialog

CLOCK = FixedClock(datetime(2026, 11, 25, 10, 12, tzinfo=ZoneInfo("America/Denver")))


def named(dialog, cls, name):
    return next(w for w in dialog.findChildren(cls) if w.accessibleName() == name)


@pytest.fixture
def desk(tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    with desk.db.writing() as session:
        session.add_all(
            [
                Staff(id=1, display_name="Riley Chen", role="Front desk"),
                Staff(id=2, display_name="Amber Holt", role="Front desk manager", is_manager=True),
            ]
        )
    desk.staff_id = 1
    yield desk
    desk.close()


def test_back_up_now_and_check_the_books(qtbot, desk):
    dialog = BackupsDialog(desk, runner=run_at_once)
    qtbot.addWidget(dialog)
    assert named(dialog, QListWidget, "Backup list").count() == 0
    qtbot.mouseClick(named(dialog, QPushButton, "Back up now"), Qt.MouseButton.LeftButton)
    assert named(dialog, QListWidget, "Backup list").count() == 1
    assert "Backed up" in named(dialog, type(dialog._message), "Backup message").text()
    qtbot.mouseClick(named(dialog, QPushButton, "Check the books"), Qt.MouseButton.LeftButton)
    assert "check out" in dialog._message.text()


def test_only_a_manager_can_restore(qtbot, desk):
    dialog = BackupsDialog(desk, runner=run_at_once)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(named(dialog, QPushButton, "Back up now"), Qt.MouseButton.LeftButton)
    named(dialog, QListWidget, "Backup list").setCurrentRow(0)
    restore = named(dialog, QPushButton, "Restore selected")
    assert not restore.isEnabled() and "manager" in restore.toolTip()


def test_a_manager_restores_after_confirming(qtbot, desk):
    desk.staff_id = 2
    dialog = BackupsDialog(desk, runner=run_at_once)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(named(dialog, QPushButton, "Back up now"), Qt.MouseButton.LeftButton)
    named(dialog, QListWidget, "Backup list").setCurrentRow(0)
    qtbot.mouseClick(named(dialog, QPushButton, "Restore selected"), Qt.MouseButton.LeftButton)
    question = dialog._question
    assert question.isVisible() and "set aside" in question.text()
    with qtbot.waitSignal(dialog.restore_chosen) as chosen:
        question.button(QMessageBox.StandardButton.Yes).click()
    assert chosen.args[0].name.endswith("-manual.sqlite3")
