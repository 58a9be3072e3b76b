"""`--demo`'s desk: built for today when missing or stale, opened as it is when current, never
laid over a real clinic's books, and opened without loading the demo's writers."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from medspa_desk.demo import demo_ids
from medspa_desk.demo.demo_desk import open_demo_desk
from medspa_desk.demo.demo_ids import demo_anchor_date
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.staff_roles import StaffRole
from medspa_desk.services.staff_access.sign_in import signed_in_now
from medspa_desk.storage.database import DatabaseUnusable, open_database
from medspa_desk.storage.models import Appointment, Staff
from tests.demo.demo_books import WEDNESDAY

DENVER = ZoneInfo("America/Denver")
WEDNESDAY_MORNING = FixedClock(datetime(2026, 11, 25, 9, 30, tzinfo=DENVER))
THURSDAY_MORNING = FixedClock(WEDNESDAY_MORNING.now() + timedelta(days=1))


@pytest.fixture(scope="module")
def built_demo(tmp_path_factory) -> Path:
    """The demo as a newcomer's first `--demo` start leaves it: built where there was nothing."""
    path = tmp_path_factory.mktemp("first-start") / "demo.sqlite3"
    desk = open_demo_desk(path, WEDNESDAY_MORNING)
    desk.close()
    return path


@pytest.fixture
def demo_copy(built_demo, tmp_path) -> Path:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(built_demo, path)
    return path


def _appointments(desk) -> int:
    with desk.db.reading() as session:
        return session.scalar(select(func.count(Appointment.id)))


def test_a_missing_demo_is_built_for_today_with_the_front_desk_signed_in(built_demo):
    desk = open_demo_desk(built_demo, WEDNESDAY_MORNING)
    try:
        assert demo_anchor_date(desk.db) == WEDNESDAY
        assert _appointments(desk) > 0
        who = signed_in_now(desk)
        assert who is not None
        assert (who.staff_id, who.role) == (demo_ids.FRONT_DESK_ID, StaffRole.FRONT_DESK)
    finally:
        desk.close()


def test_a_demo_from_today_is_opened_as_it_is(demo_copy):
    desk = open_demo_desk(demo_copy, WEDNESDAY_MORNING)
    try:
        booked = _appointments(desk)
    finally:
        desk.close()
    desk = open_demo_desk(demo_copy, WEDNESDAY_MORNING)
    try:
        assert _appointments(desk) == booked
        assert demo_anchor_date(desk.db) == WEDNESDAY
    finally:
        desk.close()


def test_a_demo_from_another_day_is_built_again_for_today(demo_copy):
    desk = open_demo_desk(demo_copy, THURSDAY_MORNING)
    try:
        assert demo_anchor_date(desk.db) == WEDNESDAY + timedelta(days=1)
        assert signed_in_now(desk).staff_id == demo_ids.FRONT_DESK_ID
    finally:
        desk.close()


def test_a_real_clinics_books_are_refused_and_left_as_they_were(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    db = open_database(path)
    with db.writing() as session:
        session.add(Staff(display_name="Amber Holt", role="Front desk manager", is_manager=True))
    db.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseUnusable, match="real clinic's data"):
        open_demo_desk(path, WEDNESDAY_MORNING)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


OPEN_CURRENT_DEMO = """
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from medspa_desk.demo.demo_desk import open_demo_desk
from medspa_desk.domain.clock import FixedClock

clock = FixedClock(datetime(2026, 11, 25, 9, 30, tzinfo=ZoneInfo("America/Denver")))
open_demo_desk(sys.argv[1], clock).close()
print(sorted(m for m in sys.modules if m.startswith("medspa_desk.demo.")))
"""


def test_a_current_demo_opens_without_loading_the_demos_writers(demo_copy):
    """Every `--demo` start but a day's first opens a demo built already: the generator and the
    clinic's writers (some 110 ms of a start) are for a build only."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    run = subprocess.run(
        [sys.executable, "-c", OPEN_CURRENT_DEMO, str(demo_copy)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    loaded = run.stdout.strip()
    assert "medspa_desk.demo.demo_ids" in loaded
    for writer in ("generator", "demo_clinic", "demo_sales", "demo_appointments"):
        assert f"medspa_desk.demo.{writer}'" not in loaded
