"""From the calendar to the till: a checked-in visit is checked out with one key."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from medspa_desk.domain.appointment_status import AppointmentStatus, check_out_refusal
from medspa_desk.services.till.day_close import day_totals
from tests.ui.calendar_fixtures import book_joses_4_pm, show_the_day_again
from tests.ui.checkout_fixtures import click, pay_card, text_of
from tests.ui.conftest import DAY, find


def test_check_out_hands_the_visit_to_checkout(qtbot, window, db, clinic):
    visit = book_joses_4_pm(db, clinic, AppointmentStatus.CHECKED_IN)
    grid = show_the_day_again(window)
    assert grid.selected_appointment() == visit
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window._views.currentWidget() is window._checkout
    assert find(window, "Sale status").text().startswith("Checkout: José Núñez")
    assert find(window, "Sale lines").model().rowCount() >= 1


def test_a_visit_not_yet_arrived_is_not_checked_out(qtbot, window, db, clinic):
    book_joses_4_pm(db, clinic)
    grid = show_the_day_again(window)
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window._views.currentWidget() is not window._checkout
    assert "Check the client in first" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    "status",
    [
        AppointmentStatus.BOOKED,
        AppointmentStatus.CONFIRMED,
        AppointmentStatus.CHECKED_IN,
        AppointmentStatus.IN_SERVICE,
        AppointmentStatus.COMPLETED,
    ],
)
def test_check_out_is_offered_exactly_where_the_till_takes_the_visit(window, db, clinic, status):
    book_joses_4_pm(db, clinic, status)
    grid = show_the_day_again(window)
    actions = window._calendar.actions
    actions.menu_for(grid.currentIndex())
    assert actions.check_out.isEnabled() is status.can_check_out


@pytest.mark.parametrize("status", [AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED])
def test_a_client_not_arrived_hears_the_tills_own_sentence(qtbot, window, db, clinic, status):
    book_joses_4_pm(db, clinic, status)
    grid = show_the_day_again(window)
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == check_out_refusal(status)


def test_a_visit_checked_out_from_the_calendar_is_rebooked_from_the_till(qtbot, window, db, clinic):
    grid = find(window, "Day calendar")
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(4, 1))  # Sarah, checked in at 9:00 with Mia
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    checkout = window._checkout
    qtbot.waitUntil(lambda: window._views.currentWidget() is checkout)
    pay_card(qtbot, checkout, text_of(checkout, "Sale balance").lstrip("$"))
    click(qtbot, checkout, "Complete sale")
    assert find(checkout, "Next visit").text() == "Next visit: HydraFacial with Mia Carter"
    click(qtbot, checkout, "Book next visit")
    dialog = find(window, "Book appointment", QDialog)
    click(qtbot, dialog, "Book")  # four weeks on, at 9:00, as she came today
    assert not dialog.isVisible()
    assert find(checkout, "Sale message").text() == (
        "Booked Sarah O'Brien on Wed Dec 23 at 9:00 AM."
    )
    totals = day_totals(window._desk, DAY)
    assert (totals.rebooking.visits, totals.rebooking.rebooked) == (1, 1)
