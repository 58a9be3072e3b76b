"""Date and time fields that Tab leaves, as it leaves every other field.

Qt's date and time edits take Tab to move between their sections (day, month, year), so a
keyboard-only desk needed four presses to get past a date, and could not tell where the next
one would land. The cursor, Up and Down, and typing still work in the section the cursor is in.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QTimeEdit, QWidget


class DateField(QDateEdit):
    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class TimeField(QTimeEdit):
    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)
