"""How a sale is paid, on the till's right while it is taken: the tip, the payments and one large
Complete button. (The sale's message line is above it, under the totals, the view's own: it
stays on the screen once the sale is completed and this panel makes way for the receipt's.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from medspa_desk.ui.checkout.tender_panel import TenderPanel
from medspa_desk.ui.checkout.tip_entry import TipEntry
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

COMPLETE_KEY = "F12"  # the far right of the function row: the till's "total" key


class PayingPanel(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tip = TipEntry()
        self.tenders = TenderPanel(desk)
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_caption("Tip"))
        layout.addWidget(self.tip)
        layout.addWidget(_caption("Payment"))
        layout.addWidget(self.tenders)
        layout.addStretch(1)
        layout.addWidget(self.complete)


def _caption(text: str) -> QLabel:
    caption = QLabel(text)
    bold = QFont(caption.font())
    bold.setBold(True)
    caption.setFont(bold)
    return caption
