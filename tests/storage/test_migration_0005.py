"""Migration 0005: what a fee has been paid and the records merged into a client are read through
an index, not by reading every sale line or every client; search, which asks for the records not
merged away, is still planned as before (the merged index is partial, holding merged rows only).

Plans, not timings: EXPLAIN QUERY PLAN of the very statements the services run."""

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from medspa_desk.services.clients.client_index import ClientIndex
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import Client
from medspa_desk.storage.till_models import Sale, SaleLine

SCHEMA_0004 = Path(__file__).parent / "old_databases" / "schema-0004.sqlite3"


def _plan(connection: sqlite3.Connection, statement, parameters=()) -> str:
    rows = connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
    return "\n".join(row[3] for row in rows)


def _upgraded(tmp_path: Path) -> tuple[Path, int, int]:
    """A schema-0004 database with one client merged into another, upgraded; (path, kept
    client, client merged away)."""
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(SCHEMA_0004.read_bytes())
    with closing(sqlite3.connect(path)) as old:
        keep, away = (row[0] for row in old.execute("SELECT id FROM client ORDER BY id LIMIT 2"))
        old.execute("UPDATE client SET merged_into_id = ? WHERE id = ?", (keep, away))
        old.commit()
    open_database(path, upgrade_backups=tmp_path / "backups").close()
    return path, keep, away


def test_what_a_fee_was_paid_is_read_through_an_index(tmp_path):
    path, _keep, _away = _upgraded(tmp_path)
    paid = (
        select(SaleLine.total_cents)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(SaleLine.fee_id == 1, Sale.voided_at.is_(None))
    )
    with closing(sqlite3.connect(path)) as books:
        plan = _plan(books, _literal(paid))
    assert "ix_sale_line_fee_id" in plan
    assert "SCAN sale_line" not in plan


def test_the_records_merged_into_a_client_are_read_through_an_index_and_kept(tmp_path):
    path, keep, away = _upgraded(tmp_path)
    merged = select(Client.id).where(Client.merged_into_id == keep).order_by(Client.id)
    with closing(sqlite3.connect(path)) as books:
        plan = _plan(books, _literal(merged))
        found = books.execute(_literal(merged)).fetchall()
    assert "ix_client_merged_into_id" in plan
    assert "SCAN client" not in plan
    assert found == [(away,)]


def test_search_does_not_walk_the_merged_index_and_leaves_merged_records_out(tmp_path):
    path, keep, away = _upgraded(tmp_path)
    not_merged = select(Client.id).where(Client.merged_into_id.is_(None))
    with closing(sqlite3.connect(path)) as books:
        plan = _plan(books, _literal(not_merged))
    assert "ix_client_merged_into_id" not in plan
    db = open_database(path)
    try:
        found = {match.client_id for match in ClientIndex(db).search("")}
    finally:
        db.close()
    assert keep in found and away not in found


def _literal(statement) -> str:
    return str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
