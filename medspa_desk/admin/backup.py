"""`medspa-desk backup`, `restore` and `check`: the clinic's books from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from medspa_desk.admin.command_desk import (
    CommandFailed,
    add_database_option,
    existing_clinic,
    failed,
)


def register(commands) -> None:
    backup = commands.add_parser(
        "backup", help="back up the database now (safe while the desk is open)"
    )
    backup.add_argument(
        "--to", type=Path, metavar="DIR", help="the folder (default: the clinic's backup folder)"
    )
    add_database_option(backup)
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser(
        "restore",
        help="put a backup in place of the database (the desk must be closed); "
        "the backup is checked first, and the file it replaces is kept",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    add_database_option(restore)
    restore.set_defaults(run=run_restore)

    check = commands.add_parser(
        "check", help="check the database's integrity and its books; exit 1 if anything is wrong"
    )
    add_database_option(check)
    check.set_defaults(run=run_check)


def _settings(database: Path):
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.services.desk import open_command_desk

    desk = open_command_desk(database, SystemClock())
    try:
        return desk.settings
    finally:
        desk.close()


def run_backup(args) -> int:
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.services.books.backups import (
        BackupFailed,
        default_backup_folder,
        make_backup,
        rotate_backups,
    )
    from medspa_desk.services.books.files import DatabaseUnusable

    try:
        database = existing_clinic(args)
        settings = _settings(database)
        folder = (args.to or default_backup_folder(database, settings)).absolute()
        made = make_backup(
            database, folder, now=SystemClock().now(), reason="manual", progress=_show_progress
        )
        rotate_backups(folder, database, settings)
    except (CommandFailed, DatabaseUnusable, BackupFailed) as problem:
        return failed(str(problem))
    print(
        f"\rbacked up to {made.path} ({made.size_bytes / 1e6:.1f} MB, {made.seconds:.1f} s)".ljust(
            60
        )
    )
    return 0


def run_restore(args) -> int:
    from medspa_desk.data_locations import clinic_database_path
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.domain.settings import ClinicSettings
    from medspa_desk.services.books.backups import (
        BackupFailed,
        default_backup_folder,
        restore_backup,
    )
    from medspa_desk.services.books.files import DatabaseUnusable, claim_database

    try:
        database = existing_clinic(args)
    except CommandFailed as problem:
        # A damaged clinic database is what a restore is for; anything else is not a clinic's.
        database = Path(args.database or clinic_database_path()).expanduser().absolute()
        if not _is_damaged_clinic(database):
            return failed(str(problem))
    try:
        lock = claim_database(database)
    except DatabaseUnusable as problem:
        return failed(f"{problem} Close the desk app before restoring.")
    try:
        # The current file may be the damaged one being replaced: its settings cannot be read.
        folder = default_backup_folder(database, ClinicSettings())
        safety = restore_backup(database, args.file, now=SystemClock().now(), safety_folder=folder)
    except BackupFailed as problem:
        return failed(str(problem))
    finally:
        lock.release()
    kept = f"; the file it replaced is kept as {safety}" if safety else ""
    print(f"restored {args.file} to {database}{kept}")
    return 0


def _is_damaged_clinic(path: Path) -> bool:
    from medspa_desk.services.books.files import (
        DatabaseDamaged,
        DatabaseUnusable,
        check_database_file,
    )

    try:
        check_database_file(path)
    except DatabaseDamaged:
        return True
    except DatabaseUnusable:
        pass
    return False


def run_check(args) -> int:
    import sqlite3

    from medspa_desk.services.books.backups import check_books

    try:
        database = existing_clinic(args, writable=False)
        report = check_books(database)
    except CommandFailed as problem:
        return failed(str(problem))
    except sqlite3.DatabaseError as error:
        return failed(f"{database}: DAMAGED ({error})")
    if report.ok:
        print(f"{database}: OK (integrity, foreign keys and receipt numbers all check out)")
        return 0
    lines = [f"{database}: {len(report.findings)} problem(s) found"] + [
        f"  - {f}" for f in report.findings
    ]
    return failed("\n".join(lines))


def _show_progress(done: int, total: int) -> None:
    percent = 100 * done // total if total else 100
    print(f"\rbacking up: {percent}%", end="", file=sys.stderr, flush=True)
