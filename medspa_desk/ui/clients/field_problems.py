"""A form's fields, each with the line under it where what is wrong with it is said.

The client, menu and shelf services refuse with every wrong field at once
(FieldsRefused.problems, by the field's name in the service's dataclass); this shows each sentence under its own field, and
what names no field above the buttons.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from medspa_desk.services.desk_errors import DeskRefusal, FieldsRefused
from medspa_desk.ui.message_line import MessageLine


class FieldProblems:
    def __init__(self, form: QFormLayout, whole_form_name: str) -> None:
        self._form = form
        self._labels: dict[str, MessageLine] = {}
        self._widgets: dict[str, QWidget] = {}
        self.whole_form = MessageLine(whole_form_name)

    def add_field(self, field: str, label: str, widget: QWidget) -> None:
        """A row "Label: [widget]" with its problem line beneath, named "<widget's name> problem"."""
        refusal = MessageLine(f"{widget.accessibleName()} problem")
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(refusal)
        self._form.addRow(f"{label}:", column)
        self._labels[field], self._widgets[field] = refusal, widget

    def share_line(self, field: str, with_field: str, widget: QWidget) -> None:
        """`field` is said on `with_field`'s line (a month and year share one row), and a
        problem with it puts the cursor in `widget`."""
        self._labels[field], self._widgets[field] = self._labels[with_field], widget

    def show(self, problems: dict[str, str]) -> None:
        """Say each problem under its field; the cursor goes to the first wrong field."""
        self.clear()
        for field, sentence in problems.items():
            self._labels.get(field, self.whole_form).refuse(sentence)
        first = next((field for field in problems if field in self._widgets), None)
        if first is not None:
            self._widgets[first].setFocus()

    def refuse(self, refusal: DeskRefusal) -> None:
        """A refusal as DeskActions.run hands it: a FieldsRefused's problems under their fields,
        any other refusal above the buttons."""
        if isinstance(refusal, FieldsRefused):
            self.show(refusal.problems)
        else:
            self.whole_form.refuse(refusal)

    def clear(self) -> None:
        for label in (*self._labels.values(), self.whole_form):
            label.clear_message()
