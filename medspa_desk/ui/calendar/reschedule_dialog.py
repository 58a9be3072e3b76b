"""Moving a booking: the new provider, date and time, who asked for the move, and what it will
cost, shown before the desk confirms. A drag on the calendar opens this too, prefilled with where
the booking was dropped, so the question and the fee are never skipped.

A late client moved on the spot (the late-arrival panel's "Reschedule") is the client's move,
after the start: the dialog does not ask who wanted it, and it opens on the provider's next free
time rather than the slot that has passed, with the next few free times a click away. If the client must prepay the new booking
(the strike rule), the prepayment form appears, as in the Book dialog; so does a manager's
"Book anyway" when the new time is outside the provider's availability.
"""

from __future__ import annotations

from datetime import date, datetime
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
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.cancellation_policy import CallOff, CallOffOutcome, notice
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.domain.time_wording import clock_time
from medspa_desk.services.booking.availability_checks import TimeUnavailable
from medspa_desk.services.booking.booking_change import ChangeResult, appointment_facts
from medspa_desk.services.booking.booking_choices import providers
from medspa_desk.services.booking.booking_prepayment import PrepaymentNeeded
from medspa_desk.services.booking.call_off import preview_call_off
from medspa_desk.services.booking.call_off_money import StaffDecisionNeeded
from medspa_desk.services.booking.free_times import next_free_starts
from medspa_desk.services.booking.reschedule import reschedule
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import ManagerApproval
from medspa_desk.ui.calendar.availability_override_form import AvailabilityOverrideForm
from medspa_desk.ui.calendar.call_off_preview import CallOffPreview
from medspa_desk.ui.calendar.cancel_dialog import appointment_summary
from medspa_desk.ui.calendar.prepayment_form import PrepaymentForm
from medspa_desk.ui.calendar.slot_fields import SlotFields
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class RescheduleDialog(QDialog):
    moved = Signal(
        int, date, str
    )  # the new appointment's id, its day, a sentence for the status bar

    def __init__(
        self,
        desk: Desk,
        appointment_id: int,
        parent: QWidget | None = None,
        *,
        provider_id: int | None = None,
        starts_at: datetime | None = None,
        late_choice: LateArrivalChoice | None = None,
        reason: str = "",
        desk_actions: DeskActions | None = None,
    ) -> None:
        # Read before anything is built: a booking that can no longer be moved raises
        # DeskRefusal here, and the desk is told instead of being shown a dialog.
        facts = appointment_facts(desk, appointment_id)
        outcome = preview_call_off(desk, appointment_id, CallOff.CLIENT_RESCHEDULES)
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._appointment_id = appointment_id
        self._late_choice = late_choice
        self._facts = facts
        self._card = client_standing(desk, self._facts.client_id).card
        self.setWindowTitle("Move appointment")
        self.setAccessibleName("Move appointment")
        self.setObjectName("reschedule_dialog")

        summary = QLabel(appointment_summary(self._facts, desk))
        summary.setObjectName("appointment_summary")
        summary.setAccessibleName("Appointment")
        summary.setWordWrap(True)

        self._slot = SlotFields(
            desk.settings, providers(desk), ("New provider", "New date", "New time"), self
        )
        self._slot.set_slot(self._facts.provider_id, self._facts.starts_at)
        self._slot.set_slot(provider_id, starts_at)
        self._free_times = QHBoxLayout()
        if starts_at is None and self._facts.starts_at <= desk.clock.now():
            self._offer_free_times(next_free_starts(desk, appointment_id))

        self._by_client = QRadioButton("The client")
        self._by_client.setAccessibleName("Client asked")
        self._by_client.setChecked(True)
        self._by_clinic = QRadioButton("The clinic")
        self._by_clinic.setAccessibleName("Clinic asked")
        who = QButtonGroup(self)
        who.addButton(self._by_client)
        who.addButton(self._by_clinic)
        who.buttonToggled.connect(self._who_changed)
        who_row = QHBoxLayout()
        who_row.addWidget(self._by_client)
        who_row.addWidget(self._by_clinic)
        who_row.addStretch(1)

        self._reason = QLineEdit(reason)
        self._reason.setAccessibleName("Reason")
        self._reason.setPlaceholderText("Why it moves (kept in the history)")
        self._preview = CallOffPreview(desk.settings)
        self._prepayment = PrepaymentForm(desk)
        self._prepayment.hide()
        self._refusal = MessageLine("Move problem")
        self._outside = AvailabilityOverrideForm(desk)
        self._outside.confirmed.connect(self._confirm)
        self._slot.changed.connect(self._outside.put_away)
        # A late move's fee sent to the card: the terminal's approval code, or empty to charge it
        # later from Fees to charge (services.booking.fee_charges).
        self._approval = QLineEdit()
        self._approval.setAccessibleName("Terminal approval code")
        self._approval.setPlaceholderText("empty: charge it later (Fees to charge)")

        buttons = QDialogButtonBox()
        confirm = buttons.addButton("Move appointment", QDialogButtonBox.ButtonRole.AcceptRole)
        confirm.setAccessibleName("Move appointment")
        confirm.setDefault(True)
        keep = buttons.addButton("Keep as it is", QDialogButtonBox.ButtonRole.RejectRole)
        keep.setAccessibleName("Keep as it is")
        keep.setToolTip("Close without moving (Esc)")
        confirm.clicked.connect(self._confirm)
        keep.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(summary)
        form.addRow("Provider:", self._slot.provider)
        when = QHBoxLayout()
        when.addWidget(self._slot.day, 1)
        when.addWidget(QLabel("at"))
        when.addWidget(self._slot.time, 1)
        form.addRow("When:", when)
        if self._free_times.count():
            form.addRow("Next free:", self._free_times)
        if late_choice is None:
            form.addRow("Who asked:", who_row)
        else:
            late = QLabel(
                "The client arrived late: the move counts as the client's, after the start."
            )
            late.setAccessibleName("Late move")
            late.setWordWrap(True)
            form.addRow(late)
        form.addRow("Reason:", self._reason)
        form.addRow("Approval code:", self._approval)
        self._approval_row = form.rowCount() - 1
        self._form = form
        layout = QVBoxLayout(self)
        # The dialog takes the height its content needs as parts appear and go (a refusal, the
        # prepayment form), wrapped sentences included.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addLayout(form)
        layout.addWidget(self._preview)
        layout.addWidget(self._prepayment)
        layout.addWidget(self._refusal)
        layout.addWidget(self._outside)
        layout.addWidget(buttons)
        self._show_outcome(outcome)  # the client's move: the choice the dialog opens with

    def _offer_free_times(self, starts: tuple[datetime, ...]) -> None:
        """The slot has passed: open on the first free time, and offer the next ones."""
        if not starts:
            return
        self._slot.set_slot(self._facts.provider_id, starts[0])
        zone = self._desk.settings.zone
        today = local_date(self._desk.clock.now(), zone)
        for start in starts:
            day = local_date(start, zone)
            label = clock_time(start, zone)  # today's by the time alone; another day's, short
            if day != today:  # enough for six in a 1024-pixel window: "Thu 26, 10:00 AM"
                label = f"{day:%a} {day.day}, {label}"
            button = QPushButton(label)
            button.setAccessibleName(f"Next free {label}")
            button.setAutoDefault(False)
            button.clicked.connect(
                lambda _checked=False, start=start: self._slot.set_slot(None, start)
            )
            self._free_times.addWidget(button)
        self._free_times.addStretch(1)

    def _by_clinic_chosen(self) -> bool:
        return self._late_choice is None and self._by_clinic.isChecked()

    def _who_changed(self, _button, checked: bool) -> None:
        if not checked:
            return
        self._refusal.clear_message()
        try:
            self._show_preview()
        except DeskRefusal as refusal:  # say, checked in since the dialog opened
            self._refusal.refuse(str(refusal))

    def _show_preview(self) -> None:
        # The clinic's move is priced as its cancellation and recorded as a move (the service's
        # rule), so the preview asks for that and names the status itself.
        call_off = (
            CallOff.CLINIC_CANCELS if self._by_clinic_chosen() else CallOff.CLIENT_RESCHEDULES
        )
        self._show_outcome(preview_call_off(self._desk, self._appointment_id, call_off))

    def _show_outcome(self, outcome: CallOffOutcome) -> None:
        status = AppointmentStatus.RESCHEDULED.label if self._by_clinic_chosen() else None
        given = notice(self._facts.starts_at, self._desk.clock.now())
        self._preview.show_outcome(outcome, self._facts, self._card, given, status_label=status)
        self._charges_card = bool(outcome.fee.charge_card_cents)
        self._form.setRowVisible(self._approval_row, self._charges_card)

    def _confirm(self) -> None:
        self._refusal.clear_message()
        if self._preview.staff_must_decide() and self._preview.prepayment_choice() is None:
            self._refusal.refuse("Choose to credit or forfeit the prepayment, and give the reason.")
            return
        new_starts_at = self._slot.starts_at()
        zone = self._desk.settings.zone
        self._desk_actions.run_approved(
            self._desk,
            lambda approval: self._move_now(new_starts_at, approval),
            lambda result: BooksChanged.of(
                appointments=[self._appointment_id, result.new_appointment_id],
                days=[local_date(self._facts.starts_at, zone), local_date(new_starts_at, zone)],
                clients=[self._facts.client_id],
            ),
            lambda result: self._done(result, local_date(new_starts_at, zone)),
            refuse_here=self._refusal.refuse,
            parent=self,
        )

    def _move_now(self, new_starts_at: datetime, approval: ManagerApproval | None) -> ChangeResult:
        self._outside.take_approval(approval)
        self._prepayment.take_approval(approval)
        asking = self._prepayment.isVisible()
        try:
            return reschedule(
                self._desk,
                self._appointment_id,
                new_starts_at=new_starts_at,
                new_provider_id=self._slot.provider_id(),
                by_clinic=self._by_clinic_chosen(),
                reason=self._reason.text(),
                prepayment_choice=self._preview.prepayment_choice(),
                late_choice=self._late_choice,
                prepayment=self._prepayment.prepayment() if asking else None,
                override=self._prepayment.override() if asking else None,
                availability_override=self._outside.override(),
                card_approval_code=self._approval.text() if self._charges_card else "",
            )
        except TimeUnavailable:  # a manager may move it there anyway: offer that
            self._outside.offer()
            raise
        except PrepaymentNeeded as needed:  # the form asks for it; the refusal says why
            self._prepayment.show_requirement(needed.requirement, needed.credit_cents)
            self._prepayment.show()
            raise
        except StaffDecisionNeeded as needed:  # the clock crossed into the silent window
            self._show_outcome(needed.outcome)
            raise

    def _done(self, result: ChangeResult, day: date) -> None:
        self.moved.emit(result.new_appointment_id, day, result.message)
        self.accept()
