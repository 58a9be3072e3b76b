"""The sale's totals, read at a glance from across the desk: Subtotal, Discounts, Tax, Tip, Total,
Paid, and what is left: the balance still due, or the change to hand back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_math import Settlement

_ROWS = ("Subtotal", "Discounts", "Tax", "Tip", "Total", "Paid")


class TotalsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self._values: dict[str, QLabel] = {}
        for row, caption in enumerate(_ROWS):
            label = QLabel(caption)
            value = QLabel(format_cents(0))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setAccessibleName(f"Sale {caption.lower()}")
            label.setBuddy(value)
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
            self._values[caption] = value
        self._values["Total"].setObjectName("sale_total")  # the style sheet sets it large
        total_caption = grid.itemAtPosition(_ROWS.index("Total"), 0).widget()
        total_caption.setObjectName("sale_total")
        self._balance_caption = QLabel("Balance due")
        self._balance_caption.setAccessibleName("Balance or change")
        self.balance = QLabel(format_cents(0))
        self.balance.setAccessibleName("Sale balance")
        self.balance.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bold = QFont(self.font())
        bold.setPointSizeF(bold.pointSizeF() * 1.4)
        bold.setBold(True)
        for label in (self._balance_caption, self.balance):
            label.setFont(bold)
        grid.addWidget(self._balance_caption, len(_ROWS), 0)
        grid.addWidget(self.balance, len(_ROWS), 1)

    def show_settlement(self, settlement: Settlement) -> None:
        values = self._values
        values["Subtotal"].setText(format_cents(settlement.subtotal_cents))
        values["Discounts"].setText(format_cents(-settlement.discount_cents))
        values["Tax"].setText(format_cents(settlement.tax_cents))
        values["Tip"].setText(format_cents(settlement.tip_cents))
        values["Total"].setText(format_cents(settlement.total_cents))
        values["Paid"].setText(format_cents(settlement.paid_cents))
        if settlement.change_due_cents:
            caption, cents = "Change due", settlement.change_due_cents
        else:
            caption, cents = "Balance due", settlement.balance_due_cents
        self._balance_caption.setText(caption)
        self.balance.setText(format_cents(cents))
