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
