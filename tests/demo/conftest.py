"""The demo books every demo test reads, built once per run (each test only reads them)."""

from __future__ import annotations

import pytest

from medspa_desk.demo.generator import build_demo_clinic
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import Appointment
from tests.demo.demo_books import WEDNESDAY, rows


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The default demo, as a newcomer's first --demo start builds it: built once for the run."""
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    build_demo_clinic(db, WEDNESDAY)
    yield db
    db.close()


@pytest.fixture(scope="session")
def appointments(demo):
    return rows(demo, Appointment)
