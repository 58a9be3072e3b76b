"""The demo's past sales are the till's own: the same rows a desk checkout writes."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.sale_math import Tender, Tip
from medspa_desk.services.desk import open_desk
from medspa_desk.services.till.cart import cart_for_appointment
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.database import open_database
from tests.demo.test_generator import table_contents

WEDNESDAY = date(2026, 11, 25)
SMALL = DemoSize(clients=300, past_days=21, future_days=14)


def test_the_last_demo_sale_is_what_the_desk_writes_checking_out_that_visit(tmp_path):
    built, remade = tmp_path / "built.sqlite3", tmp_path / "remade.sqlite3"
    db = open_database(built)
    build_demo_clinic(db, WEDNESDAY, SMALL)
    db.close()
    with sqlite3.connect(built) as source, sqlite3.connect(remade) as copy:
        source.backup(copy)
    last = _take_back_the_last_sale(remade)

    # The desk checks the visit out at the moment the demo's till did, with the client's tip
    # and payment; every row of the books then matches the demo's, ids included (but for the
    # history step's: later months' bookings were written after the demo's checkout).
    desk = open_desk(remade, FixedClock(datetime.fromisoformat(last["completed_at"] + "+00:00")))
    desk.staff_id = last["staff_id"]
    cart = cart_for_appointment(desk, last["appointment_id"])
    cart.tip = Tip(amount_cents=last["tip_cents"])
    if last["kind"] == "cash":
        tender = Tender.cash(last["cash_given_cents"])
    else:
        tender = Tender.card(
            last["amount_cents"], last["card_brand"], last["card_last4"], last["approval_code"]
        )
    sold = complete_sale(desk, cart, [tender])
    desk.close()

    assert sold.receipt_number == last["receipt_number"] > 100
    demo, desk_made = table_contents(built), table_contents(remade)
    assert demo.keys() == desk_made.keys()
    for books in (demo, desk_made):
        books["appointment_status_change"] = sorted(
            step[1:] for step in books["appointment_status_change"]
        )
    for table in demo:
        assert desk_made[table] == demo[table], table
    # What only the till writes is there: the checkout step and the audit entry of every sale.
    with sqlite3.connect(built) as connection:
        sales = connection.execute("SELECT count(*) FROM sale").fetchone()[0]
        steps = connection.execute(
            "SELECT count(*) FROM appointment_status_change"
            " WHERE reason LIKE 'Checked out on receipt %' AND to_status = 'completed'"
        ).fetchone()[0]
        audited = connection.execute(
            "SELECT count(*) FROM audit_entry WHERE action = 'sale.completed'"
        ).fetchone()[0]
    assert steps == audited == sales


def _take_back_the_last_sale(path) -> dict:
    """Remove the last sale's rows from a scratch copy of the books, as if never rung up.

    The books are never deleted from, so the copy's guards against it are dropped first.
    """
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        guards = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_delete'"
        ).fetchall()
        for (guard,) in guards:
            connection.execute(f"DROP TRIGGER {guard}")
        last = dict(
            connection.execute(
                "SELECT sale.*, sale_tender.* FROM sale"
                " JOIN sale_tender ON sale_tender.sale_id = sale.id"
                " ORDER BY sale.receipt_number DESC LIMIT 1"
            ).fetchone()
        )
        sale_id = connection.execute("SELECT max(id) FROM sale").fetchone()[0]
        for table in ("sale_tip", "sale_tender", "sale_line"):
            connection.execute(f"DELETE FROM {table} WHERE sale_id = ?", (sale_id,))
        connection.execute("DELETE FROM sale WHERE id = ?", (sale_id,))
        connection.execute("DELETE FROM audit_entry WHERE subject = ?", (f"sale:{sale_id}",))
        connection.execute(
            "DELETE FROM appointment_status_change WHERE id ="
            " (SELECT max(id) FROM appointment_status_change WHERE appointment_id = ?)",
            (last["appointment_id"],),
        )
        connection.execute(
            "UPDATE appointment SET status = 'in_service' WHERE id = ?", (last["appointment_id"],)
        )
        connection.execute(
            "UPDATE counter SET next_value = ? WHERE name = 'receipt_number'",
            (last["receipt_number"],),
        )
    return last
