"""The desk's files are the owner's alone: they hold health notes and contact details.

On POSIX every file is made 0600 and every folder 0700, both by the process umask (so that
files SQLite, the log or a backup create are private from their first byte) and by an explicit
chmod (for files made before, or by code that runs without the umask, such as tests). On
Windows chmod only sets the read-only flag, so these calls change nothing there: the desk's
folders are under the per-user profile (platformdirs' %LOCALAPPDATA%), which Windows already
keeps to that user and the administrators.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_FOLDER = 0o700
_PRIVATE_UMASK = 0o077
_POSIX = os.name == "posix"


def keep_new_files_private() -> None:
    """Every file and folder this process creates from now on is the owner's alone."""
    if _POSIX:
        os.umask(_PRIVATE_UMASK)


def make_private(path: Path | str) -> None:
    """Take group and others' access from an existing file or folder; a missing one is skipped.

    The owner's own bits stay as they are, so a read-only backup is not made writable.
    """
    if not _POSIX:
        return
    path = Path(path)
    try:
        if path.exists():
            path.chmod(OWNER_ONLY_FOLDER if path.is_dir() else path.stat().st_mode & 0o700)
    except OSError as error:  # somebody else's file: the desk still runs, support is told
        log.warning("cannot make %s private: %s", path, error.strerror)


def private_folder(folder: Path) -> Path:
    """`folder`, created if missing (with its parents) and made owner-only."""
    folder.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_FOLDER)
    make_private(folder)
    return folder


def make_folder_contents_private(folder: Path) -> None:
    """Tighten a folder of the desk's own and everything in it (made by an older version)."""
    if not folder.is_dir():
        return
    make_private(folder)
    for inside in folder.rglob("*"):
        make_private(inside)


def make_database_files_private(database: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        make_private(f"{database}{suffix}")


def create_private_file(path: Path) -> None:
    """Create `path` empty and owner-only (or empty an existing one, made owner-only), so that
    SQLite or a writer opening it next never has it readable by others, umask or not."""
    os.close(os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, OWNER_ONLY_FILE))
    make_private(path)
