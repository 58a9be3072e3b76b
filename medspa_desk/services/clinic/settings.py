"""The clinic's settings: the published defaults, overridden by what the clinic saved.

`write_settings` is the one writer, inside the caller's session (the first start's one
transaction, the settings screen's own); `save_settings` is the desk action around it, and puts
the new settings in force at once (`desk.settings`), so no view needs a restart to use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.opening_hours import WeekHours
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clinic.clinic_hours import write_opening_hours
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import ClinicSetting

if TYPE_CHECKING:  # only: services.desk imports this module to load the settings
    from medspa_desk.domain.setting_rules import SettingValue
    from medspa_desk.services.desk import Desk


@dataclass(frozen=True)
class SettingsSaved:
    changed: tuple[str, ...]  # the settings' names whose value changed
    hours_changed: bool
    message: str


def load_settings(db: Database) -> ClinicSettings:
    with db.reading() as session:
        return read_settings(session)


def read_settings(session: Session) -> ClinicSettings:
    stored = dict(session.execute(select(ClinicSetting.key, ClinicSetting.value)).all())
    return ClinicSettings().with_stored(stored)


def write_settings(
    session: Session,
    changes: Mapping[str, SettingValue],
    by_staff_id: int | None,
    now: datetime,
) -> tuple[str, ...]:
    """Keep `changes` (each checked first: SettingsRefused says which and why), each audited with
    its old and new value; the names of those that changed."""
    # Here, not at the top: every start of the desk loads this module to read the settings.
    from medspa_desk.domain.setting_rules import check_setting

    checked = {name: check_setting(name, value) for name, value in changes.items()}
    before = read_settings(session)
    changed = []
    for name, value in checked.items():
        old, new = ClinicSettings.as_text(getattr(before, name)), ClinicSettings.as_text(value)
        if old == new:
            continue
        row = session.get(ClinicSetting, name)
        if row is None:
            session.add(ClinicSetting(key=name, value=new))
        else:
            row.value = new
        record_audit(
            session,
            by_staff_id,
            "clinic.setting_changed",
            f"setting:{name}",
            {"old": old, "new": new},
            now,
        )
        changed.append(name)
    return tuple(changed)


def save_settings(
    desk: Desk, changes: Mapping[str, SettingValue], hours: WeekHours | None = None
) -> SettingsSaved:
    """The settings screen's Save: the changed settings and, if given, the week's opening hours,
    in one transaction, by a manager at the desk; in force at once."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SETTINGS)
        changed = write_settings(session, changes, desk.staff_id, now)
        hours_changed = False
        if hours is not None:
            hours_changed = write_opening_hours(session, hours, desk.staff_id, now)
        settings = read_settings(session)
    desk.settings = settings
    count = len(changed) + hours_changed
    if not count:
        message = "Nothing was changed."
    elif count == 1:
        message = "1 setting saved; it is in force now."
    else:
        message = f"{count} settings saved; they are in force now."
    return SettingsSaved(changed, hours_changed, message)
