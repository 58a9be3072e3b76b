"""Combo boxes whose every part has an accessible name, as every interactive widget must."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


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
