"""Automatic backups: one at start-up, then on a timer; a failure is said, not hidden."""

from datetime import datetime
from zoneinfo import ZoneInfo

from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.books.backups import backups_in
from medspa_desk.services.desk import open_desk
from medspa_desk.ui.background_work import run_at_once
from medspa_desk.ui.backup_schedule import BackupSchedule

CLOCK = FixedClock(datetime(2026, 11, 25, 10, 12, tzinfo=ZoneInfo("America/Denver")))


def test_a_backup_is_made_at_start_and_the_timer_runs(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    schedule = BackupSchedule(desk, runner=run_at_once)
    with qtbot.waitSignal(schedule.finished) as said:
        schedule.start()
    assert "Backed up to" in said.args[0]
    made = backups_in(tmp_path / "backups", desk.db.path)
    assert [backup.reason for backup in made] == ["startup"]
    assert schedule._timer.isActive() and schedule._timer.interval() == 4 * 3600 * 1000
    schedule._timer.timeout.emit()
    assert sorted(b.reason for b in backups_in(tmp_path / "backups", desk.db.path)) == [
        "scheduled",
        "startup",
    ]
    desk.close()


def test_a_failed_backup_is_reported(qtbot, tmp_path):
    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    (tmp_path / "backups").write_text("a file where the backup folder should be")
    schedule = BackupSchedule(desk, runner=run_at_once)
    with qtbot.waitSignal(schedule.failed) as said:
        schedule.back_up("manual")
    assert "did not work" in said.args[0] and "cannot be used" in said.args[0]
    desk.close()


def test_new_backup_settings_are_followed_without_a_restart(qtbot, tmp_path):
    from dataclasses import replace

    desk = open_desk(tmp_path / "clinic.sqlite3", CLOCK)
    schedule = BackupSchedule(desk, runner=run_at_once)
    schedule.start()
    usb = tmp_path / "usb"
    desk.settings = replace(desk.settings, backup_folder=str(usb), backup_every_hours=2)
    schedule.follow_settings()
    assert schedule._timer.isActive() and schedule._timer.interval() == 2 * 3600 * 1000
    schedule._timer.timeout.emit()
    assert [b.reason for b in backups_in(usb, desk.db.path)] == ["scheduled"]
    desk.close()
