"""`medspa-desk set-password`: the way back in when nobody who could set a password can sign in.
The password given is to be changed at the next sign-in, and the change is audited."""

import pytest
from sqlalchemy import select

from medspa_desk.cli import main
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.sign_in_rules import SecretKind
from medspa_desk.services.clinic.first_start import set_up_clinic
from medspa_desk.services.desk import open_desk
from medspa_desk.services.staff_access.sign_in import NewSecret, SecretMustChange, sign_in
from medspa_desk.storage.models import AuditEntry
from tests.admin.command_books import one_line_refusal, sha256
from tests.services.clinic_answers import SET_UP_AT, glow_answers


@pytest.fixture
def clinic(tmp_path):
    database = tmp_path / "clinic.sqlite3"
    done = set_up_clinic(database, glow_answers(), SET_UP_AT)
    (tmp_path / "pw.txt").write_text("a temporary one 12\n", encoding="utf-8")
    return database, done.manager_id


def test_a_forgotten_managers_password_is_set_again_to_be_changed_at_sign_in(
    clinic, tmp_path, capsys
):
    database, manager = clinic
    assert (
        main(
            [
                "set-password",
                "dana whitfield",
                "--database",
                str(database),
                "--password-file",
                str(tmp_path / "pw.txt"),
            ]
        )
        == 0
    )
    assert "Dana Whitfield's password is set" in capsys.readouterr().out
    desk = open_desk(database, FixedClock(SET_UP_AT))
    try:
        with pytest.raises(SecretMustChange):
            sign_in(desk, manager, "a temporary one 12")
        own = NewSecret(SecretKind.PASSWORD, "dana's own words", "dana's own words")
        assert sign_in(desk, manager, "a temporary one 12", own).staff_id == manager
        with desk.db.reading() as session:
            reset = session.scalars(
                select(AuditEntry).where(AuditEntry.action == "staff.secret_reset")
            ).one()
        assert (reset.staff_id, reset.subject) == (None, f"staff:{manager}")
    finally:
        desk.close()


def test_nobody_by_that_name_is_refused_in_one_line_and_nothing_changes(clinic, tmp_path, capsys):
    database, _manager = clinic
    before = sha256(database)
    arguments = ["set-password", "Nobody Here", "--database", str(database)]
    assert main([*arguments, "--password-file", str(tmp_path / "pw.txt")]) == 1
    assert "nobody working here is called 'Nobody Here'" in one_line_refusal(capsys)
    assert sha256(database) == before


def test_a_short_password_is_refused_in_one_line(clinic, tmp_path, capsys):
    database, _manager = clinic
    (tmp_path / "short.txt").write_text("short\n", encoding="utf-8")
    arguments = ["set-password", "Dana Whitfield", "--database", str(database)]
    assert main([*arguments, "--password-file", str(tmp_path / "short.txt")]) == 1
    assert "at least 10 characters" in one_line_refusal(capsys)
