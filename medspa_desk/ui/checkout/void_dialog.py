"""Voiding a sale rung up in error: today's, before the day is closed, by a manager, with a
reason. The sale stays in the records, marked void, and what it moved is put back; whether all
that holds is services.till.sale_void.void_sale's to say, and the dialog shows what it says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.receipts import receipt_data
from medspa_desk.services.till.sale_void import VoidedSale, void_sale
from medspa_desk.ui.checkout.checkout_dialog import CheckoutDialog
from medspa_desk.ui.checkout.named_widgets import receipt_number_in
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class VoidDialog(CheckoutDialog):
    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__("Void a sale", parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._sale_id: int | None = None
        self.receipt = named_field("Receipt number", "e.g. 1042")
        self.receipt.setToolTip("Type the receipt number and press Enter to see the sale")
        self.receipt.returnPressed.connect(self._find)
        self.summary = QLabel()
        self.summary.setAccessibleName("Sale to void")
        self.summary.setWordWrap(True)
        self.reason = named_field("Void reason", "Why the sale was wrong, e.g. rung up twice")
        self.void = named_button(
            "Void sale", "Void sale", "Void the sale shown (it stays in the records, marked void)"
        )
        self.void.clicked.connect(self._void)
        form = QFormLayout()
        form.addRow("Receipt:", self.receipt)
        form.addRow("", self.summary)
        form.addRow("Reason:", self.reason)
        self.body.addLayout(form)
        self.add_button(self.void)
        self.setMinimumWidth(460)

    def start(self) -> None:
        for field in (self.receipt, self.reason):
            field.clear()
        self.summary.clear()
        self.message.clear_message()
        self._sale_id = None
        self.void.setEnabled(False)
        self.receipt.setFocus()

    def _find(self) -> None:
        self._sale_id = None
        self.void.setEnabled(False)
        number = receipt_number_in(self.receipt.text())
        if number is None:
            self.message.refuse("Type the receipt's number, as printed on it.")
            return
        try:
            data = receipt_data(self._desk, number)
        except DeskRefusal as refusal:
            self.summary.clear()
            self.message.refuse(str(refusal))
            return
        who = f", {data.client_name}" if data.client_name else ""
        state = " — already void" if data.voided else ""
        self.summary.setText(
            f"Receipt {data.receipt_number}, {day_and_time(data.sold_at, data.sold_at.tzinfo)}{who}: "
            f"{format_cents(data.total_cents)}{state}"
        )
        self.message.clear_message()
        self._sale_id = data.sale_id
        self.void.setEnabled(not data.voided)
        self.reason.setFocus()

    def _void(self) -> None:
        if self._sale_id is None:
            return
        sale_id = self._sale_id
        reason = self.reason.text()
        # A manager signed in voids at once; for the front desk a manager approves on the spot.
        self._desk_actions.run_approved(
            self._desk,
            lambda approval: void_sale(self._desk, sale_id, reason=reason, approval=approval),
            BooksChanged.of(sales=[sale_id]),
            self._show_voided,
            refuse_here=self.message.refuse,  # the dialog stays open for the reason
            parent=self,
        )

    def _show_voided(self, voided: VoidedSale) -> None:
        self.void.setEnabled(False)
        self.summary.setText(
            f"Receipt {voided.receipt_number}: {format_cents(voided.total_cents)} — void"
        )
        self.message.note(
            f"Receipt {voided.receipt_number} is void; what it moved has been put back. "
            "Reprint it to give the client a VOID copy."
        )
