"""A booking and a checkout by the keyboard alone (issue 15): every step a key a receptionist
presses, from the view's first focus, with no click and no call into the code."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from medspa_desk.services.till.receipts import receipt_data
from medspa_desk.storage.models import Appointment, Service
from medspa_desk.storage.till_models import ReceiptPrint
from tests.ui.conftest import DAY, NOW, find


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(qtbot, keys: str, times: int = 1) -> None:
    combination = QKeySequence(keys)[0]
    for _ in range(times):
        qtbot.keyClick(focused(), combination.key(), combination.keyboardModifiers())


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot, name: str, most: int = 15) -> None:
    """Tab until the control named `name` has the keyboard, as a person tabs to it."""
    for _ in range(most):
        if focused().accessibleName() == name:
            return
        press(qtbot, "Tab")
    assert focused().accessibleName() == name, f"Tab never reached {name!r}"


def test_a_booking_by_keys_alone(qtbot, window, db, clinic):
    grid = find(window, "Day calendar")
    qtbot.waitUntil(grid.hasFocus)  # where the calendar puts the keyboard
    press(qtbot, "Ctrl+Home")  # the first cell: 8:00 AM in Ava's column
    # Down to 11:00 (rows every 15 minutes from 8:00; a booking is passed in one press).
    for _ in range(12):
        if grid.currentIndex().row() == 12:
            break
        press(qtbot, "Down")
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (12, 0)
    press(qtbot, "Return")
    dialog = find(window, "Book appointment", QDialog)
    qtbot.waitUntil(lambda: dialog.isActiveWindow() or focused().window() is dialog)
    assert focused().accessibleName() == "Client"
    type_text(qtbot, "sarah")
    press(qtbot, "Return")  # the first match
    assert focused().text() == "Sarah O'Brien"
    tab_to(qtbot, "Service")
    type_text(qtbot, "Hydra")
    assert find(dialog, "Ends at").text() == "until 12:00 PM"
    press(qtbot, "Return")  # the dialog's Book
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with db.reading() as session:
        booked = session.scalars(select(Appointment).order_by(Appointment.id.desc())).first()
        service = session.get(Service, booked.service_id).name
    assert (booked.client_id, booked.provider_id, service) == (
        clinic.clients["Sarah O'Brien"],
        clinic.staff["Ava Thompson"],
        "HydraFacial",
    )
    assert booked.starts_at.astimezone(NOW.tzinfo).date() == DAY
    assert window.statusBar().currentMessage() == "Booked Sarah O'Brien on Wed Nov 25 at 11:00 AM."


def test_a_checkout_by_keys_alone_scan_tip_split_tender_complete_print(
    qtbot, checkout, till, answers
):
    checkout.setFocus()
    qtbot.waitUntil(lambda: focused().accessibleName() == "Scan or search product")
    type_text(qtbot, "SKN-001")  # $182.00
    press(qtbot, "Return")
    press(qtbot, "Ctrl+T")
    assert focused().accessibleName() == "Tip"
    type_text(qtbot, "20")
    press(qtbot, "F6")  # a card for part of it: the brand first, the amount due just before it
    press(qtbot, "Backtab")
    assert focused().accessibleName() == "Card payment amount"
    press(qtbot, "Ctrl+A")
    type_text(qtbot, "100")
    tab_to(qtbot, "Card payment last four")
    type_text(qtbot, "4242")
    tab_to(qtbot, "Card payment approval code")
    type_text(qtbot, "A1B2C3")
    press(qtbot, "Return")  # adds the card
    press(qtbot, "F5")  # the rest in cash: the amount due is offered
    assert focused().accessibleName() == "Cash given"
    press(qtbot, "Return")
    press(qtbot, "F12")
    outcome = find(checkout, "Sale outcome")
    qtbot.waitUntil(outcome.isVisible)
    press(qtbot, "Ctrl+P")
    qtbot.waitUntil(lambda: len(answers.printed) == 1)

    written = receipt_data(till.desk, 1)
    assert [(t.label, t.detail, t.amount_cents) for t in written.tenders] == [
        ("Visa ending 4242", "Approval A1B2C3", 10_000),
        (
            "Cash",
            f"Given ${(written.total_cents - 10_000) / 100:.2f}",
            written.total_cents - 10_000,
        ),
    ]
    assert written.tip_cents == 2_000 and written.total_cents == 18_200 + 2_000
    with till.desk.db.reading() as session:
        assert session.scalars(select(ReceiptPrint.on_paper)).all() == [True]
