"""Where the desk keeps its files on this computer (the platform's usual folders)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs(appname="medspa_desk", appauthor="406MedicalSpa")


def clinic_database_path() -> Path:
    return _DIRS.user_data_path / "clinic.sqlite3"


def demo_database_path() -> Path:
    return _DIRS.user_data_path / "demo-clinic.sqlite3"


def log_folder() -> Path:
    return _DIRS.user_log_path


def make_data_folders_private() -> None:
    """Tighten the desk's own data folder and all in it (databases, backups/) to the owner.

    A database or backup folder named by hand elsewhere is not swept: only its database files
    are tightened when it is opened (storage.database), and backups when they are made.
    """
    from medspa_desk.storage.private_files import make_folder_contents_private

    make_folder_contents_private(_DIRS.user_data_path)
