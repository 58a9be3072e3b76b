"""Backups of the clinic's books: made while the desk works, checked, kept in rotation, restored.

A backup is made with SQLite's online backup API from a connection of its own, so it is a
consistent copy even while a sale is being written; it is checked (integrity_check) and
flushed to the disk (fsync) before it takes its final name, so a file named like a backup is a
good one. Never a plain copy of the live file: that can catch a transaction half-written.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from medspa_desk.domain.backup_rotation import backups_to_keep
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.database import DatabaseUnusable, check_database_file

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<reason>[a-z-]+)\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%SZ"
_PAGES_PER_STEP = 256
ROTATED_REASONS = frozenset({"startup", "scheduled", "day-close", "manual"})  # small steps let the desk's own writes in between

Progress = Callable[[int, int], None]  # (pages done, pages in all)


class BackupFailed(Exception):
    """A backup or restore could not be made; str() says why, for the desk."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str  # startup | scheduled | day-close | manual | before-restore


@dataclass(frozen=True)
class BackupMade:
    path: Path
    size_bytes: int
    seconds: float


def default_backup_folder(database: Path, settings: ClinicSettings) -> Path:
    return Path(settings.backup_folder) if settings.backup_folder else database.parent / "backups"


def make_backup(
    database: Path, folder: Path, *, now: datetime, reason: str, progress: Progress | None = None
) -> BackupMade:
    started = time.monotonic()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupFailed(f"The backup folder {folder} cannot be used: {error.strerror}.") from None
    final = folder / f"{database.stem}-{now.astimezone(timezone.utc).strftime(_STAMP)}-{reason}.sqlite3"
    partial = final.with_name(final.name + ".partial")
    try:
        _copy_online(database, partial, progress)
        _verify(partial)
        _flush_to_disk(partial)
        os.replace(partial, final)
        _flush_to_disk(folder)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"The backup to {folder} failed: {error}. The database itself is untouched.") from None
    return BackupMade(final, final.stat().st_size, time.monotonic() - started)


def backups_in(folder: Path, database: Path | None = None) -> list[BackupFile]:
    """The finished backups in `folder` (of `database`, if given), newest first."""
    found = []
    for path in folder.glob("*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match and (database is None or match["stem"] == database.stem):
            taken_at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=timezone.utc)
            found.append(BackupFile(path, taken_at, match["reason"]))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def rotate_backups(folder: Path, database: Path, settings: ClinicSettings) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns what was deleted.

    Copies kept by a restore (before-restore, damaged) are evidence, not backups: the rotation
    neither counts nor deletes them.
    """
    backups = [b for b in backups_in(folder, database) if b.reason in ROTATED_REASONS]
    keep = backups_to_keep(
        (b.taken_at for b in backups),
        settings.zone,
        recent=settings.backups_recent,
        daily=settings.backups_daily,
        weekly=settings.backups_weekly,
        monthly=settings.backups_monthly,
    )
    removed = [b.path for b in backups if b.taken_at not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_good_backup(folder: Path, database: Path) -> BackupFile | None:
    for backup in backups_in(folder, database):
        try:
            _verify(backup.path)
        except sqlite3.Error:
            continue
        return backup
    return None


def restore_backup(database: Path, backup: Path, *, now: datetime, safety_folder: Path) -> Path:
    """Put `backup` in place of `database`, keeping a copy of the current file first.

    The caller holds the database (storage.instance_lock): nobody has it open. Returns the
    path of the copy taken of what was there before.
    """
    try:
        check_database_file(backup, must_be_writable=False)
        _verify(backup)
    except (DatabaseUnusable, sqlite3.Error) as problem:
        raise BackupFailed(f"{backup} cannot be restored: {problem}") from None
    safety_folder.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(timezone.utc).strftime(_STAMP)
    if database.exists():
        safety = safety_folder / f"{database.stem}-{stamp}-before-restore.sqlite3"
        try:
            _copy_online(database, safety, None)
            _verify(safety)
        except sqlite3.Error:  # damaged: keep its bytes exactly as they are, named for what it is
            safety.unlink(missing_ok=True)
            safety = safety_folder / f"{database.stem}-{stamp}-damaged.sqlite3"
            for suffix in ("", "-wal"):
                if Path(f"{database}{suffix}").exists():
                    shutil.copyfile(f"{database}{suffix}", f"{safety}{suffix}")
        _flush_to_disk(safety)
    else:
        safety = None
    incoming = database.with_name(database.name + ".restoring")
    shutil.copyfile(backup, incoming)
    _flush_to_disk(incoming)
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(incoming, database)
    _flush_to_disk(database.parent)
    return safety


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    findings: list[str]


def check_books(database: Path) -> CheckReport:
    """SQLite's integrity and foreign-key checks, plus the books' own rules."""
    findings = []
    with closing(sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)) as books:
        integrity = [row[0] for row in books.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            findings += [f"integrity: {line}" for line in integrity]
        for table, rowid, parent, _ in books.execute("PRAGMA foreign_key_check"):
            findings.append(f"foreign key: {table} row {rowid} points at a missing {parent}")
        findings += _receipt_number_findings(books)
    return CheckReport(not findings, findings)


def _receipt_number_findings(books: sqlite3.Connection) -> list[str]:
    tables = {row[0] for row in books.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "sale" not in tables:
        return []
    count, highest = books.execute("SELECT count(*), coalesce(max(receipt_number), 0) FROM sale").fetchone()
    next_number = books.execute("SELECT next_value FROM counter WHERE name = 'receipt_number'").fetchone()
    findings = []
    if count != highest:
        findings.append(f"receipts: {count} sales but numbers run to {highest} (a gap or a duplicate)")
    if next_number and next_number[0] != highest + 1:
        findings.append(f"receipts: the next number would be {next_number[0]}, not {highest + 1}")
    return findings


def _copy_online(database: Path, target: Path, progress: Progress | None) -> None:
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(target)) as copy:
        source.execute("PRAGMA busy_timeout = 5000")

        def report(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        source.backup(copy, pages=_PAGES_PER_STEP, progress=report)
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it


def _verify(path: Path) -> None:
    with closing(sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)) as copy:
        verdict = copy.execute("PRAGMA integrity_check(1)").fetchone()[0]
    if verdict != "ok":
        raise sqlite3.DatabaseError(f"the copy fails its integrity check: {verdict}")


def _flush_to_disk(path: Path) -> None:
    """fsync a file, or a folder (so a rename in it survives a power cut). Windows has no
    folder fsync; its renames are journalled by NTFS."""
    if path.is_dir() and os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
