"""Blocking a provider's time from the calendar: a lunch, a training, a vacation.

Opened from a cell's menu with that slot filled in; anyone at the desk may block time. When the
block covers bookings, the dialog stays open listing them (the block moves none of them).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.clinic_time import at_local, local_days_of
from medspa_desk.services.booking.day_schedule import ProviderColumn
from medspa_desk.services.clinic.time_off import TimeOffAdded, add_time_off
from medspa_desk.ui.calendar.bookings_inside import BookingsInside
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_combo

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

# What the desk blocks most; any other reason may be typed.
USUAL_REASONS = ("Lunch", "Training", "Vacation")


class BlockTimeDialog(QDialog):
    blocked = Signal(str)  # a sentence for the status bar

    def __init__(
        self,
        desk: Desk,
        providers: list[ProviderColumn],
        provider_id: int,
        starts_at: datetime,
        ends_at: datetime,
        parent: QWidget | None = None,
        *,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self.setWindowTitle("Block time")
        self.setAccessibleName("Block time")
        self._provider = named_combo("Provider")
        for provider in providers:
            self._provider.addItem(provider.name, provider.provider_id)
        self._provider.setCurrentIndex(max(self._provider.findData(provider_id), 0))
        self._from = self._moment("From", starts_at)
        self._to = self._moment("To", ends_at)
        self._reason = named_combo("Reason", editable=True)
        self._reason.addItems(USUAL_REASONS)
        self._reason.setCurrentText(USUAL_REASONS[0])
        self._refusal = MessageLine("Block problem")
        self._inside = BookingsInside(desk.settings.zone)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self._block = self._buttons.addButton("Block time", QDialogButtonBox.ButtonRole.AcceptRole)
        self._block.setAccessibleName("Block time")
        self._block.setDefault(True)
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self._buttons.accepted.connect(self._add)
        self._buttons.rejected.connect(self.reject)
        self._form = QWidget()
        form = QFormLayout(self._form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Provider:", self._provider)
        form.addRow("From:", self._from)
        form.addRow("To:", self._to)
        form.addRow("Reason:", self._reason)
        self.setMinimumWidth(520)  # the bookings inside, if any, are read line by line
        layout = QVBoxLayout(self)
        for widget in (self._form, self._refusal, self._inside, self._buttons):
            layout.addWidget(widget)

    def _moment(self, name: str, instant: datetime) -> QDateTimeEdit:
        """A field of the clinic's wall-clock time (not the computer's zone)."""
        local = instant.astimezone(self._desk.settings.zone).replace(tzinfo=None)
        field = QDateTimeEdit(QDateTime(local.date(), local.time()))
        field.setAccessibleName(name)
        field.setDisplayFormat("ddd MMM d, yyyy h:mm AP")
        field.setCalendarPopup(True)
        return field

    def _instant(self, field: QDateTimeEdit) -> datetime:
        wall = field.dateTime().toPython()
        return at_local(wall.date(), wall.time(), self._desk.settings.zone)

    def _add(self) -> None:
        starts_at, ends_at = self._instant(self._from), self._instant(self._to)
        days = local_days_of(starts_at, ends_at, self._desk.settings.zone)
        self._desk_actions.run(
            lambda: add_time_off(
                self._desk,
                self._provider.currentData(),
                starts_at,
                ends_at,
                self._reason.currentText(),
            ),
            lambda added: BooksChanged.of(
                availability_days=days,
                appointments=[booking.appointment_id for booking in added.affected],
            ),
            self._done,
            refuse_here=self._refusal.refuse,
        )

    def _done(self, added: TimeOffAdded) -> None:
        self.blocked.emit(added.message)
        if not added.affected:
            self.accept()
            return
        # The bookings inside, for the desk to call the clients: the form is done with.
        self._refusal.clear_message()
        self._inside.take_over(
            (self._form, self._block), self._buttons, added.message, added.affected
        )
