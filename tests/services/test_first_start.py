"""The first start: a new file becomes the clinic's books in one transaction, or stays as it was."""

from pathlib import Path

import pytest
from sqlalchemy import select

from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.domain.setting_rules import SettingsRefused
from medspa_desk.services.clinic.clinic_hours import read_opening_hours
from medspa_desk.services.clinic.first_start import (
    ClinicAlreadySetUp,
    needs_first_start,
    set_up_clinic,
)
from medspa_desk.services.desk import open_desk
from medspa_desk.services.staff_access.secrets import secret_matches
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import AuditEntry, Client, Staff
from tests.services.clinic_answers import GLOW_SETTINGS, GLOW_WEEK, SET_UP_AT, glow_answers


def test_a_new_file_is_set_up_in_one_go_and_its_manager_is_at_the_desk(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    assert needs_first_start(path)
    done = set_up_clinic(path, glow_answers(), SET_UP_AT)
    assert done.message == "Glow West Aesthetics is set up; Dana Whitfield is its manager."
    assert not needs_first_start(path)
    desk = open_desk(path, FixedClock(SET_UP_AT))
    try:
        assert desk.staff_id is None  # nobody is signed in until the manager signs in
        settings = desk.settings
        assert settings.clinic_name == "Glow West Aesthetics"
        assert settings.phone == "(406) 862-1234"
        assert settings.tax_basis_points_retail == 825
        assert settings.tax_basis_points_service == 0
        assert settings.receipt_layout is ReceiptLayout.LETTER
        assert settings.backup_folder == "/media/usb/glow-backups"
        with desk.db.reading() as session:
            assert read_opening_hours(session) == GLOW_WEEK
            manager = session.get(Staff, done.manager_id)
            audit = session.execute(select(AuditEntry.action, AuditEntry.staff_id)).all()
            details = session.scalars(select(AuditEntry.detail)).all()
        assert manager.is_manager and manager.active and manager.display_name == "Dana Whitfield"
        assert manager.password_hash.startswith("$argon2id$")
        assert secret_matches(manager.password_hash, "lavender fields 42")
        actions = [action for action, _ in audit]
        # The manager added by nobody (nobody is at the desk yet), then everything else by them.
        assert actions[:2] == ["staff.added", "clinic.set_up"]
        assert "clinic.opening_hours_changed" in actions
        assert (
            actions.count("clinic.setting_changed") == 8
        )  # not the zone or service tax: as before
        assert audit[0][1] is None
        assert {staff_id for _, staff_id in audit[1:]} == {done.manager_id}
        assert not any("lavender" in detail for detail in details)
    finally:
        desk.close()


def test_every_answer_wrong_is_named_and_no_file_is_made(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    answers = glow_answers(
        settings=GLOW_SETTINGS | {"email": "front@", "tax_basis_points_retail": "8.375"},
        hours={},
        manager_name=" ",
        manager_password_again="lavender fields 43",
    )
    with pytest.raises(SettingsRefused) as refused:
        set_up_clinic(path, answers, SET_UP_AT)
    assert refused.value.problems.keys() == {
        "email",
        "tax_basis_points_retail",
        "hours",
        "manager_name",
        "manager_password",
    }
    assert "not the same" in refused.value.problems["manager_password"]
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_invented_every_required_answer_must_be_given(tmp_path):
    settings = {
        name: text
        for name, text in GLOW_SETTINGS.items()
        if name not in ("phone", "tax_basis_points_service")
    }
    with pytest.raises(SettingsRefused) as refused:
        set_up_clinic(tmp_path / "clinic.sqlite3", glow_answers(settings=settings), SET_UP_AT)
    assert refused.value.problems == {
        "phone": "The clinic's phone number must be given.",
        "tax_basis_points_service": "The tax rate on services (0 if none) must be given.",
    }
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_or_books_with_nobody_in_them_are_new(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert needs_first_start(empty)
    migrated = tmp_path / "migrated.sqlite3"
    open_database(migrated).close()
    assert needs_first_start(migrated)
    done = set_up_clinic(migrated, glow_answers(), SET_UP_AT)
    assert done.path == migrated


@pytest.mark.parametrize("who", ["staff", "client"])
def test_books_with_staff_or_clients_are_already_set_up_and_left_alone(tmp_path, who):
    path = tmp_path / "clinic.sqlite3"
    db = open_database(path)
    with db.writing() as session:
        if who == "staff":
            session.add(Staff(display_name="Riley Chen", role="Front desk"))
        else:
            session.add(
                Client(
                    first_name="Emma",
                    last_name="Sanders",
                    search_name="emma sanders",
                    created_at=SET_UP_AT,
                )
            )
    db.close()
    before = path.read_bytes()
    assert not needs_first_start(path)
    with pytest.raises(ClinicAlreadySetUp, match="is already set up"):
        set_up_clinic(path, glow_answers(), SET_UP_AT)
    assert path.read_bytes() == before


def test_a_set_up_that_fails_half_way_leaves_no_new_file_behind(tmp_path, monkeypatch):
    import medspa_desk.services.clinic.first_start as first_start

    def refuse(*args):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(first_start, "write_opening_hours", refuse)
    path = tmp_path / "clinic.sqlite3"
    with pytest.raises(RuntimeError):
        set_up_clinic(path, glow_answers(), SET_UP_AT)
    assert list(tmp_path.iterdir()) == []


def test_a_set_up_that_fails_on_an_existing_empty_file_leaves_it_empty(tmp_path, monkeypatch):
    import medspa_desk.services.clinic.first_start as first_start

    monkeypatch.setattr(first_start, "write_opening_hours", lambda *a: 1 / 0)
    path = tmp_path / "clinic.sqlite3"
    open_database(path).close()
    with pytest.raises(ZeroDivisionError):
        set_up_clinic(path, glow_answers(), SET_UP_AT)
    db = open_database(path)
    with db.reading() as session:
        assert session.scalars(select(Staff)).all() == []
        assert session.scalars(select(AuditEntry)).all() == []
    db.close()
    assert needs_first_start(Path(path))
