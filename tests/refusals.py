"""How every test checks a refusal: the action raises the desk's refusal with the sentence the
receptionist would read, and the books are exactly as they were, every row of every table."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing

import pytest

from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.database import Database


def database_state(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table: what "changes nothing" is checked against."""
    with closing(sqlite3.connect(f"{db.path.as_uri()}?mode=ro", uri=True)) as raw:
        tables = [
            row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            table: sorted(raw.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }


def refused(
    db: Database,
    action: Callable[[], object],
    words: str,
    error: type[Exception] = DeskRefusal,
) -> Exception:
    """`action` is refused with `error` saying `words` (a regex), and saves nothing; the refusal."""
    before = database_state(db)
    with pytest.raises(error, match=words) as raised:
        action()
    assert database_state(db) == before, "a refused action changed the books"
    return raised.value
