"""Another program holding the books' write lock: the Book dialog says the books are busy, saves
nothing, stays open for another try, and the log gets no traceback."""

import logging
import sqlite3
from contextlib import closing

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QPushButton
from sqlalchemy import func, select

from medspa_desk.desk_log import start_logging
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import Appointment
from tests.ui.conftest import choose_service, find

ROW_11_00, MIA = 12, 1


@pytest.fixture
def db(tmp_path):
    """The window's books, waiting 50 ms for a lock instead of the desk's 5 s."""
    database = open_database(tmp_path / "t.sqlite3", busy_timeout_ms=50)
    yield database
    database.close()


@pytest.fixture
def log_path(tmp_path):
    path = start_logging(tmp_path / "logs")
    yield path
    for handler in [
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(path)
    ]:
        handler.close()
        logging.getLogger().removeHandler(handler)


def _appointments(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Appointment))


def test_a_booking_while_another_program_holds_the_books_is_refused_in_the_dialog(
    qtbot, window, db, log_path
):
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(ROW_11_00, MIA))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    dialog = find(window, "Book appointment", QDialog)
    qtbot.keyClicks(find(dialog, "Client", QLineEdit), "sarah")
    matches = find(dialog, "Client matches", QListWidget)
    qtbot.waitUntil(lambda: matches.count() == 1)
    matches.setCurrentRow(0)
    choose_service(qtbot, dialog, "Hydra")
    before = _appointments(db)

    with closing(sqlite3.connect(db.path, isolation_level=None)) as other_program:
        other_program.execute("BEGIN IMMEDIATE")
        qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
        other_program.execute("ROLLBACK")

    problem = find(dialog, "Booking problem", QLabel)
    assert problem.isVisible() and dialog.isVisible()
    assert problem.text() == "The books are busy — try again. Nothing of this was saved."
    assert _appointments(db) == before
    assert "Traceback" not in log_path.read_text(encoding="utf-8")
    qtbot.mouseClick(
        find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton
    )  # the lock let go
    assert not dialog.isVisible() and _appointments(db) == before + 1


def test_busy_books_reaching_the_safety_net_are_said_plainly_with_no_traceback(qtbot, db, log_path):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from medspa_desk.services.desk_errors import DeskRefusal
    from medspa_desk.ui.app import _ErrorReport

    with closing(sqlite3.connect(db.path, isolation_level=None)) as other_program:
        other_program.execute("BEGIN IMMEDIATE")
        with pytest.raises(
            DeskRefusal
        ) as raised:  # any view's action, one that shows no refusals itself
            with db.writing() as session:
                session.execute(select(func.count()).select_from(Appointment))
        other_program.execute("ROLLBACK")
    _ErrorReport(log_path)(type(raised.value), raised.value, raised.value.__traceback__)

    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert [box.text() for box in boxes] == [
        "The books are busy — try again. Nothing of this was saved."
    ]
    boxes[0].close()
    logged = log_path.read_text(encoding="utf-8")
    assert "refused: BooksBusy" in logged and "Traceback" not in logged
