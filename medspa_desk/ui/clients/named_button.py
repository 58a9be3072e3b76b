"""Push buttons with an accessible name, as every interactive widget must have."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def named_button(text: str, name: str, tooltip: str = "") -> QPushButton:
    """A button showing `text` ("Edit…"), named `name` ("Edit client") for screen readers and
    tests. It never becomes a dialog's default by having focus: Enter does what the dialog
    chose, not whatever button was tabbed past last."""
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    if tooltip:
        button.setToolTip(tooltip)
    return button
