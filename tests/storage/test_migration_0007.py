"""Migration 0008: each receipt copy says whether it went on paper. The copies recorded before it
are taken as paper, so a receipt already printed still prints its next copy as REPRINT."""

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import select

from medspa_desk.storage.database import open_database
from medspa_desk.storage.till_models import ReceiptPrint

SCHEMA_0007 = Path(__file__).parent / "old_databases" / "schema-0007.sqlite3"


def test_the_copies_printed_before_stay_paper_copies(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(SCHEMA_0007.read_bytes())
    with closing(sqlite3.connect(path)) as old:
        # The kept books have no sale: a copy of one is enough for the column (no foreign keys
        # are enforced on this plain connection).
        old.execute(
            "INSERT INTO receipt_print (sale_id, at, by_staff_id, layout, reprint,"
            " refund_policy_version) VALUES (1, '2026-11-25 17:00:00', NULL, 'roll', 0, 'v')"
        )
        old.commit()
    db = open_database(path, upgrade_backups=tmp_path / "backups")
    with db.reading() as session:
        assert session.execute(select(ReceiptPrint.layout, ReceiptPrint.on_paper)).all() == [
            ("roll", True)
        ]
    db.close()
