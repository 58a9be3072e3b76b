"""One desk app per database at a time.

SQLite would keep two copies of the app from corrupting the file, but the second window would
show a calendar the first never refreshes, and a restore under a running app would pull the
file from under it. So the window and a restore each hold a lock file beside the database.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from medspa_desk.storage.database import DatabaseUnusable


class DatabaseInUse(DatabaseUnusable):
    """Another copy of the app (or a restore) has this database open."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def claim_database(database: Path) -> FileLock:
    """Hold the database for this process until the returned lock is released (or it exits)."""
    if not database.parent.is_dir():
        raise DatabaseUnusable(f"The folder {database.parent} does not exist.")
    lock = FileLock(lock_path(database), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise DatabaseInUse(
            f"medspa_desk is already open on {database} (perhaps in another window). "
            "Switch to that window; one desk app per database keeps the books in step."
        ) from None
    return lock
