"""Finding clients as the desk types: names without their accents or apostrophes, phones in any
format and in part, emails by any part, client numbers; and possible duplicates.

The last two build a 3,000-client demo clinic once for the module; their speed on 30,000 is
benchmarks/test_search_speed.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.client_index import ClientIndex
from medspa_desk.services.clients.records import (
    ClientEdit,
    NewClient,
    create_client,
    merge_clients,
    update_client,
)
from medspa_desk.services.clients.search import possible_duplicates
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.desk import Desk
from medspa_desk.storage.database import open_database
from tests.approvals import as_manager


@pytest.fixture
def people(desk) -> dict[str, int]:
    """Clients with the names, phones and emails a plain search gets wrong, by first name."""
    added = {}
    for new in (
        NewClient("José", "Núñez", "(406) 287-6565", "Jose.Nunez@Example.com"),
        NewClient("Zoë", "O'Brien", "406-555-0142", "zoe.obrien@example.org"),
        NewClient("Siobhán", "O’Brien", "+1 208 555 0199"),  # typed with a curly apostrophe
        NewClient("Mary Ann", "Smith-Jones", "", "maryann@example.net"),
        NewClient("Thị Hoa", "Nguyễn", "+44 20 7946 0958"),
    ):
        added[new.first_name] = create_client(desk, new)
    return added


def names(matches) -> list[str]:
    return [match.name for match in matches]


@pytest.mark.parametrize(
    "query", ["nunez", "NÚÑEZ", "Nuñez", "josé", "jose nunez", "nunez jose", "unez"]
)
def test_a_name_is_found_without_its_accents_in_any_part(desk, people, query):
    assert names(desk.client_index.search(query)) == ["José Núñez"]


@pytest.mark.parametrize("query", ["o'brien", "obrien", "O’Brien", "O`Brien", "o brien", "BRIEN"])
def test_apostrophes_of_either_kind_do_not_matter(desk, people, query):
    # "o brien": each word is somewhere in the name ("o" is in "zoe" and "siobhan" too).
    assert names(desk.client_index.search(query)) == ["Siobhán O’Brien", "Zoë O'Brien"]


@pytest.mark.parametrize(
    "query, found",
    [
        ("hoa", ["Thị Hoa Nguyễn"]),
        ("nguyen thi", ["Thị Hoa Nguyễn"]),
        ("smith jones", ["Mary Ann Smith-Jones"]),
        ("smithjones", ["Mary Ann Smith-Jones"]),
        ("zoe 0142", ["Zoë O'Brien"]),  # a word of digits may be part of the phone
        ("zoe 0199", []),
        ("xyz", []),
    ],
)
def test_every_word_must_match(desk, people, query, found):
    assert names(desk.client_index.search(query)) == found


@pytest.mark.parametrize(
    "query",
    ["4062876565", "(406) 287-6565", "406.287.6565", "+1 406 287 6565", "287-65", "876565", "2876"],
)
def test_a_phone_is_found_in_any_format_and_in_part(desk, people, query):
    assert names(desk.client_index.search(query)) == ["José Núñez"]


@pytest.mark.parametrize("query", ["+44 20 7946 0958", "7946 0958"])
def test_a_phone_abroad_is_found_by_its_digits(desk, people, query):
    assert names(desk.client_index.search(query)) == ["Thị Hoa Nguyễn"]


@pytest.mark.parametrize(
    "query",
    ["zoe.obrien@example.org", "ZOE.OBRIEN@EXAMPLE.ORG", "zoe.obrien@", "zoe.obrien", "zoe.ob"],
)
def test_an_email_is_found_whole_or_by_the_part_before_the_at(desk, people, query):
    assert names(desk.client_index.search(query)) == ["Zoë O'Brien"]


def test_an_email_kept_with_capitals_is_found_in_lower_case(desk, people):
    assert names(desk.client_index.search("jose.nunez@example.com")) == ["José Núñez"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("example.net", ["Mary Ann Smith-Jones"]),
        ("EXAMPLE.ORG", ["Zoë O'Brien"]),
        ("brien@", ["Zoë O'Brien"]),
        ("@example", ["José Núñez", "Mary Ann Smith-Jones", "Zoë O'Brien"]),
        ("ryann", ["Mary Ann Smith-Jones"]),  # in the middle of the part before the @
    ],
)
def test_any_part_of_an_email_finds_it(desk, people, query, found):
    assert names(desk.client_index.search(query)) == found


def test_an_empty_query_lists_everyone_alphabetically(desk, people):
    everyone = names(desk.client_index.search("  "))
    assert everyone[:4] == ["Ava Kowalski", "Emma Sanders", "José Núñez", "Liam Dahl"]
    assert len(everyone) == 10
    assert names(desk.client_index.search("", limit=3)) == everyone[:3]
    assert names(desk.client_index.search("(-")) == everyone  # punctuation alone asks for nothing


def test_a_client_number_finds_that_client(desk, people):
    match = desk.client_index.search(f"#{people['Zoë']}")
    assert [(m.client_id, m.name, m.phone_e164, m.email) for m in match] == [
        (people["Zoë"], "Zoë O'Brien", "+14065550142", "zoe.obrien@example.org")
    ]


def test_a_record_merged_away_is_not_found(desk, people):
    twin = create_client(desk, NewClient("Jose", "Nunez", "", "jnunez@example.com"))
    assert len(desk.client_index.search("nunez")) == 2
    merge_clients(as_manager(desk), people["José"], twin, reason="Same person, typed twice")
    assert [m.client_id for m in desk.client_index.search("nunez")] == [people["José"]]
    assert desk.client_index.search("jnunez") == []
    assert desk.client_index.search(f"#{twin}") == []


def test_an_anonymized_client_shows_as_such_and_not_by_the_old_name(desk, people):
    client_id = people["José"]
    anonymize_client(as_manager(desk), client_id, reason="Asked by email")
    for old in ("nunez", "jose", "4062876565", "jose.nunez"):
        assert desk.client_index.search(old) == []
    (match,) = desk.client_index.search("anonymized")
    assert (match.client_id, match.name, match.anonymized) == (
        client_id,
        f"Anonymized client #{client_id}",
        True,
    )
    assert (match.phone_e164, match.email) == (None, None)
    assert desk.client_index.search(f"#{client_id}")[0].anonymized


# --- The desk's index, kept current ---------------------------------------------------------------
# Each test searches first, so that the index is read before the change it must follow.


def test_a_client_added_after_a_search_is_found_by_the_next(desk, people):
    assert desk.client_index.search("halvorsen") == []
    wren = create_client(desk, NewClient("Wren", "Halvorsen", "(406) 287-4411", "wren@example.com"))
    assert [m.client_id for m in desk.client_index.search("halvorsen")] == [wren]
    assert [m.client_id for m in desk.client_index.search("287-44")] == [wren]
    assert [m.client_id for m in desk.client_index.search("WREN@")] == [wren]
    assert names(desk.client_index.search(""))[-2:] == ["Wren Halvorsen", "Zoë O'Brien"]


def test_an_edited_client_is_found_by_the_new_name_phone_and_email_only(desk, people):
    zoe = people["Zoë"]
    assert names(desk.client_index.search("0142")) == ["Zoë O'Brien"]
    update_client(desk, zoe, ClientEdit("Anna", "Adams", "406-555-0177", "anna.adams@example.org"))
    for old in ("zoe obrien", "0142", "zoe.obrien"):
        assert desk.client_index.search(old) == []
    (match,) = desk.client_index.search("adams")
    assert (match.client_id, match.name, match.phone_e164, match.email) == (
        zoe,
        "Anna Adams",
        "+14065550177",
        "anna.adams@example.org",
    )
    assert match.phone_text == "(406) 555-0177"
    # Its new name sorts it among the others: Ava Kowalski was the first.
    assert names(desk.client_index.search(""))[:2] == ["Anna Adams", "Ava Kowalski"]


def test_a_match_is_kept_between_searches_so_its_phone_is_formatted_once(desk, people):
    (first,) = desk.client_index.search("nunez")
    assert first.phone_text == "(406) 287-6565"
    (again,) = desk.client_index.search("287-6565")
    assert again is first
    update_client(desk, people["José"], ClientEdit("José", "Núñez", "406 287 6566"))
    (edited,) = desk.client_index.search("nunez")
    assert edited is not first and edited.phone_text == "(406) 287-6566"


def test_a_second_desk_on_the_same_books_is_seen_at_the_next_search(desk, people):
    assert desk.client_index.search("hoa")
    other = Desk(desk.db, desk.settings, desk.clock, staff_id=desk.staff_id)
    anonymize_client(as_manager(other), people["Thị Hoa"], reason="Asked by phone")
    assert other.client_index.search("hoa") == []
    # Told by nobody, this desk's index reads the audit entries written since its last search
    # (more desks on their own connections: test_client_index_other_desks.py).
    assert desk.client_index.search("hoa") == []
    assert desk.client_index.search(f"#{people['Thị Hoa']}")[0].anonymized


# --- Possible duplicates ------------------------------------------------------------------------


def duplicates(desk, *args, **kwargs) -> list[tuple[str, str]]:
    return [(match.name, match.reason) for match in possible_duplicates(desk, *args, **kwargs)]


def test_the_same_phone_in_another_format_is_a_duplicate(desk, people):
    assert duplicates(desk, "Joe", "Black", phone="406 287 6565") == [("José Núñez", "same phone")]


def test_the_same_email_in_other_capitals_is_a_duplicate(desk, people):
    assert duplicates(desk, "Z", "B", email="ZOE.OBRIEN@example.org") == [
        ("Zoë O'Brien", "same email")
    ]


@pytest.mark.parametrize(
    "first, last",
    [
        ("Jose", "Nunez"),  # accents left out
        ("José", "Núñes"),  # one letter changed
        ("Jsoé", "Núñez"),  # two letters swapped
        ("Josée", "Núñez"),  # one letter added
        ("Jos", "Núñez"),  # one letter dropped
        ("josé", "núñez"),
    ],
)
def test_a_very_similar_name_is_a_duplicate(desk, people, first, last):
    assert duplicates(desk, first, last) == [("José Núñez", "similar name")]


def test_names_two_typos_apart_are_different_people(desk, people):
    assert duplicates(desk, "Jason", "Nunez") == []
    assert duplicates(desk, "José", "Nuñoz") == [("José Núñez", "similar name")]
    assert duplicates(desk, "Josh", "Nuñoz") == []


def test_every_reason_is_given_and_the_strongest_come_first(desk, people):
    assert duplicates(
        desk, "Zoe", "OBrien", phone="4065550142", email="zoe.obrien@example.org"
    ) == [("Zoë O'Brien", "same phone, same email, similar name")]
    found = duplicates(desk, "Jose", "Nunez", phone="(406) 555-0142")
    assert found == [("Zoë O'Brien", "same phone"), ("José Núñez", "similar name")]


def test_the_record_being_edited_anonymized_and_merged_ones_are_left_out(desk, people):
    assert duplicates(desk, "José", "Núñez", exclude_id=people["José"]) == []
    anonymize_client(as_manager(desk), people["Zoë"], reason="Asked at the desk")
    assert duplicates(desk, "Zoë", "O'Brien", phone="406-555-0142") == []
    twin = create_client(desk, NewClient("Hoa", "Nguyen"))
    merge_clients(as_manager(desk), people["Thị Hoa"], twin, reason="Same person")
    assert duplicates(desk, "Hoa", "Nguyen") == []


def test_an_unfinished_phone_or_email_is_not_compared(desk, people):
    assert duplicates(desk, "Ann", "Lee", phone="406-28", email="zoe.obrien@") == []


# --- A big clinic -------------------------------------------------------------------------------
# How fast search and the duplicate check answer on 30,000 clients is a benchmark
# (benchmarks/test_search_speed.py); here, on a few thousand, that they find the right people.


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("clients") / "clinic.sqlite3"
    db = open_database(path)
    build_demo_clinic(db, date(2026, 6, 10), DemoSize(clients=3_000, past_days=7, future_days=7))
    yield db
    db.close()


BIG_QUERIES = (
    "", "a", "e", "hill", "emma hill", "o'brien", "ngu", "zzz", "a b c", "406", "55-24", "(406) 555",
    "example", "emma.", "EMMA.", "#12", "#99999", "emma 555", "an", "ann 4", "-", "@",
)  # fmt: skip


def test_a_big_clinic_index_kept_current_finds_what_one_read_afresh_finds(big_db):
    desk = as_manager(
        Desk(big_db, load_settings(big_db), FixedClock(datetime(2026, 6, 10, 14, tzinfo=UTC)))
    )
    for query in BIG_QUERIES:
        desk.client_index.search(query)  # read before the changes below
    first, second, third = (m.client_id for m in desk.client_index.search("hill", limit=3))
    added = create_client(
        desk, NewClient("Emma", "Hillary", "(406) 555-2400", "emma.h@example.com")
    )
    update_client(desk, first, ClientEdit("Anna", "Abbott", "406 555 0100", "anna@example.com"))
    merge_clients(as_manager(desk), added, second, reason="The same person")
    anonymize_client(as_manager(desk), third, reason="Asked by email")
    for query in BIG_QUERIES:
        assert desk.client_index.search(query) == ClientIndex(big_db).search(query), query


def test_a_big_clinic_lists_a_hundred_and_finds_a_client_by_name(big_db):
    everyone = names(ClientIndex(big_db).search(""))
    assert len(everyone) == 100
    assert everyone == sorted(everyone, key=fold_for_search)
    assert "José Núñez" in names(ClientIndex(big_db).search("jose nunez"))
    assert all(
        "hill" in fold_for_search(name) for name in names(ClientIndex(big_db).search("hill"))
    )
    assert ClientIndex(big_db).search("qqqqqqqqqqqqqqqqqqqqqqqqqqqqqq") == []


def test_a_big_clinic_finds_the_duplicate_of_a_client_typed_in_again(big_db):
    desk = as_manager(
        Desk(big_db, load_settings(big_db), FixedClock(datetime(2026, 6, 10, 14, tzinfo=UTC)))
    )
    create_client(desk, NewClient("Wren", "Halvorsen", "(406) 287-4411", "wren.h@example.com"))
    assert duplicates(
        desk, "Ren", "Halvorson", phone="406.287.4411", email="WREN.H@example.com"
    ) == [("Wren Halvorsen", "same phone, same email")]
