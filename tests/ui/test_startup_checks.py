"""After the window's first paint, every page of the books is read, then the start-up backup made."""

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget

from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.books.backups import backups_in
from medspa_desk.services.desk import open_desk
from medspa_desk.ui.background_work import run_at_once
from medspa_desk.ui.backup_schedule import BackupSchedule
from medspa_desk.ui.startup_checks import StartupChecks

CLOCK = FixedClock(datetime(2026, 11, 25, 10, 12, tzinfo=ZoneInfo("America/Denver")))


def test_nothing_is_read_or_copied_before_the_window_is_painted(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    window = QWidget()
    qtbot.addWidget(window)
    schedule = BackupSchedule(desk, runner=run_at_once)
    StartupChecks(window, desk.db.path, schedule, runner=run_at_once)
    qtbot.wait(100)
    assert backups_in(tmp_path / "backups", desk.db.path) == []
    with qtbot.waitSignal(schedule.finished):
        window.show()
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


def test_the_receipts_are_warmed_after_the_page_check_and_the_backup_starts(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    window = QWidget()
    qtbot.addWidget(window)
    order: list[str] = []
    schedule = BackupSchedule(desk, runner=run_at_once)
    schedule.finished.connect(lambda _text: order.append("backup"))
    StartupChecks(
        window,
        desk.db.path,
        schedule,
        runner=run_at_once,
        warm_up=lambda: order.append("warm-up"),
    )
    qtbot.wait(100)
    assert order == []  # nothing before the first paint
    window.show()
    qtbot.waitUntil(lambda: order == ["backup", "warm-up"])
    desk.close()


def test_a_damaged_file_is_not_warmed(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    desk.close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    window = QWidget()
    qtbot.addWidget(window)
    warmed: list[bool] = []
    schedule = BackupSchedule(desk, runner=run_at_once)
    checks = StartupChecks(
        window, damaged, schedule, runner=run_at_once, warm_up=lambda: warmed.append(True)
    )
    with qtbot.waitSignal(checks.damaged):
        window.show()
    qtbot.wait(50)
    assert warmed == []


def test_a_warm_up_that_fails_is_logged_by_its_kind_only(qtbot, tmp_path, caplog):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    window = QWidget()
    qtbot.addWidget(window)

    def fails() -> None:
        raise OSError("Nguyễn Thị Hoa's receipt")  # what a read's error might quote

    schedule = BackupSchedule(desk, runner=run_at_once)
    StartupChecks(window, desk.db.path, schedule, runner=run_at_once, warm_up=fails)
    with qtbot.waitSignal(schedule.finished):
        window.show()
    qtbot.waitUntil(lambda: "could not be warmed" in caplog.text)
    assert "OSError" in caplog.text and "Hoa" not in caplog.text
    desk.close()
