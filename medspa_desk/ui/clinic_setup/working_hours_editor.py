"""A provider's working week as the Staff page edits it: one line a weekday, off or one or more
spans ("09:00-13:00, 14:00-17:00": the gap is the break), beside the clinic's hours that day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from medspa_desk.domain.opening_hours import WEEKDAY_NAMES, DayHours
from medspa_desk.domain.working_hours import (
    ShiftsInvalid,
    WorkSpan,
    spans_as_text,
    spans_from_text,
)
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button, named_field


class WorkingHoursEditor(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Working hours", parent)
        self.setAccessibleName("Working hours")
        self._opening: Mapping[int, DayHours] = {}
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        self.days: list[QLineEdit] = []
        self._clinic_hours: list[QLabel] = []
        self.problems: list[MessageLine] = []
        for weekday, name in enumerate(WEEKDAY_NAMES):
            field = named_field(f"{name} hours", "Off")
            field.setToolTip("24-hour time: 09:00-17:00, or 09:00-13:00, 14:00-17:00 with a break")
            field.setMinimumWidth(
                field.fontMetrics().horizontalAdvance("09:00-13:00, 14:00-17:00") + 24
            )
            clinic = QLabel()
            clinic.setObjectName("clinic_hours_note")
            problem = MessageLine(f"{name} hours problem")
            label = QLabel(name)
            label.setBuddy(field)
            grid.addWidget(label, 2 * weekday, 0)
            grid.addWidget(field, 2 * weekday, 1)
            grid.addWidget(clinic, 2 * weekday, 2)
            grid.addWidget(problem, 2 * weekday + 1, 1, 1, 2)
            self.days.append(field)
            self._clinic_hours.append(clinic)
            self.problems.append(problem)
        grid.setColumnStretch(1, 1)
        self.copy_monday = named_button(
            "Copy Monday to all",
            "Copy Monday to all",
            "Monday's hours on every day the clinic opens",
        )
        self.copy_monday.clicked.connect(self._copy_monday)
        self.save = named_button("Save hours", "Save working hours")
        self.message = MessageLine("Working hours problem")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_monday)
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        grid.addWidget(self.message, 14, 0, 1, 3)
        grid.addLayout(buttons, 15, 0, 1, 3)
        self.setLayout(grid)

    def show_week(
        self, week: Mapping[int, Sequence[WorkSpan]] | None, opening: Mapping[int, DayHours]
    ) -> None:
        """Show a provider's week; None when there is none to edit (not a provider, or not
        saved yet), which greys the editor out."""
        self._opening = opening
        self.clear_problems()
        for weekday, field in enumerate(self.days):
            field.setText(spans_as_text((week or {}).get(weekday, ())))
            hours = opening.get(weekday)
            self._clinic_hours[weekday].setText(
                f"Clinic {hours.opens:%H:%M}-{hours.closes:%H:%M}" if hours else "Clinic closed"
            )
        self.setEnabled(week is not None)
        self.setToolTip(
            "" if week is not None else "Working hours are kept for a provider, once saved"
        )

    def week(self) -> dict[int, tuple[WorkSpan, ...]]:
        """The week typed; ShiftsInvalid, naming the day, for a line that cannot be read."""
        return {
            weekday: spans_from_text(weekday, field.text())
            for weekday, field in enumerate(self.days)
        }

    def refuse(self, refusal: DeskRefusal) -> None:
        """Say the refusal beside the day it is about, or under the week."""
        weekday = refusal.weekday if isinstance(refusal, ShiftsInvalid) else None
        if weekday is None:
            self.message.refuse(refusal)
        else:
            self.problems[weekday].refuse(refusal)
            self.days[weekday].setFocus()

    def clear_problems(self) -> None:
        self.message.clear_message()
        for line in self.problems:
            line.clear_message()

    def _copy_monday(self) -> None:
        monday = self.days[0].text()
        for weekday, field in enumerate(self.days[1:], start=1):
            if weekday in self._opening:
                field.setText(monday)
