"""A change made in one view shows in the others with no key pressed: the desk's one notice that
the books changed reaches the calendar, the clients and the till."""

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QToolBar,
)

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.storage.models import Client
from tests.ui.calendar_fixtures import AVA, ROW_9_00, THURSDAY, select_slot
from tests.ui.checkout_fixtures import click, pay_cash
from tests.ui.conftest import DAY, NOW, approve_in_prompt, book, choose_service, find, named
from tests.ui.gestures import go_to


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
    go_to(qtbot, named(window, "Anonymize client", QPushButton))  # the privacy tab first
    qtbot.mouseClick(find(window, "Anonymize client", QPushButton), Qt.MouseButton.LeftButton)
    dialog = find(window, "Delete personal data", QDialog)
    qtbot.keyClicks(find(dialog, "Anonymization reason", QLineEdit), "Asked by email on Nov 24")
    qtbot.mouseClick(find(dialog, "Keep bookings to come"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(dialog, "Anonymize", QPushButton), Qt.MouseButton.LeftButton)
    approve_in_prompt(qtbot, dialog)  # Lena is signed in: Nora approves
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
    provider.setCurrentIndex(
        provider.findData(clinic.staff["Mia Carter"])
    )  # free at 10:15, the next slot
    assert find(dialog, "Time", QComboBox).currentText() == "10:15 AM"
    choose_service(qtbot, dialog, "Hydra")
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    assert named(dialog, "Booking problem").text() == ""
    assert not dialog.isVisible()
    # The profile shows the visit it booked, and the calendar, not shown, has read it already.
    go_to(qtbot, named(window, "Upcoming appointments"))  # its tab, as a person would
    assert find(window, "Upcoming appointments").model().rowCount() == 1

    _switch_to(qtbot, window, "Calendar")
    after = [text for text in _card_texts(window) if text.startswith("Sarah O'Brien\n")]
    assert len(after) == len(before) + 1
    assert [text for text in after if text not in before] == [
        "Sarah O'Brien\nHydraFacial\n○ 10:15–11:15 AM · Booked"
    ]


@pytest.fixture
def duplicate(db, clinic) -> int:
    """José typed in a second time, without his accents, with a visit today at 2 PM."""
    with db.writing() as session:
        copy = Client(
            first_name="Jose",
            last_name="Nunez",
            search_name=fold_for_search("Jose Nunez"),
            phone_e164="+14065551234",
            created_at=NOW,
        )
        session.add(copy)
        session.flush()
        copy_id = copy.id
    book(
        db,
        client=copy_id,
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=DAY,
        starts=time(14),
        minutes=60,
    )
    return copy_id


def test_a_merged_duplicates_visit_shows_the_kept_name_on_the_calendar(qtbot, duplicate, window):
    assert _card_of(window, "Jose Nunez").endswith("2:00–3:00 PM · Booked")
    _open_client(qtbot, window, "jose.nunez@")  # his email: the copy has none
    assert find(window, "Client name").text() == "José Núñez"
    qtbot.mouseClick(find(window, "Merge duplicate", QPushButton), Qt.MouseButton.LeftButton)
    dialog = find(window, "Merge records", QDialog)
    assert find(dialog, "Other record").model().client_id_at(0) == duplicate
    qtbot.keyClicks(find(dialog, "Merge reason", QLineEdit), "Same phone, same person; typed twice")
    qtbot.mouseClick(find(dialog, "Merge", QPushButton), Qt.MouseButton.LeftButton)
    approve_in_prompt(qtbot, dialog)  # Lena is signed in: Nora approves
    assert not dialog.isVisible()

    _switch_to(qtbot, window, "Calendar")
    assert not any(text.startswith("Jose Nunez") for text in _card_texts(window))
    assert "José Núñez\nHydraFacial\n○ 2:00–3:00 PM · Booked" in _card_texts(window)


def test_a_visits_sale_open_at_the_till_names_the_client_as_anonymized_meanwhile(
    qtbot, window, clinic
):
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().cell_of(clinic.appointments["Sarah at 9:00"]))
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert (
        find(window, "Sale status").text()
        == "Checkout: Sarah O'Brien — HydraFacial with Mia Carter"
    )

    _open_client(qtbot, window, "sarah")
    go_to(qtbot, named(window, "Anonymize client", QPushButton))  # the privacy tab first
    qtbot.mouseClick(find(window, "Anonymize client", QPushButton), Qt.MouseButton.LeftButton)
    dialog = find(window, "Delete personal data", QDialog)
    qtbot.keyClicks(find(dialog, "Anonymization reason", QLineEdit), "Asked at the desk")
    qtbot.mouseClick(find(dialog, "Anonymize", QPushButton), Qt.MouseButton.LeftButton)
    approve_in_prompt(qtbot, dialog)  # Lena is signed in: Nora approves

    _switch_to(qtbot, window, "Checkout")
    sarah = clinic.clients["Sarah O'Brien"]
    anonymized = f"Anonymized client #{sarah}"
    assert (
        find(window, "Sale status").text()
        == f"Checkout: {anonymized} — HydraFacial with Mia Carter"
    )


