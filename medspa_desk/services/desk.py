"""What every screen and command works with: the open database, the clinic's settings, the clock,
and the index that finds its clients."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from medspa_desk.domain.clock import Clock
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.clients.client_index import ClientIndex
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.staff_access.permissions import ApprovalsGiven
from medspa_desk.storage.database import Database, open_database


@dataclass
class Desk:
    db: Database
    settings: ClinicSettings
    clock: Clock
    # Who is signed in at the desk (services.staff_access.sign_in): every change is recorded
    # against them. None while the desk is signed out or locked.
    staff_id: int | None = None
    # A command typed at the PC's prompt (medspa_desk.admin), not the window: nobody signs in,
    # whoever may run commands on the desk PC may do what they do (its entries name no staff).
    at_prompt: bool = False
    # The managers' approvals given at this desk and not yet used (staff_access.permissions).
    approvals: ApprovalsGiven = field(default_factory=ApprovalsGiven, repr=False)
    # The clients as search finds them, read once (ahead of the first search, or at it) and
    # kept current from the audit trail, whichever desk changed them.
    client_index: ClientIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.client_index = ClientIndex(self.db)

    def close(self) -> None:
        self.db.close()


def open_desk(path: Path, clock: Clock, *, check_pages: bool = True) -> Desk:
    """The desk at the database at `path`, nobody signed in yet; `check_pages` as
    `open_database` takes it."""
    db = open_database(path, check_pages=check_pages)
    return Desk(db, load_settings(db), clock)


def open_command_desk(path: Path, clock: Clock) -> Desk:
    """The desk a command works at: nobody at it, so its prints and exports name no staff member."""
    db = open_database(path)
    return Desk(db, load_settings(db), clock, at_prompt=True)
