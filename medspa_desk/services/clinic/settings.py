"""Reading the clinic's settings: the published defaults, overridden by what the clinic saved."""

from __future__ import annotations

from sqlalchemy import select

from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import ClinicSetting


def load_settings(db: Database) -> ClinicSettings:
    with db.reading() as session:
        stored = dict(session.execute(select(ClinicSetting.key, ClinicSetting.value)).all())
    return ClinicSettings().with_stored(stored)
