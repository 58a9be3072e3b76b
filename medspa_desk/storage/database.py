"""Opening the desk's database: checked before it is touched, set up for a till, migrated.

The order matters: a file is read and judged before SQLite is allowed to write to it, so a
read-only file, somebody's spreadsheet or a database made by a newer version of the app is
refused with a message and left byte-for-byte as it was.
"""

from __future__ import annotations

import logging
import os
import platform
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import ConnectionPoolEntry

from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.storage.file_location import is_on_network_share
from medspa_desk.storage.private_files import (
    create_private_file,
    make_database_files_private,
    private_folder,
)

if TYPE_CHECKING:  # Alembic is imported only when a migration runs (see SCHEMA_HEAD)
    from alembic.config import Config

log = logging.getLogger(__name__)

# The newest migration this version of the app knows. Kept here so that start-up can compare
# revisions without importing Alembic; a test checks it against the migration scripts.
SCHEMA_HEAD = "0012"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class DatabaseUnusable(Exception):
    """The database cannot be used; the message says why in words for the desk."""


class DatabaseDamaged(DatabaseUnusable):
    """The file is an SQLite database, but damaged: restoring a backup is the way out."""


class StorageFailure(Exception):
    """The disk refused a write (full, turned read-only, gone): nothing of the action was saved."""


class BooksBusy(DeskRefusal):
    """Another program held the write lock past the busy timeout: a refusal the desk can retry.

    A DeskRefusal, so that every view shows it where it shows its refusals, without a traceback
    in the log.
    """


BOOKS_BUSY = "The books are busy — try again. Nothing of this was saved."
_SQLITE_BUSY = 5


# SQLite's primary result codes for a disk that cannot take the write (sqlite3 error codes).
_DISK_TROUBLE = {
    13: "The disk is full",  # SQLITE_FULL
    8: "The database file has become read-only",  # SQLITE_READONLY
    10: "The disk could not be written",  # SQLITE_IOERR
    14: "The database file cannot be opened any more",  # SQLITE_CANTOPEN
}


