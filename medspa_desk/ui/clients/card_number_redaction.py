"""Redacting card numbers from a client's notes and change history, on the profile's Notes.

Only a manager at the desk can, and only when the record or its history holds one; the
confirmation says how many places will change. Opened with open();
the window's DeskActions.run tells every view it is done. Whether there is anything to redact is
read when the button is on the screen (the Notes section shown), not with every profile opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.card_numbers import CARD_NUMBER_REMOVED
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.clients.card_number_redaction import (
    card_number_places,
    redact_card_numbers,
)
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import may
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

_NAME = "Redact card numbers"


class CardNumberRedaction(QWidget):
    """The profile's button; it opens the confirmation."""

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._client_id: int | None = None
        self._unread = False  # a client shown whose places are not read yet
        self._places = 0
        self._button = named_button(f"{_NAME}…", _NAME)
        self._button.clicked.connect(self.open_confirmation)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._button)

    def show_client(self, client_id: int) -> None:
        self._client_id = client_id
        self._unread = True
        if self.isVisible():
            self._read_places()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._unread:
            self._read_places()

    def _read_places(self) -> None:
        self._unread = False
        try:
            self._places = card_number_places(self._desk, self._client_id)
        except DeskRefusal as refusal:  # a record merged into another: redacted from that one
            self._places = 0
            self._button.setEnabled(False)
            self._button.setToolTip(str(refusal))
            return
        manager = may(self._desk, DeskPermission.REDACT_CARD_NUMBER)
        self._button.setEnabled(manager and self._places > 0)
        if not self._places:
            tip = "No card number in this client's notes or history"
        elif not manager:
            tip = "A card number is in this client's notes or history: a manager must be signed in to redact it"
        else:
            tip = f"Take the card numbers out of {_places(self._places)} of the notes and history"
        self._button.setToolTip(tip)

    def open_confirmation(self) -> RedactionDialog:
        dialog = RedactionDialog(
            self._desk, self._client_id, self._places, self, desk_actions=self._desk_actions
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog


class RedactionDialog(QDialog):
    def __init__(
        self,
        desk: Desk,
        client_id: int,
        places: int,
        parent: QWidget | None = None,
        *,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._client_id = client_id
        self.setWindowTitle("Redact card numbers")
        self.setAccessibleName("Redact card numbers")
        heading = QLabel(
            f"Redact the card numbers in {_places(places)} of client #{client_id}'s notes and history?"
        )
        heading.setObjectName("appointment_summary")  # the style sheet's bold summary line
        heading.setAccessibleName("Redaction summary")
        explanation = QLabel(
            f"Each card number becomes “{CARD_NUMBER_REMOVED}”; the rest of the text stays. "
            "The audit log records that you redacted them, not what they were. This cannot be undone; "
            "backups made before keep the numbers until they are rotated away."
        )
        self._refusal = MessageLine("Redaction problem")
        buttons = QDialogButtonBox()
        confirm = named_button("Redact", "Redact", "Redact the card numbers now")
        confirm.clicked.connect(self._confirm)
        keep = named_button("Keep as is", "Keep as is", "Close without changing anything (Esc)")
        keep.clicked.connect(self.reject)
        buttons.addButton(confirm, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(keep, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        for label in (heading, explanation):
            label.setWordWrap(True)
            label.setFixedWidth(460)
            layout.addWidget(label)
        layout.addWidget(self._refusal)
        layout.addWidget(buttons)

    def _confirm(self) -> None:
        self._refusal.clear_message()
        self._desk_actions.run(
            lambda: redact_card_numbers(self._desk, self._client_id),
            BooksChanged.of(clients=[self._client_id]),
            lambda _done: self.accept(),
            refuse_here=self._refusal.refuse,
        )


def _places(count: int) -> str:
    return "1 place" if count == 1 else f"{count} places"
