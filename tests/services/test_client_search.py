"""Finding clients as the desk types: names without their accents or apostrophes, phones in any
format and in part, emails whole or before the @, client numbers; and possible duplicates.

The speed tests build a 30,000-client demo clinic once for the module (about 2 s) and hold the
worst of many typical and awkward queries to the issue's 50 ms. By hand, on a COPY of the
benchmark file (opening it migrates it): `python -m tests.services.test_client_search PATH`.
"""

from __future__ import annotations

import statistics
import sys
import time as stopwatch
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.client_anonymization import anonymize_client
from medspa_desk.services.client_records import NewClient, create_client, merge_clients
from medspa_desk.services.client_search import possible_duplicates, search_clients
from medspa_desk.services.clinic_settings import load_settings
from medspa_desk.services.desk import Desk
from medspa_desk.storage.database import open_database

LIMIT_SECONDS = 0.050


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


@pytest.mark.parametrize("query", ["nunez", "NÚÑEZ", "Nuñez", "josé", "jose nunez", "nunez jose", "unez"])
def test_a_name_is_found_without_its_accents_in_any_part(desk, people, query):
    assert names(search_clients(desk.db, query)) == ["José Núñez"]


@pytest.mark.parametrize("query", ["o'brien", "obrien", "O’Brien", "O`Brien", "o brien", "BRIEN"])
def test_apostrophes_of_either_kind_do_not_matter(desk, people, query):
    # "o brien": each word is somewhere in the name ("o" is in "zoe" and "siobhan" too).
    assert names(search_clients(desk.db, query)) == ["Siobhán O’Brien", "Zoë O'Brien"]


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
    assert names(search_clients(desk.db, query)) == found


@pytest.mark.parametrize(
    "query",
    ["4062876565", "(406) 287-6565", "406.287.6565", "+1 406 287 6565", "287-65", "876565", "2876"],
)
def test_a_phone_is_found_in_any_format_and_in_part(desk, people, query):
    assert names(search_clients(desk.db, query)) == ["José Núñez"]


@pytest.mark.parametrize("query", ["+44 20 7946 0958", "7946 0958"])
def test_a_phone_abroad_is_found_by_its_digits(desk, people, query):
    assert names(search_clients(desk.db, query)) == ["Thị Hoa Nguyễn"]


@pytest.mark.parametrize(
    "query", ["zoe.obrien@example.org", "ZOE.OBRIEN@EXAMPLE.ORG", "zoe.obrien@", "zoe.obrien", "zoe.ob"]
)
def test_an_email_is_found_whole_or_by_the_part_before_the_at(desk, people, query):
    assert names(search_clients(desk.db, query)) == ["Zoë O'Brien"]


def test_an_email_kept_with_capitals_is_found_in_lower_case(desk, people):
    assert names(search_clients(desk.db, "jose.nunez@example.com")) == ["José Núñez"]


def test_the_domain_alone_finds_nobody(desk, people):
    assert search_clients(desk.db, "example.org") == []


def test_an_empty_query_lists_everyone_alphabetically(desk, people):
    everyone = names(search_clients(desk.db, "  "))
    assert everyone[:4] == ["Ava Kowalski", "Emma Sanders", "José Núñez", "Liam Dahl"]
    assert len(everyone) == 10
    assert names(search_clients(desk.db, "", limit=3)) == everyone[:3]
    assert names(search_clients(desk.db, "(-")) == everyone  # punctuation alone asks for nothing


def test_a_client_number_finds_that_client(desk, people):
    match = search_clients(desk.db, f"#{people['Zoë']}")
    assert [(m.client_id, m.name, m.phone_e164, m.email) for m in match] == [
        (people["Zoë"], "Zoë O'Brien", "+14065550142", "zoe.obrien@example.org")
    ]


def test_a_record_merged_away_is_not_found(desk, people):
    twin = create_client(desk, NewClient("Jose", "Nunez", "", "jnunez@example.com"))
    assert len(search_clients(desk.db, "nunez")) == 2
    merge_clients(desk, people["José"], twin, reason="Same person, typed twice")
    assert [m.client_id for m in search_clients(desk.db, "nunez")] == [people["José"]]
    assert search_clients(desk.db, "jnunez") == []
    assert search_clients(desk.db, f"#{twin}") == []


def test_an_anonymized_client_shows_as_such_and_not_by_the_old_name(desk, people):
    client_id = people["José"]
    anonymize_client(desk, client_id, reason="Asked by email")
    for old in ("nunez", "jose", "4062876565", "jose.nunez"):
        assert search_clients(desk.db, old) == []
    (match,) = search_clients(desk.db, "anonymized")
    assert (match.client_id, match.name, match.anonymized) == (client_id, f"Anonymized client #{client_id}", True)
    assert (match.phone_e164, match.email) == (None, None)
    assert search_clients(desk.db, f"#{client_id}")[0].anonymized


