"""Migration 0004: a fee charged to a card before approval codes were kept was run at the time,
so the upgrade does not put it on the "to charge" worklist; a fee that was not charged to a card
has no code to wait for. The menu asks no deposit of any service until the clinic sets one."""

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import select

from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import ClientFee, Service

SCHEMA_0003 = Path(__file__).parent / "old_databases" / "schema-0003.sqlite3"


def test_fees_charged_before_approval_codes_are_not_put_on_the_worklist(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(SCHEMA_0003.read_bytes())
    with closing(sqlite3.connect(path)) as old:
        appointment, client = old.execute(
            "SELECT id, client_id FROM appointment LIMIT 1"
        ).fetchone()
        old.execute(
            "INSERT INTO card_on_file (client_id, brand, last4, expiry_month, expiry_year,"
            " cardholder_name, terminal_reference, added_at)"
            " VALUES (?, 'Visa', '4242', 12, 2029, 'A client', 'tok', '2026-11-01 17:00:00')",
            (client,),
        )
        card = old.execute("SELECT max(id) FROM card_on_file").fetchone()[0]
        for charged, owed in ((7500, 0), (0, 7500)):
            old.execute(
                "INSERT INTO client_fee (client_id, appointment_id, kind, amount_cents,"
                " from_deposit_cents, charged_to_card_id, card_charge_cents, owed_cents, created_at,"
                " waived_reason) VALUES (?, ?, 'no_show', 7500, 0, ?, ?, ?, '2026-11-02 17:00:00', '')",
                (client, appointment, card if charged else None, charged, owed),
            )
        old.commit()

    db = open_database(path, upgrade_backups=tmp_path / "backups")
    with db.reading() as session:
        codes = session.execute(
            select(ClientFee.card_charge_cents, ClientFee.card_approval_code).order_by(ClientFee.id)
        ).all()
        deposits = set(session.scalars(select(Service.deposit_cents)))
    db.close()
    assert [tuple(row) for row in codes] == [(7500, "UNRECORDED"), (0, "")]
    assert deposits == {0}
