"""What a front-desk PC goes through: a full disk, a file turned read-only, a damaged file."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, func, select

from medspa_desk.storage.database import DatabaseDamaged, StorageFailure, open_database
from medspa_desk.storage.models import AuditEntry, ClinicSetting

NOW = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "clinic.sqlite3")
    yield database
    database.close()


def limit_every_connection(db, pragma: str) -> None:
    @event.listens_for(db.engine, "connect")
    def limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA {pragma}")

    db.engine.dispose()  # the pool's open connections would not get it


def count_audit(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_a_full_disk_fails_the_action_whole_with_a_clear_message(db):
    with db.writing() as session:
        session.add(AuditEntry(at=NOW, action="opened", subject="desk"))
    pages = db.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()
    limit_every_connection(db, f"max_page_count = {pages}")  # SQLite answers SQLITE_FULL past it
    with pytest.raises(StorageFailure, match="The disk is full: nothing of this was saved"):
        with db.writing() as session:
            session.add(ClinicSetting(key="clinic_name", value="406MedicalSpa"))
            session.add_all(
                AuditEntry(at=NOW, action="x" * 50, subject="y" * 50, detail="z" * 2000)
                for _ in range(200)
            )
    assert count_audit(db) == 1
    with db.reading() as session:
        assert session.get(ClinicSetting, "clinic_name") is None


def test_a_database_that_turned_read_only_fails_the_action_with_a_clear_message(db):
    limit_every_connection(db, "query_only = ON")
    with pytest.raises(StorageFailure, match="read-only"):
        with db.writing() as session:
            session.add(AuditEntry(at=NOW, action="opened", subject="desk"))
    assert count_audit(db) == 0


def test_other_errors_are_not_dressed_up_as_disk_trouble(db):
    with pytest.raises(Exception) as raised:
        with db.writing() as session:
            session.execute(select(func.no_such_function()))
    assert not isinstance(raised.value, StorageFailure)


def test_a_damaged_page_is_found_at_start(tmp_path, db):
    with db.writing() as session:
        session.add_all(
            AuditEntry(at=NOW, action="sale", subject=f"sale:{n}", detail="x" * 500)
            for n in range(400)
        )
    db.close()
    with closing(sqlite3.connect(db.path)) as plain:
        plain.execute("PRAGMA journal_mode = DELETE")
        page_size = plain.execute("PRAGMA page_size").fetchone()[0]
        root = plain.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'audit_entry'"
        ).fetchone()[0]
    with db.path.open("r+b") as file:  # scribble over the audit table's root page
        file.seek((root - 1) * page_size)
        file.write(b"\x0d\xff\xff\xff" * (page_size // 4))
    with pytest.raises(DatabaseDamaged, match="damaged"):
        open_database(db.path)


def _scribble_over_root_page(path, table: str) -> None:
    with closing(sqlite3.connect(path)) as plain:
        plain.execute("PRAGMA journal_mode = DELETE")
        page_size = plain.execute("PRAGMA page_size").fetchone()[0]
        root = plain.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\x0d\xff\xff\xff" * (page_size // 4))


def test_the_page_check_left_for_later_finds_what_the_opening_did_not_read(db):
    from medspa_desk.storage.database import check_database_pages

    with db.writing() as session:
        session.add_all(
            AuditEntry(at=NOW, action="sale", subject=f"sale:{n}", detail="x" * 500)
            for n in range(400)
        )
    db.close()
    _scribble_over_root_page(db.path, "audit_entry")
    open_database(db.path, check_pages=False).close()  # its header and schema are sound
    with pytest.raises(DatabaseDamaged, match="damaged"):
        check_database_pages(db.path)


def test_a_migration_reads_every_page_first_even_when_the_check_is_left_for_later(tmp_path):
    import shutil
    from pathlib import Path

    old = Path(__file__).parent / "old_databases" / "schema-0003.sqlite3"
    path = tmp_path / "clinic.sqlite3"
    shutil.copyfile(old, path)
    _scribble_over_root_page(path, "audit_entry")
    with pytest.raises(DatabaseDamaged, match="damaged"):
        open_database(path, check_pages=False)
    assert not (tmp_path / "backups").exists()  # a damaged file is neither backed up nor migrated
