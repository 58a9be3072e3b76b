"""Take deposit…: the amount of a booking's deposit, before it is rung up at the till.

The amount starts as the deposit the service's menu entry asks for (empty when it asks none);
the desk may change it. The amount is checked by the deposit service here, so a deposit that
cannot be taken is refused in this dialog; the till (Checkout) then takes the payment and prints
the receipt, and checks everything again when the sale completes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.money import format_cents, parse_cents
from medspa_desk.services.booking.deposits import deposit_asked, deposit_line
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.message_line import MessageLine

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class DepositDialog(QDialog):
    ring_up = Signal(int, int)  # the appointment, the deposit in cents: Checkout takes it

    def __init__(self, desk: Desk, appointment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._appointment_id = desk, appointment_id
        asked = deposit_asked(desk, appointment_id)  # DeskRefusal: the caller says why
        self.setWindowTitle("Take deposit")
        self.setAccessibleName("Take deposit")
        menu = (
            f"The menu asks a {format_cents(asked.menu_deposit_cents)} deposit."
            if asked.menu_deposit_cents
            else "The menu asks no deposit for this service: enter the amount."
        )
        what = QLabel(
            f"Deposit for {asked.client_name}: {asked.service_name} "
            f"({format_cents(asked.price_cents)}). {menu} It is held against a late-cancellation "
            "fee and used at checkout."
        )
        what.setWordWrap(True)
        what.setAccessibleName("Deposit for")
        self._amount = QLineEdit(
            f"{asked.menu_deposit_cents / 100:.2f}" if asked.menu_deposit_cents else ""
        )
        self._amount.setAccessibleName("Deposit amount")
        self._amount.setPlaceholderText("e.g. 50.00")
        self._refusal = MessageLine("Deposit problem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ring = buttons.addButton("Ring up at the till", QDialogButtonBox.ButtonRole.AcceptRole)
        ring.setAccessibleName("Ring up at the till")
        ring.setDefault(True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        cancel.setAutoDefault(False)  # Enter in the amount rings up; only Esc or a click cancels
        buttons.accepted.connect(self._ring_up)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Amount:", self._amount)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self._refusal)
        layout.addWidget(buttons)
        self._amount.setFocus()
        self._amount.selectAll()

    def _ring_up(self) -> None:
        self._refusal.clear_message()
        try:
            cents = parse_cents(self._amount.text().strip())
        except ValueError:
            self._refusal.refuse("Enter the deposit as an amount of money, like 50.00.")
            return
        try:
            deposit_line(self._desk, self._appointment_id, cents)
        except DeskRefusal as refusal:
            self._refusal.refuse(str(refusal))
            return
        self.ring_up.emit(self._appointment_id, cents)
        self.accept()
