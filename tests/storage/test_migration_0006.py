"""Migration 0006: books made before the clinic could set its own hours stay bookable exactly as
they were (every day, every provider, from the opening to the closing time of their settings),
and keep every row they had."""

import sqlite3
from contextlib import closing
from datetime import time
from pathlib import Path

from sqlalchemy import select

from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import OpeningHours, Staff, StaffShift

SCHEMA_0005 = Path(__file__).parent / "old_databases" / "schema-0005.sqlite3"


def _old_books(tmp_path: Path, settings: dict[str, str]) -> Path:
    path = tmp_path / "clinic.sqlite3"
    path.write_bytes(SCHEMA_0005.read_bytes())
    with closing(sqlite3.connect(path)) as old:
        old.executemany("INSERT INTO clinic_setting (key, value) VALUES (?, ?)", settings.items())
        old.commit()
    return path


def test_every_day_keeps_the_hours_of_the_settings_and_every_provider_works_them(tmp_path):
    path = _old_books(tmp_path, {"opening_time": "09:00", "closing_time": "18:30"})
    with closing(sqlite3.connect(path)) as old:
        appointments = old.execute("SELECT count(*) FROM appointment").fetchone()
    db = open_database(path, upgrade_backups=tmp_path / "backups")
    with db.reading() as session:
        hours = session.execute(
            select(OpeningHours.weekday, OpeningHours.opens, OpeningHours.closes)
        )
        assert sorted(hours) == [(day, time(9), time(18, 30)) for day in range(7)]
        providers = set(session.scalars(select(Staff.id).where(Staff.is_provider)))
        shifts = session.execute(
            select(StaffShift.staff_id, StaffShift.weekday, StaffShift.starts, StaffShift.ends)
        ).all()
        assert providers
        assert sorted(shifts) == sorted(
            (staff_id, day, time(9), time(18, 30)) for staff_id in providers for day in range(7)
        )
        front_desk = set(session.scalars(select(Staff.id).where(~Staff.is_provider)))
        assert front_desk and not front_desk & {shift.staff_id for shift in shifts}
    db.close()
    with closing(sqlite3.connect(path)) as upgraded:
        assert upgraded.execute("SELECT count(*) FROM appointment").fetchone() == appointments


def test_books_on_the_default_hours_keep_eight_to_seven(tmp_path):
    db = open_database(_old_books(tmp_path, {}), upgrade_backups=tmp_path / "backups")
    with db.reading() as session:
        spans = set(session.execute(select(OpeningHours.opens, OpeningHours.closes)))
    assert spans == {(time(8), time(19))}
    db.close()


def test_a_barcode_is_unique_where_given(tmp_path):
    db = open_database(_old_books(tmp_path, {}), upgrade_backups=tmp_path / "backups")
    db.close()
    with closing(sqlite3.connect(tmp_path / "clinic.sqlite3")) as books:
        books.execute("UPDATE product SET barcode = NULL")  # many without one: no clash
        first = books.execute("SELECT id FROM product ORDER BY id LIMIT 2").fetchall()
        books.execute("UPDATE product SET barcode = '0123456789012' WHERE id = ?", first[0])
        try:
            books.execute("UPDATE product SET barcode = '0123456789012' WHERE id = ?", first[1])
        except sqlite3.IntegrityError as error:
            assert "UNIQUE" in str(error)
        else:
            raise AssertionError("two products took one barcode")
