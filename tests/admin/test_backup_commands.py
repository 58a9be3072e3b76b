"""`medspa-desk backup`, `restore` and `check`, as typed at a prompt."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from medspa_desk.cli import main
from medspa_desk.storage.database import open_database
from medspa_desk.storage.instance_lock import claim_database
from medspa_desk.storage.models import AuditEntry

NOW = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


def clinic(tmp_path, entries: int = 3):
    db = open_database(tmp_path / "clinic.sqlite3")
    with db.writing() as session:
        session.add_all(
            AuditEntry(at=NOW, action="sale", subject=f"sale:{n}") for n in range(entries)
        )
    db.close()
    return db.path


def test_backup_then_restore_from_the_command_line(tmp_path, capsys):
    database = clinic(tmp_path)
    assert main(["backup", "--database", str(database), "--to", str(tmp_path / "usb")]) == 0
    made = next((tmp_path / "usb").glob("clinic-*-manual.sqlite3"))
    assert str(made) in capsys.readouterr().out

    db = open_database(database)
    with db.writing() as session:
        session.add(AuditEntry(at=NOW, action="oops", subject="sale:99"))
    db.close()

    assert main(["restore", str(made), "--database", str(database)]) == 0
    assert "restored" in capsys.readouterr().out
    db = open_database(database)
    with db.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM audit_entry")) == 3
    db.close()


def test_restore_is_refused_while_the_desk_has_the_database_open(tmp_path, capsys):
    database = clinic(tmp_path)
    main(["backup", "--database", str(database), "--to", str(tmp_path / "usb")])
    made = next((tmp_path / "usb").glob("*.sqlite3"))
    before = database.read_bytes()
    desk = claim_database(database)
    try:
        assert main(["restore", str(made), "--database", str(database)]) == 1
    finally:
        desk.release()
    assert "already open" in capsys.readouterr().err
    assert database.read_bytes() == before


def test_check_says_ok_or_lists_problems_with_the_exit_status(tmp_path, capsys):
    database = clinic(tmp_path)
    assert main(["check", "--database", str(database)]) == 0
    assert (
        capsys.readouterr().out
        == f"{database}: OK (integrity, foreign keys and receipt numbers all check out)\n"
    )
    db = open_database(database)
    with db.writing() as session:
        session.execute(text("UPDATE counter SET next_value = 9 WHERE name = 'receipt_number'"))
    db.close()
    assert main(["check", "--database", str(database)]) == 1
    said = capsys.readouterr()
    assert said.out == ""
    assert "1 problem(s) found" in said.err and "the next number would be 9, not 1" in said.err


def test_check_of_a_damaged_file(tmp_path, capsys):
    damaged = tmp_path / "clinic.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert main(["check", "--database", str(damaged)]) == 1
    said = capsys.readouterr()
    assert said.out == "" and said.err.startswith(f"medspa-desk: {damaged} is damaged")
