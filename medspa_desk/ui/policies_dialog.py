"""The clinic's published policies: read them at the desk; a manager publishes an edited text."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.clinic.published_policies import current_policies, publish_policies
from medspa_desk.services.desk import Desk
from medspa_desk.services.staff_access.permissions import may
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine


class PoliciesDialog(QDialog):
    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self.setWindowTitle("Clinic policies")
        self.setAccessibleName("Clinic policies")
        self._version = QLabel()
        self._version.setAccessibleName("Policy version")
        self._version.setWordWrap(True)
        self._text = QPlainTextEdit()
        self._text.setAccessibleName("Policy text")
        self._refusal = MessageLine("Policy problem")
        self._manager = may(desk, DeskPermission.PUBLISH_POLICY)
        self._text.setReadOnly(not self._manager)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        self._publish = buttons.addButton(
            "Publish this text", QDialogButtonBox.ButtonRole.ActionRole
        )
        self._publish.setAccessibleName("Publish this text")
        self._publish.setEnabled(self._manager)
        self._publish.setToolTip(
            "Bookings from now on are made under this text, and receipts state its Refund Policy"
            if self._manager
            else "A manager must be at the desk to change the published policies"
        )
        self._publish.clicked.connect(self._publish_text)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self._version, self._text, self._refusal, buttons):
            layout.addWidget(widget)
        self.resize(720, 640)
        self._show(current_policies(desk))

    def _show(self, policies) -> None:
        origin = "as shipped with the app" if policies.shipped else "as published by the clinic"
        self._version.setText(
            f"In force: version {policies.version}, {origin}. Each booking and sale keeps the version it "
            "was made under; receipts print its Refund Policy word for word."
        )
        self._text.setPlainText(policies.text)

    def _publish_text(self) -> None:
        self._refusal.clear_message()
        self._desk_actions.run(
            lambda: publish_policies(self._desk, self._text.toPlainText()),
            BooksChanged.of(),  # a new text for what is booked and sold from now on
            self._show,
            refuse_here=self._refusal.refuse,
        )