class Database:
    """An open database. `reading()` and `writing()` each give one transaction."""

    def __init__(self, path: Path, engine: Engine, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = path
        self.engine = engine
        self.busy_timeout_ms = busy_timeout_ms
        self._writer = engine.execution_options(begin="IMMEDIATE")
        # The PC this desk runs on, named on every audit entry it writes (with two desks on one
        # clinic's books, which desk did it). Its network name: the clinic's IT knows it.
        self.workstation = platform.node()[:60] or "this desk"

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with (
            Session(self.engine, expire_on_commit=False, info=self._info()) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One all-or-nothing transaction that holds the write lock from its first statement.

        BEGIN IMMEDIATE takes the lock up front, so two writers queue on the busy timeout instead
        of one failing half-way with "database is locked" when its read turns into a write.
        """
        try:
            with (
                Session(self._writer, expire_on_commit=False, info=self._info()) as session,
                session.begin(),
            ):
                yield session
        except OperationalError as error:
            if getattr(error.orig, "sqlite_errorcode", 0) & 0xFF == _SQLITE_BUSY:
                log.info(
                    "the write lock was held past %s ms: the action was refused",
                    self.busy_timeout_ms,
                )
                raise BooksBusy(BOOKS_BUSY) from None
            trouble = _DISK_TROUBLE.get(getattr(error.orig, "sqlite_errorcode", 0) & 0xFF)
            if trouble is None:
                raise
            raise StorageFailure(
                f"{trouble}: nothing of this was saved, and everything saved before is safe. "
                f"({self.path})"
            ) from error

    def _info(self) -> dict[str, str]:
        return {"workstation": self.workstation}

    def wipe_stale_copies(self) -> None:
        """Copy the WAL into the file and empty it, so that old values deleted or overwritten
        (with secure_delete on, freed space is zeroed) are left nowhere in the database's files.

        Run after a transaction has committed. TRUNCATE waits (busy timeout) for readers; a
        connection of the pool holding a read would leave the WAL whole, so the result is logged.
        """
        raw = self.engine.raw_connection()
        try:
            driver = cast(sqlite3.Connection, raw.driver_connection)  # sqlite+pysqlite's
            busy, _frames, _done = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as error:  # the action is saved already: the next checkpoint will do
            log.warning("the WAL of %s could not be emptied: %s", self.path, error)
            return
        finally:
            raw.close()
        if busy:
            log.warning(
                "the WAL of %s could not be emptied: another connection was reading", self.path
            )

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    path: Path | str,
    *,
    upgrade_backups: Path | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    check_pages: bool = True,
) -> Database:
    """Open (creating if missing) and migrate the database at `path`, or raise DatabaseUnusable.

    A new file is created owner-only before SQLite opens it (its -wal and -shm take the main
    file's mode); an existing one is tightened, with its -wal and -shm. With `check_pages` off
    the caller reads every page itself later (`check_database_pages`: the window does, after its
    first paint), unless a migration is due: a damaged file is never backed up and migrated.
    """
    path = Path(path).expanduser().absolute()
    revision = check_database_file(path, check_pages=check_pages)
    if not check_pages and revision is not None and revision != SCHEMA_HEAD:
        check_database_pages(path)
    if not path.exists():
        try:
            create_private_file(path)
        except OSError as error:
            raise DatabaseUnusable(f"{path} cannot be created: {error.strerror}.") from None
    make_database_files_private(path)
    engine = _till_engine(path, busy_timeout_ms)
    try:
        if revision != SCHEMA_HEAD:
            if revision is not None:
                _back_up_before_upgrade(path, revision, upgrade_backups or path.parent / "backups")
            _migrate(engine)
    except Exception:
        engine.dispose()
        raise
    return Database(path, engine, busy_timeout_ms)


def check_database_file(
    path: Path, *, must_be_writable: bool = True, check_pages: bool = True
) -> str | None:
    """The schema revision of the file at `path` (None for a new or empty one), or refuse it.

    Reads only: nothing is written to the file, whatever it turns out to be. `check_pages` reads
    every page too (`check_database_pages`); without it only the header and the schema are read.
    """
    if must_be_writable and is_on_network_share(path):
        raise DatabaseUnusable(
            f"{path} is on a network share. SQLite cannot lock a file there reliably, and two "
            "computers writing it could damage the clinic's books. Keep the database on this "
            "computer's own disk."
        )
    if not path.exists():
        if not path.parent.is_dir():
            raise DatabaseUnusable(f"The folder {path.parent} does not exist.")
        return None
    if not path.is_file():
        raise DatabaseUnusable(f"{path} is a folder, not a database file.")
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseUnusable(f"{path} cannot be read: {error.strerror}.") from None
    if header and header != SQLITE_MAGIC:
        raise DatabaseUnusable(f"{path} is not a medspa_desk database (it is not an SQLite file).")
    if must_be_writable and _is_read_only(path):
        raise DatabaseUnusable(
            f"{path} is read-only, and the desk must be able to save bookings and sales. "
            "Open a copy that can be written, or ask for the file's permissions to be fixed."
        )
    if not header:
        return None  # an empty file is an empty database
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as peek:
            tables = {row[0] for row in peek.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseUnusable(
                        f"{path} is an SQLite database, but not one of medspa_desk's."
                    )
                return None
            row = peek.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise DatabaseDamaged(f"{path} is damaged or not a database ({error}).") from None
    if check_pages:
        check_database_pages(path)
    revision = row[0] if row else None
    if revision is not None and revision != SCHEMA_HEAD and revision not in _known_revisions():
        raise DatabaseUnusable(
            f"{path} was made by a newer version of medspa_desk (schema {revision}). "
            "Install the newer version to open it; this file has not been changed."
        )
    return revision


def holds_people(path: Path) -> bool:
    """Whether the medspa_desk database at `path` has any staff member or client: a file with
    neither is a clinic not yet set up. Reads only, without migrating (every schema has both
    tables)."""
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as peek:
            row = peek.execute(
                "SELECT EXISTS (SELECT 1 FROM staff) OR EXISTS (SELECT 1 FROM client)"
            ).fetchone()
    except sqlite3.DatabaseError as error:
        raise DatabaseDamaged(f"{path} is damaged or not a database ({error}).") from None
    return bool(row[0])


def check_database_pages(path: Path) -> None:
    """Read every page of the SQLite file at `path`, or raise DatabaseDamaged. Reads only.

    quick_check takes about 0.45 s on ten years of data (107 MB), so the window runs it off its
    thread after the first paint. Damage found at start is damage a backup can still undo.
    """
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as peek:
            verdict = peek.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise DatabaseDamaged(f"{path} is damaged or not a database ({error}).") from None
    if verdict != "ok":
        raise DatabaseDamaged(f"{path} is damaged: {verdict}.")


def _is_read_only(path: Path) -> bool:
    # os.access alone is not enough: it says yes to root and to Windows administrators for a
    # file whose read-only flag is set, and SQLite would then fail on the first sale.
    writable_bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return not os.access(path, os.W_OK) or not path.stat().st_mode & writable_bits


def _till_engine(path: Path, busy_timeout_ms: int) -> Engine:
    # hide_parameters: an error's message and traceback go to the log, and the values of a
    # statement are clients' names, phones and notes, which the log must never hold.
    engine = create_engine(f"sqlite+pysqlite:///{path}", hide_parameters=True)

    @event.listens_for(engine, "connect")
    def set_up_connection(
        dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry
    ) -> None:
        # Take transaction control away from pysqlite, which would defer or skip BEGIN; the
        # "begin" listener below emits it (SQLAlchemy's SQLite dialect notes).
        dbapi_connection.isolation_level = None
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            f"busy_timeout = {busy_timeout_ms}",
            # Deleted or overwritten values are zeroed in the file, not left in freed space:
            # an anonymized client's name must not survive in the pages it was on.
            "secure_delete = ON",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        connection.exec_driver_sql(f"BEGIN {connection.get_execution_options().get('begin', '')}")

    return engine


def _migrations_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    return config


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {
        script.revision
        for script in ScriptDirectory.from_config(_migrations_config()).walk_revisions()
    }


def _migrate(engine: Engine) -> None:
    from alembic import command

    config = _migrations_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
    log.info("database migrated to %s", SCHEMA_HEAD)


def _back_up_before_upgrade(path: Path, revision: str, folder: Path) -> Path:
    private_folder(folder)
    # Named by the computer's real clock, not the desk's (which may be a training clock): this
    # names a file on disk, and must sort with the other files there.
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}.before-upgrade-from-{revision}.{stamp}{path.suffix}"
    create_private_file(target)
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    log.info("backed up %s to %s before upgrading from schema %s", path, target, revision)
    return target
