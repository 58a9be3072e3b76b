"""A database error during a client edit in the window reaches the log through the window's
safety net (sys.excepthook) with no trace of the name, phone or email that were being saved."""

import logging
import sqlite3
import sys
from contextlib import closing

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from medspa_desk.desk_log import start_logging
from medspa_desk.services.clients.profile import client_profile
from medspa_desk.ui.app import _ErrorReport
from tests.ui.conftest import find


@pytest.fixture
def log_path(tmp_path):
    path = start_logging(tmp_path / "logs")
    yield path
    for handler in [
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(path)
    ]:
        handler.close()
        logging.getLogger().removeHandler(handler)


@pytest.mark.qt_no_exception_capture  # the window's own safety net must see the error, not pytest-qt
def test_a_failed_edit_in_the_window_logs_no_personal_data(
    qtbot, clients_view, desk, jose, log_path, monkeypatch
):
    monkeypatch.setattr(sys, "excepthook", _ErrorReport(log_path))
    with closing(sqlite3.connect(desk.db.path)) as other:  # another program's rule on the same file
        other.execute(
            "CREATE TRIGGER refuse_edits BEFORE UPDATE ON client BEGIN SELECT RAISE(ABORT, 'edits refused'); END"
        )
        other.commit()
    clients_view.open_client(jose.client_id)
    form = clients_view.profile.edit_client()
    for name, text in (
        ("First name", "Zebedee"),
        ("Last name", "Quillfeather"),
        ("Phone", "406-555-0177"),
        ("Email", "zebedee@example.org"),
    ):
        line = find(form, name, QLineEdit)
        line.clear()
        qtbot.keyClicks(line, text)
    qtbot.mouseClick(find(form, "Save client", QPushButton), Qt.MouseButton.LeftButton)

    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(boxes) == 1 and boxes[0].windowTitle() == "Something went wrong"
    assert "Zebedee" not in boxes[0].text()
    boxes[0].close()
    assert client_profile(desk, jose.client_id).details.first_name == "José"
    logged = log_path.read_text(encoding="utf-8")
    assert "edits refused" in logged and "Traceback" in logged
    assert [
        text
        for text in ("Zebedee", "Quillfeather", "555-0177", "5550177", "zebedee@")
        if text in logged
    ] == []
