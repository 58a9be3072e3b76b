"""Migration 0012: moving in. The imports and the past visits they bring stay on record; the
old system's ids may go (a client's data deleted takes theirs); clients gain an address."""

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from medspa_desk.storage.database import open_database

SCHEMA_0011 = Path(__file__).parent / "old_databases" / "schema-0011.sqlite3"


@pytest.fixture
def upgraded(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(SCHEMA_0011.read_bytes())
    db = open_database(path, upgrade_backups=tmp_path / "backups")
    with db.writing() as session:
        session.execute(
            text(
                "INSERT INTO import_batch (kind, file_name, file_sha256, at, rows_read,"
                " rows_added, rows_merged, rows_unchanged, rows_skipped)"
                " VALUES ('clients', 'c.csv', '', '2026-12-03 17:00:00', 1, 1, 0, 0, 0)"
            )
        )
        session.execute(
            text(
                "INSERT INTO past_visit (client_id, visited_on, provider_name, service_name,"
                " amount_cents, outcome, batch_id) SELECT min(id), '2024-05-01', 'Kelsey',"
                " 'Botox', 30000, 'completed', 1 FROM client"
            )
        )
        session.execute(
            text(
                "INSERT INTO imported_record (kind, old_id, record_id, batch_id)"
                " SELECT 'clients', 'MB-1', min(id), 1 FROM client"
            )
        )
    yield db
    db.close()


@pytest.mark.parametrize("table", ["import_batch", "past_visit"])
def test_imports_and_past_visits_are_never_deleted_from(upgraded, table):
    with pytest.raises(IntegrityError, match=f"never deleted from: {table}"):
        with upgraded.writing() as session:
            session.execute(text(f"DELETE FROM {table}"))


def test_the_old_ids_may_go_and_are_unique_per_kind(upgraded):
    with pytest.raises(IntegrityError, match="UNIQUE"):
        with upgraded.writing() as session:
            session.execute(
                text(
                    "INSERT INTO imported_record (kind, old_id, record_id, batch_id)"
                    " VALUES ('clients', 'MB-1', 2, 1)"
                )
            )
    with upgraded.writing() as session:
        session.execute(text("DELETE FROM imported_record"))


def test_clients_kept_from_before_have_an_empty_address_and_entries_no_import(upgraded):
    with upgraded.reading() as session:
        assert session.execute(text("SELECT DISTINCT address FROM client")).all() == [("",)]
        for table in ("account_credit_entry", "gift_card_entry"):
            assert (
                session.execute(
                    text(f"SELECT count(*) FROM {table} WHERE import_batch_id IS NOT NULL")
                ).scalar()
                == 0
            )
        names = {
            row[0]
            for row in session.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            )
        }
        assert {"gift_card_entry_no_delete", "account_credit_entry_no_delete"} <= names
