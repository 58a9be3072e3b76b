"""The desk's files hold health notes and contact details: every one it creates or opens is the
owner's alone (0600, folders 0700), whatever the umask it was started with. POSIX only: on
Windows the per-user data folder is what keeps them private."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from medspa_desk.data_locations import clinic_database_path, make_data_folders_private
from medspa_desk.desk_log import start_logging
from medspa_desk.services.books.backups import make_backup
from medspa_desk.storage.database import open_database
from medspa_desk.storage.private_files import make_folder_contents_private

pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="file modes are POSIX; Windows keeps the per-user folder private"
)


def mode(path: Path | str) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def everyone_may_read_by_default():
    """The usual umask of a desktop session, under which new files come out 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_database_and_its_wal_and_shm_are_the_owners_alone(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    db = open_database(path)
    try:
        with db.writing() as session:
            session.execute(text("UPDATE clinic_setting SET value = value"))
        assert {suffix: mode(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")} == {
            "": 0o600,
            "-wal": 0o600,
            "-shm": 0o600,
        }
    finally:
        db.close()


def test_a_database_left_readable_by_all_is_tightened_when_opened(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    open_database(path).close()
    with closing(sqlite3.connect(path)) as other:  # an older version's -wal, beside the file
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("CREATE TABLE left_open (x)")
        other.commit()
        for suffix in ("", "-wal", "-shm"):
            os.chmod(f"{path}{suffix}", 0o644)
        db = open_database(path)
        try:
            assert [mode(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")] == [
                0o600,
                0o600,
                0o600,
            ]
        finally:
            db.close()


def test_a_backup_and_its_folder_are_the_owners_alone(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    open_database(path).close()
    made = make_backup(
        path,
        tmp_path / "usb" / "backups",
        now=datetime(2026, 6, 10, 14, tzinfo=UTC),
        reason="manual",
    )
    assert mode(made.path) == 0o600
    assert mode(tmp_path / "usb" / "backups") == 0o700


def test_the_log_its_folder_and_older_logs_are_the_owners_alone(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    older = folder / "medspa_desk.log.1"
    older.write_text("an older version's log\n")
    older.chmod(0o644)
    path = start_logging(folder)
    try:
        logging.getLogger("medspa_desk.test").warning("a line")
        assert (mode(folder), mode(path), mode(older)) == (0o700, 0o600, 0o600)
    finally:
        for handler in [
            h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(path)
        ]:
            handler.close()
            logging.getLogger().removeHandler(handler)


def test_the_data_folder_left_readable_by_all_is_tightened_at_start(tmp_path):
    database = clinic_database_path()  # in this test's own data folder (tests/conftest.py)
    (database.parent / "backups").mkdir(parents=True, mode=0o755)
    database.parent.chmod(0o755)
    open_database(database).close()
    database.chmod(0o644)
    old_backup = database.parent / "backups" / "clinic-20260101-000000-manual.sqlite3"
    old_backup.write_bytes(database.read_bytes())
    old_backup.chmod(0o644)

    make_data_folders_private()

    assert (
        mode(database.parent),
        mode(database.parent / "backups"),
        mode(database),
        mode(old_backup),
    ) == (
        0o700,
        0o700,
        0o600,
        0o600,
    )


def test_tightening_a_read_only_copy_keeps_it_read_only(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    kept = folder / "clinic-20261125T170000Z-before-restore.sqlite3"
    kept.write_bytes(b"a copy kept as evidence")
    kept.chmod(0o444)
    make_folder_contents_private(folder)
    assert mode(kept) == 0o400 and mode(folder) == 0o700
