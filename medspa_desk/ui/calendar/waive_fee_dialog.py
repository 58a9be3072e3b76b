"""Waiving a late-cancellation or no-show fee: staff may, with a reason that is kept."""

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

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.booking.booking_change import appointment_facts
from medspa_desk.services.booking.fee_waiver import FeeOnFile, WaivedFee, waive_fee
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class WaiveFeeDialog(QDialog):
    waived = Signal(int, str)  # the appointment, a sentence for the status bar

    def __init__(
        self,
        desk: Desk,
        appointment_id: int,
        fee: FeeOnFile,
        parent: QWidget | None = None,
        *,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._appointment_id, self._fee = desk, appointment_id, fee
        self._desk_actions = desk_actions or DeskActions(self)
        facts = appointment_facts(desk, appointment_id)
        self._client_id = facts.client_id
        self.setWindowTitle("Waive fee")
        self.setAccessibleName("Waive fee")
        what = QLabel(
            f"{format_cents(fee.amount_cents)} {fee.kind.label.lower()} for {facts.client_name} "
            f"({facts.service_name}, {day_and_time(facts.starts_at, desk.settings.zone)})."
        )
        what.setWordWrap(True)
        what.setAccessibleName("Fee to waive")
        note = QLabel("The no-show or late cancellation still counts towards the client's strikes.")
        note.setWordWrap(True)
        self._reason = QLineEdit()
        self._reason.setAccessibleName("Reason")
        self._reason.setPlaceholderText("Why the fee is waived (kept with the fee)")
        self._refusal = MessageLine("Waiver problem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        waive = buttons.addButton("Waive fee", QDialogButtonBox.ButtonRole.AcceptRole)
        waive.setAccessibleName("Waive fee")
        waive.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self._waive)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Reason:", self._reason)
        layout = QVBoxLayout(self)
        for widget in (what, note):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self._refusal)
        layout.addWidget(buttons)

    def _waive(self) -> None:
        reason = self._reason.text()
        self._desk_actions.run_approved(
            self._desk,
            lambda approval: waive_fee(
                self._desk, self._fee.fee_id, reason=reason, approval=approval
            ),
            BooksChanged.of(appointments=[self._appointment_id], clients=[self._client_id]),
            self._done,
            refuse_here=self._refusal.refuse,
            parent=self,
        )

    def _done(self, done: WaivedFee) -> None:
        self.waived.emit(self._appointment_id, done.message)
        self.accept()
