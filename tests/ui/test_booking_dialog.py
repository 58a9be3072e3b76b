"""Booking from the calendar: the Book dialog, end to end, refusals shown in it, the strike rule."""

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
)
from sqlalchemy import func, select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.storage.models import Appointment, Client
from medspa_desk.ui.calendar.cell_content import APPOINTMENT_ID_ROLE
from tests.ui.conftest import (
    DAY,
    NOW,
    approve_in_prompt,
    book,
    choose_service,
    find,
    manager_standing_by,
    named,
)

ROW_11_00 = 12
AVA, MIA = 0, 1


def _grid(window):
    return find(window, "Day calendar")


def _open_at(qtbot, window, row: int, column: int) -> QDialog:
    """Double-click a free slot: the Book dialog opens for it."""
    grid = _grid(window)
    grid.setCurrentIndex(grid.model().index(row, column))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    dialog = find(window, "Book appointment", QDialog)
    assert dialog.isVisible()
    return dialog


def _choose_client(qtbot, dialog, typed: str, name: str) -> None:
    qtbot.keyClicks(find(dialog, "Client", QLineEdit), typed)
    matches = find(dialog, "Client matches", QListWidget)
    qtbot.waitUntil(lambda: matches.count() == 1 and matches.item(0).text().startswith(name))
    matches.setCurrentRow(0)
    assert find(dialog, "Client", QLineEdit).text() == name


def _appointments(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Appointment))


def test_a_free_slot_opens_the_book_dialog_prefilled_with_provider_and_time(qtbot, window):
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    assert find(dialog, "Provider", QComboBox).currentText() == "Mia Carter (Aesthetician)"
    assert find(dialog, "Time", QComboBox).currentText() == "11:00 AM"
    assert find(dialog, "Date", QDateEdit).date() == QDate(DAY)
    service = find(dialog, "Service", QComboBox)
    assert service.currentIndex() == -1 and service.placeholderText() == "Choose the service"
    assert named(dialog, "Ends at").text() == ""
    choose_service(qtbot, dialog, "Hydra")
    assert service.currentText() == "HydraFacial — 1 h · $199.00"
    assert find(dialog, "Ends at", QLabel).text() == "until 12:00 PM"
    find(dialog, "Time", QComboBox).setCurrentText("11:30 AM")
    assert find(dialog, "Ends at", QLabel).text() == "until 12:30 PM"


def test_a_name_enter_enter_books_nothing_until_the_service_is_chosen(qtbot, window, db):
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    client = find(dialog, "Client", QLineEdit)
    qtbot.keyClicks(client, "sarah")
    qtbot.keyClick(client, Qt.Key.Key_Return)  # the first match
    assert client.text() == "Sarah O'Brien"
    before = _appointments(db)
    qtbot.keyClick(client, Qt.Key.Key_Return)  # the dialog's Book
    assert find(dialog, "Booking problem", QLabel).text() == "Choose a service."
    assert dialog.isVisible() and _appointments(db) == before


def test_the_client_picked_shows_who_they_are_and_who_they_may_be(qtbot, window, db, clinic):
    with db.writing() as session:
        session.get(Client, clinic.clients["Sarah O'Brien"]).birthday = date(1990, 3, 4)
        session.add(
            Client(
                first_name="Sara",
                last_name="O'Brien",
                search_name=fold_for_search("Sara O'Brien"),
                phone_e164="+14065550199",
                created_at=NOW,
            )
        )
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    _choose_client(qtbot, dialog, "sarah", "Sarah O'Brien")
    assert find(dialog, "Client details", QLabel).text() == (
        "(406) 555-9876 · sarah@example.com · born Mar 4, 1990 (age 36)"
    )
    assert find(dialog, "Possible duplicates", QLabel).text() == (
        "May be the same person as Sara O'Brien, (406) 555-0199 (similar name)"
    )
    assert not named(dialog, "Client alerts").isVisible()


def test_double_click_on_a_free_slot_opens_it_too(qtbot, window):
    grid = _grid(window)
    rect = grid.visualRect(grid.model().index(ROW_11_00, MIA))
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (
        find(find(window, "Book appointment", QDialog), "Time", QComboBox).currentText()
        == "11:00 AM"
    )


def test_booking_through_the_dialog_puts_it_in_the_grid_and_selects_it(qtbot, window, db):
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    _choose_client(qtbot, dialog, "sarah", "Sarah O'Brien")
    choose_service(qtbot, dialog, "Hydra")
    assert "0 strikes" in find(dialog, "Client standing", QLabel).text()
    assert not named(dialog, "Prepayment required").isVisible()
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    grid = _grid(window)
    cell = grid.model().index(ROW_11_00, MIA)
    assert "Sarah O'Brien" in grid.model().data(cell)
    assert grid.currentIndex() == cell
    assert grid.model().data(cell, APPOINTMENT_ID_ROLE) is not None
    assert window.statusBar().currentMessage() == "Booked Sarah O'Brien on Wed Nov 25 at 11:00 AM."


