"""`medspa-desk setup`: the first start from a script, on a real file."""

import os
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from medspa_desk.cli import main
from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.clinic.clinic_hours import read_opening_hours
from medspa_desk.services.desk import open_desk
from medspa_desk.services.staff_access.secrets import secret_matches
from medspa_desk.storage.models import Staff
from tests.admin.command_books import one_line_refusal, sha256
from tests.services.clinic_answers import GLOW_WEEK, SET_UP_AT

ANSWERS = textwrap.dedent(
    """\
    [clinic]
    name = "Glow West Aesthetics"
    address = "12 Main St"
    city = "Whitefish MT 59937"
    phone = "406 862 1234"
    email = "front@glowwest.example.com"

    [tax]
    services = 0
    retail = 8.25

    [policies]
    late_cancel_fee = "80.00"

    [hours]
    mon = "09:00-18:00"
    tue = "09:00-18:00"
    wed = "09:00-18:00"
    thu = "09:00-18:00"
    fri = "09:00-18:00"
    sat = "10:00-14:00"
    sun = "closed"

    [manager]
    name = "Dana Whitfield"
    password_file = "password.txt"
    """
)


@pytest.fixture
def answers_file(tmp_path):
    (tmp_path / "password.txt").write_text("lavender fields 42\n")
    path = tmp_path / "glow.toml"
    path.write_text(ANSWERS)
    return path


def test_a_clinic_is_set_up_from_a_toml_file(tmp_path, answers_file, capsys):
    database = tmp_path / "clinic.sqlite3"
    assert main(["setup", "--database", str(database), "--from", str(answers_file)]) == 0
    assert (
        "Glow West Aesthetics is set up; Dana Whitfield is its manager." in capsys.readouterr().out
    )
    desk = open_desk(database, FixedClock(SET_UP_AT))
    try:
        assert desk.settings.late_cancel_fee_cents == 8000
        assert desk.settings.tax_basis_points_retail == 825
        assert desk.settings.time_zone == "America/Denver"
        with desk.db.reading() as session:
            assert read_opening_hours(session) == GLOW_WEEK
            manager = session.scalars(select(Staff)).one()
            assert manager.is_manager and desk.staff_id is None  # until they sign in
            assert secret_matches(manager.password_hash, "lavender fields 42")
    finally:
        desk.close()


def test_options_give_the_answers_and_win_over_the_file(tmp_path, answers_file, capsys):
    database = tmp_path / "clinic.sqlite3"
    code = main(
        [
            "setup",
            "--database",
            str(database),
            "--from",
            str(answers_file),
            "--name",
            "Glow North",
            "--time-zone",
            "America/Chicago",
            "--hours",
            "sat,sun=closed",
        ]
    )
    assert code == 0, capsys.readouterr().err
    desk = open_desk(database, FixedClock(SET_UP_AT))
    try:
        assert desk.settings.clinic_name == "Glow North"
        assert desk.settings.time_zone == "America/Chicago"
        with desk.db.reading() as session:
            assert set(read_opening_hours(session)) == {0, 1, 2, 3, 4}
    finally:
        desk.close()


def test_every_answer_missing_is_said_a_line_each_and_no_file_is_made(tmp_path, capsys):
    database = tmp_path / "clinic.sqlite3"
    password = tmp_path / "password.txt"
    password.write_text("lavender fields 42")
    code = main(
        [
            "setup",
            "--database",
            str(database),
            "--name",
            "Glow",
            "--email",
            "front@",
            "--manager-password-file",
            str(password),
        ]
    )
    assert code == 2
    said = capsys.readouterr().err
    assert "Traceback" not in said
    for sentence in (
        "The street address must be given.",
        "The clinic's phone number must be given.",
        "is not an email address",
        "The tax rate on services (0 if none) must be given.",
        "The hours of every day must be given",
        "The manager's name must be given.",
    ):
        assert sentence in said
    assert all(line.startswith("medspa-desk: ") for line in said.strip().splitlines())
    assert not database.exists()


def test_a_short_password_is_refused_and_nothing_written(tmp_path, answers_file, capsys):
    (tmp_path / "password.txt").write_text("short\n")
    database = tmp_path / "clinic.sqlite3"
    assert main(["setup", "--database", str(database), "--from", str(answers_file)]) == 2
    assert "at least 10 characters" in one_line_refusal(capsys)
    assert not database.exists()


def test_a_typo_in_the_file_is_named_rather_than_ignored(tmp_path, answers_file, capsys):
    answers_file.write_text(ANSWERS.replace("[tax]\n", "[tax]\nretial = 5\n"))
    assert (
        main(["setup", "--database", str(tmp_path / "c.sqlite3"), "--from", str(answers_file)]) == 2
    )
    assert "keys the setup does not know: tax.retial" in one_line_refusal(capsys)


def test_books_already_set_up_are_refused_and_left_as_they_were(
    tmp_path, answers_file, demo_books, capsys
):
    database = tmp_path / "clinic.sqlite3"
    assert main(["setup", "--database", str(database), "--from", str(answers_file)]) == 0
    capsys.readouterr()
    before = sha256(database)
    assert main(["setup", "--database", str(database), "--from", str(answers_file)]) == 1
    assert "is already set up" in one_line_refusal(capsys)
    assert sha256(database) == before
    demo_before = sha256(demo_books)
    assert main(["setup", "--database", str(demo_books), "--from", str(answers_file)]) == 1
    assert sha256(demo_books) == demo_before


def test_without_a_password_file_and_nobody_to_ask_it_is_refused(tmp_path, answers_file):
    """A process of its own, with no terminal: the password is never read from an option."""
    answers_file.write_text(ANSWERS.replace('password_file = "password.txt"\n', ""))
    database = tmp_path / "clinic.sqlite3"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "medspa_desk",
            "setup",
            "--database",
            str(database),
            "--from",
            str(answers_file),
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert done.returncode == 2
    assert "--manager-password-file" in done.stderr and "Traceback" not in done.stderr
    assert not database.exists()


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path, answers_file, capsys):
    from tests.admin.command_books import not_a_clinic

    database = not_a_clinic("someone-elses", tmp_path)
    before = sha256(database)
    assert main(["setup", "--database", str(database), "--from", str(answers_file)]) == 1
    assert "not one of medspa_desk's" in one_line_refusal(capsys)
    assert sha256(database) == before
