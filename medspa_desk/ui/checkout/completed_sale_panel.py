"""What the desk sees once a sale is written: its receipt number and the change to hand back, the
codes of gift cards sold (large, to read out or copy onto the card), a recount warning if the
shelf count went below zero, and the receipt to print, save or preview; for a visit, its next one
to book before the client leaves (rebooking); then a new sale."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.services.till.sale_completion import CompletedSale
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button, named_combo

# Four weeks: the usual return for most of the menu (a facial, a peel); the desk changes it.
DEFAULT_REBOOK_WEEKS = 4


def layout_combo(name: str = "Receipt layout"):
    combo = named_combo(name)
    for layout in ReceiptLayout:
        combo.addItem(layout.label, layout.value)
    combo.setToolTip("Roll for the receipt printer, Letter for a sheet or an email")
    return combo


class CompletedSalePanel(QWidget):
    print_requested = Signal(int, str)  # receipt number, layout
    save_requested = Signal(int, str)
    preview_requested = Signal(int)
    new_sale_requested = Signal()
    rebook_requested = Signal(int)  # weeks from the visit just paid for

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._receipt_number = 0
        self.outcome = QLabel()
        self.outcome.setAccessibleName("Sale outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        large = QFont(self.font())
        large.setPointSizeF(large.pointSizeF() * 1.6)
        large.setBold(True)
        self.outcome.setFont(large)

        self.gift_cards = QLabel()
        self.gift_cards.setAccessibleName("Gift card codes")
        self.gift_cards.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        codes = QFont("DejaVu Sans Mono")
        codes.setStyleHint(QFont.StyleHint.Monospace)
        codes.setPointSizeF(large.pointSizeF() * 1.2)
        codes.setBold(True)
        self.gift_cards.setFont(codes)

        self.warnings = MessageLine("Recount warning")

        self.layout_choice = layout_combo()
        print_button = named_button("Print receipt…", "Print receipt", "Print the receipt (Ctrl+P)")
        print_button.setMinimumHeight(40)
        print_button.clicked.connect(
            lambda: self.print_requested.emit(self._receipt_number, self._layout())
        )
        save = named_button("Save PDF…", "Save PDF", "Save the receipt as a PDF file")
        save.clicked.connect(lambda: self.save_requested.emit(self._receipt_number, self._layout()))
        preview = named_button("Preview…", "Preview receipt", "See the receipt before printing it")
        preview.clicked.connect(lambda: self.preview_requested.emit(self._receipt_number))
        new_sale = named_button("New sale", "New sale", "Start the next sale (Ctrl+N)")
        new_sale.setMinimumHeight(40)
        new_sale.clicked.connect(self.new_sale_requested)
        self.print_button = print_button
        # The visit's next one, booked before the client leaves the counter.
        self.rebook = QWidget()
        self.rebook.setAccessibleName("Rebook")
        self._weeks = QSpinBox()
        self._weeks.setAccessibleName("Weeks to next visit")
        self._weeks.setRange(1, 52)
        self._weeks.setValue(DEFAULT_REBOOK_WEEKS)
        self._weeks.setSuffix(" weeks")
        rebook_button = named_button(
            "Book next visit…", "Book next visit", "Book the same service with the same provider"
        )
        rebook_button.clicked.connect(lambda: self.rebook_requested.emit(self._weeks.value()))
        self._rebook_what = QLabel()
        self._rebook_what.setAccessibleName("Next visit")
        self._rebook_what.setWordWrap(True)
        rebook_row = QHBoxLayout(self.rebook)
        rebook_row.setContentsMargins(0, 0, 0, 0)
        rebook_row.addWidget(self._rebook_what, 1)
        rebook_row.addWidget(QLabel("in"))
        rebook_row.addWidget(self._weeks)
        rebook_row.addWidget(rebook_button)
        self.rebook.hide()

        receipt_row = QHBoxLayout()
        receipt_row.addWidget(QLabel("Layout:"))
        receipt_row.addWidget(self.layout_choice, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(print_button, 1)
        buttons.addWidget(save)
        buttons.addWidget(preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outcome)
        layout.addWidget(self.gift_cards)
        layout.addWidget(self.warnings)
        layout.addSpacing(12)
        layout.addLayout(receipt_row)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.rebook)
        layout.addStretch(1)
        layout.addWidget(new_sale)

    def show_sale(self, sale: CompletedSale, offered_layout: ReceiptLayout) -> None:
        """The sale just completed, its receipt offered in the clinic's layout (a setting)."""
        self._receipt_number = sale.receipt_number
        self.layout_choice.setCurrentIndex(
            max(self.layout_choice.findData(offered_layout.value), 0)
        )
        outcome = f"Receipt {sale.receipt_number}"
        if sale.change_due_cents:
            outcome += f" — change due {format_cents(sale.change_due_cents)}"
        else:
            outcome += f" — {format_cents(sale.total_cents)} paid"
        self.outcome.setText(outcome)
        codes = [f"{card.code}  {format_cents(card.amount_cents)}" for card in sale.gift_cards]
        self.gift_cards.setText("Gift card sold:\n" + "\n".join(codes) if codes else "")
        self.gift_cards.setVisible(bool(codes))
        self.warnings.refuse("\n".join(sale.recount_warnings))
        self.print_button.setFocus()

    def offer_rebook(self, what: str | None) -> None:
        """Offer the visit's next one ("HydraFacial with Mia Carter"), or nothing for a sale
        with no visit."""
        self.rebook.setVisible(what is not None)
        self._rebook_what.setText(f"Next visit: {what}" if what else "")
        self._weeks.setValue(DEFAULT_REBOOK_WEEKS)

    def _layout(self) -> ReceiptLayout:
        return ReceiptLayout(self.layout_choice.currentData())
