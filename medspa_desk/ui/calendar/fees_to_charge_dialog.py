"""Fees to charge…: the worklist of fees sent to a card on file whose charge has no approval code
from the card terminal yet. The desk runs the charge at the terminal, types the code it printed,
and the fee leaves the list (services.booking.fee_charges); a bad code is refused here and saves nothing.
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
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.money import format_cents
from medspa_desk.services.booking.fee_charges import (
    FeeCharged,
    enter_approval_code,
    fees_to_charge,
)
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

_FEE_ID_ROLE = 256  # Qt.ItemDataRole.UserRole


class FeesToChargeDialog(QDialog):
    charged = Signal(str)  # a sentence for the status bar: what was charged, with its approval

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self.setWindowTitle("Fees to charge")
        self.setAccessibleName("Fees to charge")
        note = QLabel(
            "Run each charge at the card terminal, then enter the approval code it printed."
        )
        note.setWordWrap(True)
        self._list = QListWidget()
        self._list.setAccessibleName("Fees awaiting approval")
        self._code = QLineEdit()
        self._code.setAccessibleName("Approval code")
        self._code.setPlaceholderText("as the terminal printed it")
        self._record = named_button(
            "Record approval", "Record approval", "Keep the terminal's approval code with the fee"
        )
        self._record.setDefault(True)
        self._record.clicked.connect(self._enter_code)
        self._refusal = MessageLine("Approval problem")
        self._done = QLabel()
        self._done.setAccessibleName("Fees to charge message")
        self._done.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Approval code:", self._code)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self._list)
        layout.addLayout(form)
        layout.addWidget(self._record)
        layout.addWidget(self._refusal)
        layout.addWidget(self._done)
        layout.addWidget(buttons)
        self.resize(560, 360)
        self._fill()
        self._code.setFocus()

    def _fill(self) -> None:
        self._list.clear()
        for fee in fees_to_charge(self._desk):
            item = QListWidgetItem(
                f"{fee.client_name} — {format_cents(fee.charge_cents)} to {fee.card_label} — {fee.what}"
            )
            item.setData(_FEE_ID_ROLE, fee.fee_id)
            self._list.addItem(item)
        if self._list.count():
            self._list.setCurrentRow(0)
        else:  # after the last code, the sentence of what was charged stays in front of it
            said = self._done.text()
            self._done.setText(f"{said} No fee is waiting to be charged.".strip())
        self._record.setEnabled(bool(self._list.count()))

    def _enter_code(self) -> None:
        self._refusal.clear_message()
        item = self._list.currentItem()
        if item is None:
            self._refusal.refuse("Choose the fee whose charge was run.")
            return
        self._desk_actions.run(
            lambda: enter_approval_code(self._desk, item.data(_FEE_ID_ROLE), self._code.text()),
            BooksChanged.of(),  # the fee's client and booking are not read here: any open profile
            self._recorded,
            refuse_here=self._refused,
        )

    def _refused(self, refusal: DeskRefusal) -> None:
        self._refusal.refuse(refusal)
        self._code.setFocus()

    def _recorded(self, charged: FeeCharged) -> None:
        self._code.clear()
        self._done.setText(charged.message)
        self.charged.emit(charged.message)
        self._fill()
        self._code.setFocus()
