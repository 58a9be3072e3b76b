"""The checkout view: the sale's lines on the left, its totals, tip and payments on the right, and
one large Complete button; once the sale is written, its receipt to print or save.

A sale starts as a walk-in (start_walk_in) or from a visit the calendar hands over
(start_for_appointment). Until Complete nothing is written: the cart and its payments live in
SaleInProgress and are totalled on every change. Complete writes the sale in one transaction
(services.till.sale_completion.complete_sale) or refuses and writes nothing; refusals are shown in the
"Sale message" line, in the service's own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.sale_math import Cart
from medspa_desk.services.booking.appointment_changes import appointment_facts
from medspa_desk.services.booking.deposits import deposit_cart
from medspa_desk.services.booking.new_booking import providers
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import cart_for_appointment, fee_lines, walk_in_cart
from medspa_desk.services.till.sale_completion import CompletedSale, complete_sale
from medspa_desk.ui.background_work import Runner, run_in_background
from medspa_desk.ui.checkout.completed_sale_panel import CompletedSalePanel
from medspa_desk.ui.checkout.line_forms import Discount, LineForms
from medspa_desk.ui.checkout.named_widgets import MessageLine
from medspa_desk.ui.checkout.product_entry import ProductEntry
from medspa_desk.ui.checkout.receipt_printing import (
    AskFile,
    AskPrinter,
    Printing,
    ReceiptPrinting,
    ask_file_in_dialog,
    ask_printer_in_dialog,
)
from medspa_desk.ui.checkout.sale_client import SaleClient
from medspa_desk.ui.checkout.sale_in_progress import SaleInProgress
from medspa_desk.ui.checkout.sale_lines_model import (
    AMOUNT,
    DISCOUNT,
    ITEM,
    PRICE,
    QUANTITY,
    SaleLinesModel,
)
from medspa_desk.ui.checkout.tender_panel import TenderPanel
from medspa_desk.ui.checkout.tip_entry import TipEntry
from medspa_desk.ui.checkout.totals_panel import TotalsPanel
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

COMPLETE_KEY = "F12"  # the far right of the function row: the till's "total" key
_NUMBER_COLUMN_WIDTH = 96


class SaleView(QWidget):
    day_closed = Signal()  # the close of day was done here

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None = None,
        *,
        runner: Runner = run_in_background,
        ask_printer: AskPrinter = ask_printer_in_dialog,
        ask_file: AskFile = ask_file_in_dialog,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self.desk_actions = desk_actions or DeskActions(self)
        self.desk_actions.books_changed.connect(self._books_changed)
        self._visit_kind = "Checkout"  # or "Deposit": the heading of a visit's sale
        self._provider_names: dict[int, str] = {}
        self.sale = SaleInProgress(Cart(), self)
        self.printing = Printing(self, runner=runner, ask_printer=ask_printer, ask_file=ask_file)
        self.receipts = ReceiptPrinting(desk, self.printing)
        self._dialogs: dict[str, QWidget] = {}

        self.status = QLabel()
        self.status.setObjectName("sale_status")
        self.status.setAccessibleName("Sale status")
        self.status.setWordWrap(True)
        heading = QFont(self.status.font())
        heading.setPointSizeF(heading.pointSizeF() * 1.25)
        heading.setBold(True)
        self.status.setFont(heading)

        self.client = SaleClient(desk)
        self.products = ProductEntry(desk)
        self.lines_model = SaleLinesModel(self.sale, self)
        self.lines = self._lines_table()
        self.line_forms = LineForms(desk)
        line_buttons = self._line_buttons()

        self.totals = TotalsPanel()
        self.tip = TipEntry()
        self.tenders = TenderPanel(desk)
        self.message = MessageLine("Sale message")
        self.complete = named_button(
            "Complete sale", "Complete sale", f"Complete the sale when it is paid ({COMPLETE_KEY})"
        )
        self.complete.setObjectName("complete_sale")
        self.complete.setDefault(True)  # the style sheet fills the default button with the accent
        self.complete.setMinimumHeight(56)
        big = QFont(self.complete.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.complete.setFont(big)
        self.complete.clicked.connect(self._complete)
        self.done = CompletedSalePanel()

        left = QVBoxLayout()
        left.addWidget(self.status)
        left.addWidget(self.client)
        left.addWidget(self.products)
        left.addWidget(self.lines, 1)
        left.addLayout(line_buttons)
        left.addWidget(self.line_forms)

        paying = QWidget()
        paying_layout = QVBoxLayout(paying)
        paying_layout.setContentsMargins(0, 0, 0, 0)
        paying_layout.addWidget(_caption("Tip"))
        paying_layout.addWidget(self.tip)
        paying_layout.addWidget(_caption("Payment"))
        paying_layout.addWidget(self.tenders)
        paying_layout.addStretch(1)
        paying_layout.addWidget(self.message)
        paying_layout.addWidget(self.complete)
        self._right = QStackedWidget()
        self._right.addWidget(paying)
        self._right.addWidget(self.done)
        right = QVBoxLayout()
        right.addWidget(self.totals)
        right.addWidget(self._right, 1)
        right.addLayout(self._more_row())

        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.setFocusProxy(self.products)

        self._connect()
        self._add_shortcuts()
        self.start_walk_in()

    # Starting a sale

    def start_walk_in(self) -> None:
        """A new, empty sale for nobody in particular (name the client to sell to them)."""
        self._start(walk_in_cart(self._desk), "Walk-in sale", client_name="", fixed_client=False)

    def start_for_appointment(self, appointment_id: int) -> bool:
        """Check out a visit: its service, the client's unpaid fees and the money held for it.
        False (with the reason shown) when the visit cannot be checked out."""
        if not self._may_drop_sale():
            return False
        try:
            cart = cart_for_appointment(self._desk, appointment_id)
            facts = appointment_facts(self._desk, appointment_id)
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return False
        self._visit_kind = "Checkout"
        self._start(
            cart, _visit_title("Checkout", facts), client_name=facts.client_name, fixed_client=True
        )
        return True

    def start_for_deposit(self, appointment_id: int, amount_cents: int) -> bool:
        """Take a booking's deposit: a sale of the deposit line for the booking's client.
        False (with the reason shown) when no deposit can be taken for it."""
        if not self._may_drop_sale():
            return False
        try:
            cart = deposit_cart(self._desk, appointment_id, amount_cents)
            facts = appointment_facts(self._desk, appointment_id)
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return False
        self._visit_kind = "Deposit"
        self._start(
            cart, _visit_title("Deposit", facts), client_name=facts.client_name, fixed_client=True
        )
        return True

    def _books_changed(self, changed: BooksChanged) -> None:
        """A visit's sale names its client as they were read: a change to the client or the visit
        made elsewhere meanwhile (an anonymized client, say) is read again."""
        cart = self.sale.cart
        if self._right.currentIndex() != 0 or cart.appointment_id is None:
            return  # a walk-in names no visit; a sale written is a record of its moment
        if (
            cart.client_id not in changed.client_ids
            and cart.appointment_id not in changed.appointment_ids
        ):
            return
        try:
            facts = appointment_facts(self._desk, cart.appointment_id)
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return
        self.status.setText(_visit_title(self._visit_kind, facts))
        self.client.show_client(facts.client_name, fixed=True)

    def _start(self, cart: Cart, title: str, *, client_name: str, fixed_client: bool) -> None:
        self._provider_names = {choice.provider_id: choice.name for choice in providers(self._desk)}
        self.lines_model.set_provider_names(self._provider_names)
        self.status.setText(title)
        self.client.show_client(client_name, fixed=fixed_client)
        self.tip.clear()
        self.tenders.close_form()
        self.line_forms.close_form()
        self.message.clear_message()
        self._right.setCurrentIndex(0)
        self._set_taking(True)
        self.sale.start(cart)
        self.products.setFocus()

    # Wiring

    def _connect(self) -> None:
        self.sale.changed.connect(self._sale_changed)
        self.lines_model.refused.connect(self.message.refuse)
        self.products.chosen.connect(self._add_line)
        self.products.refused.connect(self.message.refuse)
        self.client.chosen.connect(
            lambda client_id: self._change(lambda: self.sale.set_client(client_id))
        )
        self.line_forms.line_ready.connect(self._add_line)
        self.line_forms.discount_ready.connect(self._discount)
        self.line_forms.refused.connect(self.message.refuse)
        self.tip.tip_changed.connect(lambda tip: self._change(lambda: self.sale.set_tip(tip)))
        self.tip.refused.connect(self.message.refuse)
        self.tenders.tender_ready.connect(self._add_tender)
        self.tenders.remove_requested.connect(
            lambda row: self._change(lambda: self.sale.remove_tender(row))
        )
        self.tenders.refused.connect(self.message.refuse)
        self.done.print_requested.connect(self.receipts.print_receipt)
        self.done.save_requested.connect(self.receipts.save_receipt)
        self.done.preview_requested.connect(self.open_receipt)
        self.done.new_sale_requested.connect(self.start_walk_in)
        self.printing.finished.connect(self.message.note)
        self.printing.failed.connect(self.message.refuse)

    def _add_shortcuts(self) -> None:
        for keys, action in (
            (COMPLETE_KEY, self._complete),
            ("F2", self.products.setFocus),
            ("Ctrl+L", self.client.setFocus),
            ("Ctrl+T", self.tip.setFocus),
            ("Ctrl+D", self._open_discount),
            ("Ctrl+N", self._start_over),
            (
                "Ctrl+P",
                lambda: (
                    self.done.print_button.click()
                    if self._right.currentWidget() is self.done
                    else None
                ),
            ),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.lines)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_line)

    def _sale_changed(self) -> None:
        settlement = self.sale.settlement
        self.totals.show_settlement(settlement)
        self.tip.show_providers(self.sale.cart.lines, self._provider_names)
        self.tenders.show_sale(self.sale)
        taking = self._right.currentIndex() == 0
        self.complete.setEnabled(taking and self.sale.complete_allowed)
        self._fees.setEnabled(taking and self.sale.cart.client_id is not None)
        has_lines = bool(self.sale.cart.lines)
        self._discount_button.setEnabled(taking and has_lines)
        self._remove_button.setEnabled(taking and has_lines)

    # The desk's actions on the sale

    def _change(self, change) -> bool:
        """Make a change to the sale; its refusal, if any, is shown and the sale stays as it was."""
        try:
            change()
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return False
        self.message.clear_message()
        return True

    def _add_line(self, line) -> None:
        rows: list[int] = []
        if self._change(lambda: rows.append(self.sale.add_line(line))):
            self.lines.selectRow(rows[0])

    def _remove_line(self) -> None:
        row = self.lines.currentIndex().row()
        if row >= 0 and self._change(lambda: self.sale.remove_line(row)):
            self.lines.selectRow(min(row, self.lines_model.rowCount() - 1))

    def _open_discount(self) -> None:
        row = self.lines.currentIndex().row()
        if row < 0 and self.sale.cart.lines:
            row = len(self.sale.cart.lines) - 1  # the line just added
        if row >= 0:
            self.line_forms.open_discount(row, self.sale.cart.lines[row])

    def _discount(self, discount: Discount) -> None:
        if self._change(
            lambda: self.sale.change_line(
                discount.row, discount_cents=discount.cents, discount_reason=discount.reason
            )
        ):
            self.line_forms.close_form()

    def _add_unpaid_fees(self) -> None:
        client_id = self.sale.cart.client_id
        if client_id is None:
            return
        on_sale = {line.fee_id for line in self.sale.cart.lines if line.fee_id is not None}
        try:
            owed = [line for line in fee_lines(self._desk, client_id) if line.fee_id not in on_sale]
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return
        if not owed:
            self.message.note("The client owes no fee that is not on this sale already.")
            return
        for line in owed:
            self._add_line(line)

    def _start_over(self) -> None:
        if self._may_drop_sale():
            self.start_walk_in()

    def _may_drop_sale(self) -> bool:
        """A sale being paid is not dropped for another: the card terminal may have charged
        already, so its payments are removed by hand first (and the terminal's voided)."""
        if self._right.currentIndex() == 0 and self.sale.tenders:
            self.message.refuse(
                "Payments are taken on this sale: remove them before starting another."
            )
            return False
        return True

    def _add_tender(self, tender) -> None:
        if self._change(lambda: self.sale.add_tender(tender)):
            self.tenders.tender_taken()
            if self.complete.isEnabled():
                self.complete.setFocus()  # paid: Enter or F12 completes

    def _complete(self) -> None:
        if not self.complete.isEnabled():
            return
        cart = self.sale.cart
        self.desk_actions.run(
            lambda: complete_sale(self._desk, cart, self.sale.tenders),
            lambda done: BooksChanged.of(
                appointments=[cart.appointment_id],
                days=[done.business_day],
                clients=[cart.client_id],
                sales=[done.sale_id],
            ),
            self._show_completed,
            refuse_here=self.message.refuse,
        )

    def _show_completed(self, done: CompletedSale) -> None:
        self.message.clear_message()
        self._set_taking(False)
        self._right.setCurrentWidget(self.done)
        self.done.show_sale(done)
        self._sale_changed()

    def _set_taking(self, taking: bool) -> None:
        """While a sale is being taken its lines can change; once written, they are its record."""
        for widget in (self.client, self.products, self.line_forms, self._line_button_row):
            widget.setEnabled(taking)
        self._start_over_button.setVisible(taking)  # once written, the panel offers the next sale
        triggers = QAbstractItemView.EditTrigger
        self.lines.setEditTriggers(
            triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
            if taking
            else triggers.NoEditTriggers
        )

    # The dialogs reached from the More menu

    def open_receipt(self, receipt_number: int | None = None) -> None:
        from medspa_desk.ui.checkout.receipt_dialog import ReceiptDialog

        dialog = self._dialog("receipt", lambda: ReceiptDialog(self._desk, self.receipts, self))
        dialog.show_receipt(receipt_number)

    def open_void(self) -> None:
        from medspa_desk.ui.checkout.void_dialog import VoidDialog

        self._dialog(
            "void", lambda: VoidDialog(self._desk, self, desk_actions=self.desk_actions)
        ).start()

    def open_exchange(self) -> None:
        from medspa_desk.ui.checkout.exchange_dialog import ExchangeDialog

        self._dialog(
            "exchange", lambda: ExchangeDialog(self._desk, self, desk_actions=self.desk_actions)
        ).start()

    def open_day_close(self) -> None:
        self._dialog("day close", self._day_close_dialog).start()

    def _day_close_dialog(self):
        from medspa_desk.ui.checkout.day_close_dialog import DayCloseDialog

        dialog = DayCloseDialog(self._desk, self.printing, self)
        dialog.day_closed.connect(self.day_closed)
        return dialog

    def open_stock(self) -> None:
        from medspa_desk.ui.checkout.stock_dialog import StockDialog

        self._dialog("stock", lambda: StockDialog(self._desk, self)).start()

    def _dialog(self, key: str, make):
        """One of each dialog, made when first asked for and shown again after."""
        if key not in self._dialogs:
            self._dialogs[key] = make()
        dialog = self._dialogs[key]
        dialog.open()
        return dialog

    # Building the view

    def _lines_table(self) -> QTableView:
        lines = QTableView()
        lines.setObjectName("sale_lines")
        lines.setAccessibleName("Sale lines")
        lines.setToolTip(
            "Double-click or type on a quantity to change it; Delete removes the line; Ctrl+D discounts it"
        )
        lines.setModel(self.lines_model)
        lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        lines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        lines.setAlternatingRowColors(True)
        lines.setCornerButtonEnabled(False)
        lines.verticalHeader().hide()
        lines.verticalHeader().setAccessibleName("Sale line rows")
        columns = lines.horizontalHeader()
        columns.setAccessibleName("Sale line columns")
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(_NUMBER_COLUMN_WIDTH)
        columns.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        columns.resizeSection(QUANTITY, 56)
        for column in (PRICE, DISCOUNT, AMOUNT):
            columns.resizeSection(column, _NUMBER_COLUMN_WIDTH)
        return lines

    def _line_buttons(self) -> QHBoxLayout:
        row = QGridLayout()
        row.setContentsMargins(0, 0, 0, 0)
        service = named_button(
            "Add service…", "Add service line", "Add a service and its provider (Ctrl+Shift+S)"
        )
        service.clicked.connect(self.line_forms.open_service)
        gift = named_button(
            "Sell gift card…", "Sell gift card", "Sell a gift card of any value (Ctrl+G)"
        )
        gift.clicked.connect(self.line_forms.open_gift_card)
        self._fees = named_button(
            "Unpaid fees", "Add unpaid fees", "Add the client's unpaid late-cancel and no-show fees"
        )
        self._fees.clicked.connect(self._add_unpaid_fees)
        prepay = named_button(
            "Prepay booking…",
            "Prepay a booking",
            "Take the full price of one of the client's bookings to come",
        )
        prepay.clicked.connect(lambda: self.line_forms.open_prepayment(self.sale.cart.client_id))
        self._discount_button = named_button(
            "Discount…", "Discount line", "Discount the line selected, with a reason (Ctrl+D)"
        )
        self._discount_button.clicked.connect(self._open_discount)
        self._remove_button = named_button(
            "Remove line", "Remove line", "Remove the line selected (Delete)"
        )
        self._remove_button.clicked.connect(self._remove_line)
        for keys, button in (("Ctrl+Shift+S", service), ("Ctrl+G", gift)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
        # Two rows of three: the view stays narrow enough for a small window.
        buttons = (service, gift, self._fees, prepay, self._discount_button, self._remove_button)
        for position, button in enumerate(buttons):
            row.addWidget(button, position // 3, position % 3)
        self._line_button_row = QWidget()
        self._line_button_row.setLayout(row)
        outer = QHBoxLayout()
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._line_button_row)
        return outer

    def _more_row(self) -> QHBoxLayout:
        more = QToolButton()
        more.setText("More")
        more.setAccessibleName("More")
        more.setToolTip("Receipts, voids, exchanges, stock and the close of day")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.setAccessibleName("More actions")
        for text, action in (
            ("Reprint receipt…", lambda: self.open_receipt()),
            ("Void a sale…", self.open_void),
            ("Defective exchange…", self.open_exchange),
            ("Low stock and receiving…", self.open_stock),
            ("Close of day…", self.open_day_close),
        ):
            menu.addAction(text).triggered.connect(action)
        more.setMenu(menu)
        self._start_over_button = named_button(
            "New sale", "Start new sale", "Drop this sale and start an empty one (Ctrl+N)"
        )
        self._start_over_button.clicked.connect(self._start_over)
        row = QHBoxLayout()
        row.addWidget(more)
        row.addStretch(1)
        row.addWidget(self._start_over_button)
        return row


def _visit_title(kind: str, facts) -> str:
    return f"{kind}: {facts.client_name} — {facts.service_name} with {facts.provider_name}"


def _caption(text: str) -> QLabel:
    caption = QLabel(text)
    bold = QFont(caption.font())
    bold.setBold(True)
    caption.setFont(bold)
    return caption
