"""`medspa-desk import KIND FILE`: the import from the command line, a dry run, a mapping saved
and used again, one-line refusals, and a process killed half-way that leaves nothing."""

from __future__ import annotations

import csv
import io
import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from medspa_desk.cli import main
from tests.admin.command_books import books_at, one_line_refusal, sha256
from tests.services.export_files import write_csv

HEADERS = ["Customer ID", "Given Name", "Surname", "Cell", "E-mail"]


def _clients(path: Path, count: int) -> Path:
    rows = [
        [f"C{n}", f"Client{n}", "Imported", f"406{2000000 + n:07d}", f"client{n}@example.com"]
        for n in range(count)
    ]
    rows.append(["C-bad", "Bad", "Phone", "12", ""])
    return write_csv(path, HEADERS, rows)


def _count(books: Path, where: str = "last_name = 'Imported'") -> int:
    with closing(sqlite3.connect(books)) as db:
        return db.execute(f"SELECT count(*) FROM client WHERE {where}").fetchone()[0]


def test_a_dry_run_writes_the_report_and_nothing_else(demo_books, tmp_path, capsys):
    books = books_at(demo_books, tmp_path / "clinic.sqlite3")
    export = _clients(tmp_path / "export.csv", 3)
    before = sha256(books)
    assert main(["import", "clients", str(export), "--dry-run", "--database", str(books)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == (
        "export.csv: 4 rows; 4 added, 0 merged, 0 already imported, 0 skipped (would be)"
    )
    assert said[1] == "  1 × Phone number not valid: import without that field"
    assert sha256(books) == before
    report = (tmp_path / "export-import-report.csv").read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(report)))
    assert lines[1][:4] == ["5", "Added", "Phone number not valid", "phone"]
    assert (tmp_path / "export-import-report.csv").stat().st_mode & 0o077 == 0


def test_choices_saved_as_a_mapping_are_used_again(demo_books, tmp_path, capsys):
    books = books_at(demo_books, tmp_path / "clinic.sqlite3")
    export = _clients(tmp_path / "export.csv", 3)
    mapping = tmp_path / "mapping.json"
    argv = ["import", "clients", str(export), "--database", str(books)]
    assert main([*argv, "--on", "invalid-phone=skip", "--save-mapping", str(mapping)]) == 0
    assert "3 added, 0 merged, 0 already imported, 1 skipped (were)" in capsys.readouterr().out
    assert _count(books) == 3
    # The same choices on a fresher export whose columns come in another order.
    fresher = tmp_path / "fresher.csv"
    rows = [
        ["c9@example.com", "9", "Nine", "Imported", "4062009999"],
        ["", "bad", "Bad", "Phone", "12"],
    ]
    write_csv(fresher, ["E-mail", "Customer ID", "Given Name", "Surname", "Cell"], rows)
    assert (
        main(
            ["import", "clients", str(fresher), "--mapping", str(mapping), "--database", str(books)]
        )
        == 0
    )
    assert "1 added, 0 merged, 0 already imported, 1 skipped" in capsys.readouterr().out
    assert _count(books, "first_name = 'Nine' AND phone_e164 = '+14062009999'") == 1
    assert _count(books, "last_name = 'Phone'") == 0


def test_mistakes_are_answered_in_one_line(demo_books, tmp_path, capsys):
    books = books_at(demo_books, tmp_path / "clinic.sqlite3")
    export = _clients(tmp_path / "export.csv", 1)
    bad_mapping = tmp_path / "bad.json"
    bad_mapping.write_text('{"kind": "clients", "columns": {"first_name": "Nope"}}')
    before = sha256(books)
    for argv, words in (
        (["--mapping", str(bad_mapping)], "The mapping's column 'Nope' is not in this file."),
        (["--mapping", str(tmp_path / "none.json")], "cannot read"),
    ):
        assert main(["import", "clients", str(export), *argv, "--database", str(books)]) == 1
        assert words in one_line_refusal(capsys)
    no_names = write_csv(tmp_path / "emails.csv", ["Email"], [["a@example.com"]])
    assert main(["import", "clients", str(no_names), "--database", str(books)]) == 1
    assert "needs a column for First Name or Full Name" in one_line_refusal(capsys)
    assert sha256(books) == before


def test_an_import_killed_half_way_leaves_nothing_of_it(demo_books, tmp_path):
    books = books_at(demo_books, tmp_path / "clinic.sqlite3")
    export = _clients(tmp_path / "export.csv", 12_000)
    clients_before = _count(books, "1")
    command = [sys.executable, "-m", "medspa_desk", "import", "clients", str(export)]
    process = subprocess.Popen(
        [*command, "--database", str(books)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stderr is not None
    first = process.stderr.readline()  # the first thousand written, not committed
    assert first.startswith("imported 1,000 of 12,001 rows"), first
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert _count(books, "1") == clients_before
    with closing(sqlite3.connect(books)) as db:
        assert db.execute("SELECT count(*) FROM import_batch").fetchone() == (0,)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # And the whole file comes in when run again.
    assert main(["import", "clients", str(export), "--database", str(books)]) == 0
    assert _count(books, "1") == clients_before + 12_001
    assert main(["check", "--database", str(books)]) == 0
