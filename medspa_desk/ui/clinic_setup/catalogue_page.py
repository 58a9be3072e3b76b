"""A page of the clinic's set-up that keeps a list of items the desk sells (the service menu, the
retail shelf): the items in a table, on sale and retired alike, and beside it a form to add one
or edit the one selected, each field's problem said under it; Save, Retire and Bring back go
through DeskActions.run.

The service behind a page checks everything: the page only reads the form and shows the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.money import parse_cents
from medspa_desk.services.desk import Desk
from medspa_desk.ui.clients.field_problems import FieldProblems
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button

Item = TypeVar("Item")
Field = TypeVar("Field", bound=QWidget)

SET_UP_CHANGED = BooksChanged.of(clinic_set_up=True)


def amount_text(cents: int) -> str:
    """Cents as a form shows them to be edited: 19900 is "199.00" (no $, no thousands comma)."""
    return f"{cents // 100}.{cents % 100:02d}"


def cents_in(text: str, *, empty_is_zero: bool = False) -> int | None:
    """An amount typed in a form, in cents; None when it is not one (the service says so beside
    the field, with the other problems of the form)."""
    if empty_is_zero and not text.strip():
        return 0
    try:
        return parse_cents(text)
    except ValueError:
        return None


class CataloguePage(QWidget, Generic[Item]):
    """`item_word` names one item ("service"); the subclass adds its fields with add_field and
    says how to list, show, read, add, edit and retire an item."""

    item_word = "item"

    def __init__(
        self, desk: Desk, desk_actions: DeskActions, columns: Sequence[str], table_name: str
    ) -> None:
        super().__init__()
        self.desk = desk
        self.desk_actions = desk_actions
        self.items: list[Item] = []
        self.editing: Item | None = None  # None: the form adds a new item

        self.table = QTableWidget(0, len(columns))
        self.table.setAccessibleName(table_name)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Each row as tall as its wrapped text: two-line rows cut long names ("Laser hair
        # removal: ..."), and the desk could not tell such services apart.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        word = self.item_word
        self.heading = QLabel()
        self.heading.setAccessibleName(f"{word.capitalize()} form heading")
        self.heading.setObjectName("section_heading")
        self.form = QFormLayout()
        self.problems = FieldProblems(self.form, f"{word.capitalize()} problem")
        self.new_button = named_button(
            f"New {word}", f"New {word}", f"Empty the form to add a {word}"
        )
        self.save_button = named_button("Save", f"Save {word}", f"Save the {word} as the form says")
        self.save_button.setDefault(True)
        self.retire_button = named_button("Retire", f"Retire {word}")
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self._save)
        self.retire_button.clicked.connect(self._retire_or_bring_back)
        self.desk_actions.books_changed.connect(self._books_changed)

    def lay_out(self, below: QLayout | None = None) -> None:
        """Once the subclass has added its fields: the table left, the form right (and `below`
        it, what else the page does with the item selected)."""
        buttons = QHBoxLayout()
        for button in (self.new_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        side = QVBoxLayout()
        side.addWidget(self.heading)
        side.addLayout(self.form)
        side.addWidget(self.problems.whole_form)
        side.addLayout(buttons)
        if below is not None:
            side.addLayout(below)
        side.addStretch(1)
        form_column = QWidget()
        form_column.setLayout(side)
        form_column.setMinimumWidth(460)  # the recount line, its reason field whole
        form_column.setMaximumWidth(520)
        page = QHBoxLayout(self)
        # The form keeps its narrowest width and the table the rest: at 1366 px a share of 3:2
        # wrapped most product names onto two lines.
        page.addWidget(self.table, 1)
        page.addWidget(form_column, 0)
        self.reload()
        self.start_new()

    def add_field(self, field: str, label: str, widget: Field) -> Field:
        self.problems.add_field(field, label, widget)
        return widget

    # What a subclass says.

    def read_items(self) -> list[Item]:
        raise NotImplementedError

    def item_id(self, item: Item) -> int:
        raise NotImplementedError

    def is_active(self, item: Item) -> bool:
        raise NotImplementedError

    def row_texts(self, item: Item) -> list[str]:
        raise NotImplementedError

    def item_name(self, item: Item) -> str:
        raise NotImplementedError

    def show_in_form(self, item: Item | None) -> None:
        raise NotImplementedError

    def save_form(self, item_id: int | None) -> int:
        """Add (item_id None) or change the item as the form says; its id."""
        raise NotImplementedError

    def set_active(self, item_id: int, active: bool) -> None:
        raise NotImplementedError

    def refresh_choices(self) -> None:
        """Re-read what the form offers to choose from (the set-up changed elsewhere)."""

    # The page's own work.

    def reload(self, select_id: int | None = None) -> None:
        self.items = self.read_items()
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            for column, text in enumerate(self.row_texts(item)):
                cell = QTableWidgetItem(text)
                if not self.is_active(item):
                    cell.setForeground(self.palette().placeholderText())
                if column and text[:1] in "$0123456789":
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
        row = next(
            (row for row, item in enumerate(self.items) if self.item_id(item) == select_id), -1
        )
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self.table.blockSignals(False)

    def start_new(self) -> None:
        self.table.clearSelection()
        self._edit(None)

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._edit(self.items[rows[0].row()] if rows else None)

    def _edit(self, item: Item | None) -> None:
        self.editing = item
        self.problems.clear()
        word = self.item_word
        if item is None:
            self.heading.setText(f"A new {word}")
        else:
            state = "" if self.is_active(item) else " (retired)"
            self.heading.setText(f"{self.item_name(item)}{state}")
        self.retire_button.setEnabled(item is not None)
        back = item is not None and not self.is_active(item)
        self.retire_button.setText("Bring back" if back else "Retire")
        self.retire_button.setAccessibleName(f"Bring back {word}" if back else f"Retire {word}")
        self.show_in_form(item)

    def _save(self) -> None:
        self.problems.clear()
        item_id = None if self.editing is None else self.item_id(self.editing)
        self.desk_actions.run(
            lambda: self.save_form(item_id),
            SET_UP_CHANGED,
            lambda saved_id: self._done(saved_id, "saved"),
            refuse_here=self.problems.refuse,
        )

    def _retire_or_bring_back(self) -> None:
        if self.editing is None:
            return
        item_id, active = self.item_id(self.editing), not self.is_active(self.editing)
        self.problems.clear()
        self.desk_actions.run(
            lambda: self.set_active(item_id, active),
            SET_UP_CHANGED,
            lambda _none: self._done(item_id, "brought back" if active else "retired"),
            refuse_here=self.problems.refuse,
        )

    def _done(self, item_id: int, what: str) -> None:
        self.reload(select_id=item_id)
        shown = next((item for item in self.items if self.item_id(item) == item_id), None)
        self._edit(shown)
        if shown is not None:
            self.problems.whole_form.note(f"{self.item_name(shown)} {what}.")

    def _books_changed(self, changed: BooksChanged) -> None:
        """The set-up changed (here or on another page): the table and the form's choices are
        read again; what is typed in the form stays."""
        if not changed.clinic_set_up:
            return
        self.refresh_choices()
        selected = None if self.editing is None else self.item_id(self.editing)
        self.reload(select_id=selected)
        if selected is not None:
            self.editing = next((i for i in self.items if self.item_id(i) == selected), None)
