"""The command line, as a person at a terminal (or a double-click) meets it."""

from __future__ import annotations

import gc
import hashlib
import os
import subprocess
import sys
from contextlib import closing

import pytest
from sqlalchemy import func, select

from medspa_desk import __version__
from medspa_desk.cli import main
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import Client


def run_desk(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "medspa_desk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_names_the_options(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for option in ("--database", "--demo", "--now", "demo-data"):
        assert option in text
    assert gc.isenabled()  # held while the parser imported, as for a start: given back


def test_a_command_runs_with_the_collector_as_it_found_it(tmp_path, monkeypatch):
    seen = []
    from medspa_desk.admin import backup

    monkeypatch.setattr(backup, "run_backup", lambda args: seen.append(gc.isenabled()) or 0)
    main(["backup", "--database", str(tmp_path / "none.sqlite3")])
    assert seen == [True] and gc.isenabled()


def test_a_training_time_that_is_not_a_time_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--now", "half past ten"])
    assert exit_.value.code == 2
    assert "not a date and time" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["garbage", "read-only"])
def test_an_unusable_database_gives_one_clear_line_and_is_left_alone(tmp_path, kind):
    path = tmp_path / "clinic.sqlite3"
    if kind == "garbage":
        path.write_bytes(os.urandom(8192))
    else:
        open_database(path).close()
        with closing(__import__("sqlite3").connect(path)) as plain:
            plain.execute("PRAGMA journal_mode = DELETE")
        path.chmod(0o444)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_desk("--database", str(path))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert (
        len(lines) == 1
        and lines[0].startswith("medspa-desk: ")
        and "Traceback" not in result.stderr
    )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert {p.name for p in tmp_path.iterdir()} == {"clinic.sqlite3"}


def test_demo_data_builds_a_database_of_the_size_asked(tmp_path, capsys):
    path = tmp_path / "bench.sqlite3"
    assert (
        main(["demo-data", "--database", str(path), "--clients", "300", "--today", "2026-11-25"])
        == 0
    )
    assert "built" in capsys.readouterr().err
    db = open_database(path)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Client)) == 300
    db.close()


def test_demo_data_will_not_overwrite_a_file(tmp_path, capsys):
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(b"precious")
    assert main(["demo-data", "--database", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == b"precious"
