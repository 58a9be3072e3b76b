"""Restore from the command line: the backup judged whole before anything is replaced."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from medspa_desk.cli import main
from tests.admin.command_books import books_at, not_a_clinic, one_line_refusal, sha256

# --- restore: judged whole before anything is replaced ------------------------------------------


def refused_restore(source: Path, target: Path, capsys, words: str) -> None:
    before = sha256(target)
    assert main(["restore", str(source), "--database", str(target)]) == 1
    refusal = one_line_refusal(capsys)
    assert words in refusal and "Nothing was changed" in refusal
    assert sha256(target) == before
    assert not (target.parent / "backups").exists()
    assert not Path(f"{target}.restoring").exists()
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".restore-")] == []


@pytest.mark.parametrize(
    "kind, words",
    [
        ("empty", "empty file"),
        ("empty-sqlite", "empty"),
        ("someone-elses", "not one of medspa_desk's"),
    ],
)
def test_restore_refuses_a_file_that_holds_no_clinic(demo_books, tmp_path, capsys, kind, words):
    target = books_at(demo_books, tmp_path / "desk" / "clinic.sqlite3")
    refused_restore(not_a_clinic(kind, tmp_path), target, capsys, words)


def test_restore_refuses_a_damaged_backup(demo_books, tmp_path, capsys):
    target = books_at(demo_books, tmp_path / "desk" / "clinic.sqlite3")
    damaged = tmp_path / "damaged.sqlite3"
    good = demo_books.read_bytes()
    damaged.write_bytes(good[:8192] + b"\xde\xad" * 20_000 + good[48192:])
    refused_restore(damaged, target, capsys, "cannot be restored")


def test_restore_refuses_books_of_a_newer_schema(demo_books, tmp_path, capsys):
    target = books_at(demo_books, tmp_path / "desk" / "clinic.sqlite3")
    newer = books_at(demo_books, tmp_path / "newer.sqlite3")
    with closing(sqlite3.connect(newer)) as books:
        books.execute("UPDATE alembic_version SET version_num = '9999'")
        books.commit()
    refused_restore(newer, target, capsys, "newer version")


def test_restore_refuses_books_that_fail_their_checks(demo_books, tmp_path, capsys):
    target = books_at(demo_books, tmp_path / "desk" / "clinic.sqlite3")
    gapped = books_at(demo_books, tmp_path / "gapped.sqlite3")
    with closing(sqlite3.connect(gapped)) as books:
        books.execute(
            "UPDATE counter SET next_value = next_value + 1 WHERE name = 'receipt_number'"
        )
        books.commit()
    refused_restore(gapped, target, capsys, "do not check out")


def test_restore_brings_the_transactions_still_in_the_backups_wal(demo_books, tmp_path, capsys):
    """A copy of a live database is its file and its -wal: the newest sales are in the -wal."""
    target = books_at(demo_books, tmp_path / "desk" / "clinic.sqlite3")
    live = books_at(demo_books, tmp_path / "live" / "clinic.sqlite3")
    copied = tmp_path / "copied" / "clinic.sqlite3"
    copied.parent.mkdir()
    with closing(sqlite3.connect(live)) as writer:  # still open: nothing checkpointed yet
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute(
            "INSERT INTO audit_entry (at, action, subject, detail) VALUES ('2026-11-25 17:00', 'newest', 'sale:1', '')"
        )
        writer.commit()
        shutil.copyfile(live, copied)
        shutil.copyfile(f"{live}-wal", f"{copied}-wal")
    main_file_only = tmp_path / "main-only.sqlite3"
    shutil.copyfile(copied, main_file_only)
    with closing(sqlite3.connect(main_file_only)) as books:  # the row is in the -wal alone
        assert books.execute(
            "SELECT count(*) FROM audit_entry WHERE action = 'newest'"
        ).fetchone() == (0,)
    wal_before = Path(f"{copied}-wal").read_bytes()

    assert main(["restore", str(copied), "--database", str(target)]) == 0

    with closing(sqlite3.connect(target)) as books:
        assert books.execute(
            "SELECT count(*) FROM audit_entry WHERE action = 'newest'"
        ).fetchone() == (1,)
    assert Path(f"{copied}-wal").read_bytes() == wal_before  # the backup itself is left as it was


def test_restore_takes_a_relative_path(demo_books, tmp_path, capsys, monkeypatch):
    target = books_at(demo_books, tmp_path / "desk" / "clinic.sqlite3")
    backup = books_at(demo_books, tmp_path / "usb" / "backup.sqlite3")
    with closing(sqlite3.connect(backup)) as books:
        books.execute(
            "INSERT INTO audit_entry (at, action, subject, detail) VALUES ('2026-11-25 17:00', 'mark', 'usb', '')"
        )
        books.commit()
    monkeypatch.chdir(tmp_path)
    assert main(["restore", "usb/backup.sqlite3", "--database", "desk/clinic.sqlite3"]) == 0
    assert "restored usb/backup.sqlite3" in capsys.readouterr().out
    with closing(sqlite3.connect(target)) as books:
        assert books.execute(
            "SELECT count(*) FROM audit_entry WHERE action = 'mark'"
        ).fetchone() == (1,)
