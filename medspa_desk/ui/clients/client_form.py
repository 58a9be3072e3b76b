"""The client form: adding a client, or editing one, every field at once.

Save hands the whole form to the client records service, which checks every field before it
writes anything; each problem is shown under its field and nothing is saved. Before a new
client is added, the records that may be the same person are shown, and the desk chooses to
open one of them or to add the new one anyway.

Opened with open(); `saved` says which client was added or changed, `open_existing` which
existing record the desk chose instead of a new one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.confirmations import ATTEMPT_WORDS
from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.services.clients.records import (
    ClientEdit,
    ClientRefused,
    create_client,
    update_client,
)
from medspa_desk.services.clients.search import possible_duplicates
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.clients.client_results import ClientResultsModel
from medspa_desk.ui.clients.field_problems import FieldProblems
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button, named_combo

if TYPE_CHECKING:
    from medspa_desk.services.clients.profile import ClientDetails
    from medspa_desk.services.desk import Desk

# How a birthday may be typed: the US way first, as the desk writes dates; ISO for a paste.
_DAY_FORMATS = ("%m/%d/%Y", "%m-%d-%Y", "%Y-%m-%d")
# The form's line fields: the ClientEdit field, its label, and its accessible name.
_LINE_FIELDS = (
    ("first_name", "First name", "First name"),
    ("last_name", "Last name", "Last name"),
    ("phone", "Phone", "Phone"),
    ("email", "Email", "Email"),
    ("birthday", "Birthday", "Birthday"),
)
_EMERGENCY_FIELDS = (
    ("emergency_contact_name", "Emergency contact", "Emergency contact name"),
    ("emergency_contact_phone", "Emergency phone", "Emergency contact phone"),
)


class ClientFormDialog(QDialog):
    saved = Signal(int)  # the client added or changed
    open_existing = Signal(int)  # a possible duplicate the desk chose instead of a new record

    def __init__(
        self,
        desk: Desk,
        client: ClientDetails | None = None,
        parent: QWidget | None = None,
        *,
        start_at: str = "first_name",
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._client = client
        # Possible duplicates the desk has seen and chose to add the client beside.
        self._seen_duplicates: set[int] = set()
        name = "New client form" if client is None else "Edit client form"
        self.setWindowTitle("New client" if client is None else f"Edit {client.name}")
        self.setAccessibleName(name)
        self.setObjectName("client_form")

        form = QFormLayout()
        self._problems = FieldProblems(form, "Client form problem")
        self._lines: dict[str, QLineEdit] = {}
        for field, label, accessible_name in _LINE_FIELDS:
            self._lines[field] = self._add_line(field, label, accessible_name)
        self._lines["birthday"].setPlaceholderText("MM/DD/YYYY, if the client gives it")
        self._lines["phone"].setPlaceholderText("(406) 555-1234")
        self._notes = QPlainTextEdit()
        self._notes.setAccessibleName("Notes")
        self._notes.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self._notes.setFixedHeight(72)
        self._notes.setPlaceholderText("Preferences, sensitivities; never a card number")
        self._problems.add_field("notes", "Notes", self._notes)
        for field, label, accessible_name in _EMERGENCY_FIELDS:
            self._lines[field] = self._add_line(field, label, accessible_name)
        self._preferred = named_combo("Preferred contact")
        self._preferred.setToolTip("How the client likes to be reached about their bookings")
        self._preferred.addItem("Not said", None)
        for channel in (ConsentChannel.PHONE, ConsentChannel.SMS, ConsentChannel.EMAIL):
            self._preferred.addItem(ATTEMPT_WORDS[channel], channel.value)
        self._problems.add_field("preferred_channel", "Preferred contact", self._preferred)

        self._duplicates = self._make_duplicates_box()

        buttons = QDialogButtonBox()
        save = named_button("Save client", "Save client", "Save (Enter)")
        save.setDefault(True)
        save.clicked.connect(self._save)
        cancel = named_button("Cancel", "Cancel", "Close without saving (Esc)")
        cancel.clicked.connect(self.reject)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        # The dialog takes the height its content needs as problems and duplicates appear.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addLayout(form)
        layout.addWidget(self._duplicates)
        layout.addWidget(self._problems.whole_form)
        layout.addWidget(buttons)
        for line in self._lines.values():
            line.setMinimumWidth(320)
        if client is not None:
            self._fill(client)
        (self._notes if start_at == "notes" else self._lines[start_at]).setFocus()

    def fill_from_search(self, typed: str) -> None:
        """Start a new client from what was typed in the search that did not find them: an
        email, a phone number, or a name (first word first name, the rest last name)."""
        typed = typed.strip()
        if "@" in typed:
            self._lines["email"].setText(typed)
        elif any(character.isdigit() for character in typed):
            self._lines["phone"].setText(typed)
        elif typed:
            first, _space, last = typed.partition(" ")
            self._lines["first_name"].setText(first)
            self._lines["last_name"].setText(last.strip())
            if last.strip():
                self._lines["phone"].setFocus()  # the name is there: the phone comes next

    def _add_line(self, field: str, label: str, accessible_name: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(accessible_name)
        self._problems.add_field(field, label, line)
        return line

    def _make_duplicates_box(self) -> QGroupBox:
        box = QGroupBox("Already in the records? The same person may be here:")
        box.setObjectName("possible_duplicates")
        box.setAccessibleName("Possible duplicates")
        self._duplicate_model = ClientResultsModel(self, with_reason=True)
        table = QTableView()
        table.setAccessibleName("Possible duplicate records")
        table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        table.setModel(self._duplicate_model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setCornerButtonEnabled(False)
        table.verticalHeader().hide()
        table.verticalHeader().setAccessibleName("Duplicate rows")
        table.horizontalHeader().setAccessibleName("Duplicate columns")
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setFixedHeight(120)
        table.activated.connect(lambda _index: self._open_existing())
        self._duplicate_table = table
        open_existing = named_button(
            "Open existing", "Open existing", "Open the chosen record instead"
        )
        open_existing.clicked.connect(self._open_existing)
        create_anyway = named_button(
            "Create anyway", "Create anyway", "A different person: add the new client beside them"
        )
        create_anyway.clicked.connect(self._create_anyway)
        row = QHBoxLayout()
        row.addWidget(open_existing)
        row.addWidget(create_anyway)
        row.addStretch(1)
        column = QVBoxLayout(box)
        column.addWidget(table)
        column.addLayout(row)
        box.hide()
        return box

    def _fill(self, client: ClientDetails) -> None:
        shown = {
            "first_name": client.first_name,
            "last_name": client.last_name,
            "phone": client.phone_display,
            "email": client.email or "",
            "birthday": f"{client.birthday:%m/%d/%Y}" if client.birthday else "",
            "emergency_contact_name": client.emergency_contact_name,
            "emergency_contact_phone": client.emergency_contact_phone_display,
        }
        for field, text in shown.items():
            self._lines[field].setText(text)
        self._notes.setPlainText(client.notes)
        if client.preferred_channel is not None:
            self._preferred.setCurrentIndex(
                self._preferred.findData(client.preferred_channel.value)
            )

    def _typed(self) -> ClientEdit:
        text = {field: line.text() for field, line in self._lines.items()}
        return ClientEdit(
            first_name=text["first_name"],
            last_name=text["last_name"],
            phone=text["phone"],
            email=text["email"],
            # A birthday that is not a date is handed over as typed: the service then names it
            # with the other wrong fields, and saves nothing.
            birthday=_typed_day(text["birthday"]),
            notes=self._notes.toPlainText(),
            emergency_contact_name=text["emergency_contact_name"],
            emergency_contact_phone=text["emergency_contact_phone"],
            preferred_channel=_channel(self._preferred.currentData()),
        )

    def _save(self) -> None:
        self._problems.clear()
        edit = self._typed()
        if self._client is None and self._unseen_duplicates(edit):
            return
        self._desk_actions.run(
            lambda: self._save_now(edit),
            lambda client_id: BooksChanged.of(clients=[client_id]),
            self._saved,
            refuse_here=lambda refusal: self._refused(refusal, edit),
        )

    def _save_now(self, edit: ClientEdit) -> int:
        if self._client is None:
            return create_client(self._desk, edit)
        update_client(self._desk, self._client.client_id, edit)
        return self._client.client_id

    def _refused(self, refusal: DeskRefusal, edit: ClientEdit) -> None:
        if not isinstance(refusal, ClientRefused):
            self._problems.whole_form.refuse(refusal)
            return
        problems = dict(refusal.problems)
        if "birthday" in problems and isinstance(edit.birthday, str):
            problems["birthday"] = (
                f"“{edit.birthday.strip()}” is not a date: write it as month/day/year, "
                "like 04/27/1988."
            )
        self._problems.show(problems)

    def _saved(self, client_id: int) -> None:
        self.saved.emit(client_id)
        self.accept()

    def _unseen_duplicates(self, edit: ClientEdit) -> bool:
        """Show the records the new client may duplicate, unless the desk has seen them all."""
        found = possible_duplicates(
            self._desk, edit.first_name, edit.last_name, edit.phone, edit.email
        )
        if {match.client_id for match in found} <= self._seen_duplicates:
            return False
        self._duplicate_model.show_matches(found)
        self._duplicates.show()
        self._duplicate_table.setCurrentIndex(self._duplicate_model.index(0, 0))
        self._duplicate_table.setFocus()
        return True

    def _create_anyway(self) -> None:
        self._seen_duplicates.update(
            self._duplicate_model.client_id_at(row)
            for row in range(self._duplicate_model.rowCount())
        )
        self._duplicates.hide()
        self._save()

    def _open_existing(self) -> None:
        row = max(self._duplicate_table.currentIndex().row(), 0)
        client_id = self._duplicate_model.client_id_at(row)
        if client_id is None:
            return
        self.open_existing.emit(client_id)
        self.reject()  # nothing was added


def _typed_day(text: str) -> date | str | None:
    text = text.strip()
    if not text:
        return None
    for pattern in _DAY_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return text


def _channel(value: str | None) -> ConsentChannel | None:
    return ConsentChannel(value) if value else None
