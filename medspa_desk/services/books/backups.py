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
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from medspa_desk.domain.backup_rotation import backups_to_keep
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.database import SQLITE_MAGIC, DatabaseUnusable, check_database_file
from medspa_desk.storage.private_files import create_private_file, private_folder

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<reason>[a-z-]+)\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%SZ"
_UPGRADE_COPY = re.compile(
    r"^(?P<stem>.+)\.before-upgrade-from-\w+\.(?P<stamp>\d{8}-\d{6})\.sqlite3$"
)
_PAGES_PER_STEP = 256
ROTATED_REASONS = frozenset(
    {"startup", "scheduled", "day-close", "manual"}
)  # small steps let the desk's own writes in between

Progress = Callable[[int, int], None]  # (pages done, pages in all)


class BackupFailed(Exception):
    """A backup or restore could not be made; str() says why, for the desk."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str  # startup | scheduled | day-close | manual, or evidence: before-restore | damaged | before-upgrade


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
        private_folder(folder)
    except OSError as error:
        raise BackupFailed(
            f"The backup folder {folder} cannot be used: {error.strerror}."
        ) from None
    final = folder / f"{database.stem}-{now.astimezone(UTC).strftime(_STAMP)}-{reason}.sqlite3"
    partial = final.with_name(final.name + ".partial")
    try:
        create_private_file(partial)  # the copy holds health notes: owner-only from its first byte
        _copy_online(database, partial, progress)
        _verify(partial)
        _flush_to_disk(partial)
        os.replace(partial, final)
        _flush_to_disk(folder)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise BackupFailed(
            f"The backup to {folder} failed: {error}. The database itself is untouched."
        ) from None
    return BackupMade(final, final.stat().st_size, time.monotonic() - started)


def backups_in(folder: Path, database: Path | None = None) -> list[BackupFile]:
    """The finished backups in `folder` (of `database`, if given), newest first."""
    found = []
    for path in folder.glob("*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match and (database is None or match["stem"] == database.stem):
            taken_at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
            found.append(BackupFile(path, taken_at, match["reason"]))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def rotate_backups(folder: Path, database: Path, settings: ClinicSettings) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns what was deleted.

    Copies kept as evidence (before a restore, before a schema upgrade, a damaged file) are not
    counted with the backups, but they hold the same people: the newest of each kind is kept
    and older ones go, so that no copy outlives the promise made to a client who asked to be
    forgotten.
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
    removed += _older_evidence(folder, database)
    for path in removed:
        path.unlink(missing_ok=True)
        Path(f"{path}-wal").unlink(missing_ok=True)  # a damaged file is kept with its -wal
    return removed


def _older_evidence(folder: Path, database: Path) -> list[Path]:
    newest_first = backups_in(folder, database) + _upgrade_copies(folder, database)
    newest_first.sort(key=lambda copy: copy.taken_at, reverse=True)
    seen: set[str] = set()
    older = []
    for copy in newest_first:
        if copy.reason in ROTATED_REASONS:
            continue
        if copy.reason in seen:
            older.append(copy.path)
        seen.add(copy.reason)
    return older


def _upgrade_copies(folder: Path, database: Path) -> list[BackupFile]:
    """The copies storage.database takes before a schema upgrade, named in a style of their own."""
    found = []
    for path in folder.glob(f"{database.stem}.before-upgrade-from-*") if folder.is_dir() else ():
        match = _UPGRADE_COPY.match(path.name)
        if match and match["stem"] == database.stem:
            taken_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            found.append(BackupFile(path, taken_at, "before-upgrade"))
    return found


def newest_good_backup(folder: Path, database: Path) -> BackupFile | None:
    for backup in backups_in(folder, database):
        try:
            _verify(backup.path)
        except sqlite3.Error:
            continue
        return backup
    return None


def restore_backup(
    database: Path, backup: Path, *, now: datetime, safety_folder: Path
) -> Path | None:
    """Put `backup` in place of `database`, keeping a copy of the current file first.

    The backup is read through SQLite from a private copy of its files, so the newest
    transactions still in a -wal beside it come along, and the copy is judged whole (a clinic
    database of a schema this app opens, integrity, the books' checks) before anything is
    replaced: a refusal changes nothing. The caller holds the database (storage.instance_lock):
    nobody has it open. Returns the path of the copy taken of what was there before.
    """
    database, backup = database.absolute(), backup.absolute()
    if not backup.is_file():
        raise BackupFailed(f"{backup} cannot be restored: there is no such file.")
    if backup == database:
        raise BackupFailed(f"{backup} is the clinic's database itself, not a backup of it.")
    incoming = database.with_name(database.name + ".restoring")
    try:
        _read_through_sqlite(backup, incoming)
        _judge_as_clinic_books(incoming)
    except (BackupFailed, DatabaseUnusable, OSError, sqlite3.Error) as problem:
        incoming.unlink(missing_ok=True)
        # The scratch file's name means nothing to the desk; SQLite's reports run over lines.
        why = " ".join(str(problem).replace(str(incoming), "it").split())
        raise BackupFailed(
            f"{backup} cannot be restored: {why.rstrip('.')}. Nothing was changed."
        ) from None
    try:
        safety = _keep_current_file(database, safety_folder, now) if database.exists() else None
        _flush_to_disk(incoming)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(incoming, database)
        _flush_to_disk(database.parent)
    except OSError as error:
        incoming.unlink(missing_ok=True)
        raise BackupFailed(
            f"The restore failed: {error.strerror}. The database is as it was."
        ) from None
    return safety


def _read_through_sqlite(source: Path, target: Path) -> None:
    """Copy `source`, with its -wal, into the single self-contained file `target`.

    SQLite replays a -wal only on a connection that may write, and the source must stay as it
    was: so its files are copied aside first and the copy is opened, never the source.
    """
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".restore-") as aside:
        copy = Path(aside) / "source.sqlite3"
        shutil.copyfile(source, copy)
        if Path(f"{source}-wal").is_file():
            shutil.copyfile(f"{source}-wal", f"{copy}-wal")
        with open(copy, "rb") as file:
            header = file.read(len(SQLITE_MAGIC))
            if not header:
                raise BackupFailed("it is an empty file.")
            if header != SQLITE_MAGIC:
                raise BackupFailed("it is not a medspa_desk database (it is not an SQLite file).")
        target.unlink(missing_ok=True)
        with closing(sqlite3.connect(copy)) as books, closing(sqlite3.connect(target)) as into:
            books.backup(into)
            into.execute("PRAGMA journal_mode = DELETE")


def _judge_as_clinic_books(candidate: Path) -> None:
    if check_database_file(candidate, must_be_writable=False) is None:
        raise BackupFailed("it holds no clinic's books (it is empty).")
    _verify(candidate)
    report = check_books(candidate)
    if not report.ok:
        raise BackupFailed("its books do not check out: " + "; ".join(report.findings) + ".")


def _keep_current_file(database: Path, folder: Path, now: datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    # Two restores within one second must not write the second copy over the first.
    while any(folder.glob(f"{database.stem}-{now.astimezone(UTC).strftime(_STAMP)}-*.sqlite3")):
        now += timedelta(seconds=1)
    stamp = now.astimezone(UTC).strftime(_STAMP)
    safety = folder / f"{database.stem}-{stamp}-before-restore.sqlite3"
    try:
        _copy_online(database, safety, None)
        _verify(safety)
    except sqlite3.Error:  # damaged: keep its bytes exactly as they are, named for what it is
        safety.unlink(missing_ok=True)
        safety = folder / f"{database.stem}-{stamp}-damaged.sqlite3"
        for suffix in ("", "-wal"):
            if Path(f"{database}{suffix}").exists():
                shutil.copyfile(f"{database}{suffix}", f"{safety}{suffix}")
    _flush_to_disk(safety)
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
    tables = {
        row[0] for row in books.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if "sale" not in tables:
        return []
    count, highest = books.execute(
        "SELECT count(*), coalesce(max(receipt_number), 0) FROM sale"
    ).fetchone()
    next_number = books.execute(
        "SELECT next_value FROM counter WHERE name = 'receipt_number'"
    ).fetchone()
    findings = []
    if count != highest:
        findings.append(
            f"receipts: {count} sales but numbers run to {highest} (a gap or a duplicate)"
        )
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
