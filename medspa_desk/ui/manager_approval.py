"""The small prompt a manager standing by approves one action in, with their own password or
PIN, while the front desk stays signed in (services.staff_access.permissions.approve)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.staff_roles import StaffRole
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import ManagerApproval, approve
from medspa_desk.services.staff_access.sign_in import sign_in_accounts
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_combo, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class ManagerApprovalDialog(QDialog):
    """Opened window-modal with open(), never exec(): `approved` is called with the approval."""

    def __init__(
        self,
        desk: Desk,
        permission: DeskPermission,
        approved: Callable[[ManagerApproval], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Manager approval")
        self.setAccessibleName("Manager approval")
        self._desk = desk
        self._permission = permission
        self._approved = approved
        question = QLabel(f"A manager's approval is needed to {permission.to_do}.")
        question.setWordWrap(True)
        self.manager = named_combo("Approving manager")
        for account in sign_in_accounts(desk):
            if account.role is StaffRole.MANAGER and account.staff_id != desk.staff_id:
                self.manager.addItem(account.name, account.staff_id)
        self.secret = named_field("Manager's password or PIN")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = MessageLine("Approval message")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        approve_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        approve_button.setText("Approve")
        approve_button.setAccessibleName("Approve")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel approval")
        buttons.accepted.connect(self._approve)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(question)
        layout.addRow("Manager", self.manager)
        layout.addRow("Their password or PIN", self.secret)
        layout.addRow(self.message)
        layout.addRow(buttons)
        if self.manager.count() == 0:
            self.message.refuse("No manager can sign in yet, so none can approve this.")
        self.secret.setFocus()

    def _approve(self) -> None:
        manager_id = self.manager.currentData()
        if manager_id is None:
            return
        try:
            approval = approve(self._desk, manager_id, self.secret.text(), self._permission)
        except DeskRefusal as refusal:
            self.secret.clear()
            self.message.refuse(refusal)
            return
        self.secret.clear()
        self.accept()
        self._approved(approval)
