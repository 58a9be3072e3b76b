"""A change made in one view shows in the others with no key pressed: the desk's one notice that
the books changed reaches the calendar, the clients and the till."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPushButton, QToolBar

from tests.ui.checkout_fixtures import click, pay_cash
from tests.ui.conftest import find


def _switch_to(qtbot, window, view: str) -> None:
    """Press the view's button on the Views toolbar, as the desk does."""
    toolbar = find(window, "Views", QToolBar)
    qtbot.mouseClick(find(toolbar, view), Qt.MouseButton.LeftButton)


def _card_texts(window) -> list[str]:
    """Every card the day calendar shows, as its text reads."""
    model = find(window, "Day calendar").model()
    texts = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            text = model.data(model.index(row, column))
            if text and text not in texts:
                texts.append(text)
    return texts


def _card_of(window, client_name: str) -> str:
    cards = [text for text in _card_texts(window) if text.startswith(client_name + "\n")]
    assert len(cards) == 1, f"expected one card of {client_name!r}, found {cards}"
    return cards[0]


def _open_client(qtbot, window, typed: str) -> None:
    _switch_to(qtbot, window, "Clients")
    box = find(window, "Search clients", QLineEdit)
    qtbot.keyClicks(box, typed)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # opens the first match


def test_a_completed_checkout_reads_completed_on_the_calendar(qtbot, window, clinic):
    assert _card_of(window, "Sarah O'Brien").endswith("Checked in")
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().cell_of(clinic.appointments["Sarah at 9:00"]))
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    checkout = window._views.currentWidget()
    assert checkout is window._checkout
    pay_cash(qtbot, checkout, "1000")
    click(qtbot, checkout, "Complete sale")
    assert find(checkout, "Sale outcome").text().startswith("Receipt 1 — change due")

    _switch_to(qtbot, window, "Calendar")
    assert _card_of(window, "Sarah O'Brien").endswith("Completed")


def test_an_anonymized_client_is_no_longer_named_on_the_calendar(qtbot, window, clinic):
    assert _card_of(window, "José Núñez")
    _open_client(qtbot, window, "nunez")
    qtbot.mouseClick(find(window, "Anonymize client", QPushButton), Qt.MouseButton.LeftButton)
    dialog = find(window, "Delete personal data", QDialog)
    qtbot.keyClicks(find(dialog, "Anonymization reason", QLineEdit), "Asked by email on Nov 24")
    qtbot.mouseClick(find(dialog, "Anonymize", QPushButton), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    _switch_to(qtbot, window, "Calendar")
    anonymized = f"Anonymized client #{clinic.clients['José Núñez']}"
    assert _card_of(window, anonymized).startswith(anonymized + "\nNeurotoxin")
    assert not any("José" in text for text in _card_texts(window))


def test_a_booking_made_from_a_clients_profile_shows_on_the_calendar(qtbot, window, clinic):
    before = [text for text in _card_texts(window) if text.startswith("Sarah O'Brien\n")]
    _open_client(qtbot, window, "sarah")
    qtbot.mouseClick(find(window, "Book for client", QPushButton), Qt.MouseButton.LeftButton)
    dialog = find(window, "Book appointment", QDialog)
    assert find(dialog, "Client", QLineEdit).text() == "Sarah O'Brien"
    provider = find(dialog, "Provider", QComboBox)
    provider.setCurrentIndex(provider.findData(clinic.staff["Mia Carter"]))  # free at 10:15, the next slot
    assert find(dialog, "Time", QComboBox).currentText() == "10:15 AM"
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Booking problem").text() == ""
    assert not dialog.isVisible()
    # The profile shows the visit it booked, and the calendar, not shown, has read it already.
    assert find(window, "Upcoming appointments").model().rowCount() == 1

    _switch_to(qtbot, window, "Calendar")
    after = [text for text in _card_texts(window) if text.startswith("Sarah O'Brien\n")]
    assert len(after) == len(before) + 1
    assert [text for text in after if text not in before] == ["Sarah O'Brien\nHydraFacial\n10:15–11:15 AM · Booked"]
