"""Migration 0010: the waiting list's entries and offers, never deleted (an entry is closed)."""

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from medspa_desk.storage.database import open_database

SCHEMA_0009 = Path(__file__).parent / "old_databases" / "schema-0009.sqlite3"


@pytest.mark.parametrize("table", ["waiting_list_entry", "waiting_list_offer"])
def test_the_waiting_list_is_never_deleted_from(tmp_path, table):
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(SCHEMA_0009.read_bytes())
    db = open_database(path, upgrade_backups=tmp_path / "backups")
    with db.writing() as session:
        session.execute(
            text(
                "INSERT INTO waiting_list_entry (client_id, service_id, provider_ids, weekdays,"
                " hours, note, added_at, closed_reason) SELECT min(id), (SELECT min(id) FROM"
                " service), '', '', '', '', '2026-11-24 17:00:00', '' FROM client"
            )
        )
        session.execute(
            text(
                "INSERT INTO waiting_list_offer (entry_id, at, outcome, note)"
                " SELECT min(id), '2026-11-24 18:00:00', 'no_answer', '' FROM waiting_list_entry"
            )
        )
    with pytest.raises(IntegrityError, match=f"never deleted from: {table}"):
        with db.writing() as session:
            session.execute(text(f"DELETE FROM {table}"))
    db.close()
