"""The staff member's details as the Staff page edits them, each field with its refusal beside
it: display name, job title, role, colour on the calendar, order on the calendar, and the
services a provider performs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.staff_roles import COLOUR, DEFAULT_LANE_COLOUR, LARGEST_ORDER, StaffRole
from medspa_desk.services.clinic.staff import MenuService, StaffDetails
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field


class StaffForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = named_field("Display name", "As the calendar and receipts show it")
        self.title = named_field("Job title", "Shown under the name, e.g. Nurse injector")
        self.role = named_combo("Role")
        for role in StaffRole:
            self.role.addItem(role.label, role.value)  # Qt keeps a str enum as its str
        self.role.setToolTip(
            "A provider has a lane on the calendar; a manager may change the clinic's set-up"
        )
        self.role.currentIndexChanged.connect(self._role_chosen)
        self.colour = named_field("Colour", "#rrggbb")
        self.colour.setMaxLength(7)
        self.colour.textChanged.connect(self._show_swatch)
        self._swatch = QLabel()
        self._swatch.setFixedSize(22, 22)
        self._swatch.setAccessibleName("Colour shown")
        choose = named_button("Choose…", "Choose colour", "Pick the lane's colour")
        choose.clicked.connect(self._choose_colour)
        self.order = QSpinBox()
        self.order.setAccessibleName("Calendar order")
        self.order.setRange(0, LARGEST_ORDER)
        self.order.setToolTip("Lanes run left to right from the lowest number")
        self.services = QListWidget()
        self.services.setAccessibleName("Services performed")
        self.services.setMaximumHeight(150)
        self.problems = {
            "name": MessageLine("Display name problem"),
            "title": MessageLine("Job title problem"),
            "colour": MessageLine("Colour problem"),
            "calendar_order": MessageLine("Calendar order problem"),
            "service_ids": MessageLine("Services problem"),
        }
        colour_row = QHBoxLayout()
        for widget in (self.colour, self._swatch, choose):
            colour_row.addWidget(widget)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for label, field, key in (
            ("Display name", self.name, "name"),
            ("Job title", self.title, "title"),
            ("Role", self.role, None),
            ("Colour", colour_row, "colour"),
            ("Calendar order", self.order, "calendar_order"),
            ("Services performed", self.services, "service_ids"),
        ):
            if key is None:
                form.addRow(label, field)
                continue
            column = QVBoxLayout()
            column.setSpacing(2)
            if isinstance(field, QWidget):
                column.addWidget(field)
            else:
                column.addLayout(field)
            column.addWidget(self.problems[key])
            form.addRow(label, column)
        self._picker: QColorDialog | None = None
        self.show_details(None, [])

    def show_details(
        self, details: StaffDetails | None, menu: list[MenuService], *, next_order: int = 0
    ) -> None:
        """Fill the form with `details`, or empty for a new staff member (a provider, whose lane
        comes after the others: `next_order`)."""
        self.clear_problems()
        details = details or StaffDetails("", StaffRole.PROVIDER, DEFAULT_LANE_COLOUR, next_order)
        self.name.setText(details.name)
        self.title.setText(details.title)
        self.role.setCurrentIndex(self.role.findData(details.role.value))
        self.colour.setText(details.colour)
        self.order.setValue(details.calendar_order)
        self.services.clear()
        for service in menu:
            item = QListWidgetItem(f"{service.name} · {service.category}")
            item.setData(Qt.ItemDataRole.UserRole, service.service_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = service.service_id in details.service_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.services.addItem(item)
        self._kept_off_menu = details.service_ids - {s.service_id for s in menu}
        self._role_chosen()

    def chosen_role(self) -> StaffRole:
        return StaffRole(self.role.currentData())

    def details(self) -> StaffDetails:
        role = self.chosen_role()
        checked = {
            self.services.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.services.count())
            if self.services.item(row).checkState() == Qt.CheckState.Checked
        }
        return StaffDetails(
            name=self.name.text(),
            role=role,
            colour=self.colour.text().strip(),
            calendar_order=self.order.value(),
            title=self.title.text(),
            # Only a provider performs services: the list is greyed out for the others.
            service_ids=frozenset(checked | self._kept_off_menu)
            if role.is_provider
            else frozenset(),
        )

    def show_problems(self, refusal: DeskRefusal) -> bool:
        """Say each wrong field's sentence beside it; False when the refusal names no field."""
        problems = getattr(refusal, "problems", None)
        if not problems:
            return False
        for key, sentence in problems.items():
            self.problems[key].refuse(sentence)
        return True

    def clear_problems(self) -> None:
        for line in self.problems.values():
            line.clear_message()

    def _role_chosen(self) -> None:
        if self.role.currentIndex() >= 0:
            self.services.setEnabled(self.chosen_role().is_provider)

    def _show_swatch(self, text: str) -> None:
        shown = text if COLOUR.fullmatch(text.strip()) else "transparent"
        self._swatch.setStyleSheet(f"background: {shown}; border: 1px solid #8a8a8a;")

    def _choose_colour(self) -> None:
        # open(), not getColor(): the desk is never stopped by a window that waits for an answer.
        if self._picker is None:
            self._picker = QColorDialog(self)
            self._picker.setAccessibleName("Lane colour")
            self._picker.colorSelected.connect(lambda c: self.colour.setText(c.name()))
        self._picker.setCurrentColor(QColor(self.colour.text().strip() or DEFAULT_LANE_COLOUR))
        self._picker.open()
