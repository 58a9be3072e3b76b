"""The client index kept current from the books: a client added, edited, merged or anonymized at
another desk on the same SQLite file (its own Database, its own connections) or by a command is
found, or gone, at this desk's next search, just as a fresh read of the books finds it; and the
first read, done ahead off the GUI thread, is done once and never seen half-built.
"""

from __future__ import annotations

import threading

import pytest

from medspa_desk.domain.marketing_consent import ConsentChannel, ConsentSource
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.client_index import ClientIndex
from medspa_desk.services.clients.marketing_consent import record_consent
from medspa_desk.services.clients.records import (
    ClientEdit,
    NewClient,
    create_client,
    merge_clients,
    update_client,
)
from medspa_desk.services.desk import Desk, open_command_desk, open_desk
from tests.approvals import as_manager
from tests.services.traced_reads import traced_statements, whole_client_table_reads

QUERIES = ("", "a", "o", "nunez", "obrien", "hill", "406", "555-01", "zoe.", "#1", "anonymized")


@pytest.fixture
def people(desk) -> dict[str, int]:
    added = {}
    for new in (
        NewClient("José", "Núñez", "(406) 287-6565", "jose.nunez@example.com"),
        NewClient("Zoë", "O'Brien", "406-555-0142", "zoe.obrien@example.org"),
        NewClient("Wren", "Hill", "406-555-0177"),
    ):
        added[new.first_name] = create_client(desk, new)
    return added


@pytest.fixture
def other(desk):
    """A second desk on the same file: its own Database, so its own connections."""
    second = open_desk(desk.db.path, desk.clock)
    second.staff_id = desk.staff_id  # the same person signed in at both
    yield second
    second.close()


def names(matches) -> list[str]:
    return [match.name for match in matches]


def assert_as_read_afresh(desk: Desk) -> None:
    fresh = ClientIndex(desk.db)
    for query in QUERIES:
        assert desk.client_index.search(query) == fresh.search(query), query


def test_a_client_added_at_another_desk_is_found_at_the_next_search(desk, other, people):
    assert desk.client_index.search("halvorsen") == []
    added = create_client(other, NewClient("Ingrid", "Halvorsen", "406 555 0199", "ih@example.com"))
    assert [match.client_id for match in desk.client_index.search("halvorsen")] == [added]
    assert [match.client_id for match in desk.client_index.search("555-0199")] == [added]
    assert [match.client_id for match in desk.client_index.search("IH@")] == [added]
    assert_as_read_afresh(desk)


def test_a_client_edited_at_another_desk_is_found_by_the_new_name_only(desk, other, people):
    (before,) = desk.client_index.search("nunez")
    update_client(other, people["José"], ClientEdit("José", "Ortega", "406 287 6566"))
    assert desk.client_index.search("nunez") == []
    (after,) = desk.client_index.search("ortega")
    assert after.client_id == before.client_id and after.phone_text == "(406) 287-6566"
    assert_as_read_afresh(desk)


def test_a_record_merged_away_at_another_desk_is_gone_and_the_kept_one_found(desk, other, people):
    twin = create_client(desk, NewClient("Zoe", "Obrien", "", "zoe.twin@example.com"))
    assert len(desk.client_index.search("obrien")) == 2
    merge_clients(as_manager(other), people["Zoë"], twin, reason="The same person")
    assert [match.client_id for match in desk.client_index.search("obrien")] == [people["Zoë"]]
    assert desk.client_index.search(f"#{twin}") == []
    assert_as_read_afresh(desk)


def test_a_client_anonymized_at_another_desk_is_found_by_number_only(desk, other, people):
    twin = create_client(desk, NewClient("Wren", "Hill-Twin"))
    merge_clients(as_manager(desk), people["Wren"], twin, reason="The same person")
    assert names(desk.client_index.search("wren")) == ["Wren Hill"]
    anonymize_client(as_manager(other), people["Wren"], reason="Asked by email")
    assert desk.client_index.search("wren") == []
    assert desk.client_index.search("555-0177") == []
    (match,) = desk.client_index.search(f"#{people['Wren']}")
    assert match.anonymized and match.name == f"Anonymized client #{people['Wren']}"
    assert_as_read_afresh(desk)


def test_a_client_changed_by_a_command_is_found_at_the_next_search(desk, people):
    assert desk.client_index.search("ortega") == []
    command = open_command_desk(desk.db.path, desk.clock)
    try:
        update_client(command, people["José"], ClientEdit("José", "Ortega"))
    finally:
        command.close()
    assert names(desk.client_index.search("ortega")) == ["José Ortega"]


def test_only_the_clients_an_entry_names_are_read_again(desk, other, people):
    (zoe,) = desk.client_index.search("obrien")
    (jose,) = desk.client_index.search("nunez")
    # Audit entries about a client that change nothing search compares: nobody is read again.
    record_consent(
        other, people["Zoë"], ConsentChannel.EMAIL, granted=True, source=ConsentSource.DESK
    )
    assert desk.client_index.search("obrien")[0] is zoe
    update_client(other, people["José"], ClientEdit("José", "Núñez", "406 287 6566"))
    assert desk.client_index.search("obrien")[0] is zoe  # kept: not named by the entry
    assert desk.client_index.search("nunez")[0] is not jose


def test_changes_on_both_desks_leave_both_indexes_as_a_fresh_read(desk, other, people):
    for query in QUERIES:
        desk.client_index.search(query)
        other.client_index.search(query)
    create_client(desk, NewClient("Anna", "Hill", "406 555 0100"))
    create_client(other, NewClient("Ava", "Hill", "406 555 0101"))
    update_client(desk, people["Wren"], ClientEdit("Wren", "Adams"))
    anonymize_client(as_manager(other), people["José"], reason="Asked by phone")
    for each in (desk, other):
        assert_as_read_afresh(each)
    assert names(desk.client_index.search("hill")) == ["Anna Hill", "Ava Hill"]


# --- The first read, ahead of the first search ---------------------------------------------------


def test_a_search_after_the_read_ahead_reads_nothing_again(desk, people):
    traced = traced_statements(desk)
    desk.client_index.read_ahead()
    desk.client_index.read_ahead()
    assert names(desk.client_index.search("obrien")) == ["Zoë O'Brien"]
    assert whole_client_table_reads(traced) == 1


def test_a_search_during_the_read_ahead_waits_for_it_and_finds_every_client(desk, people):
    traced = traced_statements(desk)
    found: list[list[str]] = []
    ahead = threading.Thread(target=desk.client_index.read_ahead)
    searches = [
        threading.Thread(target=lambda: found.append(names(desk.client_index.search("o"))))
        for _ in range(3)
    ]
    ahead.start()
    for search in searches:
        search.start()
    for thread in (ahead, *searches):
        thread.join(timeout=30)
    assert found == [names(ClientIndex(desk.db).search("o"))] * 3
    assert whole_client_table_reads(traced) == 2  # the index's one read, and the fresh one above
