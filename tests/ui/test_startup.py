"""Starting the window: one desk app per database, and a damaged database points at its backup."""

import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.books.backups import make_backup
from medspa_desk.storage.database import open_database
from medspa_desk.storage.instance_lock import claim_database
from medspa_desk.storage.models import Staff
from medspa_desk.ui.app import run_window
from tests.ui.window_runs import run_window_with

CLOCK = FixedClock(datetime(2026, 11, 25, 10, 12, tzinfo=ZoneInfo("America/Denver")))


def clinic_books(database: Path) -> None:
    """Books that hold a clinic (a manager): the window opens them without the first start."""
    db = open_database(database)
    with db.writing() as session:
        session.add(Staff(display_name="Nora Quinn", role="Manager", is_manager=True))
    db.close()


@pytest.fixture(autouse=True)
def app_state_put_back(qapp, monkeypatch):
    """run_window styles the whole application and installs the error hook: undo both after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    style = qapp.styleSheet()
    yield
    qapp.setStyleSheet(style)


def test_a_second_copy_of_the_app_on_the_same_database_is_refused(qapp, tmp_path, capsys):
    database = tmp_path / "clinic.sqlite3"
    clinic_books(database)
    first_window = claim_database(database)
    try:
        assert run_window(database, demo=False, clock=CLOCK) == 1
    finally:
        first_window.release()
    assert "already open" in capsys.readouterr().err


def test_a_damaged_database_is_explained_with_the_backup_to_restore(qapp, tmp_path, capsys):
    database = tmp_path / "clinic.sqlite3"
    clinic_books(database)
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
    clinic_books(database)
    make_backup(database, tmp_path / "backups", now=CLOCK.now(), reason="startup")
    database.write_bytes(database.read_bytes()[:4096] + b"\xff" * 20000)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"clinic.sqlite3{suffix}").unlink(missing_ok=True)
    asked = []
    monkeypatch.setattr(app_module, "ask_to_restore", lambda advice: asked.append(advice) or True)
    QTimer.singleShot(300, QApplication.closeAllWindows)  # the window opened: close it again
    assert run_window(database, demo=False, clock=CLOCK) == 0
    taken = CLOCK.now().astimezone()  # said on this PC's clock, without strftime's "%-d"
    when = f"{taken:%A}, {taken:%B} {taken.day} at {taken.hour % 12 or 12}:{taken:%M}"
    assert f"The newest good backup was taken {when} " in asked[0]
    assert any("damaged" in p.name for p in (tmp_path / "backups").iterdir())


def test_a_restore_chosen_in_the_window_reopens_the_desk_on_the_backup(qapp, tmp_path):
    from sqlalchemy import text

    from medspa_desk.storage.models import AuditEntry
    from medspa_desk.ui.main_window import MainWindow

    database = tmp_path / "clinic.sqlite3"
    clinic_books(database)
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

    assert run_window_with(database, CLOCK, step) == 0
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


def _damage_the_audit_trail(database):
    """A database whose audit table's root page is scribbled over: nothing the window shows at
    start reads it, so only the check of every page finds it."""
    import sqlite3
    from contextlib import closing

    from medspa_desk.storage.models import AuditEntry

    clinic_books(database)
    db = open_database(database)
    with db.writing() as session:
        session.add_all(
            AuditEntry(at=CLOCK.now(), action="sale", subject=f"sale:{n}", detail="x" * 500)
            for n in range(400)
        )
    backup = make_backup(database, database.parent / "backups", now=CLOCK.now(), reason="manual")
    db.close()
    with closing(sqlite3.connect(database)) as plain:
        plain.execute("PRAGMA journal_mode = DELETE")
        page_size = plain.execute("PRAGMA page_size").fetchone()[0]
        root = plain.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'audit_entry'"
        ).fetchone()[0]
    with database.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\x0d\xff\xff\xff" * (page_size // 4))
    return backup


class _WindowsShown:
    """Notes each main window as it is shown, and closes those from the `close_from`th on once
    they are painted; any still open after 20 s are closed, so a test fails rather than hangs."""

    def __init__(self, qapp, close_from: int) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        from medspa_desk.ui.main_window import MainWindow

        self.seen: list = []
        shown = self

        class Watch(QObject):
            def eventFilter(self, watched, event):
                if isinstance(watched, MainWindow) and watched not in shown.seen:
                    if event.type() == QEvent.Type.Show:
                        shown.seen.append(watched)
                        if len(shown.seen) >= close_from:
                            QTimer.singleShot(300, watched.close)
                return False

        self._watch = Watch()
        self._qapp = qapp
        qapp.installEventFilter(self._watch)
        self._give_up = QTimer()
        self._give_up.setSingleShot(True)
        self._give_up.timeout.connect(qapp.closeAllWindows)
        self._give_up.start(20_000)

    def stop(self) -> None:
        self._give_up.stop()
        self._qapp.removeEventFilter(self._watch)


def test_damage_found_after_the_first_paint_offers_the_backup_and_reopens_on_it(
    qapp, tmp_path, monkeypatch
):
    import medspa_desk.ui.app as app_module
    from medspa_desk.services.books.files import check_database_pages

    database = tmp_path / "clinic.sqlite3"
    _damage_the_audit_trail(database)
    asked = []
    monkeypatch.setattr(app_module, "ask_to_restore", lambda advice: asked.append(advice) or True)
    windows = _WindowsShown(qapp, close_from=2)  # the first closes itself
    assert run_window(database, demo=False, clock=CLOCK) == 0
    windows.stop()
    assert len(windows.seen) == 2  # the damaged books' window, then the restored books'
    assert "damaged" in asked[0] and "newest good backup" in asked[0]
    check_database_pages(database)  # the restored file reads whole
    assert any("damaged" in p.name for p in (tmp_path / "backups").iterdir())


def test_damage_found_after_the_first_paint_stops_the_desk_and_is_never_backed_up(
    qapp, tmp_path, capsys
):
    from medspa_desk.services.books.backups import backups_in

    database = tmp_path / "clinic.sqlite3"
    backup = _damage_the_audit_trail(database)
    windows = _WindowsShown(qapp, close_from=99)  # only the damage closes it
    assert run_window(database, demo=False, clock=CLOCK) == 1  # offscreen: nobody to say yes
    windows.stop()
    assert len(windows.seen) == 1
    said = capsys.readouterr().err
    assert "damaged" in said and str(backup.path) in said and "medspa-desk restore" in said
    assert [made.reason for made in backups_in(tmp_path / "backups", database)] == ["manual"]


def test_the_start_up_backup_follows_the_first_paint_and_the_page_check(qapp, tmp_path):
    from PySide6.QtWidgets import QApplication

    from medspa_desk.services.books.backups import backups_in

    database = tmp_path / "clinic.sqlite3"
    clinic_books(database)
    made = []

    def close_once_backed_up():
        made[:] = (
            backups_in(tmp_path / "backups", database) if (tmp_path / "backups").exists() else []
        )
        if made:
            QApplication.closeAllWindows()

    assert run_window_with(database, CLOCK, close_once_backed_up) == 0
    assert [backup.reason for backup in made] == ["startup"]


def test_the_collector_waits_for_the_first_paint_and_is_put_back_when_the_window_closes(
    qapp, tmp_path
):
    import gc

    from PySide6.QtWidgets import QApplication

    from medspa_desk.ui.main_window import MainWindow

    database = tmp_path / "clinic.sqlite3"
    clinic_books(database)
    seen: list[tuple[bool, bool, bool]] = []  # (painted, collecting, start-up frozen)

    def look():
        window = next((w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)), None)
        if window is None:
            return
        seen.append((window.isVisible(), gc.isenabled(), gc.get_freeze_count() > 0))
        if seen[-1] == (True, True, True):
            QApplication.closeAllWindows()

    assert run_window_with(database, CLOCK, look, every_ms=1) == 0
    assert (True, True, True) in seen
    assert gc.isenabled() and gc.get_freeze_count() == 0


WARMED_PROBE = """
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from medspa_desk.domain.clock import FixedClock
from medspa_desk.ui.app import run_window
from tests.ui.window_runs import run_window_with

