"""Any receipt, past or just made: found by its number, previewed as it will print (with REPRINT
across it once its paper original was printed, VOID when the sale was voided), then printed or
saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QWidget

from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.receipts import receipt_document
from medspa_desk.ui.checkout.checkout_dialog import CheckoutDialog
from medspa_desk.ui.checkout.completed_sale_panel import layout_combo
from medspa_desk.ui.checkout.named_widgets import receipt_number_in
from medspa_desk.ui.checkout.receipt_printing import pdf_as_image
from medspa_desk.ui.named_widgets import named_button, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.checkout.receipt_printing import ReceiptPrinting

PREVIEW_DOTS_PER_INCH = 110  # about the screen's: a roll receipt fits the dialog's width


class ReceiptDialog(CheckoutDialog):
    def __init__(
        self, desk: Desk, receipts: ReceiptPrinting, parent: QWidget | None = None
    ) -> None:
        super().__init__("Receipt", parent)
        self._desk = desk
        self._receipts = receipts
        self._shown: int | None = None
        self.number = named_field("Receipt number", "e.g. 1042")
        self.number.setToolTip("Type the receipt number and press Enter to see it")
        self.number.returnPressed.connect(
            lambda: self.show_receipt(receipt_number_in(self.number.text()))
        )
        self.layout_choice = layout_combo()
        self.layout_choice.setCurrentIndex(
            max(self.layout_choice.findData(desk.settings.receipt_layout.value), 0)
        )
        self.layout_choice.currentIndexChanged.connect(lambda _index: self._preview())
        self.preview = QLabel()
        self.preview.setAccessibleName("Receipt preview")
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumSize(420, 520)
        self.print_button = named_button("Print…", "Print this receipt", "Print the receipt shown")
        self.print_button.clicked.connect(
            lambda: self._receipts.print_receipt(self._shown, self._layout())
        )
        self.save = named_button(
            "Save PDF…", "Save this receipt", "Save the receipt shown as a PDF"
        )
        self.save.clicked.connect(lambda: self._receipts.save_receipt(self._shown, self._layout()))
        form = QFormLayout()
        form.addRow("Receipt:", self.number)
        form.addRow("Layout:", self.layout_choice)
        self.body.addLayout(form)
        self.body.addWidget(scroll, 1)
        self.add_button(self.print_button)
        self.add_button(self.save)
        receipts.printing.finished.connect(self._printed)
        receipts.printing.failed.connect(
            lambda sentence: self.isVisible() and self.message.refuse(sentence)
        )

    def show_receipt(self, receipt_number: int | None) -> None:
        """Show receipt `receipt_number`; None asks the desk for a number."""
        self._shown = None
        self.message.clear_message()
        if receipt_number is None:
            self.number.clear()
        else:
            self.number.setText(str(receipt_number))
            self._shown = receipt_number
        self._preview()
        self.number.setFocus()

    def _preview(self) -> None:
        shown = self._shown is not None
        self.print_button.setEnabled(shown)
        self.save.setEnabled(shown)
        if not shown:
            self.preview.clear()
            return
        try:
            document = receipt_document(self._desk, self._shown, self._layout())
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            self._shown = None
            self._preview()
            return
        image = pdf_as_image(document.pdf, PREVIEW_DOTS_PER_INCH)
        self.preview.setPixmap(QPixmap.fromImage(image))

    def _printed(self, sentence: str) -> None:
        if self.isVisible():
            # A receipt printed is a reprint from now on: the preview shows it as it would print next.
            self._preview()
            self.message.note(sentence)

    def _layout(self) -> ReceiptLayout:
        return ReceiptLayout(self.layout_choice.currentData())
