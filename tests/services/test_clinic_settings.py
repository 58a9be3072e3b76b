import json
from datetime import UTC, datetime, time

import pytest
from sqlalchemy import select

from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.opening_hours import DayHours, HoursInvalid
from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.domain.setting_rules import SettingsRefused
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.clinic.clinic_hours import read_opening_hours
from medspa_desk.services.clinic.settings import load_settings, save_settings, write_settings
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import AuditEntry, ClinicSetting

NOW = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)


def test_a_new_clinic_has_the_published_defaults(tmp_path):
    db = open_database(tmp_path / "clinic.sqlite3")
    assert load_settings(db) == ClinicSettings()
    db.close()


def test_saved_settings_override_the_defaults(tmp_path):
    db = open_database(tmp_path / "clinic.sqlite3")
    with db.writing() as session:
        session.add(ClinicSetting(key="late_grace_minutes", value="15"))
    settings = load_settings(db)
    assert settings.late_grace_minutes == 15
    assert settings.late_cancel_fee_cents == 7500
    db.close()


def test_write_settings_keeps_each_change_with_its_old_and_new_value_and_who(tmp_path):
    db = open_database(tmp_path / "clinic.sqlite3")
    with db.writing() as session:
        changed = write_settings(
            session,
            {"late_cancel_fee_cents": 8000, "strike_limit": 3, "receipt_layout": "letter"},
            None,
            NOW,
        )
    assert changed == ("late_cancel_fee_cents", "receipt_layout")  # the strike limit was 3
    settings = load_settings(db)
    assert settings.late_cancel_fee_cents == 8000
    assert settings.receipt_layout is ReceiptLayout.LETTER
    with db.reading() as session:
        audit = session.execute(
            select(AuditEntry.action, AuditEntry.subject, AuditEntry.detail).order_by(AuditEntry.id)
        ).all()
    assert [(action, subject, json.loads(detail)) for action, subject, detail in audit] == [
        ("clinic.setting_changed", "setting:late_cancel_fee_cents", {"old": "7500", "new": "8000"}),
        ("clinic.setting_changed", "setting:receipt_layout", {"old": "roll", "new": "letter"}),
    ]
    db.close()


def test_a_value_no_screen_could_enter_is_refused_and_nothing_is_written(tmp_path):
    db = open_database(tmp_path / "clinic.sqlite3")
    with (
        pytest.raises(SettingsRefused, match="late grace must be a whole number"),
        db.writing() as session,
    ):
        write_settings(session, {"strike_limit": 4, "late_grace_minutes": 61}, None, NOW)
    assert load_settings(db) == ClinicSettings()
    db.close()


def test_a_manager_saves_settings_and_hours_in_one_go_in_force_at_once(desk, clinic):
    desk.staff_id = clinic.amber
    week = {day: DayHours(time(9), time(17)) for day in range(6)}  # Sunday closed
    saved = save_settings(
        desk, {"late_cancel_fee_cents": 8000, "time_zone": "America/Chicago"}, week
    )
    assert saved.changed == ("late_cancel_fee_cents", "time_zone")
    assert saved.hours_changed
    assert saved.message == "3 settings saved; they are in force now."
    assert desk.settings.late_cancel_fee_cents == 8000  # no restart needed
    assert desk.settings.zone.key == "America/Chicago"
    with desk.db.reading() as session:
        assert read_opening_hours(session) == week
        who = set(
            session.scalars(
                select(AuditEntry.staff_id).where(AuditEntry.action.startswith("clinic."))
            )
        )
    assert who == {clinic.amber}


def test_saving_nothing_new_says_so(desk, clinic):
    desk.staff_id = clinic.amber
    saved = save_settings(desk, {"strike_limit": 3})
    assert (saved.changed, saved.hours_changed, saved.message) == (
        (),
        False,
        "Nothing was changed.",
    )


def test_only_a_manager_at_the_desk_changes_settings(desk, clinic):
    for staff_id, refusal in [
        (clinic.riley, "Only a manager can change the clinic's settings"),
        (None, "Sign in first"),
    ]:
        desk.staff_id = staff_id
        with pytest.raises(DeskRefusal, match=refusal):
            save_settings(desk, {"late_cancel_fee_cents": 8000})
    assert load_settings(desk.db).late_cancel_fee_cents == 7500
    assert desk.settings.late_cancel_fee_cents == 7500


def test_bad_hours_with_good_settings_save_neither(desk, clinic):
    desk.staff_id = clinic.amber
    with pytest.raises(HoursInvalid, match="Monday: closing at 08:00"):
        save_settings(desk, {"late_cancel_fee_cents": 8000}, {0: DayHours(time(9), time(8))})
    assert load_settings(desk.db).late_cancel_fee_cents == 7500
    assert desk.settings.late_cancel_fee_cents == 7500
