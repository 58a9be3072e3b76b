"""The demo clinic as a desk (--demo) or as a new database file (the demo-data command).

Here rather than in services: the demo generator sits above services (it may act through them),
and services never import it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import exists, select

from medspa_desk.demo.demo_ids import FRONT_DESK_ID, demo_anchor_date
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.clock import Clock
from medspa_desk.services.desk import Desk, open_desk
from medspa_desk.services.staff_access.sign_in import sign_in_without_secret
from medspa_desk.storage.database import Database, DatabaseUnusable, open_database
from medspa_desk.storage.models import Staff

if TYPE_CHECKING:
    from medspa_desk.demo.generator import DemoSize


def open_demo_desk(path: Path, clock: Clock, progress=None, *, check_pages: bool = True) -> Desk:
    """Open the demo clinic at `path`, building it for today if it is missing or from another day.

    The demo's bookings are placed around the day it was built for; a demo from last month would
    open on an empty calendar, so a stale demo is built again rather than shown. `check_pages`
    is `open_database`'s; a demo built here is new, so it has no pages to check.
    """
    path = Path(path)
    desk = open_desk(path, clock, check_pages=check_pages)
    today = local_date(clock.now(), desk.settings.zone)
    anchor = demo_anchor_date(desk.db)
    if anchor == today:
        return _front_desk_signed_in(desk)
    if anchor is None and _has_staff(desk.db):
        desk.close()
        raise DatabaseUnusable(
            f"{path} holds a real clinic's data, not the demo: --demo will not touch it."
        )
    desk.close()
    if anchor is not None:
        _remove_database_files(path)
    from medspa_desk.demo.generator import (
        build_demo_clinic,
    )  # for a build only: some 110 ms of a start

    desk = open_desk(path, clock)
    build_demo_clinic(desk.db, today, progress=progress, now=clock.now())
    return _front_desk_signed_in(desk)


def _front_desk_signed_in(desk: Desk) -> Desk:
    """The demo opens on the day at once, with its front desk (Riley Chen) signed in without a
    password: a newcomer sees the calendar first. A manager's sign-in always asks for theirs."""
    sign_in_without_secret(desk, FRONT_DESK_ID)
    return desk


def build_demo_database(path: Path, today, size: DemoSize, progress=None) -> None:
    """Build a demo clinic in a new database file at `path`, closed again when built."""
    from medspa_desk.demo.generator import build_demo_clinic

    db = open_database(path)
    try:
        build_demo_clinic(db, today, size, progress=progress)
    finally:
        db.close()


def _has_staff(db: Database) -> bool:
    with db.reading() as session:
        return session.scalar(select(exists().where(Staff.id.is_not(None))))


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
