"""The sale's lines as the desk sees them: the table, and the buttons under it that add a
service, a gift card, the client's unpaid fees or a prepayment, and discount or remove the line
selected. The view connects them to the sale; nothing here changes it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QGridLayout, QHeaderView, QTableView, QWidget

from medspa_desk.ui.checkout.sale_lines_model import (
    AMOUNT,
    DISCOUNT,
    ITEM,
    PRICE,
    QUANTITY,
    SaleLinesModel,
)
from medspa_desk.ui.named_widgets import named_button

_NUMBER_COLUMN_WIDTH = 96
ADD_SERVICE_KEY = "Ctrl+Shift+S"
SELL_GIFT_CARD_KEY = "Ctrl+G"


def sale_lines_table(model: SaleLinesModel) -> QTableView:
    lines = QTableView()
    lines.setObjectName("sale_lines")
    lines.setAccessibleName("Sale lines")
    lines.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
    lines.setToolTip(
        "Double-click or type on a quantity to change it; Delete removes the line; Ctrl+D discounts it"
    )
    lines.setModel(model)
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


class LineButtons(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = named_button(
            "Add service…",
            "Add service line",
            f"Add a service and its provider ({ADD_SERVICE_KEY})",
        )
        self.gift = named_button(
            "Sell gift card…",
            "Sell gift card",
            f"Sell a gift card of any value ({SELL_GIFT_CARD_KEY})",
        )
        self.fees = named_button(
            "Unpaid fees", "Add unpaid fees", "Add the client's unpaid late-cancel and no-show fees"
        )
        self.prepay = named_button(
            "Prepay booking…",
            "Prepay a booking",
            "Take the full price of one of the client's bookings to come",
        )
        self.discount = named_button(
            "Discount…", "Discount line", "Discount the line selected, with a reason (Ctrl+D)"
        )
        self.remove = named_button(
            "Remove line", "Remove line", "Remove the line selected (Delete)"
        )
        row = QGridLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        # Two rows of three: the view stays narrow enough for a small window.
        buttons = (self.service, self.gift, self.fees, self.prepay, self.discount, self.remove)
        for position, button in enumerate(buttons):
            row.addWidget(button, position // 3, position % 3)
