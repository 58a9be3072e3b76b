"""The demo books the demo tests read: built once per run, and the small helpers that read them."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from sqlalchemy import select

from medspa_desk.demo import clinic_catalog
from medspa_desk.demo.generator import (
    DemoSize,
    build_demo_clinic,
)
from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.database import open_database

WEDNESDAY = date(2026, 11, 25)
SETTINGS = ClinicSettings()
DENVER = SETTINGS.zone
SMALL = DemoSize(clients=300, past_days=21, future_days=14)
OCCUPYING = {status.value for status in AppointmentStatus if status.occupies_slot}


def rows(db, model) -> list:
    """Every row of a model's table as plain rows, usable after the session has closed."""
    with db.reading() as session:
        return session.execute(select(model.__table__).order_by(*model.__table__.primary_key)).all()


def build(path, today, size=SMALL, **options):
    db = open_database(path)
    build_demo_clinic(db, today, size, **options)
    return db


def local(instant: datetime) -> datetime:
    return instant.astimezone(DENVER)


def providers_working(day: date) -> set[int]:
    """Staff ids of the providers on the floor that day (the demo numbers them 1 to 6)."""
    return {
        staff_id
        for staff_id, provider in enumerate(clinic_catalog.PROVIDERS, 1)
        if day.weekday() in provider.weekdays
    }


def table_contents(path) -> dict[str, list[tuple]]:
    """Every table's rows as SQLite stores them, in a fixed order."""
    with sqlite3.connect(path) as connection:
        listed = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        contents = {}
        for (table,) in listed.fetchall():
            columns = len(connection.execute(f"PRAGMA table_info({table})").fetchall())
            every_column = ", ".join(str(number) for number in range(1, columns + 1))
            query = f"SELECT * FROM {table} ORDER BY {every_column}"
            contents[table] = connection.execute(query).fetchall()
        return contents
