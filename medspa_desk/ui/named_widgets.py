"""Buttons, fields and combo boxes made with their accessible names: every interactive widget has
one, and screen readers, keyboard users and tests find it by it. Shared by every view."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton


def named_button(text: str, name: str, tooltip: str = "") -> QPushButton:
    """A button showing `text` ("Edit…"), named `name` ("Edit client"). It never becomes a
    dialog's default by having focus: Enter does what the dialog chose, not whatever button was
    tabbed past last."""
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    if tooltip:
        button.setToolTip(tooltip)
    return button


def named_field(name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    return field


def named_combo(name: str, *, editable: bool = False) -> QComboBox:
    """A combo box named `name`; its drop-down list and, if typed into, its text field are
    widgets a screen reader (or a test) reaches too, so they are named after it."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.view().setAccessibleName(f"{name} choices")
    if editable:
        combo.setEditable(True)
        combo.lineEdit().setAccessibleName(name)
    return combo
