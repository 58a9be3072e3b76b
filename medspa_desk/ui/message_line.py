"""The one line a sentence for the desk is shown on anywhere in the window but the status bar:
a refusal beside the input it is about (or above a dialog's buttons), or a plain note of what was
done. The window's status bar is the line for a refusal tied to no input (DeskActions.refused)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from medspa_desk.services.desk_errors import DeskRefusal


class MessageLine(QLabel):
    """Hidden until there is something to say; a refusal in the refusal colour (the style sheet's
    #refusal), a note in the plain one (#note)."""

    def __init__(self, accessible_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("refusal")
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def refuse(self, sentence: str | DeskRefusal) -> None:
        """Say a refusal: its sentence, or the refusal itself (as DeskActions.run hands it)."""
        self._say(str(sentence), "refusal")

    def note(self, sentence: str) -> None:
        self._say(sentence, "note")

    def clear_message(self) -> None:
        self._say("", self.objectName())

    def _say(self, sentence: str, kind: str) -> None:
        if self.objectName() != kind:
            self.setObjectName(kind)
            self.style().unpolish(self)  # the style sheet picks its colour by the object name
            self.style().polish(self)
        self.setText(sentence)
        self.setVisible(bool(sentence))
