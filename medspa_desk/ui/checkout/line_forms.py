"""Putting more on the sale than a scan does: a service with its provider, a gift card, the
client's unpaid fees, a prepayment for a booking to come, and a discount on the line selected.

Each is a small form that opens under the sale's lines; the line itself comes from the checkout
service (menu prices, fees owed, the booked price) or the domain (a gift card, a discount with
its reason), which refuse what cannot be sold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QWidget

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_math import SaleInputError, percent_discount_cents
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.booking.booking_choices import providers, services_for
from medspa_desk.services.clients.profile import client_profile
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import gift_card_line, prepayment_line, service_line
from medspa_desk.ui.checkout.fitted_stack import FittedStack
from medspa_desk.ui.checkout.named_widgets import amount_in, percent_in
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


@dataclass(frozen=True)
class Discount:
    row: int
    cents: int
    reason: str


class LineForms(FittedStack):
    line_ready = Signal(object)  # a CartLine to add
    discount_ready = Signal(object)  # a Discount for a line on the sale
    refused = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.setAccessibleName("Line form")
        self.addWidget(QWidget())  # no form open
        self._service = self._page(self._service_form)
        self._gift_card = self._page(self._gift_card_form)
        self._prepayment = self._page(self._prepayment_form)
        self._discount = self._page(self._discount_form)
        self._discount_row = -1
        self._discount_gross = 0

    def close_form(self) -> None:
        self.setCurrentIndex(0)

    def open_service(self) -> None:
        self._provider.blockSignals(True)
        self._provider.clear()
        for choice in providers(self._desk):
            self._provider.addItem(f"{choice.name} ({choice.role})", choice.provider_id)
        self._provider.blockSignals(False)
        self._list_services()
        self.setCurrentWidget(self._service)
        self._provider.setFocus()

    def open_gift_card(self) -> None:
        self._gift_amount.clear()
        self.setCurrentWidget(self._gift_card)
        self._gift_amount.setFocus()

    def open_prepayment(self, client_id: int | None) -> None:
        if client_id is None:
            self.refused.emit(
                "A prepayment is for one of the client's bookings: choose the client first."
            )
            return
        upcoming = [
            visit
            for visit in client_profile(self._desk, client_id).upcoming
            if visit.status.can_be_prepaid
        ]
        if not upcoming:
            self.refused.emit("The client has no booking to come that could be prepaid.")
            return
        self._booking.clear()
        zone = self._desk.settings.zone
        for visit in upcoming:
            self._booking.addItem(
                f"{visit.service_name} with {visit.provider_name}, {day_and_time(visit.starts_at, zone)} "
                f"— {format_cents(visit.price_cents)}",
                visit.appointment_id,
            )
        self.setCurrentWidget(self._prepayment)
        self._booking.setFocus()

    def open_discount(self, row: int, line) -> None:
        self._discount_row, self._discount_gross = row, line.gross_cents
        self._discount_line.setText(line.description)
        self._discount_amount.setText(
            format_cents(line.discount_cents).lstrip("$") if line.discount_cents else ""
        )
        self._discount_reason.setText(line.discount_reason)
        self.setCurrentWidget(self._discount)
        self._discount_amount.setFocus()

    # The forms

    def _page(self, build) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 4, 0, 4)
        build(form)
        self.addWidget(page)
        return page

    def _service_form(self, form: QFormLayout) -> None:
        self._provider = named_combo("Service provider")
        self._provider.currentIndexChanged.connect(lambda _index: self._list_services())
        self._service_choice = named_combo("Service to add")
        add = named_button("Add service", "Add service", "Add the service to the sale")
        add.clicked.connect(self._add_service)
        form.addRow("Provider:", self._provider)
        form.addRow("Service:", _row(self._service_choice, add, self._cancel_button()))

    def _gift_card_form(self, form: QFormLayout) -> None:
        self._gift_amount = named_field("Gift card value", "e.g. 100")
        self._gift_amount.returnPressed.connect(self._add_gift_card)
        add = named_button(
            "Add gift card sale", "Add gift card sale", "Sell a gift card of this value (Enter)"
        )
        add.clicked.connect(self._add_gift_card)
        form.addRow("Gift card value:", _row(self._gift_amount, add, self._cancel_button()))

    def _prepayment_form(self, form: QFormLayout) -> None:
        self._booking = named_combo("Booking to prepay")
        add = named_button("Add prepayment", "Add prepayment", "Prepay the booking in full")
        add.clicked.connect(self._add_prepayment)
        form.addRow("Booking:", _row(self._booking, add, self._cancel_button()))

    def _discount_form(self, form: QFormLayout) -> None:
        self._discount_line = QLabel()
        self._discount_line.setAccessibleName("Discounted line")
        self._discount_amount = named_field("Discount amount", "e.g. 35 or 10%")
        self._discount_reason = named_field(
            "Discount reason", "Printed on the receipt, e.g. Loyalty 10%"
        )
        apply = named_button(
            "Apply discount", "Apply discount", "Apply the discount to the line (Enter)"
        )
        apply.clicked.connect(self._apply_discount)
        for field in (self._discount_amount, self._discount_reason):
            field.returnPressed.connect(self._apply_discount)
        form.addRow("Line:", self._discount_line)
        form.addRow("Discount:", self._discount_amount)
        form.addRow("Reason:", _row(self._discount_reason, apply, self._cancel_button()))

    def _cancel_button(self):
        close = named_button("Close", "Close form", "Close this form without adding anything")
        close.clicked.connect(self.close_form)
        return close

    # Making lines

    def _list_services(self) -> None:
        self._service_choice.clear()
        provider = self._provider.currentData()
        if provider is None:
            return
        for choice in services_for(self._desk, provider):
            self._service_choice.addItem(
                f"{choice.name} — {format_cents(choice.price_cents)}", choice.service_id
            )

    def _add_service(self) -> None:
        service, provider = self._service_choice.currentData(), self._provider.currentData()
        if service is None or provider is None:
            self.refused.emit("Choose the provider, then one of their services.")
            return
        self._hand_over(lambda: service_line(self._desk, service, provider))

    def _add_gift_card(self) -> None:
        self._hand_over(lambda: gift_card_line(amount_in(self._gift_amount, "Gift card value")))

    def _add_prepayment(self) -> None:
        booking = self._booking.currentData()
        if booking is not None:
            self._hand_over(lambda: prepayment_line(self._desk, booking))

    def _apply_discount(self) -> None:
        try:
            cents = self._discount_cents()
        except SaleInputError as refusal:
            self.refused.emit(str(refusal))
            return
        self.discount_ready.emit(Discount(self._discount_row, cents, self._discount_reason.text()))

    def _discount_cents(self) -> int:
        text = self._discount_amount.text()
        if not text.strip():
            return 0  # no discount: taking one off
        percent = percent_in(text)
        if percent is not None:
            return percent_discount_cents(self._discount_gross, percent)
        return amount_in(self._discount_amount, "Discount")

    def _hand_over(self, make_line) -> None:
        try:
            line = make_line()
        except DeskRefusal as refusal:
            self.refused.emit(str(refusal))
            return
        self.line_ready.emit(line)
        self.close_form()


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for position, widget in enumerate(widgets):
        row.addWidget(widget, 1 if position == 0 else 0)
    return row
