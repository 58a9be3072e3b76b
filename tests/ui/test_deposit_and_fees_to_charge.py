"""From the calendar to the till for a booking's deposit, and the Fees to charge worklist where the
terminal's approval code of a fee charged to the card is entered."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QToolBar,
)
from sqlalchemy import select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.storage.models import Appointment, BookingPayment, ClientFee, Service
from medspa_desk.storage.till_models import Sale
from tests.ui.accessible_names import unnamed_widgets
from tests.ui.calendar_fixtures import (
    ROW_4_PM,
    book_joses_4_pm,
    put_joses_visa_on_file,
    show_the_day_again,
)
from tests.ui.checkout_fixtures import click, pay_card
from tests.ui.conftest import choose_service, find, named
from tests.ui.gestures import go_to


def test_take_deposit_rings_the_deposit_up_at_the_till_with_a_receipt(qtbot, window, db, clinic):
    visit = book_joses_4_pm(db, clinic)
    grid = show_the_day_again(window)
    assert grid.selected_appointment() == visit
    qtbot.keyClick(
        grid, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = find(window, "Take deposit", QDialog)
    assert dialog.isVisible()
    assert (
        "The menu asks no deposit for this service: enter the amount."
        in find(dialog, "Deposit for", QLabel).text()
    )
    amount = find(dialog, "Deposit amount", QLineEdit)
    qtbot.keyClicks(amount, "150")  # more than the $100.00 booked
    click(qtbot, dialog, "Ring up at the till")
    assert find(dialog, "Deposit problem", QLabel).text() == (
        "A deposit cannot be more than the booked price, $100.00."
    )
    assert dialog.isVisible()
    amount.clear()
    qtbot.keyClicks(amount, "40")
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    assert not dialog.isVisible()

    checkout = window._checkout
    assert named(checkout, "Sale message").text() == ""
    assert window._views.currentWidget() is checkout
    assert find(checkout, "Sale status").text().startswith("Deposit: José Núñez — Neurotoxin")
    lines = find(checkout, "Sale lines").model()
    assert lines.rowCount() == 1
    pay_card(qtbot, checkout, "40", approval="DEP001")
    click(qtbot, checkout, "Complete sale")

    with db.reading() as session:
        sale = session.scalars(select(Sale)).one()
        deposit = session.scalars(
            select(BookingPayment).where(BookingPayment.appointment_id == visit)
        ).one()
        status = session.get(Appointment, visit).status
    assert (sale.total_cents, sale.appointment_id) == (4000, None)
    assert (deposit.kind, deposit.amount_cents, deposit.approval_code, deposit.outcome) == (
        "deposit",
        4000,
        "DEP001",
        None,
    )
    assert status == AppointmentStatus.BOOKED  # a deposit does not check the visit out
    assert f"Receipt {sale.receipt_number}" in find(checkout, "Sale outcome", QLabel).text()
    assert find(checkout, "Print receipt", QPushButton).isVisible()


def test_the_book_dialog_takes_the_deposit_the_menu_asks(qtbot, window, db, clinic):
    with db.writing() as session:
        session.get(Service, clinic.services["HydraFacial"]).deposit_cents = 5000
    grid = show_the_day_again(window)
    grid.setCurrentIndex(grid.model().index(ROW_4_PM, 1))  # Mia, who does HydraFacials
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    dialog = find(window, "Book appointment", QDialog)
    qtbot.keyClicks(find(dialog, "Client", QLineEdit), "sarah")
    matches = find(dialog, "Client matches", QListWidget)
    qtbot.waitUntil(lambda: matches.count() == 1)
    matches.setCurrentRow(0)
    choose_service(qtbot, dialog, "HydraFacial")
    take = find(dialog, "Take deposit", QCheckBox)
    assert take.isChecked()
    assert take.text() == "Take the $50.00 deposit the menu asks, at the till"
    click(qtbot, dialog, "Book")
    assert not dialog.isVisible()

    deposit = find(window, "Take deposit", QDialog)
    assert deposit.isVisible()
    assert find(deposit, "Deposit amount", QLineEdit).text() == "50.00"
    click(qtbot, deposit, "Ring up at the till")
    checkout = window._checkout
    assert window._views.currentWidget() is checkout
    assert find(checkout, "Sale status").text().startswith("Deposit: Sarah O'Brien — HydraFacial")


def test_a_desk_that_does_not_want_the_deposit_unticks_it(qtbot, window, db, clinic):
    with db.writing() as session:
        session.get(Service, clinic.services["HydraFacial"]).deposit_cents = 5000
    grid = show_the_day_again(window)
    grid.setCurrentIndex(grid.model().index(ROW_4_PM, 1))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    dialog = find(window, "Book appointment", QDialog)
    qtbot.keyClicks(find(dialog, "Client", QLineEdit), "sarah")
    matches = find(dialog, "Client matches", QListWidget)
    qtbot.waitUntil(lambda: matches.count() == 1)
    matches.setCurrentRow(0)
    choose_service(qtbot, dialog, "HydraFacial")
    take = find(dialog, "Take deposit", QCheckBox)
    qtbot.keyClick(take, Qt.Key.Key_Space)
    assert not take.isChecked()
    click(qtbot, dialog, "Book")
    assert not [
        w
        for w in window.findChildren(QDialog)
        if w.accessibleName() == "Take deposit" and w.isVisible()
    ]


def test_fees_to_charge_takes_the_terminals_code_and_the_fee_leaves_the_list(
    qtbot, window, desk, db, clinic
):
    put_joses_visa_on_file(desk, clinic)
    visit = book_joses_4_pm(db, clinic)
    result = cancel(desk, visit, by_clinic=False, reason="Called: flu")  # no code yet: to charge
    grid = show_the_day_again(window)
    qtbot.keyClick(
        grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = find(window, "Fees to charge", QDialog)
    waiting = find(dialog, "Fees awaiting approval", QListWidget)
    assert waiting.count() == 1
    assert (
        waiting.item(0)
        .text()
        .startswith("José Núñez — $75.00 to Visa ending 4242 — Late-cancellation fee")
    )
    code = find(dialog, "Approval code", QLineEdit)
    qtbot.keyClicks(code, "4111111111111111")  # a card number typed in error
    click(qtbot, dialog, "Record approval")
    assert find(dialog, "Approval problem", QLabel).text() == (
        "An approval code is 4 to 8 letters and digits, as the card terminal printed it."
    )
    with db.reading() as session:
        assert session.get(ClientFee, result.fee_id).card_approval_code == ""
    code.clear()
    qtbot.keyClicks(code, "b7x22k")
    qtbot.keyClick(code, Qt.Key.Key_Return)
    assert waiting.count() == 0
    assert find(dialog, "Fees to charge message", QLabel).text() == (
        "$75.00 charged to Visa ending 4242, approval B7X22K. No fee is waiting to be charged."
    )
    assert (
        window.statusBar().currentMessage()
        == "$75.00 charged to Visa ending 4242, approval B7X22K."
    )
    with db.reading() as session:
        assert session.get(ClientFee, result.fee_id).card_approval_code == "B7X22K"


def test_the_new_dialogs_name_every_widget_and_close_on_escape(qtbot, window, db, clinic):
    book_joses_4_pm(db, clinic)
    grid = show_the_day_again(window)
    for key, name in ((Qt.Key.Key_P, "Take deposit"), (Qt.Key.Key_C, "Fees to charge")):
        qtbot.keyClick(
            grid, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        dialog = find(window, name, QDialog)
        assert dialog.isVisible()
        assert unnamed_widgets(dialog) == []
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()


def test_a_deposit_taken_at_the_till_shows_in_the_clients_open_profile(qtbot, window, db, clinic):
    visit = book_joses_4_pm(db, clinic)
    toolbar = find(window, "Views", QToolBar)
    qtbot.mouseClick(find(toolbar, "Clients"), Qt.MouseButton.LeftButton)
    search = find(window, "Search clients", QLineEdit)
    qtbot.keyClicks(search, "nunez")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    go_to(qtbot, named(window, "Purchases"))  # its tab, as a person would
    purchases = find(window, "Purchases").model()
    before = purchases.rowCount()
    heard: list = []
    window.desk_actions.books_changed.connect(heard.append)

    qtbot.mouseClick(find(toolbar, "Calendar"), Qt.MouseButton.LeftButton)
    grid = show_the_day_again(window)
    assert grid.selected_appointment() == visit
    qtbot.keyClick(
        grid, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = find(window, "Take deposit", QDialog)
    amount = find(dialog, "Deposit amount", QLineEdit)
    qtbot.keyClicks(amount, "40")
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    checkout = window._checkout
    pay_card(qtbot, checkout, "40", approval="DEP001")
    click(qtbot, checkout, "Complete sale")
    assert [(notice.client_ids, len(notice.sale_ids)) for notice in heard] == [
        (frozenset({clinic.clients["José Núñez"]}), 1)
    ]

    qtbot.mouseClick(find(toolbar, "Clients"), Qt.MouseButton.LeftButton)
    assert find(window, "Client name").text() == "José Núñez"
    assert find(window, "Purchases").model().rowCount() == before + 1