def test_a_double_booking_is_refused_in_the_dialog_which_stays_open(qtbot, window, db):
    qtbot.keyClick(_grid(window), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = find(window, "Book appointment", QDialog)
    assert find(dialog, "Time", QComboBox).currentText() == "10:15 AM"  # the next slot from 10:12
    find(dialog, "Provider", QComboBox).setCurrentText("Ava Thompson (Nurse injector)")
    _choose_client(qtbot, dialog, "sarah", "Sarah O'Brien")
    choose_service(qtbot, dialog, "Hydra")
    before = _appointments(db)
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    problem = find(dialog, "Booking problem", QLabel)
    assert problem.isVisible()
    assert problem.text() == "Ava Thompson already has José Núñez at 10:00–10:45 AM."
    assert dialog.isVisible()
    assert _appointments(db) == before


def test_book_without_a_client_says_so_next_to_the_client_field(qtbot, window):
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Client problem", QLabel).text().startswith("Choose the client first")
    assert dialog.isVisible()


def test_escape_closes_the_dialog_without_booking(qtbot, window, db):
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    before = _appointments(db)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert _appointments(db) == before


def test_a_new_client_is_added_inline_with_refusals_beside_their_fields(qtbot, window, db):
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    qtbot.keyClicks(find(dialog, "Client", QLineEdit), "Emma Sanders")
    qtbot.mouseClick(find(dialog, "New client", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "First name", QLineEdit).text() == "Emma"
    assert find(dialog, "Last name", QLineEdit).text() == "Sanders"
    find(dialog, "Email", QLineEdit).setText("emma@")
    qtbot.mouseClick(find(dialog, "Add client", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Email problem", QLabel).isVisible()
    assert not named(dialog, "First name problem", QLabel).isVisible()
    find(dialog, "Email", QLineEdit).setText("emma@example.com")
    qtbot.mouseClick(find(dialog, "Add client", QPushButton), Qt.MouseButton.LeftButton)
    assert not named(dialog, "Email problem", QLabel).isVisible()
    assert find(dialog, "Client", QLineEdit).text() == "Emma Sanders"
    choose_service(qtbot, dialog, "Hydra")
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Emma Sanders" in _grid(window).model().data(_grid(window).model().index(ROW_11_00, MIA))
    with db.reading() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Client).where(Client.last_name == "Sanders")
            )
            == 1
        )


def test_every_wrong_field_of_a_new_client_is_said_at_once(qtbot, window, db):
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    qtbot.mouseClick(find(dialog, "New client", QPushButton), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(find(dialog, "First name", QLineEdit), "Emma")
    qtbot.keyClicks(find(dialog, "Phone", QLineEdit), "555")
    qtbot.keyClicks(find(dialog, "Email", QLineEdit), "emma@")
    before = _appointments(db)
    qtbot.mouseClick(find(dialog, "Add client", QPushButton), Qt.MouseButton.LeftButton)
    said = {
        name: find(dialog, f"{name} problem", QLabel).text()
        for name in ("Last name", "Phone", "Email")
    }
    assert all(said.values()), said
    assert not named(dialog, "First name problem").isVisible()
    assert dialog.focusWidget() is find(dialog, "Last name", QLineEdit)  # the first wrong one
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Client)) == 3  # none added
    assert _appointments(db) == before


@pytest.fixture
def sarah_with_three_strikes(db, clinic) -> None:
    for weeks_ago in (1, 2, 3):
        book(
            db,
            client=clinic.clients["Sarah O'Brien"],
            provider=clinic.staff["Mia Carter"],
            service=clinic.services["HydraFacial"],
            day=DAY - timedelta(weeks=weeks_ago),
            starts=time(9),
            minutes=60,
            status=AppointmentStatus.NO_SHOW,
        )


def test_a_third_strike_client_must_prepay_and_the_dialog_says_why(
    qtbot, window, sarah_with_three_strikes
):
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    _choose_client(qtbot, dialog, "sarah", "Sarah O'Brien")
    choose_service(qtbot, dialog, "Hydra")
    assert "3 strikes" in find(dialog, "Client standing", QLabel).text()
    prepayment = find(dialog, "Prepayment required")
    assert prepayment.isVisible()
    assert find(dialog, "Prepayment reason", QLabel).text().startswith("3 strikes on record")
    assert "required to prepay in full" in find(dialog, "Policy wording", QLabel).text()
    assert find(dialog, "Prepayment amount", QLabel).text() == "Prepay in full now: $199.00"


def test_a_manager_override_books_a_third_strike_client_without_prepayment(
    qtbot, window, db, desk, clinic, sarah_with_three_strikes
):
    manager_standing_by(desk)
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    _choose_client(qtbot, dialog, "sarah", "Sarah O'Brien")
    choose_service(qtbot, dialog, "Hydra")
    find(dialog, "Manager override", QCheckBox).setChecked(True)
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    assert "needs a reason" in find(dialog, "Booking problem", QLabel).text()
    assert dialog.isVisible()
    find(dialog, "Override reason", QLineEdit).setText(
        "Long-standing client; strikes were a family emergency"
    )
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    approve_in_prompt(qtbot, dialog)
    assert not dialog.isVisible()
    with db.reading() as session:
        booked = session.scalars(select(Appointment).order_by(Appointment.id.desc()).limit(1)).one()
        assert booked.prepayment_waived_by_id == clinic.staff["Nora Quinn"]
        assert booked.prepayment_waived_reason.startswith("Long-standing client")


def test_a_third_strike_client_prepays_by_card(qtbot, window, db, sarah_with_three_strikes):
    dialog = _open_at(qtbot, window, ROW_11_00, MIA)
    _choose_client(qtbot, dialog, "sarah", "Sarah O'Brien")
    choose_service(qtbot, dialog, "Hydra")
    qtbot.keyClicks(find(dialog, "Card last 4", QLineEdit), "4242")
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    assert "approval code" in find(dialog, "Booking problem", QLabel).text()
    find(dialog, "Approval code", QLineEdit).setText("A1B2C3")
    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    cell = _grid(window).model().index(ROW_11_00, MIA)
    assert "Prepaid $199.00" in _grid(window).model().data(cell, Qt.ItemDataRole.ToolTipRole)
