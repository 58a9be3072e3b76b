"""Which widgets must carry an accessible name (the UI tests find them by it, and so does a
screen reader), and which of a dialog's have none."""

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractItemView, QAbstractSpinBox, QComboBox)


def is_inside_qt_internals(widget: QWidget, window: QWidget) -> bool:
    """Parts Qt builds inside its own widgets ("qt_spinbox_lineedit", the calendar popup's
    buttons) are named by Qt's object-name convention and reached through their owner."""
    while widget is not None and widget is not window:
        if widget.objectName().startswith("qt_"):
            return True
        widget = widget.parentWidget()
    return False


def unnamed_widgets(dialog: QDialog) -> list[str]:
    """What a screen reader could not name in `dialog`: its interactive widgets with no accessible name."""
    for date_edit in dialog.findChildren(QDateEdit):
        date_edit.calendarWidget()  # build the date popup, so it is checked too
    return [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for widget in dialog.findChildren(QWidget)
        if isinstance(widget, INTERACTIVE)
        and not widget.accessibleName()
        and not is_inside_qt_internals(widget, dialog)
    ]
