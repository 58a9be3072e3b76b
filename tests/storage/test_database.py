"""The database is opened safely, set up for a till, and migrated; bad files are refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from medspa_desk.storage.database import (
    SCHEMA_HEAD,
    DatabaseUnusable,
    _migrations_config,
    open_database,
)
from medspa_desk.storage.models import AuditEntry, ClinicSetting
from medspa_desk.storage.schema import BOOKS_METADATA

NOW = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "clinic.sqlite3")
    yield database
    database.close()


def test_a_new_database_is_migrated_to_the_newest_schema(db):
    with db.reading() as session:
        assert session.scalar(text("SELECT version_num FROM alembic_version")) == SCHEMA_HEAD
        tables = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'")))
    assert set(BOOKS_METADATA.tables) <= tables


def test_schema_head_constant_is_the_newest_migration():
    assert ScriptDirectory.from_config(_migrations_config()).get_current_head() == SCHEMA_HEAD


def test_migrations_build_exactly_what_the_models_describe(db):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), BOOKS_METADATA)
    assert differences == []


def test_every_connection_has_the_till_pragmas(db):
    connections = [db.engine.connect() for _ in range(3)]  # three distinct pooled connections
    try:
        for connection in connections:
            pragma = lambda name, on=connection: on.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 2  # FULL
            assert pragma("busy_timeout") == 5000
    finally:
        for connection in connections:
            connection.close()


def test_a_write_takes_the_lock_when_it_begins(db):
    with db.writing() as session:
        session.execute(select(1))  # only a read so far: pysqlite alone would not have locked yet
        with closing(sqlite3.connect(db.path, timeout=0)) as other_desk:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other_desk.execute("BEGIN IMMEDIATE")


def test_a_failed_action_saves_nothing(db):
    with pytest.raises(RuntimeError):
        with db.writing() as session:
            session.add(ClinicSetting(key="late_grace_minutes", value="15"))
            session.flush()
            raise RuntimeError("the printer caught fire")
    with db.reading() as session:
        assert session.get(ClinicSetting, "late_grace_minutes") is None


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError):
        with db.writing() as session:
            session.add(AuditEntry(at=NOW, staff_id=999, action="test", subject="x"))


def test_the_audit_log_is_append_only(db):
    with db.writing() as session:
        session.add(AuditEntry(at=NOW, action="opened", subject="desk"))
    for statement in ("UPDATE audit_entry SET action = 'forged'", "DELETE FROM audit_entry"):
        with pytest.raises(IntegrityError, match="append-only"):
            with db.writing() as session:
                session.execute(text(statement))


def test_appointments_are_never_deleted(db):
    with db.writing() as session:
        session.execute(
            text(
                "INSERT INTO staff (id, display_name, role, is_provider, is_manager, active,"
                " calendar_order, colour) VALUES (1, 'Ana', 'Nurse injector', 1, 0, 1, 0, '#88aacc');"
            )
        )
        session.execute(
            text(
                "INSERT INTO client (id, first_name, last_name, search_name, notes, created_at)"
                " VALUES (1, 'Zoë', 'O''Brien', 'zoe obrien', '', '2026-01-01 00:00:00')"
            )
        )
        session.execute(
            text(
                "INSERT INTO service (id, name, category, duration_minutes, price_cents, active) VALUES (1, 'Botox', 'Injectables', 30, 1200, 1)"
            )
        )
        session.execute(
            text(
                "INSERT INTO appointment (client_id, provider_id, service_id, starts_at, ends_at, status,"
                " price_cents, policy_version, notes, created_at) VALUES (1, 1, 1, '2026-11-25 17:00:00',"
                " '2026-11-25 17:30:00', 'booked', 1200, '2025-01', '', '2026-11-20 17:00:00')"
            )
        )
    with pytest.raises(IntegrityError, match="never deleted"):
        with db.writing() as session:
            session.execute(text("DELETE FROM appointment"))


def test_reopening_keeps_the_data(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    first = open_database(path)
    with first.writing() as session:
        session.add(ClinicSetting(key="slot_minutes", value="15"))
    first.close()
    again = open_database(path)
    with again.reading() as session:
        assert session.get(ClinicSetting, "slot_minutes").value == "15"
    again.close()


def test_an_empty_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    open_database(path).close()
    assert path.read_bytes().startswith(b"SQLite format 3")


# --- refused, and left exactly as they were ---------------------------------------------------


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Appointments for Tuesday\n" * 200)
    before = fingerprint(path)
    with pytest.raises(DatabaseUnusable, match="not an SQLite file"):
        open_database(path)
    assert fingerprint(path) == before
    assert siblings(path) == {"notes.sqlite3"}


def test_a_read_only_file_is_refused_untouched(tmp_path, db):
    db.close()
    path = db.path
    with closing(sqlite3.connect(path)) as plain:  # fold the WAL in, as a copied file would be
        plain.execute("PRAGMA journal_mode = DELETE")
    path.chmod(0o444)
    before = fingerprint(path)
    with pytest.raises(DatabaseUnusable, match="read-only"):
        open_database(path)
    assert fingerprint(path) == before
    assert siblings(path) == {path.name}


def test_a_database_from_a_newer_app_is_refused_untouched(tmp_path, db):
    with db.writing() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with closing(sqlite3.connect(db.path)) as plain:
        plain.execute("PRAGMA journal_mode = DELETE")
    before = fingerprint(db.path)
    with pytest.raises(DatabaseUnusable, match="newer version"):
        open_database(db.path)
    assert fingerprint(db.path) == before


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "photos.db"
    with closing(sqlite3.connect(path)) as other:
        other.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
        other.commit()
    before = fingerprint(path)
    with pytest.raises(DatabaseUnusable, match="not one of medspa_desk's"):
        open_database(path)
    assert fingerprint(path) == before


def test_a_damaged_database_is_refused_untouched(tmp_path):
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = fingerprint(path)
    with pytest.raises(DatabaseUnusable, match="damaged"):
        open_database(path)
    assert fingerprint(path) == before


def test_a_missing_folder_is_explained(tmp_path):
    with pytest.raises(DatabaseUnusable, match="does not exist"):
        open_database(tmp_path / "no such folder" / "clinic.sqlite3")


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(DatabaseUnusable, match="is a folder"):
        open_database(tmp_path)


# --- databases kept from every released schema open and upgrade --------------------------------

OLD_DATABASES = sorted((Path(__file__).parent / "old_databases").glob("schema-*.sqlite3"))


@pytest.mark.parametrize("kept", OLD_DATABASES, ids=lambda p: p.stem)
def test_a_database_from_each_released_schema_opens_with_its_data(tmp_path, kept):
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(kept.read_bytes())
    old_revision = kept.stem.removeprefix("schema-")
    db = open_database(path, upgrade_backups=tmp_path / "backups")
    with db.reading() as session:
        assert session.scalar(text("SELECT version_num FROM alembic_version")) == SCHEMA_HEAD
        assert session.scalar(text("SELECT count(*) FROM client")) > 0
        assert session.scalar(text("SELECT count(*) FROM appointment")) > 0
    with pytest.raises(IntegrityError, match="never deleted"):  # the upgrade kept the guards
        with db.writing() as session:
            session.execute(text("DELETE FROM appointment"))
    db.close()
    backups = sorted(tmp_path.glob("backups/*.sqlite3"))
    if old_revision == SCHEMA_HEAD:
        assert backups == []
    else:  # the copy taken before upgrading is still the old schema, with the old data
        assert len(backups) == 1
        with closing(sqlite3.connect(backups[0])) as copy:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (
                old_revision,
            )


def test_there_is_a_kept_database_for_the_newest_schema():
    assert f"schema-{SCHEMA_HEAD}" in {p.stem for p in OLD_DATABASES}
