"""After the window's first paint, every page of the books is read, then the start-up backup made
and the work after start-up done (the client index read ahead of the first search)."""

import gc
import linecache
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.books.backups import backups_in
from medspa_desk.services.clients.records import NewClient, create_client
from medspa_desk.services.desk import open_desk
from medspa_desk.start_up_collection import StartUpCollection
from medspa_desk.ui import app
from medspa_desk.ui.app import after_start_work
from medspa_desk.ui.background_work import run_at_once
from medspa_desk.ui.backup_schedule import BackupSchedule
from medspa_desk.ui.startup_checks import StartupChecks
from tests.approvals import new_front_desk_signed_in
from tests.services.traced_reads import traced_statements, whole_client_table_reads

CLOCK = FixedClock(datetime(2026, 11, 25, 10, 12, tzinfo=ZoneInfo("America/Denver")))


def test_nothing_is_read_or_copied_before_the_window_is_painted(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    window = QWidget()
    qtbot.addWidget(window)
    schedule = BackupSchedule(desk, runner=run_at_once)
    checks = StartupChecks(window, desk.db.path, schedule, runner=run_at_once)
    painted: list[bool] = []
    checks.painted.connect(lambda: painted.append(window.isVisible()))
    qtbot.wait(100)
    assert backups_in(tmp_path / "backups", desk.db.path) == []
    assert painted == []
    with qtbot.waitSignal(schedule.finished):
        window.show()
    assert painted == [True]
    assert [b.reason for b in backups_in(tmp_path / "backups", desk.db.path)] == ["startup"]
    desk.close()


def test_a_damaged_file_is_said_and_not_backed_up(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    desk.close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    window = QWidget()
    qtbot.addWidget(window)
    schedule = BackupSchedule(desk, runner=run_at_once)
    checks = StartupChecks(window, damaged, schedule, runner=run_at_once)
    with qtbot.waitSignal(checks.damaged) as said:
        window.show()
    assert "damaged" in said.args[0]
    qtbot.wait(50)
    assert not (tmp_path / "backups").exists()


def test_the_work_after_start_up_runs_after_the_page_check_one_piece_after_another(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    window = QWidget()
    qtbot.addWidget(window)
    ran: list[str] = []

    def failing() -> None:
        ran.append("failing")
        raise RuntimeError("no")

    schedule = BackupSchedule(desk, runner=run_at_once)
    StartupChecks(
        window,
        desk.db.path,
        schedule,
        runner=run_at_once,
        after_start=(lambda: ran.append("first"), failing, lambda: ran.append("last")),
    )
    qtbot.wait(100)
    assert ran == []  # nothing before the first paint
    with qtbot.waitSignal(schedule.finished):
        window.show()
    qtbot.waitUntil(lambda: ran == ["first", "failing", "last"])  # one failing stops nothing
    desk.close()


def test_the_client_index_is_read_once_off_the_gui_thread_and_found_right(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    create_client(new_front_desk_signed_in(desk), NewClient("Zoë", "O'Brien", "406-555-0142"))
    traced = traced_statements(desk)
    window = QWidget()
    qtbot.addWidget(window)
    schedule = BackupSchedule(desk, runner=run_at_once)
    collection = StartUpCollection()
    StartupChecks(window, desk.db.path, schedule, after_start=after_start_work(desk, collection))
    window.show()
    qtbot.waitUntil(lambda: whole_client_table_reads(traced) == 1)
    added = create_client(desk, NewClient("Ingrid", "Halvorsen"))
    assert [match.name for match in desk.client_index.search("obrien")] == ["Zoë O'Brien"]
    assert [match.client_id for match in desk.client_index.search("halvorsen")] == [added]
    assert whole_client_table_reads(traced) == 1
    QThreadPool.globalInstance().waitForDone()
    collection.release()
    desk.close()


def test_the_work_after_start_up_lets_go_of_the_source_lines_read_at_imports(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    create_client(new_front_desk_signed_in(desk), NewClient("Zoë", "O'Brien", "406-555-0142"))
    # What PySide6's import hook leaves in linecache for every module imported after it.
    assert linecache.getline(app.__file__, 1).startswith('"""Starting the window')
    window = QWidget()
    qtbot.addWidget(window)
    schedule = BackupSchedule(desk, runner=run_at_once)
    collection = StartUpCollection()
    collection.hold()
    checks = StartupChecks(
        window,
        desk.db.path,
        schedule,
        runner=run_at_once,
        after_start=after_start_work(desk, collection),
    )
    checks.painted.connect(collection.freeze_long_lived)
    assert not gc.isenabled()  # held while the window starts
    try:
        with qtbot.waitSignal(schedule.finished):
            window.show()
        assert app.__file__ not in linecache.cache
        assert [match.name for match in desk.client_index.search("obrien")] == ["Zoë O'Brien"]
        # Collecting again, and what start-up made (the index among it) is out of its rounds.
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert all(tracked is not desk.client_index for tracked in gc.get_objects())
    finally:
        collection.release()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    desk.close()


def test_a_damaged_file_gets_no_work_after_start_up(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    desk.close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    window = QWidget()
    qtbot.addWidget(window)
    ran: list[bool] = []
    schedule = BackupSchedule(desk, runner=run_at_once)
    checks = StartupChecks(
        window, damaged, schedule, runner=run_at_once, after_start=(lambda: ran.append(True),)
    )
    with qtbot.waitSignal(checks.damaged):
        window.show()
    qtbot.wait(50)
    assert ran == []


def test_work_after_start_up_that_fails_is_logged_by_its_kind_only(qtbot, tmp_path, caplog):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    window = QWidget()
    qtbot.addWidget(window)

    def fails() -> None:
        raise OSError("Nguyễn Thị Hoa's receipt")  # what a read's error might quote

    schedule = BackupSchedule(desk, runner=run_at_once)
    StartupChecks(window, desk.db.path, schedule, runner=run_at_once, after_start=(fails,))
    with qtbot.waitSignal(schedule.finished):
        window.show()
    qtbot.waitUntil(lambda: "work after start-up failed" in caplog.text)
    assert "OSError" in caplog.text and "Hoa" not in caplog.text
    desk.close()
