"""Every command works on the books it was pointed at, or on none: a typo, an empty file or a bad
number is answered in one line, and no file is made or changed that was not asked for."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medspa_desk.cli import main
from medspa_desk.data_locations import clinic_database_path
from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.storage.database import open_database
from tests.pdf_text import pdf_text

DEMO_DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_books(tmp_path_factory) -> Path:
    """A small real clinic (with sales and receipts), built once and copied by each test."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    build_demo_clinic(db, DEMO_DAY, DemoSize(clients=60, past_days=20, future_days=7))
    db.close()
    return path


def sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def books_at(demo_books: Path, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_books, path)
    return path


@pytest.fixture
def two_clinics(demo_books, tmp_path):
    """The clinic's own database at the default place, and another one named with --database."""
    return books_at(demo_books, clinic_database_path()), books_at(
        demo_books, tmp_path / "other" / "x.sqlite3"
    )


def one_line_refusal(capsys) -> str:
    said = capsys.readouterr()
    assert "Traceback" not in said.err
    lines = said.err.strip().splitlines()
    assert len(lines) == 1, said.err
    return lines[0]


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
    }


@pytest.mark.parametrize("position", ["before", "after"])
@pytest.mark.parametrize("command", ["backup", "restore", "check", "receipt", "export-client"])
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


def not_a_clinic(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.sqlite3"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "empty-sqlite":
        sqlite3.connect(path).close()
        with closing(sqlite3.connect(path)) as books:
            books.execute("PRAGMA user_version = 1")
    elif kind == "someone-elses":
        with closing(sqlite3.connect(path)) as books:
            books.execute("CREATE TABLE recipes (name TEXT)")
    return path  # "missing": not made at all


@pytest.mark.parametrize("kind", ["missing", "empty", "empty-sqlite", "someone-elses"])
@pytest.mark.parametrize(
    "line",
    [
        ["backup"],
        ["check"],
        ["restore", "BACKUP"],
        ["receipt", "1", "--out", "OUT"],
        ["export-client", "1", "--out", "OUT"],
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


# --- bad input: one line, never a traceback ------------------------------------------------------


def exit_code(argv: list[str]) -> int | str | None:
    try:
        return main(argv)
    except SystemExit as exit_:  # argparse's usage errors (2) and --help (0)
        return exit_.code


@pytest.mark.parametrize(
    "argv",
    [
        ["receipt", "99999999999999999999", "--out", "r.pdf"],
        ["receipt", "-1", "--out", "r.pdf"],
        ["export-client", "99999999999999999999", "--out", "c.json"],
        ["demo-data", "--database", "new.sqlite3", "--clients", "5"],
        ["demo-data", "--database", "new.sqlite3", "--clients", "999999999"],
        ["demo-data", "--database", "new.sqlite3", "--years", "100000"],
        ["demo-data", "--database", "new.sqlite3", "--today", "9999-12-31"],
        ["demo-data", "--database", "new.sqlite3", "--today", "yesterday"],
        ["demo-data"],
        ["demo-data", "--database", "/proc/medspa-demo.sqlite3", "--clients", "50"],
    ],
)
def test_bad_input_gets_one_clear_line_and_a_non_zero_exit(tmp_path, capsys, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code = exit_code(argv)
    said = capsys.readouterr()
    assert code in (1, 2)
    assert "Traceback" not in said.err
    assert (
        said.err.strip().splitlines()[-1].startswith("medspa-desk")
    )  # argparse's usage, then the line
    assert list(tmp_path.iterdir()) == []


def test_the_limits_are_stated_in_help(capsys):
    assert exit_code(["demo-data", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert (
        "50 to 100,000" in help_text
        and "1 to 20" in help_text
        and "2000-01-01 to 2099-12-31" in help_text
    )


# --- anything at all, typed at the prompt --------------------------------------------------------

_COMMANDS = st.sampled_from(["backup", "restore", "check", "receipt", "export-client", "demo-data"])
_WORDS = st.sampled_from(
    [
        "--database",
        "--to",
        "--out",
        "--format",
        "json",
        "pdf",
        "csv",
        "--layout",
        "roll",
        "--clients",
        "--years",
        "--today",
        "--now",
        "--help",
        "--version",
        "-1",
        "0",
        "1",
        "2",
        "99999999999999999999",
        "9223372036854775808",
        "2026-11-25",
        "9999-12-31",
        "DB",
        "OWN",
        "EMPTY",
        "MISSING",
        "FOLDER",
        "OUT",
        "",
        " ",
        "é",
        "../x",
    ]
)
_PLACES = ("DB", "OWN", "EMPTY", "MISSING", "FOLDER", "OUT")


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    before=st.sampled_from(
        [[], ["--database", "DB"], ["--database", "EMPTY"], ["--database", "MISSING"]]
    ),
    command=_COMMANDS,
    words=st.lists(_WORDS | st.text(max_size=12), max_size=6),
)
def test_no_argument_list_raises_a_traceback_or_changes_a_file_it_was_not_pointed_at(
    demo_books, tmp_path, capsys, before, command, words
):
    here = tmp_path / "fuzz"
    shutil.rmtree(here, ignore_errors=True)
    places = {name: here / f"{name.lower()}.sqlite3" for name in _PLACES}
    places["OWN"] = books_at(demo_books, clinic_database_path())
    books_at(demo_books, places["DB"])
    places["EMPTY"].write_bytes(b"")
    places["FOLDER"].mkdir()
    argv = [str(places[w]) if w in places else w for w in [*before, command, *words]]
    if command == "demo-data":  # a real build is bounded, but too slow for eighty examples
        argv += ["--years", "0"]
    books = ("DB", "OWN", "EMPTY")
    digests = {name: sha256(places[name]) for name in books}

    code = exit_code(argv)

    said = capsys.readouterr()
    assert "Traceback" not in said.err + said.out
    assert code in (0, 1, 2)
    changed = {name for name in books if sha256(places[name]) != digests[name]}
    if code != 0:
        assert changed == set() and not places["MISSING"].exists()
    else:  # a restore replaced, or a receipt or export was recorded in, the books it was given
        assert len(changed) <= 1 and "EMPTY" not in changed
