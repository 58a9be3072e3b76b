"""The line a dialog shows a refusal on: next to the field it is about, or above the buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class RefusalLabel(QLabel):
    """Hidden until there is something to say; then the sentence, in the refusal colour."""

    def __init__(self, accessible_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("refusal")
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def say(self, sentence: str) -> None:
        self.setText(sentence)
        self.setVisible(bool(sentence))

    def clear_refusal(self) -> None:
        self.say("")
