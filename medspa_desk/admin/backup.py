"""`medspa-desk backup`, `restore` and `check`: the clinic's books from the command line."""

from __future__ import annotations

import sys
from pathlib import Path


def register(commands) -> None:
    backup = commands.add_parser("backup", help="back up the database now (safe while the desk is open)")
    backup.add_argument("--to", type=Path, metavar="DIR", help="the folder (default: the clinic's backup folder)")
    backup.add_argument("--database", type=Path, metavar="PATH", help="the database (default: the clinic's)")
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser(
        "restore", help="put a backup in place of the database (the desk must be closed)"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    restore.add_argument("--database", type=Path, metavar="PATH", help="the database (default: the clinic's)")
    restore.set_defaults(run=run_restore)

    check = commands.add_parser("check", help="check the database's integrity and its books; exit 1 if anything is wrong")
    check.add_argument("--database", type=Path, metavar="PATH", help="the database (default: the clinic's)")
    check.set_defaults(run=run_check)


def _database(args) -> Path:
    from medspa_desk.data_locations import clinic_database_path

    return (args.database or clinic_database_path()).absolute()


def _say(text: str) -> None:
    print(f"medspa-desk: {text}", file=sys.stderr)


def _settings(database: Path):
    from medspa_desk.services.clinic_settings import load_settings
    from medspa_desk.storage.database import open_database

    db = open_database(database)
    try:
        return load_settings(db)
    finally:
        db.close()


def run_backup(args) -> int:
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.services.backups import BackupFailed, default_backup_folder, make_backup, rotate_backups
    from medspa_desk.storage.database import DatabaseUnusable

    database = _database(args)
    try:
        settings = _settings(database)
        folder = args.to or default_backup_folder(database, settings)
        made = make_backup(database, folder, now=SystemClock().now(), reason="manual", progress=_show_progress)
        rotate_backups(folder, database, settings)
    except (DatabaseUnusable, BackupFailed) as problem:
        _say(str(problem))
        return 1
    print(f"\rbacked up to {made.path} ({made.size_bytes / 1e6:.1f} MB, {made.seconds:.1f} s)".ljust(60))
    return 0


def run_restore(args) -> int:
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.domain.settings import ClinicSettings
    from medspa_desk.services.backups import BackupFailed, default_backup_folder, restore_backup
    from medspa_desk.storage.database import DatabaseUnusable
    from medspa_desk.storage.instance_lock import claim_database

    database = _database(args)
    try:
        lock = claim_database(database)
    except DatabaseUnusable as problem:
        _say(f"{problem} Close the desk app before restoring.")
        return 1
    try:
        # The current file may be the damaged one being replaced: its settings cannot be read.
        folder = default_backup_folder(database, ClinicSettings())
        safety = restore_backup(database, args.file, now=SystemClock().now(), safety_folder=folder)
    except BackupFailed as problem:
        _say(str(problem))
        return 1
    finally:
        lock.release()
    kept = f"; the file it replaced is kept as {safety}" if safety else ""
    print(f"restored {args.file} to {database}{kept}")
    return 0


def run_check(args) -> int:
    import sqlite3

    from medspa_desk.services.backups import check_books

    database = _database(args)
    if not database.is_file():
        _say(f"{database} does not exist.")
        return 1
    try:
        report = check_books(database)
    except sqlite3.DatabaseError as error:
        print(f"{database}: DAMAGED ({error})")
        return 1
    if report.ok:
        print(f"{database}: OK (integrity, foreign keys and receipt numbers all check out)")
        return 0
    print(f"{database}: {len(report.findings)} problem(s) found")
    for finding in report.findings:
        print(f"  - {finding}")
    return 1


def _show_progress(done: int, total: int) -> None:
    percent = 100 * done // total if total else 100
    print(f"\rbacking up: {percent}%", end="", file=sys.stderr, flush=True)
