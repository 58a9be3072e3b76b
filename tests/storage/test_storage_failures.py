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