def _heard(window) -> list:
    """Every notice the window's one action path sends, from now on."""
    heard: list = []
    window.desk_actions.books_changed.connect(heard.append)
    return heard


def _rows(table) -> list[list[str]]:
    model = table.model()
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_a_booking_cancelled_on_the_calendar_shows_in_the_open_profile(
    qtbot, window, clinic, jose_tomorrow_at_9
):
    _open_client(qtbot, window, "nunez")
    go_to(qtbot, named(window, "Upcoming appointments"))
    upcoming = find(window, "Upcoming appointments")
    assert any("Booked" in row for row in _rows(upcoming))
    heard = _heard(window)

    _switch_to(qtbot, window, "Calendar")
    grid = select_slot(window, THURSDAY, ROW_9_00, AVA)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    dialog = find(window, "Cancel appointment", QDialog)
    find(dialog, "Clinic cancels", QRadioButton).click()
    find(dialog, "Reason", QLineEdit).setText("Provider ill")
    qtbot.keyClick(find(dialog, "Reason", QLineEdit), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert [(notice.appointment_ids, notice.client_ids) for notice in heard] == [
        (frozenset({jose_tomorrow_at_9}), frozenset({clinic.clients["José Núñez"]}))
    ]

    _switch_to(qtbot, window, "Clients")
    shown = _rows(find(window, "Upcoming appointments")) + _rows(find(window, "Past appointments"))
    statuses = [cell for row in shown for cell in row if cell]
    assert "Booked" not in statuses
    assert AppointmentStatus.CANCELLED_BY_CLINIC.label in statuses


def test_a_name_edited_in_the_profile_shows_on_the_calendar_card(qtbot, window, clinic):
    assert _card_of(window, "José Núñez")
    _open_client(qtbot, window, "nunez")
    qtbot.keyClick(
        find(window, "Client results"), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
    )
    form = find(window, "Edit client form", QDialog)
    first = find(form, "First name", QLineEdit)
    first.clear()
    qtbot.keyClicks(first, "Joseph")
    qtbot.mouseClick(find(form, "Save client", QPushButton), Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert find(window, "Client name").text() == "Joseph Núñez"

    _switch_to(qtbot, window, "Calendar")
    assert _card_of(window, "Joseph Núñez").startswith("Joseph Núñez\nNeurotoxin")
    assert not any(text.startswith("José Núñez\n") for text in _card_texts(window))


def test_a_refusal_in_a_profile_dialog_shows_beside_its_input_and_tells_no_view(
    qtbot, window, db, clinic
):
    _open_client(qtbot, window, "nunez")
    heard = _heard(window)
    qtbot.keyClick(
        find(window, "Client results"), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
    )
    form = find(window, "Edit client form", QDialog)
    find(form, "First name", QLineEdit).clear()
    qtbot.mouseClick(find(form, "Save client", QPushButton), Qt.MouseButton.LeftButton)

    assert form.isVisible()
    problem = named(form, "First name problem", QLabel)
    assert problem.isVisible() and problem.text()
    assert window.statusBar().currentMessage() == ""  # said beside the field, not twice
    assert heard == []
    with db.reading() as session:
        assert session.get(Client, clinic.clients["José Núñez"]).first_name == "José"


def test_a_late_client_checked_in_from_the_calendar_is_asked_about_not_refused(
    qtbot, window, desk, clinic
):
    heard = _heard(window)
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().cell_of(clinic.appointments["José at 10:00"]))
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # 12 minutes late

    panel = find(window, "Late arrival", QDialog)
    assert panel.isVisible()
    assert window.statusBar().currentMessage() == ""
    assert heard == []
    qtbot.mouseClick(find(panel, "See anyway", QPushButton), Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    assert [notice.appointment_ids for notice in heard] == [
        frozenset({clinic.appointments["José at 10:00"]})
    ]
    assert _card_of(window, "José Núñez").endswith("Checked in")
