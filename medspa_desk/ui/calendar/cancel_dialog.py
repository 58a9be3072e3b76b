"""Cancelling a booking, or marking it a no-show: who called it off, why, and what it will cost,
shown before the desk confirms. One dialog for both, since a no-show is priced as a call-off.

Opened with open(); the change goes through the window's DeskActions.run (a refusal shown here,
every view told), and `changed` carries the service's result to the calendar first. When the fee
goes to the card on file, the desk runs the charge at the card terminal and types its approval
code here; left empty, the fee stays "to charge" on the Fees to charge list until it is entered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.cancellation_policy import CallOff, CallOffOutcome, notice
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.booking.booking_change import ChangeResult, appointment_facts
from medspa_desk.services.booking.call_off import cancel, preview_call_off
from medspa_desk.services.booking.call_off_money import StaffDecisionNeeded
from medspa_desk.services.booking.check_in import mark_no_show
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.calendar.call_off_preview import CallOffPreview
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine

if TYPE_CHECKING:
    from medspa_desk.services.booking.booking_change import AppointmentFacts
    from medspa_desk.services.desk import Desk


def appointment_summary(facts: AppointmentFacts, desk: Desk) -> str:
    """'Emma Sanders' over 'HydraFacial with Mia Carter, Wed Nov 25 at 2:00 PM'."""
    when = day_and_time(facts.starts_at, desk.settings.zone)
    return f"{facts.client_name}\n{facts.service_name} with {facts.provider_name}, {when}"


class CancelDialog(QDialog):
    changed = Signal(object)  # the ChangeResult, once the change is made

    def __init__(
        self,
        desk: Desk,
        appointment_id: int,
        parent: QWidget | None = None,
        *,
        no_show: bool = False,
        desk_actions: DeskActions | None = None,
    ) -> None:
        # Read before anything is built: a booking that can no longer be called off raises
        # DeskRefusal here, and the desk is told instead of being shown a dialog.
        facts = appointment_facts(desk, appointment_id)
        outcome = preview_call_off(
            desk, appointment_id, CallOff.NO_SHOW if no_show else CallOff.CLIENT_CANCELS
        )
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._appointment_id = appointment_id
        self._no_show = no_show
        self._facts = facts
        self._card = client_standing(desk, self._facts.client_id).card
        title = "Mark no-show" if no_show else "Cancel appointment"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName("cancel_dialog")

        summary = QLabel(appointment_summary(self._facts, desk))
        summary.setObjectName("appointment_summary")
        summary.setAccessibleName("Appointment")
        summary.setWordWrap(True)

        self._by_client = QRadioButton("The client")
        self._by_client.setAccessibleName("Client cancels")
        self._by_client.setChecked(True)
        self._by_clinic = QRadioButton("The clinic")
        self._by_clinic.setAccessibleName("Clinic cancels")
        who = QButtonGroup(self)
        who.addButton(self._by_client)
        who.addButton(self._by_clinic)
        who.buttonToggled.connect(self._who_changed)
        who_row = QHBoxLayout()
        who_row.addWidget(self._by_client)
        who_row.addWidget(self._by_clinic)
        who_row.addStretch(1)

        self._reason = QLineEdit()
        self._reason.setAccessibleName("Reason")
        self._reason.setPlaceholderText("Optional" if no_show else "Required: why it is cancelled")
        self._preview = CallOffPreview(desk.settings)
        self._approval = QLineEdit()
        self._approval.setAccessibleName("Terminal approval code")
        self._approval.setPlaceholderText("empty: charge it later (Fees to charge)")
        self._approval_note = QLabel()
        self._approval_note.setWordWrap(True)
        self._approval_note.setAccessibleName("Card charge")
        self._refusal = MessageLine("Cancellation problem")

        buttons = QDialogButtonBox()
        confirm = buttons.addButton(title, QDialogButtonBox.ButtonRole.AcceptRole)
        confirm.setAccessibleName(title)
        confirm.setDefault(True)
        keep = buttons.addButton("Keep appointment", QDialogButtonBox.ButtonRole.RejectRole)
        keep.setAccessibleName("Keep appointment")
        keep.setToolTip("Close without changing anything (Esc)")
        confirm.clicked.connect(self._confirm)
        keep.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(summary)
        if not no_show:
            form.addRow("Who cancels:", who_row)
        form.addRow("Reason:", self._reason)
        layout = QVBoxLayout(self)
        # The dialog takes the height its content needs as parts appear and go (a refusal, the
        # staff's choice), wrapped sentences included.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addLayout(form)
        layout.addWidget(self._preview)
        approval = QFormLayout()
        approval.addRow(self._approval_note)
        approval.addRow("Approval code:", self._approval)
        self._approval_form = QWidget()
        self._approval_form.setLayout(approval)
        layout.addWidget(self._approval_form)
        layout.addWidget(self._refusal)
        layout.addWidget(buttons)
        self._show_outcome(outcome)
        self._reason.setFocus()

    def _call_off(self) -> CallOff:
        if self._no_show:
            return CallOff.NO_SHOW
        return CallOff.CLINIC_CANCELS if self._by_clinic.isChecked() else CallOff.CLIENT_CANCELS

    def _who_changed(self, _button, checked: bool) -> None:
        if not checked:
            return
        self._refusal.clear_message()
        try:
            self._show_preview()
        except DeskRefusal as refusal:  # say, checked in since the dialog opened
            self._refusal.refuse(str(refusal))

    def _show_preview(self) -> None:
        self._show_outcome(preview_call_off(self._desk, self._appointment_id, self._call_off()))

    def _show_outcome(self, outcome: CallOffOutcome) -> None:
        given = None if self._no_show else notice(self._facts.starts_at, self._desk.clock.now())
        self._preview.show_outcome(outcome, self._facts, self._card, given)
        charge = outcome.fee.charge_card_cents
        self._approval_form.setVisible(bool(charge))
        if charge:
            self._approval_note.setText(
                f"Run the {format_cents(charge)} charge to {self._card.label} at the card terminal "
                "and enter the approval code it prints."
            )

    def _confirm(self) -> None:
        self._refusal.clear_message()
        if self._preview.staff_must_decide() and self._preview.prepayment_choice() is None:
            self._refusal.refuse("Choose to credit or forfeit the prepayment, and give the reason.")
            return
        self._desk_actions.run(
            self._call_off_now,
            BooksChanged.of(
                appointments=[self._appointment_id],
                days=[local_date(self._facts.starts_at, self._desk.settings.zone)],
                clients=[self._facts.client_id],
            ),
            self._done,
            refuse_here=self._refusal.refuse,
        )

    def _call_off_now(self) -> ChangeResult:
        try:
            if self._no_show:
                return mark_no_show(
                    self._desk,
                    self._appointment_id,
                    reason=self._reason.text(),
                    card_approval_code=self._approval_code(),
                )
            return cancel(
                self._desk,
                self._appointment_id,
                by_clinic=self._by_clinic.isChecked(),
                reason=self._reason.text(),
                prepayment_choice=self._preview.prepayment_choice(),
                card_approval_code=self._approval_code(),
            )
        except StaffDecisionNeeded as needed:  # the clock crossed into the silent window
            self._show_outcome(needed.outcome)  # what the desk now decides; the refusal says so
            raise

    def _done(self, result: ChangeResult) -> None:
        self.changed.emit(result)
        self.accept()

    def _approval_code(self) -> str:
        return "" if self._approval_form.isHidden() else self._approval.text()
