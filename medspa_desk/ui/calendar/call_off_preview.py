"""What calling a booking off will mean, shown before the desk confirms: the notice given, the
status it takes, the fee and where it comes from, the strike, the prepayment's fate, and the
clinic's sentences behind them. Where the published text is silent (a prepayment called off 24
to 48 hours ahead) it offers staff the choice, which needs a reason.

The outcome is the service's preview (domain.cancellation_policy's rules); this only words it.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from medspa_desk.domain.cancellation_policy import STAFF_CHOICES, CallOffOutcome, PrepaymentFate
from medspa_desk.domain.fee_wording import fee_destination
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.domain.strikes import call_off_strike_effect
from medspa_desk.services.booking.booking_change import AppointmentFacts
from medspa_desk.services.clients.standing import CardSummary

_CHOICE_LABELS = {PrepaymentFate.CREDITED: "Credit", PrepaymentFate.FORFEITED: "Forfeit"}
_CHOICE_TOOLTIPS = {
    PrepaymentFate.CREDITED: "Credit the prepayment to the client's account for future services",
    PrepaymentFate.FORFEITED: "The clinic keeps the prepayment",
}


def notice_text(notice: timedelta) -> str:
    """'2 days 3 h before the appointment', '45 min after the start'."""
    minutes = abs(notice) // timedelta(minutes=1)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} day{'' if days == 1 else 's'}"] if days else []
    if hours:
        parts.append(f"{hours} h")
    if minutes or not parts:
        parts.append(f"{minutes} min")
    return " ".join(parts) + (
        " before the appointment" if notice >= timedelta(0) else " after the start"
    )


def fee_text(outcome: CallOffOutcome, card: CardSummary | None) -> str:
    """'$75.00 late-cancellation fee: charged to Visa ending 4242', or 'No fee'."""
    if not outcome.fee_cents:
        return "No fee"
    where = fee_destination(outcome.fee, card.label if card is not None else None)
    return f"{format_cents(outcome.fee_cents)} late-cancellation fee: {where}"


def strike_text(
    outcome: CallOffOutcome, strikes: int, client_name: str, settings: ClinicSettings
) -> str:
    """'Counts as a strike: Sarah O'Brien's 3rd; from now on, booking needs prepayment in full',
    from the `strikes` the client has before this call-off."""
    effect = call_off_strike_effect(strikes, outcome.counts_as_strike, settings)
    if not effect.adds_strike:
        return "No strike"
    text = f"Counts as a strike: {client_name}'s {_ordinal(effect.strikes_after)}"
    if effect.prepayment_required:
        text += "; from now on, booking needs prepayment in full"
    return text


class CallOffPreview(QGroupBox):
    def __init__(self, settings: ClinicSettings, parent: QWidget | None = None) -> None:
        super().__init__("What this means", parent)
        self.setObjectName("call_off_preview")
        self.setAccessibleName("Outcome")
        self._settings = settings
        self._outcome: CallOffOutcome | None = None
        self._notice = self._line("Notice")
        self._status = self._line("Recorded as")
        self._fee = self._line("Fee")
        self._fee.setObjectName("fee")
        self._strike = self._line("Strike")
        self._prepayment = self._line("Prepayment")
        self._wording = self._line("Policy wording")
        self._wording.setObjectName("policy_wording")

        self._choices = QButtonGroup(self)
        self._choice_row = QWidget()
        row = QHBoxLayout(self._choice_row)
        row.setContentsMargins(0, 0, 0, 0)
        self._choice_buttons: dict[PrepaymentFate, QRadioButton] = {}
        for fate in STAFF_CHOICES:
            button = QRadioButton(_CHOICE_LABELS[fate])
            button.setAccessibleName(_CHOICE_LABELS[fate])
            button.setToolTip(_CHOICE_TOOLTIPS[fate])
            self._choices.addButton(button)
            self._choice_buttons[fate] = button
            row.addWidget(button)
        row.addStretch(1)

        self._form = QFormLayout(self)
        self._form.addRow("Notice:", self._notice)
        self._form.addRow("Recorded as:", self._status)
        self._form.addRow("Fee:", self._fee)
        self._form.addRow("Strike:", self._strike)
        self._form.addRow("Prepayment:", self._prepayment)
        self._form.addRow("Staff decide:", self._choice_row)
        self._form.addRow(self._wording)

    def show_outcome(
        self,
        outcome: CallOffOutcome,
        facts: AppointmentFacts,
        card: CardSummary | None,
        notice: timedelta | None,
        status_label: str | None = None,
    ) -> None:
        """`notice` is None for a no-show (no notice is given); `status_label` words a status
        the preview cannot name (the clinic's move is priced as its cancellation)."""
        self._outcome = outcome
        self._form.setRowVisible(self._notice, notice is not None)
        if notice is not None:
            self._notice.setText(notice_text(notice))
        self._status.setText(status_label or outcome.status.label)
        self._fee.setText(fee_text(outcome, card))
        self._strike.setText(strike_text(outcome, facts.strikes, facts.client_name, self._settings))
        self._form.setRowVisible(self._prepayment, outcome.prepayment is not None)
        if outcome.prepayment is not None:
            self._prepayment.setText(prepayment_text(outcome))
        deciding = outcome.prepayment is PrepaymentFate.STAFF_DECIDES
        self._form.setRowVisible(self._choice_row, deciding)
        if not deciding:
            for button in self._choice_buttons.values():
                button.setAutoExclusive(False)
                button.setChecked(False)
                button.setAutoExclusive(True)
        self._wording.setText("\n\n".join(f"“{sentence}”" for sentence in outcome.wording))
        self._wording.setVisible(bool(outcome.wording))

    def staff_must_decide(self) -> bool:
        return (
            self._outcome is not None and self._outcome.prepayment is PrepaymentFate.STAFF_DECIDES
        )

    def prepayment_choice(self) -> PrepaymentFate | None:
        """Staff's choice for a prepayment the text is silent on; None if not asked or not made."""
        if not self.staff_must_decide():
            return None
        return next(
            (fate for fate, button in self._choice_buttons.items() if button.isChecked()), None
        )

    def _line(self, name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setWordWrap(True)
        return label


def prepayment_text(outcome: CallOffOutcome) -> str:
    """'$450.00: prepayment forfeited', or the staff's choice to make."""
    amount = format_cents(outcome.prepaid_cents)
    if outcome.prepayment is PrepaymentFate.STAFF_DECIDES:
        return f"{amount} prepaid: the published policy does not say; credit or forfeit it, with a reason"
    return f"{amount}: {outcome.prepayment.label.lower()}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