LEFT_FOR_LATER = ("reportlab", "pypdfium2", "medspa_desk.services.booking.check_in",
                  "medspa_desk.ui.calendar.late_arrival_panel")
app = QApplication([])
loaded_at_show = []
seen = []


class FirstShow(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and isinstance(watched, QMainWindow):
            if not loaded_at_show:
                loaded_at_show.append(sorted(m for m in LEFT_FOR_LATER if m in sys.modules))
        return False


first_show = FirstShow()
app.installEventFilter(first_show)


def close_once_warmed():
    fonts = sys.modules.get("medspa_desk.documents.fonts")
    if fonts is not None and fonts._registered and all(m in sys.modules for m in LEFT_FOR_LATER):
        seen.append(True)
        QApplication.closeAllWindows()


ticker = QTimer()
ticker.timeout.connect(close_once_warmed)
ticker.start(50)
QTimer.singleShot(20_000, QApplication.closeAllWindows)  # fails rather than hangs
clock = FixedClock(datetime(2026, 11, 25, 10, 12, tzinfo=ZoneInfo("America/Denver")))
code = run_window(Path(sys.argv[1]), demo=False, clock=clock)
print(loaded_at_show, seen, code)
"""


def test_the_window_shows_without_printing_or_booking_changes_and_loads_them_after(tmp_path):
    """A process of its own: this one has loaded ReportLab for other tests already."""
    import subprocess

    database = tmp_path / "clinic.sqlite3"
    clinic_books(database)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        **{
            name: str(tmp_path / name)
            for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")
        },
    }
    started = subprocess.run(
        [sys.executable, "-c", WARMED_PROBE, str(database)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    # None of it when the window shows; the fonts registered, pdfium and the calendar's booking
    # changes loaded once the desk has started.
    assert started.stdout.splitlines()[-1:] == ["[[]] [True] 0"], started.stderr
