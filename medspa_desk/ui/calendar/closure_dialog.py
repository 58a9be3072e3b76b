"""Closing the whole clinic on one day (a holiday), from the calendar: a manager's action.

When the day holds bookings, the dialog stays open listing them: the closure moves none of them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from medspa_desk.domain.time_wording import long_date
from medspa_desk.services.clinic.closures import ClosureAdded, add_closure
from medspa_desk.ui.calendar.bookings_inside import BookingsInside
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class ClosureDialog(QDialog):
    closed_day = Signal(str)  # a sentence for the status bar

    def __init__(
        self,
        desk: Desk,
        day: date,
        parent: QWidget | None = None,
        *,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._day = desk, day
        self._desk_actions = desk_actions or DeskActions(self)
        self.setWindowTitle("Close the clinic")
        self.setAccessibleName("Close the clinic")
        self._what = QLabel(f"Close the whole clinic on {long_date(day)}: no provider is booked.")
        self._what.setWordWrap(True)
        self._reason = named_field("Reason", "Christmas Day, staff training…")
        self._refusal = MessageLine("Closure problem")
        self._inside = BookingsInside(desk.settings.zone)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self._close_day = self._buttons.addButton(
            "Close the clinic", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._close_day.setAccessibleName("Close the clinic")
        self._close_day.setDefault(True)
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self._buttons.accepted.connect(self._add)
        self._buttons.rejected.connect(self.reject)
        self._form = QWidget()
        form = QFormLayout(self._form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Reason:", self._reason)
        self.setMinimumWidth(520)  # the bookings inside, if any, are read line by line
        layout = QVBoxLayout(self)
        for widget in (self._what, self._form, self._refusal, self._inside, self._buttons):
            layout.addWidget(widget)

    def _add(self) -> None:
        self._desk_actions.run(
            lambda: add_closure(self._desk, self._day, self._reason.text()),
            lambda added: BooksChanged.of(
                availability_days=[self._day],
                appointments=[booking.appointment_id for booking in added.affected],
            ),
            self._done,
            refuse_here=self._refusal.refuse,
        )

    def _done(self, added: ClosureAdded) -> None:
        self.closed_day.emit(added.message)
        if not added.affected:
            self.accept()
            return
        self._refusal.clear_message()
        self._inside.take_over(
            (self._what, self._form, self._close_day), self._buttons, added.message, added.affected
        )
