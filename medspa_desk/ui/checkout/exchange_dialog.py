"""A defective product exchanged for a new one of the same product, against its receipt (the
Refund Policy: within 14 days, for the same product only). The desk finds the receipt, picks
the line, says how many and what is wrong, and may scan the unit handed over so a different
product is caught; retail_stock.exchange_defective decides and records it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QSpinBox, QWidget

from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.exchangeable_lines import exchangeable_lines
from medspa_desk.services.till.retail_stock import exchange_defective
from medspa_desk.ui.checkout.checkout_dialog import CheckoutDialog
from medspa_desk.ui.checkout.named_widgets import receipt_number_in
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class ExchangeDialog(CheckoutDialog):
    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__("Defective exchange", parent)
        self._desk_actions = desk_actions or DeskActions(self)
        self._desk = desk
        self._receipt_number: int | None = None
        self.receipt = named_field("Receipt number", "e.g. 1042")
        self.receipt.setToolTip("Type the receipt number and press Enter to list what it sold")
        self.receipt.returnPressed.connect(self._find)
        self.line = named_combo("Receipt line")
        self.line.currentIndexChanged.connect(lambda _index: self._line_chosen())
        self.quantity = QSpinBox()
        self.quantity.setAccessibleName("Quantity to exchange")
        self.quantity.setRange(1, 1)
        self.replacement = named_field("Replacement scanned", "Scan the new unit (optional)")
        self.replacement.setToolTip("Scanning the unit handed over checks it is the same product")
        self.reason = named_field("What is defective", "e.g. pump broken")
        self.record = named_button(
            "Record exchange", "Record exchange", "Exchange the units for new ones"
        )
        self.record.clicked.connect(self._record)
        form = QFormLayout()
        form.addRow("Receipt:", self.receipt)
        form.addRow("Product:", self.line)
        form.addRow("Quantity:", self.quantity)
        form.addRow("New unit:", self.replacement)
        form.addRow("Defect:", self.reason)
        self.body.addLayout(form)
        self.add_button(self.record)
        self.setMinimumWidth(580)  # a product's name, SKU and counts on one line

    def start(self) -> None:
        for field in (self.receipt, self.replacement, self.reason):
            field.clear()
        self.line.clear()
        self.message.clear_message()
        self._receipt_number = None
        self.record.setEnabled(False)
        self.receipt.setFocus()

    def _find(self) -> None:
        self.line.clear()
        self.record.setEnabled(False)
        number = receipt_number_in(self.receipt.text())
        if number is None:
            self.message.refuse("Type the receipt's number, as printed on it.")
            return
        try:
            lines = exchangeable_lines(self._desk, number)
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return
        if not lines:
            self.message.refuse(
                f"Receipt {number} sold no retail product. Services and gift cards are not "
                "exchanged (Refund Policy)."
            )
            return
        self._receipt_number = number
        for line in lines:
            self.line.addItem(
                f"{line.description} · {line.sku} — {line.quantity} bought, {line.left} left", line
            )
        self.message.clear_message()
        self.record.setEnabled(True)
        self.line.setFocus()

    def _line_chosen(self) -> None:
        line = self.line.currentData()
        if line is not None:
            self.quantity.setRange(1, max(line.left, 1))

    def _record(self) -> None:
        line = self.line.currentData()
        if line is None or self._receipt_number is None:
            return
        receipt_number = self._receipt_number
        self._desk_actions.run(
            lambda: exchange_defective(
                self._desk,
                receipt_number,
                line.sale_line_id,
                quantity=self.quantity.value(),
                reason=self.reason.text(),
                replacement_sku=self.replacement.text() or None,
            ),
            BooksChanged(),  # the sale is not known by id here: the open client is read again
            lambda done: self._show_exchanged(line, done),
            refuse_here=self.message.refuse,
        )

    def _show_exchanged(self, line, done) -> None:
        sentence = (
            f"Exchanged {done.quantity} × {line.description} on receipt {self._receipt_number}; "
            f"{done.stock_quantity} left on the shelf."
        )
        self._find()  # what is left to exchange on the receipt, counted again
        self.reason.clear()
        self.replacement.clear()
        self.message.note(f"{sentence} {done.recount_warning}".strip())
