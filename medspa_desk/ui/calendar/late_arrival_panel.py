"""The late-arrival warning: the client is more than the grace late; the desk chooses.

Shown instead of checking in when the check-in service says the client is late. It says by how
much, quotes the clinic's sentence, and offers the clinic's three choices with a reason, which the
service records with the choice. What each choice costs is said before it is taken: seeing the
client costs nothing; moving them now is their move after the start, a late cancellation with its
fee and strike (which a manager may waive); a no-show has its fee, and says when it is the strike
that makes the client prepay from then on.

Not modal, and never exec(): the desk keeps the calendar while the client is at the counter, and
a headless test clicks the buttons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.cancellation_policy import CallOffOutcome
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.domain.time_wording import clock_time
from medspa_desk.services.booking.booking_change import ChangeResult
from medspa_desk.services.booking.check_in import LateArrival, check_in
from medspa_desk.ui.calendar.call_off_preview import fee_text, prepayment_text, strike_text
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class LateArrivalPanel(QDialog):
    """Built once and asked again (`ask`) for each late client: Ctrl+I fills its lines and shows
    it, rather than building, polishing and laying out a dialog each time."""

    changed = Signal(object)  # the ChangeResult of seeing the client anyway or marking a no-show
    reschedule_chosen = Signal(int, str)  # the appointment id, and the reason typed so far

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None = None,
        *,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self.appointment_id: int | None = None  # the booking asked about, once asked
        self._changes = BooksChanged()
        self._charges_card = False
        self.setWindowTitle("Late arrival")
        self.setAccessibleName("Late arrival")
        self.setObjectName("late_arrival_panel")
        self.setModal(False)

        self._warning = QLabel()
        self._warning.setObjectName("late_warning")
        self._warning.setAccessibleName("Late warning")
        self._booking = QLabel()
        self._booking.setAccessibleName("Appointment")
        self._wording = QLabel()
        self._wording.setObjectName("policy_wording")
        self._wording.setAccessibleName("Policy wording")
        self._wording.setWordWrap(True)
        self._costs = QFormLayout()
        self._see_cost = self._cost_line("See anyway cost")
        self._move_cost = self._cost_line("Reschedule cost")
        self._no_show_cost = self._cost_line("No-show cost")
        self._costs.addRow("See anyway:", self._see_cost)
        self._costs.addRow("Reschedule:", self._move_cost)
        self._costs.addRow("Mark no-show:", self._no_show_cost)

        self._reason = QLineEdit()
        self._reason.setAccessibleName("Reason")
        self._reason.setPlaceholderText("Kept with the choice in the appointment's history")
        self._refusal = MessageLine("Late arrival problem")
        # A no-show fee sent to the card: the terminal's approval code, or empty to charge it later
        # from Fees to charge (services.booking.fee_charges).
        self._approval = QLineEdit()
        self._approval.setAccessibleName("Terminal approval code")
        self._approval.setPlaceholderText("for a no-show; empty: charge it later (Fees to charge)")

        see = self._button("See anyway", "Check the client in and see them now")
        see.setDefault(True)
        see.clicked.connect(lambda: self._check_in(LateArrivalChoice.SEE_ANYWAY))
        move = self._button(
            "Reschedule", "Move the booking to another time (opens the move dialog)"
        )
        move.clicked.connect(self._reschedule)
        no_show = self._button("Mark no-show", "Record a no-show, with its fee")
        no_show.clicked.connect(lambda: self._check_in(LateArrivalChoice.NO_SHOW))
        close = self._button("Close", "Decide later (Esc)")
        close.clicked.connect(self.reject)

        choices = QHBoxLayout()
        for button in (see, move, no_show):
            choices.addWidget(button)
        choices.addStretch(1)
        choices.addWidget(close)
        self._form = QFormLayout()
        self._form.addRow("Reason:", self._reason)
        self._form.addRow("Approval code:", self._approval)  # shown for a fee sent to the card
        layout = QVBoxLayout(self)
        # The panel takes the height its content needs, a refusal and wrapped sentences included.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(self._warning)
        layout.addWidget(self._booking)
        layout.addWidget(self._wording)
        layout.addLayout(self._costs)
        layout.addLayout(self._form)
        layout.addWidget(self._refusal)
        layout.addLayout(choices)

    def ask(self, late: LateArrival) -> None:
        """Show the decision about this late client, nothing typed yet.

        All it shows came with the question (check_in read it, finding the client late): the panel
        reads nothing, so Ctrl+I costs one read of the books."""
        check, outcome, zone = late.check, late.no_show, self._desk.settings.zone
        self.appointment_id = check.appointment_id
        self._changes = BooksChanged.of(
            appointments=[check.appointment_id],
            days=[local_date(late.starts_at, zone)],
            clients=[late.client_id],
        )
        minutes = f"{check.late_minutes} minute{'' if check.late_minutes == 1 else 's'}"
        self._warning.setText(f"{late.client_name} is {minutes} late")
        self._booking.setText(
            f"{late.service_name} with {late.provider_name} at {clock_time(late.starts_at, zone)}"
        )
        self._wording.setText(f"“{check.wording}”")
        self._see_cost.setText("Checked in now: no fee, no strike.")
        move = late.reschedule
        waiver = " A manager may waive the fee afterwards (Waive fee…)." if move.fee_cents else ""
        self._move_cost.setText(
            f"Recorded as a late cancellation (the client's move after the start): "
            f"{self._costs_of(move, late)}.{waiver}"
        )
        self._no_show_cost.setText(f"{self._costs_of(outcome, late)}.")
        self._charges_card = bool(outcome.fee.charge_card_cents)
        self._form.setRowVisible(self._approval, self._charges_card)
        self._reason.clear()
        self._approval.clear()
        self._refusal.clear_message()
        self._reason.setFocus()  # where a first showing puts it, for a reason typed at once
        # Centred over the calendar again, as a new panel would be, wherever the last was moved.
        self.setAttribute(Qt.WidgetAttribute.WA_Moved, False)
        self.show()  # not modal: the desk keeps the calendar while deciding

    def _costs_of(self, outcome: CallOffOutcome, late: LateArrival) -> str:
        # A prepaid booking forfeits (or, staff deciding, credits) its prepayment instead of a fee.
        money = (
            prepayment_text(outcome)
            if outcome.prepayment is not None
            else fee_text(outcome, late.card)
        )
        strike = strike_text(outcome, late.strikes, late.client_name, self._desk.settings)
        return f"{money} · {strike}"

    @staticmethod
    def _cost_line(name: str) -> QLabel:
        line = QLabel()
        line.setAccessibleName(name)
        line.setWordWrap(True)
        return line

    def _button(self, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.setToolTip(tooltip)
        button.setAutoDefault(False)
        return button

    def _check_in(self, choice: LateArrivalChoice) -> None:
        self._refusal.clear_message()
        charging = choice is LateArrivalChoice.NO_SHOW and self._charges_card
        code = self._approval.text() if charging else ""
        appointment_id = self.appointment_id
        assert appointment_id is not None, "asked about a booking before its buttons are shown"
        self._desk_actions.run(
            lambda: check_in(
                self._desk,
                appointment_id,
                late_choice=choice,
                reason=self._reason.text(),
                card_approval_code=code,
            ),
            self._changes,
            self._done,
            refuse_here=self._refusal.refuse,
        )

    def _done(self, result: ChangeResult) -> None:
        self.changed.emit(result)
        self.accept()

    def _reschedule(self) -> None:
        assert self.appointment_id is not None, "asked about a booking before its buttons are shown"
        self.reschedule_chosen.emit(self.appointment_id, self._reason.text())
        self.accept()
