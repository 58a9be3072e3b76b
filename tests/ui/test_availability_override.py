"""Booking into time the provider is not available: refused with the reason in the Book dialog,
and booked anyway when a manager overrides it with a reason, with real clicks and keys."""

from dataclasses import replace
from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QPushButton

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.services.clinic.closures import add_closure
from medspa_desk.services.clinic.time_off import add_time_off
from medspa_desk.storage.models import Appointment, AuditEntry
from tests.ui.calendar_fixtures import AVA, FRIDAY, MIA, ROW_11_00, ROW_14_00, show_day
from tests.ui.conftest import (
    DAY,
    approve_in_prompt,
    choose_service,
    find,
    manager_standing_by,
    named,
)
from tests.ui.gestures import drag


def _open_booking_at_11_with_sarah(qtbot, window) -> QDialog:
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(ROW_11_00, MIA))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    dialog = find(window, "Book appointment", QDialog)
    qtbot.keyClicks(find(dialog, "Client", QLineEdit), "sarah")
    matches = find(dialog, "Client matches", QListWidget)
    qtbot.waitUntil(lambda: matches.count() == 1)
    matches.setCurrentRow(0)
    choose_service(qtbot, dialog, "Hydra")
    return dialog


def test_a_manager_books_a_providers_block_anyway_with_a_reason(qtbot, window, desk, clinic):
    zone = desk.settings.zone
    add_time_off(
        desk,
        clinic.staff["Mia Carter"],
        at_local(DAY, time(11), zone),
        at_local(DAY, time(12), zone),
        "Training",
    )
    manager_standing_by(desk)
    dialog = _open_booking_at_11_with_sarah(qtbot, window)
    assert not named(dialog, "Book anyway (manager)").isVisible()  # offered only when refused

    qtbot.mouseClick(find(dialog, "Book", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Booking problem", QLabel).text() == (
        "Mia Carter is away: Training (Nov 25, 11:00 AM–12:00 PM)."
    )
    offer = find(dialog, "Book anyway (manager)", QPushButton)
    assert offer.isVisible() and dialog.isVisible()

    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    confirm = find(dialog, "Confirm availability override", QPushButton)
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)  # no reason yet: refused, still open
    assert "needs a reason" in find(dialog, "Booking problem", QLabel).text()
    assert dialog.isVisible()

    qtbot.keyClicks(find(dialog, "Availability override reason", QLineEdit), "Training moved")
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    approve_in_prompt(qtbot, dialog)  # Lena is signed in: Nora approves on the spot
    assert not dialog.isVisible()
    with desk.db.reading() as session:
        booked = session.query(Appointment).order_by(Appointment.id.desc()).first()
        audit = session.query(AuditEntry).filter_by(action="appointment.booked").one()
        overridden = (booked.availability_override_by_id, booked.availability_override_reason)
        detail = audit.detail
    assert overridden == (clinic.staff["Nora Quinn"], "Training moved")
    assert "Training moved" in detail
    assert window.statusBar().currentMessage().startswith("Booked Sarah O'Brien")


def test_a_booking_dragged_into_a_closure_is_moved_only_on_a_managers_override(
    qtbot, window, desk, clinic, jose_friday_at_11
):
    manager = replace(desk, staff_id=clinic.staff["Nora Quinn"])
    add_closure(manager, FRIDAY, "Staff training")
    grid = show_day(window, FRIDAY)
    model = grid.model()
    drag(qtbot, grid, model.index(ROW_11_00, AVA), model.index(ROW_14_00, AVA))
    dialog = find(window, "Move appointment", QDialog)
    qtbot.mouseClick(find(dialog, "Move appointment", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Move problem", QLabel).text() == (
        "The clinic is closed on Friday, November 27 (Staff training)."
    )
    qtbot.mouseClick(find(dialog, "Book anyway (manager)", QPushButton), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(find(dialog, "Availability override reason", QLineEdit), "Client's last day")
    manager_standing_by(desk)
    qtbot.mouseClick(find(dialog, "Move appointment", QPushButton), Qt.MouseButton.LeftButton)
    approve_in_prompt(qtbot, dialog)
    assert not dialog.isVisible()
    with desk.db.reading() as session:
        old = session.get(Appointment, jose_friday_at_11)
        new = session.get(Appointment, old.rescheduled_to_id)
        assert new.availability_override_reason == "Client's last day"