# --- Possible duplicates ------------------------------------------------------------------------


def duplicates(desk, *args, **kwargs) -> list[tuple[str, str]]:
    return [(match.name, match.reason) for match in possible_duplicates(desk, *args, **kwargs)]


def test_the_same_phone_in_another_format_is_a_duplicate(desk, people):
    assert duplicates(desk, "Joe", "Black", phone="406 287 6565") == [("José Núñez", "same phone")]


def test_the_same_email_in_other_capitals_is_a_duplicate(desk, people):
    assert duplicates(desk, "Z", "B", email="ZOE.OBRIEN@example.org") == [("Zoë O'Brien", "same email")]


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
    assert duplicates(desk, "Zoe", "OBrien", phone="4065550142", email="zoe.obrien@example.org") == [
        ("Zoë O'Brien", "same phone, same email, similar name")
    ]
    found = duplicates(desk, "Jose", "Nunez", phone="(406) 555-0142")
    assert found == [("Zoë O'Brien", "same phone"), ("José Núñez", "similar name")]


def test_the_record_being_edited_anonymized_and_merged_ones_are_left_out(desk, people):
    assert duplicates(desk, "José", "Núñez", exclude_id=people["José"]) == []
    anonymize_client(desk, people["Zoë"], reason="Asked at the desk")
    assert duplicates(desk, "Zoë", "O'Brien", phone="406-555-0142") == []
    twin = create_client(desk, NewClient("Hoa", "Nguyen"))
    merge_clients(desk, people["Thị Hoa"], twin, reason="Same person")
    assert duplicates(desk, "Hoa", "Nguyen") == []


def test_an_unfinished_phone_or_email_is_not_compared(desk, people):
    assert duplicates(desk, "Ann", "Lee", phone="406-28", email="zoe.obrien@") == []


# --- Speed --------------------------------------------------------------------------------------

# Typical and worst cases: the empty list, one letter (everyone matches), rare or absent text
# (every row is read and nobody stops the scan early), digits whole and in part, emails.
QUERIES = (
    "", "a", "q", "e", "nunez", "o'brien", "hill", "emma hill", "ngu", "zzz", "xq",
    "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", "a b c d e f", "4", "406", "55-24", "(406) 555-2409",
    "4065552409", "nreed@", "emma.hill@example.com", "example", "#12345", "emma 555",
)


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("clients") / "clinic.sqlite3"
    db = open_database(path)
    build_demo_clinic(db, date(2026, 6, 10), DemoSize(clients=30_000, past_days=30, future_days=7))
    yield db
    db.close()


def search_timings(db, queries=QUERIES, rounds=5) -> dict[str, float]:
    """The median seconds of `rounds` searches for each query (after one to warm the cache)."""
    medians = {}
    for query in queries:
        search_clients(db, query)
        timings = []
        for _ in range(rounds):
            started = stopwatch.perf_counter()
            search_clients(db, query)
            timings.append(stopwatch.perf_counter() - started)
        medians[query] = statistics.median(timings)
    return medians


def duplicate_timings(desk, rounds=5) -> list[float]:
    timings = []
    for _ in range(rounds):
        started = stopwatch.perf_counter()
        possible_duplicates(desk, "Emma", "Hill", phone="(406) 555-2409", email="emma.hill@example.com")
        timings.append(stopwatch.perf_counter() - started)
    return timings


@pytest.mark.slow
def test_search_answers_in_under_50_ms_on_30000_clients(big_db):
    medians = search_timings(big_db)
    slowest = max(medians, key=medians.get)
    assert medians[slowest] < LIMIT_SECONDS, f"{slowest!r} took {medians[slowest] * 1000:.1f} ms"
    assert len(search_clients(big_db, "")) == 100
    assert "José Núñez" in names(search_clients(big_db, "jose nunez"))


@pytest.mark.slow
def test_duplicates_are_found_in_under_50_ms_on_30000_clients(big_db):
    desk = Desk(big_db, load_settings(big_db), FixedClock(datetime(2026, 6, 10, 14, tzinfo=timezone.utc)))
    assert statistics.median(duplicate_timings(desk)) < LIMIT_SECONDS


if __name__ == "__main__":
    db = open_database(Path(sys.argv[1]))
    for query, seconds in search_timings(db, rounds=9).items():
        print(f"{query!r:36} {seconds * 1000:6.2f} ms")
    desk = Desk(db, load_settings(db), FixedClock(datetime.now(timezone.utc)))
    print(f"{'possible_duplicates':36} {statistics.median(duplicate_timings(desk, 9)) * 1000:6.2f} ms")
    db.close()
