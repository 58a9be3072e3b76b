"""The retail shelf at a glance: the products running low (a count below zero first: a recount
is due), and a delivery received onto the shelf."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QListWidget, QSpinBox, QWidget

from medspa_desk.services.till.retail_stock import (
    LOW_STOCK_AT,
    ProductMatch,
    find_product,
    low_stock,
    receive_stock,
)
from medspa_desk.ui.checkout.checkout_dialog import CheckoutDialog
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class StockDialog(CheckoutDialog):
    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__("Low stock and receiving", parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self.low = QListWidget()
        self.low.setAccessibleName("Low stock")
        self.low.setToolTip(
            f"Products with {LOW_STOCK_AT} or fewer on the shelf, the emptiest first"
        )
        self.product = named_field("Product received", "Scan or type the SKU")
        self.product.returnPressed.connect(lambda: self.units.setFocus())
        self.units = QSpinBox()
        self.units.setAccessibleName("Units received")
        self.units.setRange(1, 10_000)
        self.note = named_field("Delivery note", "Invoice or delivery number (optional)")
        self.receive = named_button("Receive", "Receive stock", "Put the units on the shelf")
        self.receive.clicked.connect(self._receive)
        form = QFormLayout()
        form.addRow("Running low:", self.low)
        form.addRow("SKU:", self.product)
        form.addRow("Units:", self.units)
        form.addRow("Note:", self.note)
        self.body.addLayout(form)
        self.add_button(self.receive)
        self.setMinimumWidth(480)

    def start(self) -> None:
        self.message.clear_message()
        self._list_low()
        self.product.setFocus()

    def _list_low(self) -> None:
        self.low.clear()
        for product in low_stock(self._desk):
            self.low.addItem(
                f"{product.stock_quantity:>4}  {product.name} ({product.brand}) · {product.sku}"
            )

    def _receive(self) -> None:
        found = find_product(self._desk, self.product.text())
        if len(found) != 1:
            what = self.product.text().strip()
            self.message.refuse(
                f"No product has the SKU, barcode or name {what!r}."
                if not found
                else f"{what!r} matches {len(found)} products: type or scan the whole SKU."
            )
            return
        product = found[0]
        self._desk_actions.run(
            lambda: receive_stock(
                self._desk, product.product_id, self.units.value(), self.note.text()
            ),
            BooksChanged.of(),  # the shelf changed: no booking, client or sale
            lambda count: self._received(product, count),
            refuse_here=self.message.refuse,
        )

    def _received(self, product: ProductMatch, count: int) -> None:
        self.message.note(
            f"{self.units.value()} × {product.name} received: {count} on the shelf now."
        )
        for field in (self.product, self.note):
            field.clear()
        self.units.setValue(1)
        self._list_low()
        self.product.setFocus()
