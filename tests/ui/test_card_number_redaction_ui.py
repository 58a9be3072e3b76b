"""Redacting a card number that slipped into a client's notes, from the profile: a manager's
button, a confirmation naming how many places change, real clicks."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QTabWidget, QWidget

from medspa_desk.domain.card_numbers import CARD_NUMBER_REMOVED
from medspa_desk.services.clients.records import merge_clients
from medspa_desk.storage.models import AuditEntry, Client, ClientChange
from tests.approvals import as_manager
from tests.ui.accessible_names import unnamed_widgets
from tests.ui.conftest import find, named
from tests.ui.gestures import open_section

TYPED = "4111 1111 1111 1111  exp 12/28"


@pytest.fixture
def leaked(db, desk, clock, jose):
    """A note saved before the guard caught this way of writing a card, with its history entry."""
    with db.writing() as session:
        client = session.get(Client, jose.client_id)
        note = f"Card {TYPED.replace(' ', '.', 3)}, call before noon"
        session.add(
            ClientChange(
                client_id=client.id,
                at=clock.now(),
                field="notes",
                old_value=client.notes,
                new_value=note,
            )
        )
        client.notes = note
    return jose


def _open_notes(qtbot, clients_view, client_id: int):
    clients_view.open_client(client_id)
    open_section(qtbot, find(clients_view, "Profile sections", QTabWidget), "Notes")
    return named(clients_view, "Redact card numbers", QPushButton)


def _click(qtbot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(find(root, name, QPushButton), Qt.MouseButton.LeftButton)


def _manager(desk, clinic) -> None:
    desk.staff_id = clinic.staff["Nora Quinn"]


def test_a_manager_redacts_after_confirming_how_many_places_change(
    qtbot, clients_view, desk, clinic, db, leaked
):
    _manager(desk, clinic)
    button = _open_notes(qtbot, clients_view, leaked.client_id)
    assert button.isEnabled()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = find(clients_view, "Redact card numbers", QDialog)
    assert (
        "2 places" in find(dialog, "Redaction summary", QLabel).text()
    )  # the note, its history entry
    _click(qtbot, dialog, "Redact")

    assert not dialog.isVisible()
    assert find(clients_view, "Client notes", QPlainTextEdit).toPlainText() == (
        f"Card {CARD_NUMBER_REMOVED}  exp 12/28, call before noon"
    )
    assert not named(clients_view, "Redact card numbers", QPushButton).isEnabled()  # nothing left
    with db.reading() as session:
        values = [
            c.new_value for c in session.query(ClientChange).filter_by(client_id=leaked.client_id)
        ]
        assert not any("1111" in value for value in values)
        assert (
            session.query(AuditEntry).filter_by(action="client.card_numbers_redacted").count() == 1
        )


def test_keeping_as_is_changes_nothing(qtbot, clients_view, desk, clinic, leaked):
    _manager(desk, clinic)
    qtbot.mouseClick(_open_notes(qtbot, clients_view, leaked.client_id), Qt.MouseButton.LeftButton)
    dialog = find(clients_view, "Redact card numbers", QDialog)
    _click(qtbot, dialog, "Keep as is")
    assert not dialog.isVisible()
    assert "1111.1111" in find(clients_view, "Client notes", QPlainTextEdit).toPlainText()
    assert find(clients_view, "Redact card numbers", QPushButton).isEnabled()


def test_the_button_is_off_for_the_front_desk_and_for_a_clean_record(
    qtbot, clients_view, desk, clinic, leaked
):
    desk.staff_id = clinic.staff["Lena Ross"]  # front desk, not a manager
    button = _open_notes(qtbot, clients_view, leaked.client_id)
    assert not button.isEnabled()
    assert "a manager must be at the desk" in button.toolTip()

    _manager(desk, clinic)
    clean = _open_notes(qtbot, clients_view, clinic.clients["Sarah O'Brien"])
    assert not clean.isEnabled()
    assert clean.toolTip() == "No card number in this client's notes or history"


def test_a_refusal_is_said_in_the_dialog_and_nothing_changes(
    qtbot, clients_view, desk, clinic, leaked
):
    _manager(desk, clinic)
    qtbot.mouseClick(_open_notes(qtbot, clients_view, leaked.client_id), Qt.MouseButton.LeftButton)
    dialog = find(clients_view, "Redact card numbers", QDialog)
    desk.staff_id = clinic.staff["Lena Ross"]  # the manager handed the desk back before confirming
    _click(qtbot, dialog, "Redact")
    assert dialog.isVisible()
    assert find(dialog, "Redaction problem", QLabel).text().startswith("Only a manager")
    assert "1111.1111" in find(clients_view, "Client notes", QPlainTextEdit).toPlainText()


def test_the_confirmation_is_named_throughout_and_esc_closes_it(
    qtbot, clients_view, desk, clinic, leaked
):
    _manager(desk, clinic)
    qtbot.mouseClick(_open_notes(qtbot, clients_view, leaked.client_id), Qt.MouseButton.LeftButton)
    dialog = find(clients_view, "Redact card numbers", QDialog)
    assert unnamed_widgets(dialog) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_notes_section_reads_what_there_is_to_redact_when_it_is_opened(
    qtbot, clients_view, desk, clinic, db, jose
):
    """Read when the Notes are opened, not with every profile: a card number written since the
    profile was opened is there to redact."""
    _manager(desk, clinic)
    clients_view.open_client(jose.client_id)  # on the Overview
    with db.writing() as session:
        session.get(Client, jose.client_id).notes = f"Card {TYPED}"

    open_section(qtbot, find(clients_view, "Profile sections", QTabWidget), "Notes")
    button = find(clients_view, "Redact card numbers", QPushButton)

    assert button.toolTip() == "Take the card numbers out of 1 place of the notes and history"


def test_a_record_merged_away_opens_whole_and_its_notes_have_nothing_to_redact(
    qtbot, clients_view, desk, clinic, jose
):
    _manager(desk, clinic)
    kept = clinic.clients["Sarah O'Brien"]
    merge_clients(as_manager(desk), kept, jose.client_id, reason="test: the same person")

    button = _open_notes(qtbot, clients_view, jose.client_id)

    assert find(clients_view, "Client number", QLabel).text() == f"Client #{jose.client_id}"
    assert not button.isEnabled()
    assert button.toolTip().startswith(f"Client number {jose.client_id} was merged into")
