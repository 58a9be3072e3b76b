"""The clinic's opening hours: a week replaced whole, checked day by day, audited."""

from datetime import UTC, datetime, time

import pytest
from sqlalchemy import select

from medspa_desk.domain.opening_hours import DayHours, HoursInvalid
from medspa_desk.services.clinic.clinic_hours import read_opening_hours, write_opening_hours
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import AuditEntry

NOW = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)
WEEKDAYS = {day: DayHours(time(9), time(18)) for day in range(5)}


def test_a_week_is_replaced_whole_and_a_missing_day_is_closed(tmp_path):
    db = open_database(tmp_path / "clinic.sqlite3")
    with db.writing() as session:
        write_opening_hours(session, WEEKDAYS | {5: DayHours(time(10), time(14))}, None, NOW)
    with db.reading() as session:
        week = read_opening_hours(session)
        audit = session.scalars(select(AuditEntry.action)).all()
    assert week == WEEKDAYS | {5: DayHours(time(10), time(14))}
    assert 6 not in week  # Sunday closed
    assert audit == ["clinic.opening_hours_changed"]
    db.close()


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ({0: DayHours(time(9), time(9))}, "Monday: closing at 09:00 must come after opening"),
        ({6: DayHours(time(17), time(8))}, "Sunday: closing at 08:00"),
        ({}, "at least one day"),
        ({7: DayHours(time(9), time(17))}, "no weekday number 7"),
    ],
)
def test_hours_a_day_cannot_have_are_refused_and_nothing_is_written(tmp_path, week, message):
    db = open_database(tmp_path / "clinic.sqlite3")
    with db.reading() as session:
        before = read_opening_hours(session)
    with pytest.raises(HoursInvalid, match=message), db.writing() as session:
        write_opening_hours(session, week, None, NOW)
    with db.reading() as session:
        assert read_opening_hours(session) == before
    db.close()


def test_the_same_week_again_records_nothing(tmp_path):
    db = open_database(tmp_path / "clinic.sqlite3")
    with db.writing() as session:
        write_opening_hours(session, WEEKDAYS, None, NOW)
    with db.writing() as session:
        write_opening_hours(session, dict(WEEKDAYS), None, NOW)
    with db.reading() as session:
        assert len(session.scalars(select(AuditEntry.id)).all()) == 1
    db.close()
