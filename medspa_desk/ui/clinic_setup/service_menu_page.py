"""The clinic set-up's "Service menu" page: every service, on the menu or retired, and the form
that adds one or edits the one selected (services.clinic.service_menu checks and saves it)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QSpinBox, QVBoxLayout, QWidget

from medspa_desk.domain.money import format_cents
from medspa_desk.services.booking.booking_choices import providers
from medspa_desk.services.clinic.service_menu import (
    MenuService,
    ServiceDetails,
    add_service,
    edit_service,
    service_menu,
    set_service_active,
)
from medspa_desk.services.desk import Desk
from medspa_desk.ui.clinic_setup.catalogue_page import CataloguePage, amount_text, cents_in
from medspa_desk.ui.desk_actions import DeskActions
from medspa_desk.ui.named_widgets import named_combo, named_field

COLUMNS = ("Service", "Category", "Minutes", "Price", "Deposit", "Performed by", "On the menu")


def minutes_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName(name)
    box.setRange(0, 999)  # the service says what is too long, in words
    box.setSingleStep(5)
    box.setSuffix(" min")
    return box


class ServiceMenuPage(CataloguePage[MenuService]):
    item_word = "service"

    def __init__(self, desk: Desk, desk_actions: DeskActions) -> None:
        super().__init__(desk, desk_actions, COLUMNS, "Services on the menu")
        self.setAccessibleName("Service menu")
        self.name = self.add_field("name", "Name", named_field("Service name", "e.g. HydraFacial"))
        self.category = named_combo("Service category", editable=True)
        self.category.lineEdit().setPlaceholderText("e.g. Facials")
        self.add_field("category", "Category", self.category)
        self.duration = self.add_field("duration_minutes", "Length", minutes_box("Duration"))
        self.buffer = self.add_field("buffer_minutes", "Cleanup after", minutes_box("Cleanup"))
        self.buffer.setToolTip("The provider stays busy this long after the client leaves")
        self.price = self.add_field("price_cents", "Price", named_field("Price", "e.g. 199.00"))
        self.deposit = self.add_field(
            "deposit_cents", "Deposit at booking", named_field("Deposit", "none")
        )
        self.deposit.setToolTip("Taken when the service is booked; leave empty to take none")
        self._provider_column = QVBoxLayout()
        self._provider_column.setContentsMargins(0, 0, 0, 0)
        performers = QWidget()
        performers.setAccessibleName("Performed by")
        performers.setLayout(self._provider_column)
        self.add_field("provider_ids", "Performed by", performers)
        self.checks: dict[int, QCheckBox] = {}
        self.refresh_choices()
        self.lay_out()

    def refresh_choices(self) -> None:
        checked = {pid for pid, box in self.checks.items() if box.isChecked()}
        for box in self.checks.values():
            self._provider_column.removeWidget(box)
            box.deleteLater()
        self.checks = {}
        for provider in providers(self.desk):
            box = QCheckBox(f"{provider.name} ({provider.role})")
            box.setAccessibleName(f"Performed by {provider.name}")
            box.setChecked(provider.provider_id in checked)
            self._provider_column.addWidget(box)
            self.checks[provider.provider_id] = box

    def read_items(self) -> list[MenuService]:
        items = service_menu(self.desk)
        categories = sorted({item.details.category for item in items})
        typed = self.category.currentText()
        self.category.clear()
        self.category.addItems(categories)
        self.category.setCurrentText(typed)
        return items

    def item_id(self, item: MenuService) -> int:
        return item.service_id

    def is_active(self, item: MenuService) -> bool:
        return item.active

    def item_name(self, item: MenuService) -> str:
        return item.details.name

    def row_texts(self, item: MenuService) -> list[str]:
        details = item.details
        minutes = f"{details.duration_minutes}"
        if details.buffer_minutes:
            minutes += f" + {details.buffer_minutes}"
        return [
            details.name,
            details.category,
            minutes,
            format_cents(details.price_cents),
            format_cents(details.deposit_cents) if details.deposit_cents else "none",
            ", ".join(item.performed_by),
            "yes" if item.active else "retired",
        ]

    def show_in_form(self, item: MenuService | None) -> None:
        details = item.details if item is not None else None
        self.name.setText(details.name if details else "")
        self.category.setCurrentText(details.category if details else "")
        self.duration.setValue(details.duration_minutes if details else 60)
        self.buffer.setValue(details.buffer_minutes if details else 0)
        self.price.setText(amount_text(details.price_cents) if details else "")
        deposit = details.deposit_cents if details else 0
        self.deposit.setText(amount_text(deposit) if deposit else "")
        for provider_id, box in self.checks.items():
            box.setChecked(details is not None and provider_id in details.provider_ids)
        self.name.setFocus()

    def save_form(self, item_id: int | None) -> int:
        details = ServiceDetails(
            name=self.name.text(),
            category=self.category.currentText(),
            duration_minutes=self.duration.value(),
            buffer_minutes=self.buffer.value(),
            price_cents=cents_in(self.price.text()),
            deposit_cents=cents_in(self.deposit.text(), empty_is_zero=True),
            provider_ids=tuple(pid for pid, box in self.checks.items() if box.isChecked()),
        )
        if item_id is None:
            return add_service(self.desk, details)
        edit_service(self.desk, item_id, details)
        return item_id

    def set_active(self, item_id: int, active: bool) -> None:
        set_service_active(self.desk, item_id, active)
