"""Paying and completing at the checkout screen: cash with change, split tenders, cards as the
terminal printed them (never a number), gift cards and account credit within their balances, the
deposit held; Complete only once paid, and the sale then written whole or not at all."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
)

from medspa_desk.domain.card_numbers import CARD_NUMBER_REFUSAL
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.services.till.day_close import close_day
from medspa_desk.services.till.gift_cards import gift_card_balance
from medspa_desk.services.till.receipts import receipt_data
from medspa_desk.ui.desk_actions import BooksChanged
from tests.refusals import database_state
from tests.services.checkout_fixtures import DAY, GIFT_CARD_CODE
from tests.ui.checkout_fixtures import click, pay_card, pay_cash, scan, text_of
from tests.ui.conftest import find, named

TEST_CARD_NUMBER = "4111 1111 1111 1111"  # passes Luhn: a card number, as typed in error


def payments(view) -> list[str]:
    listed = named(view, "Payments", QListWidget)
    return [listed.item(row).text() for row in range(listed.count())]


def test_cash_over_the_total_shows_the_change_due(qtbot, checkout):
    scan(qtbot, checkout, "SKN-004")  # $42.00
    complete = named(checkout, "Complete sale", QPushButton)
    assert not complete.isEnabled()
    pay_cash(qtbot, checkout, "50")
    assert payments(checkout) == ["Cash $50.00 given — $42.00"]
    assert text_of(checkout, "Balance or change") == "Change due"
    assert text_of(checkout, "Sale balance") == "$8.00"
    assert complete.isEnabled()
    assert complete.hasFocus()  # paid: Enter (or F12) completes


def test_card_and_cash_split_the_total(qtbot, checkout):
    scan(qtbot, checkout, "SKN-001")  # $182.00
    pay_card(qtbot, checkout, "100")
    assert text_of(checkout, "Sale balance") == "$82.00"
    assert not named(checkout, "Complete sale", QPushButton).isEnabled()
    pay_cash(qtbot, checkout, "100")
    assert payments(checkout) == ["Visa ending 4242 — $100.00", "Cash $100.00 given — $82.00"]
    assert text_of(checkout, "Sale paid") == "$182.00"
    assert text_of(checkout, "Sale balance") == "$18.00"
    payment_list = find(checkout, "Payments", QListWidget)
    payment_list.setCurrentRow(1)
    click(qtbot, checkout, "Remove payment")
    assert payments(checkout) == ["Visa ending 4242 — $100.00"]
    assert text_of(checkout, "Balance or change") == "Balance due"


@pytest.mark.parametrize("field", ["Card payment last four", "Card payment approval code"])
def test_a_card_number_typed_in_a_card_field_is_refused_and_wiped(qtbot, checkout, field):
    scan(qtbot, checkout, "SKN-004")
    if field == "Card payment last four":
        pay_card(qtbot, checkout, "42", last_four=TEST_CARD_NUMBER)
    else:
        pay_card(qtbot, checkout, "42", approval=TEST_CARD_NUMBER)
    assert text_of(checkout, "Sale message") == CARD_NUMBER_REFUSAL
    assert find(checkout, field, QLineEdit).text() == ""  # not left on the screen either
    assert payments(checkout) == []


def test_a_card_cannot_pay_more_than_is_due(qtbot, checkout):
    scan(qtbot, checkout, "SKN-004")
    pay_card(qtbot, checkout, "50")
    assert "more than the $42.00 still due" in text_of(checkout, "Sale message")
    assert payments(checkout) == []


def test_a_gift_card_pays_up_to_its_balance_and_no_more(qtbot, checkout, till):
    scan(qtbot, checkout, "SKN-001")  # $182.00; the card holds $100.00
    click(qtbot, checkout, "Gift card")
    code = find(checkout, "Gift card code", QLineEdit)
    qtbot.keyClicks(code, GIFT_CARD_CODE.lower().replace("-", " "))
    qtbot.keyClick(code, Qt.Key.Key_Return)
    assert text_of(checkout, "Gift card balance") == "Card ending PQRS: $100.00 left"
    amount = find(checkout, "Gift card amount", QLineEdit)
    assert amount.text() == "100.00"
    amount.setText("150")
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    assert text_of(checkout, "Sale message") == (
        "The gift card has $100.00 left, not $150.00: take the rest another way."
    )
    assert payments(checkout) == []
    amount.setText("100")
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    assert payments(checkout) == ["Gift card ending PQRS — $100.00"]
    assert text_of(checkout, "Sale balance") == "$82.00"


def test_account_credit_needs_the_client_and_stays_within_the_balance(qtbot, checkout, till):
    scan(qtbot, checkout, "SKN-004")
    credit = named(checkout, "Account credit", QPushButton)
    assert not credit.isEnabled()
    client = find(checkout, "Sale client", QLineEdit)
    qtbot.keyClicks(client, "jose")  # QTest types ASCII only; the search folds accents
    qtbot.keyClick(client, Qt.Key.Key_Return)
    assert credit.isEnabled()
    click(qtbot, checkout, "Account credit")
    assert text_of(checkout, "Account credit available") == "$50.00"
    amount = find(checkout, "Credit amount", QLineEdit)
    assert amount.text() == "42.00"
    click(qtbot, checkout, "Add account credit")
    assert payments(checkout) == ["Account credit — $42.00"]
    assert find(checkout, "Complete sale", QPushButton).isEnabled()


def test_the_deposit_held_for_the_visit_pays_part_of_it(qtbot, checkout, till):
    checkout.start_for_appointment(till.ids.visit)
    click(qtbot, checkout, "Deposit")
    assert find(checkout, "Held deposit", QComboBox).currentText() == "Deposit held, $100.00"
    click(qtbot, checkout, "Add deposit")
    assert payments(checkout) == ["Deposit — $100.00"]
    assert text_of(checkout, "Sale balance") == "$250.00"


def test_completing_writes_the_sale_and_shows_its_receipt(qtbot, checkout, till):
    scan(qtbot, checkout, "SKN-004")
    pay_cash(qtbot, checkout, "50")
    qtbot.keyClick(find(checkout, "Complete sale", QPushButton), Qt.Key.Key_F12)
    outcome = find(checkout, "Sale outcome", QLabel)
    assert outcome.isVisible()
    assert outcome.text() == "Receipt 1 — change due $8.00"
    written = receipt_data(till.desk, 1)
    assert [line.description for line in written.lines] == [
        "Physical Fusion UV Defense SPF 50 (SkinCeuticals)"
    ]
    assert (written.total_cents, written.change_cents) == (4200, 800)
    assert [tender.detail for tender in written.tenders] == ["Given $50.00"]
    assert not named(checkout, "Scan or search product", QLineEdit).isEnabled()  # the record now
    assert not named(checkout, "Start new sale", QPushButton).isVisible()
    click(qtbot, checkout, "New sale")
    assert text_of(checkout, "Sale total") == "$0.00"
    assert find(checkout, "Scan or search product", QLineEdit).isEnabled()


def test_once_written_the_receipt_is_ready_to_print_with_a_key(qtbot, checkout):
    scan(qtbot, checkout, "SKN-004")
    pay_cash(qtbot, checkout, "50")
    click(qtbot, checkout, "Complete sale")
    assert find(checkout, "Sale outcome", QLabel).text() == "Receipt 1 — change due $8.00"
    assert find(checkout, "Print receipt", QPushButton).hasFocus()


def test_a_walk_in_sale_tells_the_views_of_the_sale_and_of_no_booking_or_day(qtbot, checkout, till):
    scan(qtbot, checkout, "SKN-004")
    pay_cash(qtbot, checkout, "50")
    with qtbot.waitSignal(checkout.desk_actions.books_changed) as told:
        click(qtbot, checkout, "Complete sale")
    # No day: the calendar, which shows none of it, is not read again for it.
    assert told.args[0] == BooksChanged.of(sales=[receipt_data(till.desk, 1).sale_id])


def test_a_visits_sale_tells_the_views_of_the_visit_its_day_and_its_client(qtbot, checkout, till):
    checkout.start_for_appointment(till.ids.visit)
    pay_cash(qtbot, checkout, "400")
    with qtbot.waitSignal(checkout.desk_actions.books_changed) as told:
        click(qtbot, checkout, "Complete sale")
    changed = told.args[0]
    assert changed.appointment_ids == {till.ids.visit}
    assert changed.appointment_days == {local_date(till.clock.now(), till.desk.settings.zone)}
    assert changed.client_ids == {till.ids.hoa}
    assert changed.sale_ids == {receipt_data(till.desk, 1).sale_id}


def test_a_gift_card_sold_shows_its_code_for_the_client(qtbot, checkout, till):
    click(qtbot, checkout, "Sell gift card")
    value = find(checkout, "Gift card value", QLineEdit)
    qtbot.keyClicks(value, "75")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    pay_card(qtbot, checkout, "75")
    click(qtbot, checkout, "Complete sale")
    codes = find(checkout, "Gift card codes", QLabel)
    sold = receipt_data(till.desk, 1).lines[0].note.removeprefix("Code ")
    assert codes.isVisible() and sold in codes.text()
    assert gift_card_balance(till.desk, sold).balance_cents == 7500


def test_a_refused_completion_writes_nothing_and_says_why(qtbot, checkout, till):
    scan(qtbot, checkout, "SKN-004")
    pay_cash(qtbot, checkout, "42")
    close_day(till.desk, till.clock.now().date(), counted_cash_cents=0)
    before = database_state(till.db)
    click(qtbot, checkout, "Complete sale")
    assert "has been closed. No more sales can be recorded for it." in text_of(
        checkout, "Sale message"
    )
    assert database_state(till.db) == before
    assert find(
        checkout, "Complete sale", QPushButton
    ).isVisible()  # still the sale, to fix or drop


def test_a_sale_with_payments_is_not_dropped_by_new_sale(qtbot, checkout):
    scan(qtbot, checkout, "SKN-004")
    pay_card(qtbot, checkout, "20")
    click(qtbot, checkout, "Start new sale")
    assert text_of(checkout, "Sale message") == (
        "Payments are taken on this sale: remove them before starting another."
    )
    assert text_of(checkout, "Sale total") == "$42.00"


def test_after_a_visit_the_till_offers_to_book_the_next_one(qtbot, checkout, till, db):
    assert checkout.start_for_appointment(till.ids.jose_visit)  # José, HydraFacial with Mia, 11:00
    pay_card(qtbot, checkout, text_of(checkout, "Sale balance").lstrip("$"))
    click(qtbot, checkout, "Complete sale")
    assert find(checkout, "Next visit", QLabel).text() == "Next visit: HydraFacial with Mia Lopez"
    weeks = find(checkout, "Weeks to next visit", QSpinBox)
    assert weeks.value() == 4
    weeks.setValue(6)
    click(qtbot, checkout, "Book next visit")
    dialog = find(checkout, "Book appointment", QDialog)
    assert find(dialog, "Client", QLineEdit).text() == "José Núñez"
    assert find(dialog, "Provider", QComboBox).currentData() == till.ids.mia
    assert find(dialog, "Service", QComboBox).currentData() == till.ids.facial
    assert find(dialog, "Date", QDateEdit).date().toPython() == DAY + timedelta(weeks=6)
    assert find(dialog, "Time", QComboBox).currentText() == "11:00 AM"
    click(qtbot, dialog, "Book")
    assert not dialog.isVisible()
    assert find(checkout, "Sale message").text() == ("Booked José Núñez on Wed Jan 6 at 11:00 AM.")


def test_a_walk_in_sale_offers_no_next_visit(qtbot, checkout):
    scan(qtbot, checkout, "SKN-004")
    pay_cash(qtbot, checkout, "50")
    click(qtbot, checkout, "Complete sale")
    assert not named(checkout, "Rebook").isVisible()
