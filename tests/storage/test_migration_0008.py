"""Migration 0009: confirmation attempts are kept (never deleted), and the clients kept from
before it have no preferred channel said."""

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import Client

SCHEMA_0008 = Path(__file__).parent / "old_databases" / "schema-0008.sqlite3"


def test_old_clients_have_no_preferred_channel_and_attempts_are_never_deleted(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(SCHEMA_0008.read_bytes())
    db = open_database(path, upgrade_backups=tmp_path / "backups")
    with db.reading() as session:
        clients = session.scalar(select(func.count(Client.id)))
        unsaid = session.scalar(
            select(func.count(Client.id)).where(Client.preferred_channel.is_(None))
        )
        assert clients > 0 and unsaid == clients
    with db.writing() as session:
        session.execute(
            text(
                "INSERT INTO confirmation_attempt (appointment_id, at, channel, outcome, note)"
                " SELECT min(id), '2026-11-24 17:00:00', 'phone', 'no_answer', '' FROM appointment"
            )
        )
    with pytest.raises(IntegrityError, match="never deleted from: confirmation_attempt"):
        with db.writing() as session:
            session.execute(text("DELETE FROM confirmation_attempt"))
    db.close()
