"""What every screen and command works with: the open database, the clinic's settings, the clock,
and the index that finds its clients."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from medspa_desk.domain.clock import Clock
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.clients.client_index import ClientIndex
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.clinic.staff import active_staff
from medspa_desk.storage.database import Database, open_database


@dataclass
class Desk:
    db: Database
    settings: ClinicSettings
    clock: Clock
    # Who is at the desk now: every change is recorded against them. Chosen in the window.
    staff_id: int | None = None
    # The clients as search finds them, read once (ahead of the first search, or at it) and
    # kept current from the audit trail, whichever desk changed them.
    client_index: ClientIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.client_index = ClientIndex(self.db)

    def close(self) -> None:
        self.db.close()


def open_desk(path: Path, clock: Clock, *, check_pages: bool = True) -> Desk:
    """The desk at the database at `path`; `check_pages` as `open_database` takes it."""
    db = open_database(path, check_pages=check_pages)
    staff = active_staff(db)
    return Desk(db, load_settings(db), clock, staff_id=staff[0].staff_id if staff else None)


def open_command_desk(path: Path, clock: Clock) -> Desk:
    """The desk a command works at: nobody at it, so its prints and exports name no staff member."""
    db = open_database(path)
    return Desk(db, load_settings(db), clock, staff_id=None)
