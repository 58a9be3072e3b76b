"""A clinic's first start: a new, empty database becomes the clinic's own books in one go.

The window's assistant and `medspa-desk setup` both end here (`set_up_clinic`). Nothing is
written until every answer is checked; then the settings, the opening hours and the first
manager are written in one transaction. A file that did not exist before and could not be set
up is not left behind, so a failed or cancelled first start leaves the disk as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.opening_hours import HoursInvalid, WeekHours, check_week_hours
from medspa_desk.domain.password_rules import PasswordRefused, check_new_password
from medspa_desk.domain.staff_roles import DEFAULT_LANE_COLOUR, StaffRole
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clinic.clinic_hours import write_opening_hours
from medspa_desk.services.clinic.settings import write_settings
from medspa_desk.services.clinic.staff import StaffDetails, write_new_staff
from medspa_desk.services.staff_access.secrets import password_hash
from medspa_desk.storage.database import check_database_file, holds_people, open_database
from medspa_desk.storage.models import Client, Staff

if TYPE_CHECKING:
    from medspa_desk.domain.setting_rules import SettingValue

# What a clinic must say about itself before its books are made: nothing here is invented.
REQUIRED_ANSWERS = (
    "clinic_name",
    "address_line",
    "city_line",
    "phone",
    "email",
    "time_zone",
    "tax_basis_points_service",
    "tax_basis_points_retail",
)
DEFAULT_TIME_ZONE = "America/Denver"
LONGEST_NAME = 80


class ClinicAlreadySetUp(DeskRefusal):
    """The database already holds a clinic (staff or clients): a first start would overwrite it."""


@dataclass(frozen=True)
class ClinicAnswers:
    """Everything the first start asks, as typed (settings as text, by their names)."""

    settings: Mapping[str, str]
    hours: WeekHours
    manager_name: str
    manager_password: str
    manager_password_again: str | None = None  # the assistant asks twice; a file gives it once


@dataclass(frozen=True)
class ClinicSetUp:
    path: Path
    manager_id: int
    message: str


def needs_first_start(path: Path) -> bool:
    """Whether opening `path` should start the first start: a file that does not exist yet, an
    empty one, or the desk's books with no staff and no clients. A file the desk cannot use is
    refused as opening it would be (DatabaseUnusable)."""
    revision = check_database_file(path, check_pages=False)
    return revision is None or not holds_people(path)


def refuse_books_set_up(path: Path) -> None:
    """ClinicAlreadySetUp if the books at `path` hold a clinic already."""
    if not needs_first_start(path):
        raise ClinicAlreadySetUp(
            f"{path} is already set up: it has staff or clients. A clinic is set up once; change "
            "its settings in the window (Clinic set-up…)."
        )


def check_answers(answers: ClinicAnswers, *, with_password: bool = True) -> dict[str, SettingValue]:
    """The settings, read and checked; SettingsRefused names every answer that cannot be kept
    ("hours", "manager_name" and "manager_password" beside the settings' own names).
    `with_password` off checks the rest before the password is asked for."""
    # Here, not at the top: the window asks needs_first_start at every start, and loads the
    # rules of the answers only for a first start.
    from medspa_desk.domain.setting_rules import SettingsRefused, settings_from_text

    problems: dict[str, str] = {}
    for name in REQUIRED_ANSWERS:
        if not answers.settings.get(name, "").strip():
            problems[name] = _missing(name)
    settings: dict[str, SettingValue] = {}
    try:
        settings = settings_from_text(answers.settings)
    except SettingsRefused as refused:
        problems = refused.problems | problems
    try:
        check_week_hours(answers.hours)
    except HoursInvalid as problem:
        problems["hours"] = str(problem)
    name = answers.manager_name.strip()
    if not name:
        problems["manager_name"] = "The manager's name must be given."
    elif len(name) > LONGEST_NAME:
        problems["manager_name"] = f"The manager's name must be at most {LONGEST_NAME} characters."
    try:
        if with_password:
            check_new_password(answers.manager_password, answers.manager_password_again)
    except PasswordRefused as problem:
        problems["manager_password"] = str(problem)
    if problems:
        raise SettingsRefused(problems)
    return settings


def set_up_clinic(path: Path, answers: ClinicAnswers, now: datetime) -> ClinicSetUp:
    """Make the books at `path` the clinic's own: its settings, its opening hours and its first
    manager (with the password's argon2id hash), in one transaction, audited."""
    path = Path(path).expanduser().absolute()
    settings = check_answers(answers)
    refuse_books_set_up(path)
    kept_hash = password_hash(answers.manager_password)
    manager_name = answers.manager_name.strip()
    existed = path.exists()
    try:
        db = open_database(path)
        try:
            with db.writing() as session:
                manager_id = write_new_staff(
                    session,
                    StaffDetails(
                        manager_name, StaffRole.MANAGER, DEFAULT_LANE_COLOUR, title="Manager"
                    ),
                    None,  # nobody is at the desk yet
                    now,
                    password_hash=kept_hash,
                )
                if _holds_people_besides(session, manager_id):
                    raise ClinicAlreadySetUp(f"{path} was set up meanwhile, by another program.")
                record_audit(
                    session,
                    manager_id,
                    "clinic.set_up",
                    f"staff:{manager_id}",
                    {"manager_id": manager_id},
                    now,
                )
                write_settings(session, settings, manager_id, now)
                write_opening_hours(session, answers.hours, manager_id, now)
        finally:
            db.close()
    except BaseException:
        if not existed:
            _remove_new_books(path)
        raise
    clinic_name = settings["clinic_name"]
    return ClinicSetUp(path, manager_id, f"{clinic_name} is set up; {manager_name} is its manager.")


def _holds_people_besides(session: Session, staff_id: int) -> bool:
    """Checked again inside the transaction: another program may have written the file since."""
    return bool(
        session.scalar(select(exists().where(Staff.id != staff_id)))
        or session.scalar(select(exists().where(Client.id.is_not(None))))
    )


def _missing(name: str) -> str:
    words = {
        "clinic_name": "The clinic's name",
        "address_line": "The street address",
        "city_line": "The city, state and ZIP",
        "phone": "The clinic's phone number",
        "email": "The clinic's email address",
        "time_zone": "The time zone",
        "tax_basis_points_service": "The tax rate on services (0 if none)",
        "tax_basis_points_retail": "The tax rate on retail (0 if none)",
    }
    return f"{words[name]} must be given."


def _remove_new_books(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
