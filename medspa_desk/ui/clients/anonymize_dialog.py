"""Deleting a client's personal data at their request, once the desk has read what goes and what
stays and written down who asked: the confirmation the Privacy Policy's right of deletion asks
for. The clinic's books stay whole; the person is gone from them.

Opened with open(); the window's DeskActions.run tells every view it is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.services.clients.anonymization import anonymize_client
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
        layout.addWidget(reason_label)
        layout.addWidget(self._reason)
        layout.addWidget(self._refusal)
        layout.addWidget(buttons)
        self._reason.setFocus()

    def _confirm(self) -> None:
        self._refusal.clear_message()
        reason = self._reason.text()
        self._desk_actions.run_approved(
            self._desk,
            lambda approval: anonymize_client(
                self._desk, self._client_id, reason=reason, approval=approval
            ),
            BooksChanged.of(clients=[self._client_id]),
            lambda _done: self.accept(),
            refuse_here=self._refusal.refuse,
            parent=self,
        )
