"""The clinic's opening hours a weekday a row: open or closed, from and to."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QTimeEdit, QVBoxLayout, QWidget

from medspa_desk.domain.opening_hours import WEEKDAY_NAMES, DayHours, WeekHours
from medspa_desk.ui.date_fields import TimeField
from medspa_desk.ui.message_line import MessageLine

_DEFAULT_DAY = DayHours(time(9), time(17))


class WeekHoursEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Opening hours")
        grid = QGridLayout()
        self._open: list[QCheckBox] = []
        self._opens: list[QTimeEdit] = []
        self._closes: list[QTimeEdit] = []
        for weekday, day in enumerate(WEEKDAY_NAMES):
            is_open = QCheckBox(day)
            is_open.setAccessibleName(f"{day} open")
            opens, closes = _time_edit(f"{day} opens"), _time_edit(f"{day} closes")
            is_open.toggled.connect(opens.setEnabled)
            is_open.toggled.connect(closes.setEnabled)
            grid.addWidget(is_open, weekday, 0)
            grid.addWidget(opens, weekday, 1)
            grid.addWidget(QLabel("to"), weekday, 2)
            grid.addWidget(closes, weekday, 3)
            self._open.append(is_open)
            self._opens.append(opens)
            self._closes.append(closes)
        grid.setColumnStretch(4, 1)
        self.message = MessageLine("Opening hours problem")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        self.show_week({})

    def show_week(self, week: WeekHours) -> None:
        """Each day's hours; a day missing is shown closed, with the hours it would most likely
        open, should the clinic open it."""
        for weekday in range(7):
            hours = week.get(weekday)
            shown = hours or _DEFAULT_DAY
            self._opens[weekday].setTime(QTime(shown.opens.hour, shown.opens.minute))
            self._closes[weekday].setTime(QTime(shown.closes.hour, shown.closes.minute))
            self._open[weekday].setChecked(hours is not None)
            self._opens[weekday].setEnabled(hours is not None)
            self._closes[weekday].setEnabled(hours is not None)

    def week(self) -> dict[int, DayHours]:
        return {
            weekday: DayHours(_time(self._opens[weekday]), _time(self._closes[weekday]))
            for weekday in range(7)
            if self._open[weekday].isChecked()
        }


def _time_edit(name: str) -> QTimeEdit:
    edit = TimeField()
    edit.setAccessibleName(name)
    edit.setDisplayFormat("HH:mm")
    return edit


def _time(edit: QTimeEdit) -> time:
    shown = edit.time()
    return time(shown.hour(), shown.minute())
