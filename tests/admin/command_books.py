"""The books the command tests point the commands at: a small real demo clinic built once and
copied by each test, the clinic's own and another named with --database, and files that hold no
clinic; and how a command's refusal is read. tests/admin/conftest.py offers the fixtures."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from medspa_desk.data_locations import clinic_database_path
from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.storage.database import open_database

DEMO_DAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
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
