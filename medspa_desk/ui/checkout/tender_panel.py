"""How the client pays: one button per tender, each opening a small form under the buttons, and
the list of payments taken so far (removable until the sale completes).

A form gathers what the terminal, the card or the client says and makes a domain Tender of it;
the Tender refuses what cannot be a payment (a card number typed where the last four go, an
amount of nothing). Whether the sale can take it is SaleInProgress's question. Balances are read
from the services when a form opens; completing the sale checks them again, authoritatively.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.card_numbers import contains_card_number
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import TenderKind
from medspa_desk.domain.sale_math import SaleInputError, Tender
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.gift_cards import gift_card_balance, last_group
from medspa_desk.ui.checkout.fitted_stack import FittedStack
from medspa_desk.ui.checkout.named_widgets import amount_in
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.checkout.sale_in_progress import SaleInProgress

CARD_BRANDS = ("Visa", "Mastercard", "American Express", "Discover")
# The function keys along the top of the keyboard, in the order the buttons stand. They are the
# sale view's shortcuts (SaleView._add_shortcuts), not this panel's: they work wherever the focus
# is in the sale, the product field or the sale lines say.
TENDER_KEYS = {
    TenderKind.CASH: "F5",
    TenderKind.CARD: "F6",
    TenderKind.GIFT_CARD: "F7",
    TenderKind.ACCOUNT_CREDIT: "F8",
    TenderKind.DEPOSIT: "F9",
}


class TenderPanel(QWidget):
    tender_ready = Signal(object)  # a domain Tender for the sale to take
    remove_requested = Signal(int)  # the position of a payment in the list
    refused = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._due_cents = 0
        self._client_id: int | None = None
        self._gift_card_left: int | None = None  # the balance looked up for the code shown
        self._credit_left = 0
        self._offered: list[Tender] = []  # money held for the visit, as the cart offers it

        self._forms = FittedStack()
        self._forms.setAccessibleName("Payment form")
        self._forms.addWidget(QWidget())  # no form open
        self._buttons: dict[TenderKind, QPushButton] = {}
        buttons = QGridLayout()
        buttons.setSpacing(6)
        builders = {
            TenderKind.CASH: self._cash_form,
            TenderKind.CARD: self._card_form,
            TenderKind.GIFT_CARD: self._gift_card_form,
            TenderKind.ACCOUNT_CREDIT: self._credit_form,
            TenderKind.DEPOSIT: self._deposit_form,
        }
        self._pages: dict[TenderKind, QWidget] = {}
        for position, (kind, build) in enumerate(builders.items()):
            keys = TENDER_KEYS[kind]
            button = named_button(
                kind.label, kind.label, f"Take a {kind.label.lower()} payment ({keys})"
            )
            button.setObjectName("tender_button")
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _checked=False, kind=kind: self.open_form(kind))
            buttons.addWidget(button, position // 3, position % 3)
            self._buttons[kind] = button
            page = QWidget()
            form = QFormLayout(page)
            form.setContentsMargins(0, 4, 0, 4)
            build(form)
            self._pages[kind] = page
            self._forms.addWidget(page)
        self._buttons[TenderKind.DEPOSIT].hide()  # shown when the visit has money held for it

        self.payments = QListWidget()
        self.payments.setAccessibleName("Payments")
        self.payments.setToolTip("The payments taken; Delete removes the one selected")
        self.payments.setMaximumHeight(96)
        remove_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.payments)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self._remove_selected)
        self._remove = named_button(
            "Remove payment", "Remove payment", "Remove the payment selected (Delete)"
        )
        self._remove.clicked.connect(self._remove_selected)

        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self._remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self._forms)
        layout.addWidget(self.payments)
        layout.addLayout(remove_row)

    # What the panel shows of the sale

    def show_sale(self, sale: SaleInProgress) -> None:
        settlement = sale.settlement
        self._due_cents = max(settlement.balance_due_cents, 0)
        if sale.cart.client_id != self._client_id:
            self._client_id = sale.cart.client_id
            if self._forms.currentWidget() is self._pages[TenderKind.ACCOUNT_CREDIT]:
                self.close_form()
        credit = self._buttons[TenderKind.ACCOUNT_CREDIT]
        credit.setEnabled(self._client_id is not None)
        credit.setToolTip(
            f"Take a payment from the client's account credit ({TENDER_KEYS[TenderKind.ACCOUNT_CREDIT]})"
            if self._client_id is not None
            else "Account credit belongs to a client: choose the client first"
        )
        self._offered = list(sale.cart.offered_tenders)
        self._buttons[TenderKind.DEPOSIT].setVisible(bool(self._offered))
        self._held.clear()
        for tender in self._offered:
            self._held.addItem(f"Deposit held, {format_cents(tender.amount_cents)}")
        self.payments.clear()
        for settled in settlement.tenders:
            self.payments.addItem(_payment_text(settled.tender, settled.applied_cents))
        for widget in (self.payments, self._remove):
            widget.setVisible(bool(settlement.tenders))

    def open_form(self, kind: TenderKind) -> None:
        button = self._buttons[kind]
        if not button.isVisible() or not button.isEnabled():
            return
        page = self._pages[kind]
        self._forms.setCurrentWidget(page)
        due = format_cents(self._due_cents).lstrip("$")
        if kind is TenderKind.CASH:
            self._cash_given.setText(due)
            self._cash_given.selectAll()
            self._cash_given.setFocus()
        elif kind is TenderKind.CARD:
            self._card_amount.setText(due)
            for field in (self._last_four, self._approval):
                field.clear()
            self._card_brand.setFocus()
        elif kind is TenderKind.GIFT_CARD:
            self._gift_code.clear()
            self._gift_amount.clear()
            self._gift_balance.setText("Type the code and press Enter to see its balance.")
            self._gift_card_left = None
            self._gift_code.setFocus()
        elif kind is TenderKind.ACCOUNT_CREDIT:
            self._show_credit()
        else:
            self._held.setCurrentIndex(0)
            self._show_deposit()
            self._deposit_amount.setFocus()

    def close_form(self) -> None:
        self._forms.setCurrentIndex(0)

    # The forms

    def _cash_form(self, form: QFormLayout) -> None:
        self._cash_given = named_field("Cash given", "Amount handed over, e.g. 100")
        self._cash_given.returnPressed.connect(self._add_cash)
        add = named_button("Add cash", "Add cash", "Add the cash payment (Enter)")
        add.clicked.connect(self._add_cash)
        form.addRow("Cash given:", _row(self._cash_given, add))

    def _card_form(self, form: QFormLayout) -> None:
        self._card_amount = named_field("Card payment amount")
        self._card_brand = named_combo("Card payment brand", editable=True)
        self._card_brand.addItems(CARD_BRANDS)
        self._last_four = named_field("Card payment last four", "e.g. 4242")
        self._approval = named_field("Card payment approval code", "as the terminal printed it")
        self._last_four.setToolTip("Only the last four digits: card numbers are never stored")
        add = named_button("Add card", "Add card", "Add the card payment (Enter)")
        add.clicked.connect(self._add_card)
        for field in (self._card_amount, self._last_four, self._approval):
            field.returnPressed.connect(self._add_card)
        form.addRow("Amount:", self._card_amount)
        form.addRow("Brand:", self._card_brand)
        form.addRow("Last four:", self._last_four)
        form.addRow("Approval:", _row(self._approval, add))

    def _gift_card_form(self, form: QFormLayout) -> None:
        self._gift_code = named_field("Gift card code", "ABCD-EFGH-JKMN-PQRS")
        self._gift_code.returnPressed.connect(self._look_up_gift_card)
        self._gift_code.textEdited.connect(self._gift_code_edited)
        check = named_button("Check balance", "Check balance", "Look up the card's balance (Enter)")
        check.clicked.connect(self._look_up_gift_card)
        self._gift_balance = QLabel()
        self._gift_balance.setAccessibleName("Gift card balance")
        self._gift_amount = named_field("Gift card amount")
        self._gift_amount.returnPressed.connect(self._add_gift_card)
        add = named_button("Add gift card", "Add gift card", "Add the gift card payment (Enter)")
        add.clicked.connect(self._add_gift_card)
        form.addRow("Code:", _row(self._gift_code, check))
        form.addRow("", self._gift_balance)
        form.addRow("Amount:", _row(self._gift_amount, add))

    def _credit_form(self, form: QFormLayout) -> None:
        self._credit_available = QLabel()
        self._credit_available.setAccessibleName("Account credit available")
        self._credit_amount = named_field("Credit amount")
        self._credit_amount.returnPressed.connect(self._add_credit)
        add = named_button(
            "Add account credit", "Add account credit", "Add the credit payment (Enter)"
        )
        add.clicked.connect(self._add_credit)
        form.addRow("Available:", self._credit_available)
        form.addRow("Amount:", _row(self._credit_amount, add))

    def _deposit_form(self, form: QFormLayout) -> None:
        self._held = named_combo("Held deposit")
        self._held.currentIndexChanged.connect(lambda _index: self._show_deposit())
        self._deposit_amount = named_field("Deposit amount")
        self._deposit_amount.returnPressed.connect(self._add_deposit)
        add = named_button("Add deposit", "Add deposit", "Apply the deposit (Enter)")
        add.clicked.connect(self._add_deposit)
        form.addRow("Held:", self._held)
        form.addRow("Amount:", _row(self._deposit_amount, add))

    # Reading balances

    def _gift_code_edited(self, _text: str) -> None:
        self._gift_card_left = None
        self._gift_balance.setText("Press Enter to see the card's balance.")

    def _look_up_gift_card(self) -> None:
        try:
            card = gift_card_balance(self._desk, self._gift_code.text())
        except DeskRefusal as refusal:
            self._gift_balance.setText("")
            self.refused.emit(str(refusal))
            return
        self._gift_card_left = card.balance_cents
        self._gift_code.setText(card.code)
        self._gift_balance.setText(
            f"Card ending {last_group(card.code)}: {format_cents(card.balance_cents)} left"
        )
        self._gift_amount.setText(
            format_cents(min(card.balance_cents, self._due_cents)).lstrip("$")
        )
        self._gift_amount.selectAll()
        self._gift_amount.setFocus()

    def _show_credit(self) -> None:
        self._credit_left = client_standing(self._desk, self._client_id).credit_cents
        self._credit_available.setText(format_cents(self._credit_left))
        self._credit_amount.setText(
            format_cents(min(self._credit_left, self._due_cents)).lstrip("$")
        )
        self._credit_amount.selectAll()
        self._credit_amount.setFocus()

    def _show_deposit(self) -> None:
        if 0 <= self._held.currentIndex() < len(self._offered):
            held = self._offered[self._held.currentIndex()].amount_cents
            self._deposit_amount.setText(format_cents(min(held, self._due_cents)).lstrip("$"))

    # Making tenders

    def _add_cash(self) -> None:
        self._offer(lambda: Tender.cash(amount_in(self._cash_given, "Cash given")))

    def _add_card(self) -> None:
        try:
            self._offer(
                lambda: Tender.card(
                    amount_in(self._card_amount, "Card amount"),
                    self._card_brand.currentText(),
                    self._last_four.text(),
                    self._approval.text(),
                )
            )
        finally:
            # A card number typed by mistake does not stay on the screen either.
            for field in (self._last_four, self._approval, self._card_brand.lineEdit()):
                if contains_card_number(field.text()):
                    field.clear()

    def _add_gift_card(self) -> None:
        if self._gift_card_left is None:  # the balance is seen before the card is used
            self._look_up_gift_card()
            return

        def tender() -> Tender:
            cents = amount_in(self._gift_amount, "Gift card amount")
            # A first answer at the till; complete_sale() checks the balance again when it spends.
            if cents > self._gift_card_left:
                raise SaleInputError(
                    f"The gift card has {format_cents(self._gift_card_left)} left, not "
                    f"{format_cents(cents)}: take the rest another way."
                )
            return Tender.gift_card(self._gift_code.text(), cents)

        self._offer(tender)

    def _add_credit(self) -> None:
        def tender() -> Tender:
            cents = amount_in(self._credit_amount, "Credit amount")
            if cents > self._credit_left:  # checked again when the sale completes
                raise SaleInputError(
                    f"The client has {format_cents(self._credit_left)} of account credit, not "
                    f"{format_cents(cents)}."
                )
            return Tender.account_credit(cents)

        self._offer(tender)

    def _add_deposit(self) -> None:
        index = self._held.currentIndex()
        if not 0 <= index < len(self._offered):
            return
        held = self._offered[index]
        self._offer(
            lambda: Tender.deposit(
                held.booking_payment_id, amount_in(self._deposit_amount, "Deposit amount")
            )
        )

    def _offer(self, make_tender) -> None:
        try:
            tender = make_tender()
        except SaleInputError as refusal:
            self.refused.emit(str(refusal))
            return
        self.tender_ready.emit(tender)

    def tender_taken(self) -> None:
        """The sale took the tender offered: the form closes, ready for the next payment."""
        self.close_form()

    def _remove_selected(self) -> None:
        row = self.payments.currentRow()
        if row < 0 and self.payments.count() == 1:
            row = 0  # the only payment: no need to select it first
        if row >= 0:
            self.remove_requested.emit(row)


def _row(field: QWidget, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    return row


def _payment_text(tender: Tender, applied_cents: int) -> str:
    if tender.kind is TenderKind.CARD:
        return f"{tender.card_brand} ending {tender.card_last4} — {format_cents(applied_cents)}"
    if tender.kind is TenderKind.CASH:
        return f"Cash {format_cents(tender.amount_cents)} given — {format_cents(applied_cents)}"
    if tender.kind is TenderKind.GIFT_CARD:
        return (
            f"Gift card ending {last_group(tender.gift_card_code)} — {format_cents(applied_cents)}"
        )
    return f"{tender.kind.label} — {format_cents(applied_cents)}"
