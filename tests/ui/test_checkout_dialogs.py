"""The checkout's More menu: close of day, voids, defective exchanges, stock; and the names every
interactive widget of the view and its dialogs carries."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QWidget,
)
from sqlalchemy import select

from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.domain.sale_math import Cart, CartLine, TaxRates, Tender
from medspa_desk.services.booking.deposits import deposit_cart
from medspa_desk.services.till.day_close import day_totals
from medspa_desk.services.till.receipts import receipt_data
from medspa_desk.services.till.retail_stock import find_product
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.models import AuditEntry
from tests.ui.accessible_names import INTERACTIVE, is_inside_qt_internals
from tests.ui.checkout_fixtures import click, pay_cash, scan, text_of
from tests.ui.conftest import approve_in_prompt, find, manager_standing_by, named
from tests.ui.gestures import choose_from_button_menu

MORE = (
    "Reprint receipt…",
    "Void a sale…",
    "Defective exchange…",
    "Low stock and receiving…",
    "Close of day…",
)


def open_from_more(qtbot, view, text: str) -> QDialog:
    choose_from_button_menu(qtbot, find(view, "More", QToolButton), text)
    return next(dialog for dialog in view.findChildren(QDialog) if dialog.isVisible())


def sell_serum_for_cash(till, quantity: int = 1) -> int:
    """A sale made at the desk: `quantity` C E Ferulic serums for cash; its receipt number."""
    cart = Cart(TaxRates())
    serum = CartLine(
        LineKind.RETAIL,
        "C E Ferulic serum 30 ml (SkinCeuticals)",
        18_200,
        quantity,
        product_id=till.ids.serum,
    )
    cart.add(serum)
    return complete_sale(till.desk, cart, [Tender.cash(18_200 * quantity)]).receipt_number


def unnamed(root: QWidget) -> list[str]:
    return [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for widget in root.findChildren(QWidget)
        if isinstance(widget, INTERACTIVE)
        and not widget.accessibleName()
        and not is_inside_qt_internals(widget, root)
    ]


def test_every_widget_of_the_view_and_its_dialogs_is_named_and_every_menu_entry_opens(
    qtbot, checkout, till
):
    checkout.start_for_appointment(till.ids.visit)  # the deposit button and tip choices exist too
    for page in ("Cash", "Card", "Gift card", "Account credit", "Deposit"):
        click(qtbot, checkout, page)
    assert unnamed(checkout) == []
    for text in MORE:
        dialog = open_from_more(qtbot, checkout, text)
        assert dialog.accessibleName() == text.removesuffix("…").replace(
            "Reprint receipt", "Receipt"
        )
        assert unnamed(dialog) == []
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()


def test_close_of_day_shows_expected_against_counted_and_closes(qtbot, checkout, till, answers):
    scan(qtbot, checkout, "SKN-004")
    pay_cash(qtbot, checkout, "50")  # $42.00 kept in the drawer
    click(qtbot, checkout, "Complete sale")
    dialog = open_from_more(qtbot, checkout, "Close of day…")
    figures = find(dialog, "Day totals", QTreeWidget)
    sections = {
        figures.topLevelItem(row).text(0): [
            (figures.topLevelItem(row).child(n).text(0), figures.topLevelItem(row).child(n).text(1))
            for n in range(figures.topLevelItem(row).childCount())
        ]
        for row in range(figures.topLevelItemCount())
    }
    assert sections["By tender"] == [("Cash", "$42.00")]
    assert sections["By category"] == [("Retail", "$42.00")]
    assert text_of(dialog, "Expected cash") == "$42.00"
    counted = find(dialog, "Counted cash", QLineEdit)
    qtbot.keyClicks(counted, "40")
    assert text_of(dialog, "Cash difference") == "Cash short $2.00"
    click(qtbot, dialog, "Close day")
    confirm = find(dialog, "Confirm close of day", QMessageBox)
    assert "Wednesday November 25 with $40.00 counted" in confirm.text()
    with qtbot.waitSignal(checkout.day_closed):  # the window backs up on it
        click(qtbot, confirm, "Close the day")
    closed = day_totals(till.desk, till.clock.now().date()).closed
    assert (closed.expected_cash_cents, closed.counted_cash_cents) == (4200, 4000)
    assert text_of(dialog, "Close of day message") == (
        "The day is closed (Cash short $2.00). Print or save the Z report."
    )
    assert not named(dialog, "Close day", QPushButton).isEnabled()
    assert "Closed at 10:12 AM by Riley Chen" in text_of(dialog, "Day state")
    click(qtbot, dialog, "Save Z report")
    assert [path.name for path in answers.saved] == ["Z report 2026-11-25.pdf"]
    click(qtbot, dialog, "Print Z report")
    assert answers.printed[0].stat().st_size > 10_000


def test_keeping_the_day_open_closes_nothing(qtbot, checkout, till):
    dialog = open_from_more(qtbot, checkout, "Close of day…")
    qtbot.keyClicks(find(dialog, "Counted cash", QLineEdit), "0")
    click(qtbot, dialog, "Close day")
    click(qtbot, find(dialog, "Confirm close of day", QMessageBox), "Keep it open")
    assert day_totals(till.desk, till.clock.now().date()).closed is None


def choose(combo: QComboBox, starting: str) -> None:
    combo.setCurrentIndex(
        next(row for row in range(combo.count()) if combo.itemText(row).startswith(starting))
    )


def find_receipt(qtbot, dialog, number: int) -> None:
    field = find(dialog, "Receipt number", QLineEdit)
    field.clear()
    qtbot.keyClicks(field, str(number))
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_void_at_the_front_desk_waits_for_a_managers_approval(qtbot, checkout, till):
    manager_standing_by(till.desk, "Amber Holt")
    number = sell_serum_for_cash(till)
    dialog = open_from_more(qtbot, checkout, "Void a sale…")
    find_receipt(qtbot, dialog, number)
    assert text_of(dialog, "Sale to void") == f"Receipt {number}, Wed Nov 25 at 10:12 AM: $182.00"
    qtbot.keyClicks(find(dialog, "Void reason", QLineEdit), "Rang up twice")
    click(qtbot, dialog, "Void sale")  # Riley is signed in: a manager must approve
    prompt = find(dialog, "Manager approval", QDialog)
    click(qtbot, prompt, "Cancel approval")
    assert not prompt.isVisible() and not receipt_data(till.desk, number).voided
    click(qtbot, dialog, "Void sale")
    approve_in_prompt(qtbot, dialog, "Amber Holt")
    assert receipt_data(till.desk, number).voided
    with till.db.reading() as session:
        granted = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "approval.granted")
        ).one()
    assert (granted.staff_id, granted.subject) == (till.ids.riley, f"staff:{till.ids.amber}")
    assert text_of(dialog, "Void a sale message").startswith(f"Receipt {number} is void")
    assert not named(dialog, "Void sale", QPushButton).isEnabled()


def test_a_defective_product_is_exchanged_against_its_receipt(qtbot, checkout, till):
    number = sell_serum_for_cash(till, quantity=2)
    dialog = open_from_more(qtbot, checkout, "Defective exchange…")
    find_receipt(qtbot, dialog, number)
    line = find(dialog, "Receipt line", QComboBox)
    assert (
        line.currentText() == "C E Ferulic serum 30 ml (SkinCeuticals) · SKN-001 — 2 bought, 2 left"
    )
    qtbot.keyClicks(find(dialog, "Replacement scanned", QLineEdit), "SKN-004")
    qtbot.keyClicks(find(dialog, "What is defective", QLineEdit), "Pump broken")
    click(qtbot, dialog, "Record exchange")
    assert "for the same product only" in text_of(dialog, "Defective exchange message")
    find(dialog, "Replacement scanned", QLineEdit).setText("SKN-001")
    click(qtbot, dialog, "Record exchange")
    assert text_of(dialog, "Defective exchange message") == (
        f"Exchanged 1 × C E Ferulic serum 30 ml (SkinCeuticals) on receipt {number}; 11 left on the shelf."
    )
    assert line.currentText().endswith("2 bought, 1 left")
    assert find(dialog, "Quantity to exchange", QSpinBox).maximum() == 1


def test_a_receipt_without_products_has_nothing_to_exchange(qtbot, checkout, till):
    dialog = open_from_more(qtbot, checkout, "Defective exchange…")
    find_receipt(qtbot, dialog, 5)
    assert text_of(dialog, "Defective exchange message") == "There is no receipt number 5."
    assert not named(dialog, "Record exchange", QPushButton).isEnabled()


def test_low_stock_is_listed_and_a_delivery_received(qtbot, checkout, till):
    dialog = open_from_more(qtbot, checkout, "Low stock and receiving…")
    low = find(dialog, "Low stock")
    assert [low.item(row).text().split()[0:2] for row in range(low.count())] == [["1", "Daily"]]
    qtbot.keyClicks(find(dialog, "Product received", QLineEdit), "SKN-012")
    find(dialog, "Units received", QSpinBox).setValue(6)
    click(qtbot, dialog, "Receive stock")
    assert text_of(dialog, "Low stock and receiving message") == (
        "6 × Daily Power Defense received: 7 on the shelf now."
    )
    assert low.count() == 0
    assert find_product(till.desk, "SKN-012")[0].stock_quantity == 7


@pytest.mark.parametrize("dialog_name", ["Void a sale…", "Defective exchange…"])
def test_a_receipt_number_that_is_not_one_is_refused(qtbot, checkout, dialog_name):
    dialog = open_from_more(qtbot, checkout, dialog_name)
    find_receipt(qtbot, dialog, "twelve")
    message = find(dialog, f"{dialog.accessibleName()} message", QLabel)
    assert message.text() == "Type the receipt's number, as printed on it."


def test_close_of_day_shows_the_deposits_and_the_fees_charged_to_cards(qtbot, checkout, till):
    complete_sale(
        till.desk, deposit_cart(till.desk, till.ids.jose_next, 2_500), [Tender.cash(2_500)]
    )
    dialog = open_from_more(qtbot, checkout, "Close of day…")
    figures = find(dialog, "Day totals", QTreeWidget)
    sections = {
        figures.topLevelItem(row).text(0): [
            (figures.topLevelItem(row).child(n).text(0), figures.topLevelItem(row).child(n).text(1))
            for n in range(figures.topLevelItem(row).childCount())
        ]
        for row in range(figures.topLevelItemCount())
    }
    assert sections["By category"] == [("Deposits taken", "$25.00")]
    assert sections["Fees charged to cards on file"] == [("0 fees charged", "$0.00")]
    assert sections["Deposits, prepayments and credit"] == [
        ("Deposits taken (1)", "$25.00"),
        ("Deposits applied to fees", "$0.00"),
        ("Prepayments forfeited (0)", "$0.00"),
        ("Account credit issued (0)", "$0.00"),
    ]
    assert text_of(dialog, "Expected cash") == "$25.00"
