"""The clients view: search as you type by name, phone or email; Enter and the down arrow."""

import pytest
from PySide6.QtCore import Qt

from medspa_desk.services.clients.client_index import ClientIndex
from medspa_desk.services.clients.search import ClientMatch
from tests.ui.conftest import find


@pytest.fixture
def clients_view(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(find(window, "Search clients").hasFocus)
    return window


def _rows(window) -> list[tuple[str, str, str]]:
    model = find(window, "Client results").model()
    return [
        tuple(model.data(model.index(row, column)) for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def _type(qtbot, window, text: str) -> None:
    box = find(window, "Search clients")
    box.clear()
    qtbot.keyClicks(box, text)


def test_before_any_search_the_clients_are_listed_alphabetically(clients_view):
    assert [name for name, _, _ in _rows(clients_view)] == [
        "Emily Nguyễn",
        "José Núñez",
        "Sarah O'Brien",
    ]
    assert find(clients_view, "Result count").text() == "3 clients shown"
    model = find(clients_view, "Client results").model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Name",
        "Phone",
        "Email",
    ]
    assert find(clients_view, "Search clients").placeholderText() == "Name, phone or email"


def test_typing_a_name_without_accents_finds_the_client(qtbot, clients_view):
    _type(qtbot, clients_view, "nunez")
    qtbot.waitUntil(
        lambda: _rows(clients_view) == [("José Núñez", "(406) 555-1234", "jose.nunez@example.com")]
    )
    assert find(clients_view, "Result count").text() == "1 client shown"


def test_typing_a_phone_number_finds_the_client(qtbot, clients_view):
    _type(qtbot, clients_view, "555-9876")
    qtbot.waitUntil(lambda: [name for name, _, _ in _rows(clients_view)] == ["Sarah O'Brien"])


def test_no_match_says_so(qtbot, clients_view):
    _type(qtbot, clients_view, "xyz")
    qtbot.waitUntil(
        lambda: (
            find(clients_view, "Result count").text() == "No client matches “xyz”: Ctrl+N adds one"
        )
    )
    assert _rows(clients_view) == []


def test_keystrokes_that_arrive_together_are_one_search(qtbot, clients_view, monkeypatch):
    searched = []

    def counting_search(index, query, limit):
        searched.append(query)
        return real_search(index, query, limit)

    real_search = ClientIndex.search
    monkeypatch.setattr(ClientIndex, "search", counting_search)
    _type(qtbot, clients_view, "nunez")
    qtbot.waitUntil(lambda: searched == ["nunez"])
    qtbot.wait(50)
    assert searched == ["nunez"]


def test_enter_searches_at_once(qtbot, clients_view):
    _type(qtbot, clients_view, "obrien")
    qtbot.keyClick(find(clients_view, "Search clients"), Qt.Key.Key_Return)
    # No waiting: the pause before a search as-you-type has not run out yet.
    assert [name for name, _, _ in _rows(clients_view)] == ["Sarah O'Brien"]


def test_the_down_arrow_moves_from_the_search_box_into_the_results(qtbot, clients_view):
    results = find(clients_view, "Client results")
    qtbot.keyClick(find(clients_view, "Search clients"), Qt.Key.Key_Down)
    qtbot.waitUntil(results.hasFocus)
    assert results.currentIndex().row() == 0


def test_phone_numbers_are_shown_the_us_way_and_others_the_international_way(clients_view):
    phones = {name: phone for name, phone, _ in _rows(clients_view)}
    assert phones["José Núñez"] == "(406) 555-1234"
    assert phones["Emily Nguyễn"] == "+44 20 7123 4567"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+14065551234", "(406) 555-1234"),
        ("+442071234567", "+44 20 7123 4567"),
        (None, ""),
        ("", ""),
    ],
)
def test_a_phone_is_shown_as_formatted_once(stored, shown):
    assert ClientMatch(1, "Ava Kowalski", stored, None).phone_text == shown
