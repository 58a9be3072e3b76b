"""Every command works on the books it was pointed at, or on none: a typo, an empty file or a bad
number is answered in one line, and no file is made or changed that was not asked for."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from medspa_desk.cli import main
from medspa_desk.data_locations import clinic_database_path
from tests.admin.command_books import books_at, not_a_clinic, one_line_refusal, sha256
from tests.pdf_text import pdf_text


def command_lines(tmp_path: Path, backup: Path):
    """Each command as typed, with the --database option to be placed before or after it."""
    return {
        "backup": ["backup", "--to", str(tmp_path / "usb")],
        "restore": ["restore", str(backup)],
        "check": ["check"],
        "receipt": ["receipt", "1", "--out", str(tmp_path / "r.pdf")],
        "export-client": [
            "export-client",
            "1",
            "--format",
            "json",
            "--out",
            str(tmp_path / "c.json"),
        ],
        "import": ["import", "clients", str(_export_file(tmp_path))],
    }


def _export_file(tmp_path: Path) -> Path:
    path = tmp_path / "old-system.csv"
    path.write_text("Client ID,First Name,Last Name\nOLD-1,Moving,In\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("position", ["before", "after"])
@pytest.mark.parametrize(
    "command", ["backup", "restore", "check", "receipt", "export-client", "import"]
)
def test_every_command_works_on_the_database_it_is_given_wherever_the_option_stands(
    two_clinics, tmp_path, capsys, command, position
):
    own, x = two_clinics
    backup = tmp_path / "a-backup.sqlite3"
    shutil.copyfile(x, backup)
    with closing(sqlite3.connect(backup)) as books:  # so that a restore of it can be told apart
        books.execute(
            "INSERT INTO audit_entry (at, action, subject, detail) VALUES ('2026-11-25 17:00', 'mark', 'restored', '')"
        )
        books.commit()
    own_before = sha256(own)
    line = command_lines(tmp_path, backup)[command]
    argv = ["--database", str(x), *line] if position == "before" else [*line, "--database", str(x)]

    assert main(argv) == 0, capsys.readouterr().err
    said = capsys.readouterr().out

    assert sha256(own) == own_before
    assert not (own.parent / "backups").exists()
    if command == "backup":
        assert [p.name.split("-")[0] for p in (tmp_path / "usb").iterdir()] == ["x"]
    elif command == "restore":
        with closing(sqlite3.connect(x)) as books:
            assert books.execute(
                "SELECT count(*) FROM audit_entry WHERE action = 'mark'"
            ).fetchone() == (1,)
    elif command == "check":
        assert said == f"{x}: OK (integrity, foreign keys and receipt numbers all check out)\n"
    elif command == "receipt":
        assert "Receipt 1 " in pdf_text(tmp_path / "r.pdf")
    elif command == "import":
        with closing(sqlite3.connect(x)) as books:
            assert books.execute(
                "SELECT count(*) FROM client WHERE last_name = 'In'"
            ).fetchone() == (1,)
    else:
        exported = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
        assert [row["client_id"] for row in exported["client"]] == [1]


@pytest.mark.parametrize("position", ["before", "after"])
def test_demo_data_builds_where_the_option_says(tmp_path, capsys, position):
    target = tmp_path / "built.sqlite3"
    line = ["demo-data", "--clients", "50", "--today", "2026-11-25"]
    argv = (
        ["--database", str(target), *line]
        if position == "before"
        else [*line, "--database", str(target)]
    )
    assert main(argv) == 0
    assert target.is_file() and not clinic_database_path().exists()
    assert [p.name for p in tmp_path.iterdir()] == ["built.sqlite3"]  # no scratch file left


@pytest.mark.parametrize("kind", ["missing", "empty", "empty-sqlite", "someone-elses"])
@pytest.mark.parametrize(
    "line",
    [
        ["backup"],
        ["check"],
        ["restore", "BACKUP"],
        ["receipt", "1", "--out", "OUT"],
        ["export-client", "1", "--out", "OUT"],
        ["import", "clients", "OUT"],
    ],
    ids=lambda line: line[0],
)
def test_a_command_never_makes_a_clinic_of_a_file_that_is_not_one(
    demo_books, tmp_path, capsys, kind, line
):
    path = not_a_clinic(kind, tmp_path)
    before = sha256(path)
    backup = books_at(demo_books, tmp_path / "backup.sqlite3")
    out = tmp_path / "out.file"
    argv = [str(backup) if a == "BACKUP" else str(out) if a == "OUT" else a for a in line]

    assert main([*argv, "--database", str(path)]) == 1
    refusal = one_line_refusal(capsys)

    assert str(path) in refusal
    assert sha256(path) == before
    assert not out.exists() and not (tmp_path / "backups").exists()
    assert not Path(f"{path}-wal").exists()


def test_check_tells_a_damaged_file_on_stderr(tmp_path, capsys):
    damaged = tmp_path / "clinic.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert main(["check", "--database", str(damaged)]) == 1
    said = capsys.readouterr()
    assert said.out == "" and "damaged" in said.err.lower()


def test_check_lists_the_problems_of_books_that_do_not_add_up(demo_books, tmp_path, capsys):
    path = books_at(demo_books, tmp_path / "clinic.sqlite3")
    with closing(sqlite3.connect(path)) as books:
        books.execute(
            "UPDATE counter SET next_value = next_value + 5 WHERE name = 'receipt_number'"
        )
        books.commit()
    assert main(["check", "--database", str(path)]) == 1
    said = capsys.readouterr()
    assert (
        said.out == ""
        and "1 problem(s) found" in said.err
        and "the next number would be" in said.err
    )
