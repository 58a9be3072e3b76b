"""A card number that got into a client's notes before the guard caught it: a manager replaces it
in the record and in every history entry, in one transaction, and the digits leave the file."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from medspa_desk.domain.card_numbers import CARD_NUMBER_REMOVED, contains_card_number
from medspa_desk.services.clients.card_number_redaction import (
    card_number_places,
    redact_card_numbers,
)
from medspa_desk.services.clients.records import (
    ClientEdit,
    NewClient,
    create_client,
    merge_clients,
    update_client,
)
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import AuditEntry, Client, ClientChange
from tests.approvals import as_manager
from tests.services.client_fixtures import EMAIL, FIRST, LAST, PHONE
from tests.services.conftest import fetch, one, row_counts

# The way of writing it that the old guard let through: double spaces, then the CVV.
TYPED = "4111  1111  1111  1111 123"


def _slip_in(desk, client_id: int, note: str) -> None:
    """What the old guard let through: the note, and its history entry, as they were saved then."""
    with desk.db.writing() as session:
        client = session.get(Client, client_id)
        session.add(
            ClientChange(
                client_id=client_id,
                at=desk.clock.now(),
                by_staff_id=desk.staff_id,
                field="notes",
                old_value=client.notes,
                new_value=note,
            )
        )
        client.notes = note


@pytest.fixture
def leaked(desk, hoa):
    _slip_in(desk, hoa.client_id, f"Paid deposit with {TYPED}, call back")
    # The desk then rewrote the note, and the number slipped in again.
    update_client(
        desk, hoa.client_id, ClientEdit(FIRST, LAST, PHONE, EMAIL, notes="Prefers afternoons.")
    )
    _slip_in(desk, hoa.client_id, f"Prefers afternoons. Card {TYPED}")
    return hoa


def test_the_card_numbers_are_counted_in_the_record_and_its_history(desk, leaked):
    # The note itself, and 3 history entries: the first slip's new value, the edit's old value,
    # the second slip's new value.
    assert card_number_places(desk, leaked.client_id) == 4


def test_a_manager_redacts_the_note_and_its_history_and_the_audit_log_says_so(desk, clinic, leaked):
    manager_desk = replace(desk, staff_id=clinic.amber)

    assert redact_card_numbers(manager_desk, leaked.client_id) == 4

    client = one(desk, Client, id=leaked.client_id)
    assert client.notes == f"Prefers afternoons. Card {CARD_NUMBER_REMOVED}"
    history = fetch(desk, ClientChange, client_id=leaked.client_id)
    assert not any(
        contains_card_number(c.old_value) or contains_card_number(c.new_value) for c in history
    )
    assert f"Paid deposit with {CARD_NUMBER_REMOVED}, call back" in [c.new_value for c in history]
    assert "Prefers afternoons. Sensitive skin." in [c.old_value for c in history]  # the rest kept
    audit = fetch(desk, AuditEntry, action="client.card_numbers_redacted")
    assert [(a.staff_id, a.subject) for a in audit] == [
        (clinic.amber, f"client:{leaked.client_id}")
    ]
    detail = json.loads(audit[0].detail)
    assert detail["places"] == 4 and detail["client_ids"] == [leaked.client_id]
    assert len(detail["client_change_ids"]) == 3
    assert "1111" not in audit[0].detail
    assert card_number_places(desk, leaked.client_id) == 0


def _files_holding_the_number(desk) -> list[str]:
    path = desk.db.path
    files = [path.with_name(path.name + suffix) for suffix in ("", "-wal")]
    return [f.name for f in files if f.exists() and TYPED.encode() in f.read_bytes()]


def test_the_digits_are_gone_from_the_database_file_and_its_log(desk, clinic, leaked):
    assert _files_holding_the_number(desk)  # the bytes searched for are there to begin with

    redact_card_numbers(replace(desk, staff_id=clinic.amber), leaked.client_id)

    assert _files_holding_the_number(desk) == []


def test_someone_who_is_not_a_manager_is_refused_and_nothing_changes(desk, leaked):
    before = row_counts(desk)
    with pytest.raises(DeskRefusal, match="Only a manager"):
        redact_card_numbers(desk, leaked.client_id)  # Riley, front desk
    assert one(desk, Client, id=leaked.client_id).notes.endswith(TYPED)
    assert card_number_places(desk, leaked.client_id) == 4
    assert row_counts(desk) == before
    with desk.db.reading() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "client.card_numbers_redacted")
            )
            == 0
        )


def test_a_client_without_card_numbers_has_nothing_to_redact(desk, clinic, hoa):
    assert card_number_places(desk, hoa.client_id) == 0
    with pytest.raises(DeskRefusal, match="no card number"):
        redact_card_numbers(replace(desk, staff_id=clinic.amber), hoa.client_id)


def test_a_record_merged_into_the_client_is_redacted_too(desk, clinic, hoa):
    other = create_client(desk, NewClient("Linh", "Hoa", "", "linh.hoa@example.com"))
    _slip_in(desk, other, f"Old card {TYPED}")
    merge_clients(as_manager(desk), hoa.client_id, other, reason="Same person, two emails")
    # The merged record keeps its note; its history moved to the kept client.
    assert card_number_places(desk, hoa.client_id) == 2

    assert redact_card_numbers(replace(desk, staff_id=clinic.amber), hoa.client_id) == 2
    assert one(desk, Client, id=other).notes == f"Old card {CARD_NUMBER_REMOVED}"
    assert card_number_places(desk, hoa.client_id) == 0
