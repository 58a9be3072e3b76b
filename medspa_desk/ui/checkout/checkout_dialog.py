"""What the checkout's dialogs share: a title that is also their accessible name, one line for
what the services said, and a Close button (Esc closes too). They open without blocking."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button


class CheckoutDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.message = MessageLine(f"{title} message")
        self.body = QVBoxLayout()
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        close = named_button("Close", "Close", "Close (Esc)")
        close.clicked.connect(self.reject)
        self.buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.buttons)

    def add_button(self, button) -> None:
        """A button of the dialog's own, left of Close."""
        self.buttons.insertWidget(self.buttons.count() - 1, button)
