"""The prepayment the strike rule asks for at booking, or a manager's override of it.

Shown only when the booking service says prepayment is required; it quotes the clinic's sentence
behind the rule and takes the tender as the terminal printed it (never a card number). Whether
the tender is enough is the service's to judge; this form only gathers it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from medspa_desk.domain.booking_payments import BOOKING_TENDERS
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import TenderKind
from medspa_desk.domain.strikes import PrepaymentRequirement
from medspa_desk.services.booking.booking_prepayment import ManagerOverride, PrepaymentTender
from medspa_desk.services.staff_access.permissions import ManagerApproval
from medspa_desk.ui.named_widgets import named_combo

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

CARD_BRANDS = ("Visa", "Mastercard", "American Express", "Discover")


class PrepaymentForm(QGroupBox):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Prepayment required", parent)
        self.setObjectName("prepayment")
        self.setAccessibleName("Prepayment required")
        self._amount_cents = 0

        self._reason = QLabel()
        self._reason.setAccessibleName("Prepayment reason")
        self._reason.setWordWrap(True)
        self._wording = QLabel()
        self._wording.setObjectName("policy_wording")
        self._wording.setAccessibleName("Policy wording")
        self._wording.setWordWrap(True)
        self._amount = QLabel()
        self._amount.setObjectName("amount_due")
        self._amount.setAccessibleName("Prepayment amount")

        self._tenders = QButtonGroup(self)
        tender_row = QHBoxLayout()
        self._tender_buttons: dict[TenderKind, QRadioButton] = {}
        for tender in BOOKING_TENDERS:
            button = QRadioButton(tender.label)
            button.setAccessibleName(tender.label)
            self._tenders.addButton(button)
            self._tender_buttons[tender] = button
            tender_row.addWidget(button)
        tender_row.addStretch(1)
        self._tender_buttons[TenderKind.CARD].setChecked(True)
        self._tenders.buttonToggled.connect(lambda *_args: self._show_tender_fields())

        self._card_brand = named_combo("Card brand", editable=True)
        self._card_brand.addItems(CARD_BRANDS)
        self._card_last4 = QLineEdit()
        self._card_last4.setAccessibleName("Card last 4")
        self._card_last4.setPlaceholderText("4242")
        self._card_last4.setMaxLength(4)
        self._card_last4.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}")))
        self._approval = QLineEdit()
        self._approval.setAccessibleName("Approval code")
        self._approval.setPlaceholderText("code on the slip")

        self._override = QCheckBox("Manager override: book without prepayment")
        self._override.setAccessibleName("Manager override")
        self._override.toggled.connect(lambda _on: self._show_tender_fields())
        # A manager signed in overrides on their own sign-in; for the front desk, the manager's
        # approval the dialog asked for (ui.desk_actions.run_approved).
        self.approval: ManagerApproval | None = None
        self._override_reason = QLineEdit()
        self._override_reason.setAccessibleName("Override reason")
        self._override_reason.setPlaceholderText("Why this client may book without prepaying")

        self._form = QFormLayout(self)
        self._form.addRow(self._reason)
        self._form.addRow(self._wording)
        self._form.addRow(self._amount)
        self._form.addRow("Paid by:", tender_row)
        # The card's three fields on one line, as the terminal's slip reads: the form must fit
        # the desk's 800-pixel-high screen with everything else in the Book dialog.
        self._card = QWidget()
        card = QHBoxLayout(self._card)
        card.setContentsMargins(0, 0, 0, 0)
        card.addWidget(self._card_brand, 2)
        card.addWidget(QLabel("ending"))
        card.addWidget(self._card_last4, 1)
        card.addWidget(QLabel("approval"))
        card.addWidget(self._approval, 2)
        self._form.addRow("Card:", self._card)
        self._form.addRow(self._override)
        self._form.addRow("Reason:", self._override_reason)
        self._show_tender_fields()

    def show_requirement(self, requirement: PrepaymentRequirement, credit_cents: int) -> None:
        self._amount_cents = requirement.amount_cents
        self._reason.setText(requirement.reason)
        self._wording.setText(f"“{requirement.wording}”")
        self._amount.setText(f"Prepay in full now: {format_cents(requirement.amount_cents)}")
        self._tender_buttons[TenderKind.ACCOUNT_CREDIT].setText(
            f"Account credit ({format_cents(credit_cents)})"
        )

    def prepayment(self) -> PrepaymentTender | None:
        """The tender taken, or None under a manager's override."""
        if self._override.isChecked():
            return None
        tender = next(name for name, button in self._tender_buttons.items() if button.isChecked())
        if tender is not TenderKind.CARD:
            return PrepaymentTender(self._amount_cents, tender)
        return PrepaymentTender(
            self._amount_cents,
            TenderKind.CARD,
            card_brand=self._card_brand.currentText(),
            card_last4=self._card_last4.text(),
            approval_code=self._approval.text(),
        )

    def override(self) -> ManagerOverride | None:
        if not self._override.isChecked():
            return None
        return ManagerOverride(self._override_reason.text(), self.approval)

    def take_approval(self, approval: ManagerApproval | None) -> None:
        if approval is not None and approval.permission is DeskPermission.OVERRIDE_PREPAYMENT:
            self.approval = approval

    def _show_tender_fields(self) -> None:
        overridden = self._override.isChecked()
        by_card = self._tender_buttons[TenderKind.CARD].isChecked() and not overridden
        for button in self._tender_buttons.values():
            button.setEnabled(not overridden)
        self._form.setRowVisible(self._card, by_card)
        self._form.setRowVisible(self._override_reason, overridden)
