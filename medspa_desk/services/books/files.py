"""The clinic's books as files on the desk's disk, in the words the window and the commands use.

The window (ui/app.py) and the commands (admin/) open, claim, check and restore the books through
services only — never through storage — so that how the books are stored can change behind one
line of modules (the import contracts in pyproject.toml hold them to it). What they need of
storage's file handling is named here, once, and nothing more.
"""

from __future__ import annotations

from medspa_desk.storage.database import (
    BooksBusy,
    DatabaseDamaged,
    DatabaseUnusable,
    StorageFailure,
    check_database_file,
    check_database_pages,
)
from medspa_desk.storage.instance_lock import claim_database
from medspa_desk.storage.private_files import create_private_file, keep_new_files_private

__all__ = [
    "BooksBusy",  # another program holds the write lock too long: try again (a DeskRefusal)
    "DatabaseDamaged",  # the file fails its integrity check: offer the newest good backup
    "DatabaseUnusable",  # read-only, not the desk's, made by a newer version, in use elsewhere
    "StorageFailure",  # the disk refused a write (full, read-only): the action failed whole
    "check_database_file",  # the schema revision of a file, without changing a byte of it
    "check_database_pages",  # every page of a file read (the window's check after its first paint)
    "claim_database",  # the one-desk-per-database lock, held while the desk is open
    "create_private_file",  # a file only its owner may read (exports, receipts)
    "keep_new_files_private",  # the process's umask: every file it makes is the owner's alone
]
