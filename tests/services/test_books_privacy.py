"""Nothing of a client is left where it should not be: not in the database's files after an
anonymization (while the desk is still open), not in the log after a failed edit; and a booking
that meets a write lock held elsewhere is refused whole, with no traceback logged."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from medspa_desk.desk_log import start_logging
from medspa_desk.domain.data_deletion import UpcomingBookings
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.records import ClientEdit, update_client
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import Appointment
from medspa_desk.ui.app import _ErrorReport
from tests.approvals import as_manager
from tests.services.client_fixtures import EMAIL, EMERGENCY, FIRST, LAST, PHONE
from tests.services.conftest import TOMORROW, at, fetch, row_counts


def database_files_bytes(path: Path) -> bytes:
    """The database, its -wal and its -shm exactly as they lie on the disk now."""
    return b"".join(
        Path(f"{path}{suffix}").read_bytes()
        for suffix in ("", "-wal", "-shm")
        if Path(f"{path}{suffix}").exists()
    )


def test_an_anonymized_client_is_nowhere_in_the_files_while_the_desk_is_still_open(desk, hoa):
    national = PHONE.removeprefix("+1")
    stored = (
        FIRST,
        LAST,
        fold_for_search(f"{FIRST} {LAST}"),
        fold_for_search(LAST),
        PHONE,
        national,
        EMAIL,
        *EMERGENCY,
    )
    # The desk has been reading and writing her (a search, an edit): her pages are in the WAL.
    update_client(
        desk,
        hoa.client_id,
        ClientEdit(FIRST, LAST, phone=PHONE, email=EMAIL, notes="Prefers afternoons"),
    )
    before = database_files_bytes(desk.db.path)
    assert all(text.encode() in before for text in (FIRST, PHONE, EMAIL)), (
        "the test must see her first"
    )

    anonymize_client(
        as_manager(desk),
        hoa.client_id,
        reason="Asked in person on June 10",
        upcoming=UpcomingBookings.KEEP,
    )

    after = database_files_bytes(desk.db.path)  # the desk is open: no checkpoint on close
    left = [
        text
        for text in stored
        if text.encode("utf-8") in after or text.encode("utf-16-le") in after
    ]
    assert left == []
    assert b"Prefers afternoons" not in after


@pytest.fixture
def log_path(tmp_path):
    path = start_logging(tmp_path / "logs")
    yield path
    for handler in [
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(path)
    ]:
        handler.close()
        logging.getLogger().removeHandler(handler)


def test_a_failed_client_edit_leaves_no_personal_data_in_the_log(qtbot, desk, hoa, log_path):
    # Another program's rule on the same file makes the edit's UPDATE fail at statement level,
    # the way a real database error does, with the new values as the statement's parameters.
    with closing(sqlite3.connect(desk.db.path)) as other:
        other.execute(
            "CREATE TRIGGER refuse_edits BEFORE UPDATE ON client BEGIN SELECT RAISE(ABORT, 'edits refused'); END"
        )
        other.commit()
    edit = ClientEdit("Zebedee", "Quillfeather", phone="406-555-0177", email="zebedee@example.org")
    with pytest.raises(Exception) as raised:
        update_client(desk, hoa.client_id, edit)
    assert not isinstance(
        raised.value, DeskRefusal
    )  # an unexpected error: the window's safety net logs it
    _ErrorReport(log_path)(type(raised.value), raised.value, raised.value.__traceback__)
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.close()

    logged = log_path.read_text(encoding="utf-8")
    assert (
        "edits refused" in logged and "Traceback" in logged
    )  # the error itself is there for support
    assert [
        text
        for text in ("Zebedee", "Quillfeather", "555-0177", "5550177", "zebedee@")
        if text in logged
    ] == []


def test_a_booking_meeting_a_held_write_lock_is_refused_saving_nothing(
    desk, clinic, log_path, tmp_path
):
    impatient = open_database(
        desk.db.path, busy_timeout_ms=50
    )  # the desk waits 5 s; a test need not
    busy_desk = Desk(impatient, desk.settings, desk.clock, staff_id=desk.staff_id)
    before = row_counts(busy_desk)
    request = BookingRequest(
        client_id=clinic.emma,
        provider_id=clinic.kelsey,
        service_id=clinic.botox,
        starts_at=at(TOMORROW, 10),
    )
    with closing(sqlite3.connect(desk.db.path, isolation_level=None)) as other_program:
        other_program.execute("BEGIN IMMEDIATE")
        with pytest.raises(
            DeskRefusal, match="^The books are busy — try again. Nothing of this was saved.$"
        ):
            book(busy_desk, request)
        other_program.execute("ROLLBACK")
    assert row_counts(busy_desk) == before
    assert fetch(busy_desk, Appointment, client_id=clinic.emma, starts_at=at(TOMORROW, 10)) == []
    assert "Traceback" not in log_path.read_text(encoding="utf-8")
    book(busy_desk, request)  # the lock let go: the same booking goes through
    impatient.close()


@pytest.mark.skipif(
    os.name != "posix", reason="file modes are POSIX; Windows keeps the per-user folder private"
)
def test_an_export_of_a_clients_data_is_the_owners_alone(desk, hoa, tmp_path):
    from medspa_desk.cli import main

    previous = os.umask(0o022)  # a desktop session's usual umask, restored after the command
    try:
        out = tmp_path / "exports" / "hoa.json"
        out.parent.mkdir()
        assert (
            main(
                [
                    "export-client",
                    str(hoa.client_id),
                    "--out",
                    str(out),
                    "--database",
                    str(desk.db.path),
                ]
            )
            == 0
        )
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert EMAIL in out.read_text(encoding="utf-8")
