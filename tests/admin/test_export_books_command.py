"""`medspa-desk export clients|appointments|sales`: every record out, in the columns the import
reads, so that what goes out comes back in: here (as the same clients) and into new books."""

from __future__ import annotations

import csv
import io
import sqlite3
from contextlib import closing

import pytest
from openpyxl import load_workbook

from medspa_desk.cli import main
from tests.admin.command_books import books_at, sha256


def _rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("kind", ["clients", "appointments", "sales"])
def test_every_record_is_exported_owner_only_and_recorded(demo_books, tmp_path, capsys, kind):
    books = books_at(demo_books, tmp_path / "clinic.sqlite3")
    out = tmp_path / f"{kind}.csv"
    assert main(["export", kind, "--out", str(out), "--database", str(books)]) == 0
    with closing(sqlite3.connect(books)) as db:
        expected = {
            "clients": "SELECT count(*) FROM client WHERE merged_into_id IS NULL AND anonymized_at IS NULL",
            "appointments": "SELECT count(*) FROM appointment WHERE status != 'rescheduled'",
            "sales": "SELECT count(*) FROM sale",
        }[kind]
        (count,) = db.execute(expected).fetchone()
        (recorded,) = db.execute(
            "SELECT count(*) FROM audit_entry WHERE action = 'export.books' AND subject = ?",
            (f"export:{kind}",),
        ).fetchone()
    assert count > 0 and len(_rows(out)) == count and recorded == 1
    assert capsys.readouterr().out == f"{count:,} {kind} saved to {out} (csv)\n"
    assert out.stat().st_mode & 0o077 == 0


def test_clients_and_bookings_exported_come_back_in_as_the_same_records(
    demo_books, tmp_path, capsys
):
    books = books_at(demo_books, tmp_path / "clinic.sqlite3")
    clients, bookings = tmp_path / "clients.xlsx", tmp_path / "appointments.csv"
    argv = ["--database", str(books)]
    assert main(["export", "clients", "--format", "xlsx", "--out", str(clients), *argv]) == 0
    assert main(["export", "appointments", "--out", str(bookings), *argv]) == 0
    sheet = load_workbook(clients, read_only=True).worksheets[0]
    header = next(sheet.iter_rows(values_only=True))
    assert header[:3] == ("Client ID", "First Name", "Last Name")
    # Into the same books: every client is one already here (merged, nothing new added).
    before = sha256(books)
    assert main(["import", "clients", str(clients), "--dry-run", *argv]) == 0
    said = capsys.readouterr().out
    assert " 0 added," in said and "skipped" in said
    assert sha256(books) == before
    # Into the demo's books, emptied of clients and bookings: the same people and bookings.
    fresh = books_at(demo_books, tmp_path / "fresh.sqlite3")
    with closing(sqlite3.connect(fresh)) as db:
        original = db.execute(
            "SELECT first_name, last_name, phone_e164, email, birthday FROM client"
            " WHERE merged_into_id IS NULL AND anonymized_at IS NULL ORDER BY id"
        ).fetchall()
        to_come = db.execute(
            "SELECT count(*) FROM appointment WHERE status IN ('booked', 'confirmed')"
            " AND starts_at > datetime('now')"
        ).fetchone()[0]
    empty = _empty_of_clients(demo_books, tmp_path / "empty.sqlite3")
    target = ["--database", str(empty)]
    assert main(["import", "clients", str(clients), *target]) == 0
    assert main(["import", "appointments", str(bookings), *target]) == 0
    with closing(sqlite3.connect(empty)) as db:
        assert (
            db.execute(
                "SELECT first_name, last_name, phone_e164, email, birthday FROM client ORDER BY id"
            ).fetchall()
            == original
        )
        assert db.execute("SELECT count(*) FROM appointment").fetchone()[0] <= to_come


def _empty_of_clients(demo_books, path):
    """The demo's clinic (staff, menu, hours) without a client, booking or sale in it."""
    books = books_at(demo_books, path)
    with closing(sqlite3.connect(books)) as db:
        tables = [
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        db.execute("PRAGMA foreign_keys = OFF")
        for (trigger,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            db.execute(f"DROP TRIGGER {trigger}")
        keep = {"staff", "service", "service_provider", "staff_shift", "opening_hours", "clinic_setting",
                "clinic_closure", "time_off", "policy_text", "product", "counter", "alembic_version"}  # fmt: skip
        for table in tables:
            if table not in keep and not table.startswith("sqlite_"):
                db.execute(f"DELETE FROM {table}")
        db.commit()
    return books
