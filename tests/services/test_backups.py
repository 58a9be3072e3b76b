"""Backups are consistent copies made while the desk works; restore keeps what it replaces."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.books.backups import (
    BackupFailed,
    backups_in,
    check_books,
    make_backup,
    newest_good_backup,
    restore_backup,
    rotate_backups,
)
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import AuditEntry

NOW = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


def add_entries(db, how_many: int, action: str = "sale") -> None:
    with db.writing() as session:
        session.add_all(
            AuditEntry(at=NOW, action=action, subject=f"sale:{n}", detail="x" * 200)
            for n in range(how_many)
        )


def entries_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as copy:
        return copy.execute("SELECT count(*) FROM audit_entry").fetchone()[0]


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "clinic.sqlite3")
    add_entries(database, 500)
    yield database
    database.close()


def test_a_backup_is_a_checked_self_contained_copy(db, tmp_path):
    progress = []
    made = make_backup(
        db.path,
        tmp_path / "backups",
        now=NOW,
        reason="manual",
        progress=lambda d, t: progress.append((d, t)),
    )
    assert made.path.name == "clinic-20261125T170000Z-manual.sqlite3"
    assert entries_in(made.path) == 500
    assert progress and progress[-1][0] == progress[-1][1]
    assert sorted(p.name for p in made.path.parent.iterdir()) == [
        made.path.name
    ]  # no -wal, no .partial
    assert backups_in(tmp_path / "backups", db.path)[0].reason == "manual"


def test_an_uncommitted_sale_is_not_in_the_backup(db, tmp_path):
    with db.writing() as session:
        session.add(AuditEntry(at=NOW, action="half-done", subject="sale:x"))
        session.flush()
        made = make_backup(db.path, tmp_path / "backups", now=NOW, reason="manual")
    assert entries_in(made.path) == 500


def test_backups_made_while_the_desk_keeps_writing_are_consistent(db, tmp_path):
    stop = threading.Event()

    def desk_selling():
        while not stop.is_set():
            add_entries(db, 5)

    seller = threading.Thread(target=desk_selling)
    seller.start()
    try:
        made = [
            make_backup(
                db.path, tmp_path / "backups", now=NOW + timedelta(seconds=n), reason="scheduled"
            )
            for n in range(5)
        ]
    finally:
        stop.set()
        seller.join()
    counts = [entries_in(m.path) for m in made]
    assert all(count % 5 == 0 and count >= 500 for count in counts)  # whole transactions only
    assert all(check_books(m.path).ok for m in made)


def test_a_backup_to_a_folder_that_cannot_be_made_says_so(db, tmp_path):
    blocker = tmp_path / "usb"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(BackupFailed, match="cannot be used"):
        make_backup(db.path, blocker / "backups", now=NOW, reason="manual")


def test_rotation_keeps_the_newest_of_each_period(db, tmp_path):
    folder = tmp_path / "backups"
    for day in range(40):
        make_backup(db.path, folder, now=NOW - timedelta(days=day), reason="scheduled")
    removed = rotate_backups(folder, db.path, ClinicSettings())
    left = backups_in(folder, db.path)
    assert removed and len(left) + len(removed) == 40
    assert left[0].taken_at == NOW
    assert len(left) <= 6 + 14 + 8 + 12


def test_the_newest_good_backup_skips_a_damaged_one(db, tmp_path):
    folder = tmp_path / "backups"
    good = make_backup(db.path, folder, now=NOW - timedelta(hours=4), reason="scheduled")
    bad = make_backup(db.path, folder, now=NOW, reason="scheduled")
    bad.path.write_bytes(bad.path.read_bytes()[:4096] + b"\xff" * 8192)
    assert newest_good_backup(folder, db.path).path == good.path


def test_restore_puts_the_backup_back_and_keeps_what_it_replaced(db, tmp_path):
    folder = tmp_path / "backups"
    made = make_backup(db.path, folder, now=NOW, reason="manual")
    add_entries(db, 7, action="after the backup")
    db.close()
    safety = restore_backup(db.path, made.path, now=NOW + timedelta(hours=1), safety_folder=folder)
    assert entries_in(db.path) == 500
    assert entries_in(safety) == 507
    reopened = open_database(db.path)
    with reopened.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 500
    reopened.close()


def test_restore_over_a_damaged_database_keeps_the_damaged_bytes(db, tmp_path):
    folder = tmp_path / "backups"
    made = make_backup(db.path, folder, now=NOW, reason="manual")
    db.close()
    db.path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 10000)
    safety = restore_backup(db.path, made.path, now=NOW, safety_folder=folder)
    assert "damaged" in safety.name and safety.read_bytes().startswith(b"SQLite format 3")
    assert entries_in(db.path) == 500


def test_a_file_that_is_not_a_backup_is_not_restored(db, tmp_path):
    impostor = tmp_path / "holiday-photos.sqlite3"
    impostor.write_bytes(b"JFIF" * 100)
    db.close()
    before = db.path.read_bytes()
    with pytest.raises(BackupFailed, match="cannot be restored"):
        restore_backup(db.path, impostor, now=NOW, safety_folder=tmp_path / "backups")
    assert db.path.read_bytes() == before


def test_check_finds_receipt_numbers_out_of_step(db):
    assert check_books(db.path).ok
    with db.writing() as session:
        session.execute(text("UPDATE counter SET next_value = 5 WHERE name = 'receipt_number'"))
    report = check_books(db.path)
    assert not report.ok and "next number would be 5" in report.findings[0]


def test_rotation_keeps_the_newest_copy_of_each_kind_of_evidence(db, tmp_path):
    """Copies kept before a restore or an upgrade, or of a damaged file, hold the same people as
    the backups: only the newest of each kind outlives the rotation."""
    folder = tmp_path / "backups"
    restores = [
        make_backup(db.path, folder, now=NOW - timedelta(days=d), reason="before-restore")
        for d in (300, 3)
    ]
    damaged = [
        make_backup(db.path, folder, now=NOW - timedelta(days=d), reason="damaged")
        for d in (200, 100)
    ]
    Path(f"{damaged[0].path}-wal").write_bytes(b"the damaged file's -wal, kept with it")
    upgrades = [
        folder / f"{db.path.stem}.before-upgrade-from-000{n}.2026010{n}-120000{db.path.suffix}"
        for n in (1, 2)
    ]
    for copy in upgrades:
        copy.write_bytes(db.path.read_bytes())
    for day in range(30):
        make_backup(db.path, folder, now=NOW - timedelta(days=day), reason="scheduled")

    removed = rotate_backups(folder, db.path, ClinicSettings())

    assert {restores[0].path, damaged[0].path, upgrades[0]} <= set(removed)
    assert (
        not restores[0].path.exists() and not damaged[0].path.exists() and not upgrades[0].exists()
    )
    assert not Path(f"{damaged[0].path}-wal").exists()
    assert restores[1].path.exists() and damaged[1].path.exists() and upgrades[1].exists()
    assert (
        len([b for b in backups_in(folder, db.path) if b.reason == "scheduled"])
        == 30 - len(removed) + 3
    )


def test_two_restores_in_one_second_keep_both_replaced_files(db, tmp_path):
    folder = tmp_path / "backups"
    made = make_backup(db.path, folder, now=NOW - timedelta(hours=1), reason="manual")
    db.close()
    first = restore_backup(db.path, made.path, now=NOW, safety_folder=folder)
    second = restore_backup(db.path, made.path, now=NOW, safety_folder=folder)
    assert first != second and first.exists() and second.exists()
