"""A manager's "Book anyway" for time outside the provider's availability (a closed day, outside
their shifts, a block): offered only after the booking service refused the time for that reason
(TimeUnavailable), as the prepayment waiver is offered only when the strike rule asks.

"Book anyway (manager)…" opens the manager and the reason; the dialog's own Book (or Move)
button, or this form's "Book anyway", then books with the override. Whether the manager may, and
whether a reason was given, is the service's to judge; this form only gathers them. A change of
the slot puts it away again: an override is for the time it was offered for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.booking.availability_checks import AvailabilityOverride
from medspa_desk.services.staff_access.permissions import ManagerApproval
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class AvailabilityOverrideForm(QGroupBox):
    confirmed = Signal()  # the desk pressed "Book anyway": book with the override now

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Outside availability", parent)
        self.setObjectName("availability_override")
        self.setAccessibleName("Outside availability")
        self._offer = named_button(
            "Book anyway (manager)…",
            "Book anyway (manager)",
            "A manager may book this time anyway, with a reason for the record",
        )
        self._offer.clicked.connect(self._open)
        # A manager signed in books it on their own sign-in; for the front desk, the manager's
        # approval the booking dialog asked for (ui.desk_actions.run_approved).
        self.approval: ManagerApproval | None = None
        self._reason = QLineEdit()
        self._reason.setAccessibleName("Availability override reason")
        self._reason.setPlaceholderText("Why this time is booked anyway")
        self._confirm = named_button("Book anyway", "Confirm availability override")
        self._confirm.clicked.connect(self.confirmed.emit)

        self._form = QFormLayout(self)
        self._form.addRow(self._offer)
        self._form.addRow("Reason:", self._reason)
        self._form.addRow(self._confirm)
        self.put_away()

    def offer(self) -> None:
        """The service refused the time as unavailable: show the button that overrides it."""
        self.show()

    def put_away(self) -> None:
        self._opened = False
        self.approval = None
        self._reason.clear()
        self._show_fields()
        self.hide()

    def override(self) -> AvailabilityOverride | None:
        if not self._opened:
            return None
        return AvailabilityOverride(self._reason.text(), self.approval)

    def take_approval(self, approval: ManagerApproval | None) -> None:
        if approval is not None and approval.permission is DeskPermission.OVERRIDE_AVAILABILITY:
            self.approval = approval

    def _open(self) -> None:
        self._opened = True
        self._show_fields()
        self._reason.setFocus()

    def _show_fields(self) -> None:
        self._form.setRowVisible(self._offer, not self._opened)
        for field in (self._reason, self._confirm):
            self._form.setRowVisible(field, self._opened)
