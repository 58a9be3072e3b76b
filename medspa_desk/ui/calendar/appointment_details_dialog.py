"""A booking's details, opened by a double-click on its card: who (with phone and email), what,
with whom, when, its status, the notes for the provider, money held, and its history. The usual
next steps are a button away; each is the calendar's own action on the booking, as the menu's.

Opened with open(), never exec().
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.time_wording import day_and_time, time_range, weekday_and_date
from medspa_desk.services.booking.appointment_details import appointment_details
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.calendar.actions import AppointmentActions


class AppointmentDetailsDialog(QDialog):
    def __init__(
        self, desk: Desk, appointment_id: int, actions: AppointmentActions, parent: QWidget
    ) -> None:
        details = appointment_details(desk, appointment_id)  # read before anything is built
        super().__init__(parent)
        facts, zone = details.facts, desk.settings.zone
        self.setWindowTitle(f"{facts.client_name}: {facts.service_name}")
        self.setAccessibleName("Appointment details")

        def line(name: str, text: str) -> QLabel:
            label = QLabel(text)
            label.setAccessibleName(name)
            label.setWordWrap(True)
            return label

        contact = " · ".join(part for part in (details.phone, details.email) if part)
        day = local_date(facts.starts_at, zone)
        when = f"{weekday_and_date(day)}, {time_range(facts.starts_at, facts.ends_at, zone)}"
        held = []
        if facts.deposit_cents:
            held.append(f"{format_cents(facts.deposit_cents)} deposit")
        if facts.prepaid_cents:
            held.append(f"{format_cents(facts.prepaid_cents)} prepaid")
        booked = day_and_time(details.booked_at, zone)
        if details.booked_by:
            booked += f" by {details.booked_by}"
        history = "\n".join(
            f"{day_and_time(step.at, zone)}: {step.status.label}"
            + (f" ({step.by})" if step.by else "")
            + (f" — {step.reason}" if step.reason else "")
            for step in details.history
        )
        rows = QFormLayout()
        for label, name, text in (
            ("Client:", "Details client", facts.client_name),
            ("Contact:", "Details contact", contact or "No phone or email on file"),
            ("Service:", "Details service", f"{facts.service_name} with {facts.provider_name}"),
            ("When:", "Details time", when),
            ("Status:", "Details status", facts.status.label),
            ("Notes:", "Details notes", details.notes or "None"),
            ("Held:", "Details money held", ", ".join(held) or "Nothing"),
            ("Booked:", "Details booked", booked),
            ("History:", "Details history", history or "No change since it was booked"),
        ):
            rows.addRow(label, line(name, text))

        buttons = QDialogButtonBox()
        if facts.status.awaiting_arrival:
            for text, name, act in (
                ("Check in", "Details check in", actions.check_in_selected),
                ("Reschedule…", "Details reschedule", actions.open_reschedule),
                ("Cancel…", "Details cancel", actions.open_cancel),
            ):
                button = named_button(text, name, f"{text.rstrip('…')} this booking")
                button.clicked.connect(lambda _checked=False, act=act: (self.accept(), act()))
                buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        elif facts.status.can_check_out:
            button = named_button("Check out", "Details check out", "Take payment at the till")
            button.clicked.connect(lambda: (self.accept(), actions.check_out_selected()))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = named_button("Close", "Close details", "Close (Esc)")
        close.clicked.connect(self.reject)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(rows)
        layout.addWidget(buttons)
