"""Deleting a client's personal data at their request, once the desk has read what goes and what
stays and written down who asked: the confirmation the Privacy Policy's right of deletion asks
for. The clinic's books stay whole; the person is gone from them. Bookings still to come are
listed, and the desk says whether they are cancelled or kept: nothing is chosen for it.

Opened with open(); the window's DeskActions.run tells every view it is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.data_deletion import UpcomingBookings
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.clients.anonymization import anonymize_client, upcoming_bookings
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

_WHAT_HAPPENS = (
    "Removed: names (the record becomes “Anonymized client #{client_id}”), phone, email, birthday, "
    "notes, emergency contact, the cardholder's name and the terminal's token, and their names "
    "and numbers wherever the desk typed them into notes.\n"
    "Kept, as the law asks: appointments, fees, payments, credit and receipts, so the calendar "
    "and the day totals still add up.\n"
    "This cannot be undone. Backups made before keep the data until they are rotated away (within "
    "about a year); the one copy kept from before a restore, an upgrade or of a damaged file keeps "
    "it until a newer copy of its kind replaces it."
)


class AnonymizeDialog(QDialog):
    def __init__(
        self,
        desk: Desk,
        client_id: int,
        client_name: str,
        parent: QWidget | None = None,
        *,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk_actions = desk_actions or DeskActions(self)
        self._desk = desk
        self._client_id = client_id
        self.setWindowTitle(f"Delete {client_name}'s personal data")
        self.setAccessibleName("Delete personal data")
        self.setObjectName("anonymize_dialog")

        heading = QLabel(f"Delete the personal data of {client_name} (client #{client_id})?")
        heading.setObjectName("appointment_summary")  # the style sheet's bold summary line
        heading.setWordWrap(True)
        explanation = QLabel(_WHAT_HAPPENS.format(client_id=client_id))
        explanation.setObjectName("policy_wording")
        explanation.setWordWrap(True)
        reason_label = QLabel("Who asked, when and how:")
        self._reason = QLineEdit()
        self._reason.setAccessibleName("Anonymization reason")
        self._reason.setPlaceholderText("Required: e.g. “Client asked by email on Nov 24”")
        reason_label.setBuddy(self._reason)
        self._refusal = MessageLine("Anonymization problem")
        self._upcoming = QButtonGroup(self)
        to_come = self._to_come = upcoming_bookings(desk, client_id)
        zone = desk.settings.zone
        bookings = QLabel(
            f"{len(to_come)} booking{'' if len(to_come) == 1 else 's'} to come:\n"
            + "\n".join(
                f"• {day_and_time(b.starts_at, zone)}: {b.service_name} with {b.provider_name}"
                for b in to_come
            )
        )
        bookings.setAccessibleName("Bookings to come")
        bookings.setWordWrap(True)
        choices = [bookings]
        for choice in UpcomingBookings:
            button = QRadioButton(choice.label)
            button.setAccessibleName(f"{choice.value.capitalize()} bookings to come")
            self._upcoming.addButton(button)
            button.setProperty("choice", choice.value)
            choices.append(button)

        buttons = QDialogButtonBox()
        confirm = named_button("Delete personal data", "Anonymize", "Anonymize this client now")
        confirm.clicked.connect(self._confirm)
        keep = named_button("Keep record", "Keep record", "Close without changing anything (Esc)")
        keep.clicked.connect(self.reject)
        # No default button: Enter in the reason does nothing, so a deletion is never what a
        # stray key press does; it takes the button itself.
        buttons.addButton(confirm, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(keep, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        for label in (heading, explanation):
            label.setFixedWidth(460)
            layout.addWidget(label)
        if to_come:
            for widget in choices:
                layout.addWidget(widget)
        layout.addWidget(reason_label)
        layout.addWidget(self._reason)
        layout.addWidget(self._refusal)
        layout.addWidget(buttons)
        self._reason.setFocus()

    def _confirm(self) -> None:
        self._refusal.clear_message()
        reason = self._reason.text()
        chosen = self._upcoming.checkedButton()
        upcoming = UpcomingBookings(chosen.property("choice")) if chosen is not None else None
        self._desk_actions.run_approved(
            self._desk,
            lambda approval: anonymize_client(
                self._desk, self._client_id, reason=reason, approval=approval, upcoming=upcoming
            ),
            BooksChanged.of(
                clients=[self._client_id],
                # Kept or cancelled, their cards now name the anonymized client.
                appointments=[booking.appointment_id for booking in self._to_come],
                days=[local_date(b.starts_at, self._desk.settings.zone) for b in self._to_come],
            ),
            lambda _done: self.accept(),
            refuse_here=self._refusal.refuse,
            parent=self,
        )
