"""José's bookings on the calendar of tests/ui/conftest, and the way to a slot of a day shown,
for the tests that cancel, move or waive from the calendar (provided to them by tests/ui/conftest)."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.working_hours import WorkSpan
from medspa_desk.services.clients.records import add_card_on_file
from medspa_desk.services.clinic.time_off import add_time_off
from medspa_desk.services.clinic.working_hours import write_shifts
from tests.ui.conftest import DAY, book, find

THURSDAY, FRIDAY = date(2026, 11, 26), date(2026, 11, 27)
ROW_9_00, ROW_11_00, ROW_14_00 = 4, 12, 24
AVA, MIA = 0, 1


def show_day(window, day: date):
    find(window, "Date", QDateEdit).setDate(QDate(day))
    return find(window, "Day calendar")


def select_slot(window, day: date, row: int, column: int):
    grid = show_day(window, day)
    grid.setCurrentIndex(grid.model().index(row, column))
    return grid


def put_joses_visa_on_file(desk, clinic) -> None:
    """José's Visa ending 4242 on file, so a fee can go to his card."""
    add_card_on_file(
        desk,
        clinic.clients["José Núñez"],
        brand="Visa",
        last4="4242",
        expiry_month=12,
        expiry_year=2029,
        cardholder_name="José Núñez",
        terminal_reference="tok_test_4242",
    )


ROW_4_PM = 32  # 15-minute rows from 8:00; nothing of the seeded day is there


def book_joses_4_pm(db, clinic, status: AppointmentStatus = AppointmentStatus.BOOKED) -> int:
    """José's 45-minute neurotoxin with Ava at 4 PM on the calendar's day; its id."""
    return book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=DAY,
        starts=time(16),
        minutes=45,
        status=status,
    )


def show_the_day_again(window):
    """Bookings written behind the calendar's back appear when the day is read again; the 4 PM
    slot of the first provider is selected."""
    find(window, "Date", QDateEdit).setDate(DAY.replace(day=DAY.day + 1))
    find(window, "Date", QDateEdit).setDate(DAY)
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(ROW_4_PM, 0))
    return grid


@pytest.fixture
def jose_tomorrow_at_9(db, clinic, desk) -> int:
    """22 hours 48 minutes ahead of 10:12 today: a client's cancellation now is a late one."""
    put_joses_visa_on_file(desk, clinic)
    return book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=THURSDAY,
        starts=time(9),
        minutes=45,
    )


@pytest.fixture
def jose_friday_at_11(db, clinic) -> int:
    return book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=FRIDAY,
        starts=time(11),
        minutes=45,
    )


def grey_the_day(db, desk, clinic) -> int:
    """Ava works a split shift every day (9–12, 1–5 PM), with José booked at noon in her break
    (a manager's override); Mia is at a training from 2 to 4 PM. The calendar's day shown again;
    the noon booking's id."""
    with db.writing() as session:
        split = [WorkSpan(time(9), time(12)), WorkSpan(time(13), time(17))]
        write_shifts(
            session,
            clinic.staff["Ava Thompson"],
            dict.fromkeys(range(7), split),
            None,
            desk.clock.now(),
        )
    zone = desk.settings.zone
    add_time_off(
        desk,
        clinic.staff["Mia Carter"],
        at_local(DAY, time(14), zone),
        at_local(DAY, time(16), zone),
        "Training",
    )
    return book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=DAY,
        starts=time(12),
        minutes=45,
    )
