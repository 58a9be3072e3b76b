"""Starting the window: one desk app per database, and a damaged database points at its backup."""

import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.books.backups import make_backup
from medspa_desk.storage.database import open_database
from medspa_desk.storage.instance_lock import claim_database
from medspa_desk.ui.app import run_window

CLOCK = FixedClock(datetime(2026, 11, 25, 10, 12, tzinfo=ZoneInfo("America/Denver")))


@pytest.fixture(autouse=True)
def app_state_put_back(qapp, monkeypatch):
    """run_window styles the whole application and installs the error hook: undo both after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    style = qapp.styleSheet()
    yield
    qapp.setStyleSheet(style)


def test_a_second_copy_of_the_app_on_the_same_database_is_refused(qapp, tmp_path, capsys):
    database = tmp_path / "clinic.sqlite3"
    open_database(database).close()
    first_window = claim_database(database)
    try:
        assert run_window(database, demo=False, clock=CLOCK) == 1
    finally:
        first_window.release()
    assert "already open" in capsys.readouterr().err


def test_a_damaged_database_is_explained_with_the_backup_to_restore(qapp, tmp_path, capsys):
    database = tmp_path / "clinic.sqlite3"
    open_database(database).close()
    backup = make_backup(database, tmp_path / "backups", now=CLOCK.now(), reason="startup")
    database.write_bytes(database.read_bytes()[:4096] + b"\xff" * 20000)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"clinic.sqlite3{suffix}").unlink(missing_ok=True)
    assert run_window(database, demo=False, clock=CLOCK) == 1
    said = capsys.readouterr().err
    assert "damaged" in said and str(backup.path) in said and "medspa-desk restore" in said


def test_the_desk_can_restore_the_newest_backup_and_open(qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import medspa_desk.ui.app as app_module

    database = tmp_path / "clinic.sqlite3"
    open_database(database).close()
    make_backup(database, tmp_path / "backups", now=CLOCK.now(), reason="startup")
    database.write_bytes(database.read_bytes()[:4096] + b"\xff" * 20000)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"clinic.sqlite3{suffix}").unlink(missing_ok=True)
    asked = []
    monkeypatch.setattr(app_module, "ask_to_restore", lambda advice: asked.append(advice) or True)
    QTimer.singleShot(300, QApplication.closeAllWindows)  # the window opened: close it again
    assert run_window(database, demo=False, clock=CLOCK) == 0
    assert "newest good backup" in asked[0]
    assert any("damaged" in p.name for p in (tmp_path / "backups").iterdir())


def test_a_restore_chosen_in_the_window_reopens_the_desk_on_the_backup(qapp, tmp_path):
    from PySide6.QtCore import QTimer
    from sqlalchemy import text

    from medspa_desk.storage.models import AuditEntry
    from medspa_desk.ui.main_window import MainWindow

    database = tmp_path / "clinic.sqlite3"
    db = open_database(database)
    backup = make_backup(database, tmp_path / "backups", now=CLOCK.now(), reason="manual")
    with db.writing() as session:
        session.add(AuditEntry(at=CLOCK.now(), action="after the backup", subject="sale:1"))
    db.close()

    windows_seen = []

    def step():
        window = next(
            (w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None
        )
        if window is None or window in windows_seen:
            return
        windows_seen.append(window)
        if len(windows_seen) == 1:
            window.restore_requested.emit(backup.path)  # as the Backups dialog does for a manager
        window.close()

    ticker = QTimer()
    ticker.timeout.connect(step)
    ticker.start(50)
    assert run_window(database, demo=False, clock=CLOCK) == 0
    ticker.stop()
    assert len(windows_seen) == 2
    reopened = open_database(database)
    with reopened.reading() as session:
        assert (
            session.scalar(
                text("SELECT count(*) FROM audit_entry WHERE action = 'after the backup'")
            )
            == 0
        )
    reopened.close()
    assert any("before-restore" in p.name for p in (tmp_path / "backups").iterdir())
