"""Anything typed at the prompt: bad input gets one line and a non-zero exit, never a traceback,
and no file changes that the command was not pointed at."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medspa_desk.cli import main
from medspa_desk.data_locations import clinic_database_path
from tests.admin.command_books import books_at, sha256

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
