"""Keeping a client's card on file: brand, last four digits, expiry, cardholder and the
terminal's reference, as the payment terminal shows them. Never the card number: the client
records service refuses one typed into any field, and says so under that field.

Opened with open(); the window's DeskActions.run tells every view it is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.services.clients.records import add_card_on_file
from medspa_desk.ui.clients.field_problems import FieldProblems
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button, named_combo

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

BRANDS = ("Visa", "Mastercard", "American Express", "Discover")
# Cards are issued for up to about ten years; a little more leaves room for an unusual one.
_YEARS_AHEAD = 12


class CardDialog(QDialog):
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
        self.setWindowTitle(f"Card on file for {client_name}")
        self.setAccessibleName("Card on file form")
        self.setObjectName("card_form")

        intro = QLabel(
            "Copy these from the terminal's screen or slip. Never type the card number: only its "
            "last four digits are kept."
        )
        intro.setWordWrap(True)
        intro.setObjectName("policy_wording")

        form = QFormLayout()
        self._problems = FieldProblems(form, "Card problem")
        self._brand = named_combo("Card brand", editable=True)
        self._brand.addItems(BRANDS)
        self._brand.setCurrentIndex(-1)
        self._brand.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._problems.add_field("brand", "Brand", self._brand)
        self._last4 = self._line("Last four digits", "4242")
        self._problems.add_field("last4", "Last four", self._last4)
        # Month and year are picked from lists: nothing else, a card number least of all, fits.
        self._month = named_combo("Expiry month")
        for month in range(1, 13):
            self._month.addItem(f"{month:02d}", month)
        self._month.setCurrentIndex(-1)
        self._month.setPlaceholderText("Month")
        self._year = named_combo("Expiry year")
        this_year = local_date(desk.clock.now(), desk.settings.zone).year
        for year in range(this_year, this_year + _YEARS_AHEAD + 1):
            self._year.addItem(str(year), year)
        self._year.setCurrentIndex(-1)
        self._year.setPlaceholderText("Year")
        expiry = QWidget()
        expiry.setAccessibleName("Expiry")
        expiry_row = QHBoxLayout(expiry)
        expiry_row.setContentsMargins(0, 0, 0, 0)
        expiry_row.addWidget(self._month)
        expiry_row.addWidget(QLabel("/"))
        expiry_row.addWidget(self._year)
        expiry_row.addStretch(1)
        expiry.setFocusProxy(self._month)
        self._problems.add_field("expiry_month", "Expires", expiry)
        self._problems.share_line("expiry_year", "expiry_month", self._year)
        self._holder = self._line("Cardholder name", "As printed on the card")
        self._problems.add_field("cardholder_name", "Cardholder", self._holder)
        self._reference = self._line(
            "Terminal reference", "The token or reference the terminal gave"
        )
        self._problems.add_field("terminal_reference", "Terminal reference", self._reference)

        buttons = QDialogButtonBox()
        save = named_button("Save card", "Save card", "Keep this card on file (Enter)")
        save.setDefault(True)
        save.clicked.connect(self._save)
        cancel = named_button("Cancel", "Cancel", "Close without saving (Esc)")
        cancel.clicked.connect(self.reject)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self._problems.whole_form)
        layout.addWidget(buttons)
        self._brand.setFocus()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder)
        line.setMinimumWidth(280)
        return line

    def _save(self) -> None:
        self._problems.clear()
        self._desk_actions.run(
            lambda: add_card_on_file(
                self._desk,
                self._client_id,
                brand=self._brand.currentText(),
                last4=self._last4.text().strip(),
                # 0 when not chosen: the service then says which to choose.
                expiry_month=self._month.currentData() or 0,
                expiry_year=self._year.currentData() or 0,
                cardholder_name=self._holder.text(),
                terminal_reference=self._reference.text(),
            ),
            BooksChanged.of(clients=[self._client_id]),
            lambda _card_id: self.accept(),
            refuse_here=self._problems.refuse,
        )
