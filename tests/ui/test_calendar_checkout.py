"""From the calendar to the till: a checked-in visit is checked out with one key."""

from datetime import time

import pytest
from PySide6.QtCore import Qt

from medspa_desk.domain.appointment_status import AppointmentStatus, check_out_refusal
from tests.ui.calendar_fixtures import show_the_day_again
from tests.ui.conftest import DAY, book, find


def test_check_out_hands_the_visit_to_checkout(qtbot, window, db, clinic):
    visit = book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=DAY,
        starts=time(16),
        minutes=45,
        status=AppointmentStatus.CHECKED_IN,
    )
    grid = show_the_day_again(window)
    assert grid.selected_appointment() == visit
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window._views.currentWidget() is window._checkout
    assert find(window, "Sale status").text().startswith("Checkout: José Núñez")
    assert find(window, "Sale lines").model().rowCount() >= 1


def test_a_visit_not_yet_arrived_is_not_checked_out(qtbot, window, db, clinic):
    book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=DAY,
        starts=time(16),
        minutes=45,
    )
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
    book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=DAY,
        starts=time(16),
        minutes=45,
        status=status,
    )
    grid = show_the_day_again(window)
    actions = window._calendar.actions
    actions.menu_for(grid.currentIndex())
    assert actions.check_out.isEnabled() is status.can_check_out


@pytest.mark.parametrize("status", [AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED])
def test_a_client_not_arrived_hears_the_tills_own_sentence(qtbot, window, db, clinic, status):
    book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=DAY,
        starts=time(16),
        minutes=45,
        status=status,
    )
    grid = show_the_day_again(window)
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == check_out_refusal(status)
