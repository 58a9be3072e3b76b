"""What every screen and command works with: the open database, the clinic's settings, the clock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exists, select

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.clock import Clock
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.clinic_settings import load_settings
from medspa_desk.services.staff import active_staff
from medspa_desk.storage.database import Database, DatabaseUnusable, open_database
from medspa_desk.storage.models import Staff


@dataclass
class Desk:
    db: Database
    settings: ClinicSettings
    clock: Clock
    # Who is at the desk now: every change is recorded against them. Chosen in the window.
    staff_id: int | None = None

    def close(self) -> None:
        self.db.close()


def open_desk(path: Path, clock: Clock) -> Desk:
    db = open_database(path)
    staff = active_staff(db)
    return Desk(db, load_settings(db), clock, staff_id=staff[0].staff_id if staff else None)


def open_demo_desk(path: Path, clock: Clock, progress=None) -> Desk:
    """Open the demo clinic at `path`, building it for today if it is missing or from another day.

    The demo's bookings are placed around the day it was built for; a demo from last month would
    open on an empty calendar, so a stale demo is built again rather than shown.
    """
    from medspa_desk.demo.generator import build_demo_clinic, demo_anchor_date  # only for --demo

    path = Path(path)
    desk = open_desk(path, clock)
    today = local_date(clock.now(), desk.settings.zone)
    anchor = demo_anchor_date(desk.db)
    if anchor == today:
        return desk
    if anchor is None and _has_staff(desk.db):
        desk.close()
        raise DatabaseUnusable(f"{path} holds a real clinic's data, not the demo: --demo will not touch it.")
    desk.close()
    if anchor is not None:
        _remove_database_files(path)
    desk = open_desk(path, clock)
    build_demo_clinic(desk.db, today, progress=progress, now=clock.now())
    return desk


def _has_staff(db: Database) -> bool:
    with db.reading() as session:
        return session.scalar(select(exists().where(Staff.id.is_not(None))))


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
