"""Merging a duplicate record into the profile's: the desk picks the other record of the same
person (the likely ones are listed first), says why they are one person, and confirms.

The profile's record is the one kept; the other one's visits, fees, payments, credit, cards,
consents and history move into it (services.clients.records.merge_clients). Opened with open();
the window's DeskActions.run tells every view it is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.services.clients.records import merge_clients
from medspa_desk.services.clients.search import possible_duplicates
from medspa_desk.ui.clients.client_results import ClientResultsModel
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.clients.profile import ClientDetails
    from medspa_desk.services.desk import Desk

_MATCHES_SHOWN = 20


class MergeDialog(QDialog):
    def __init__(
        self,
        desk: Desk,
        kept: ClientDetails,
        parent: QWidget | None = None,
        *,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._kept = kept
        self.setWindowTitle(f"Merge a duplicate into {kept.name}")
        self.setAccessibleName("Merge records")
        self.setObjectName("merge_dialog")

        explanation = QLabel(
            f"Keep {kept.name} (client #{kept.client_id}). The other record's appointments, fees, "
            "payments, account credit, cards, consents and history move here, and its details "
            "fill any of this record's empty fields. The other record stays, marked as merged. "
            "This cannot be undone."
        )
        explanation.setObjectName("policy_wording")
        explanation.setWordWrap(True)
        explanation.setFixedWidth(520)

        self._find = QLineEdit()
        self._find.setAccessibleName("Find the other record")
        self._find.setPlaceholderText("Name, phone or email; the likely duplicates are listed")
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(0)  # once the keystrokes waiting are handled: see client_list
        self._pause.timeout.connect(self._search)
        self._find.textEdited.connect(lambda _text: self._pause.start())
        self._model = ClientResultsModel(self, with_reason=True)
        self._candidates = QTableView()
        self._candidates.setAccessibleName("Other record")
        self._candidates.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self._candidates.setModel(self._model)
        self._candidates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._candidates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._candidates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._candidates.setCornerButtonEnabled(False)
        self._candidates.verticalHeader().hide()
        self._candidates.verticalHeader().setAccessibleName("Other record rows")
        columns = self._candidates.horizontalHeader()
        columns.setAccessibleName("Other record columns")
        columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        columns.setStretchLastSection(True)
        self._candidates.setFixedHeight(160)
        self._candidates.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._show_choice()
        )

        self._none_found = QLabel()
        self._none_found.setAccessibleName("No other record found")
        self._none_found.setWordWrap(True)

        self._reason = QLineEdit()
        self._reason.setAccessibleName("Merge reason")
        self._reason.setPlaceholderText("Required: why these are one person")
        self._refusal = MessageLine("Merge problem")

        buttons = QDialogButtonBox()
        self._confirm = named_button("Merge", "Merge", "Merge the chosen record into this one")
        self._confirm.clicked.connect(self._merge)
        keep = named_button("Keep both", "Keep both", "Close without merging (Esc)")
        keep.clicked.connect(self.reject)
        # Not the accept role, which a button box makes the default: Enter in the reason must
        # not merge two records; it takes the button itself.
        buttons.addButton(self._confirm, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(keep, QDialogButtonBox.ButtonRole.RejectRole)

        form = QFormLayout()
        form.addRow("Other record:", self._find)
        form.addRow(self._candidates)
        form.addRow(self._none_found)
        form.addRow("Why:", self._reason)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self._refusal)
        layout.addWidget(buttons)
        self._show_likely_duplicates()
        self._find.setFocus()

    def _show_likely_duplicates(self) -> None:
        kept = self._kept
        self._show(
            possible_duplicates(
                self._desk,
                kept.first_name,
                kept.last_name,
                kept.phone_e164 or "",
                kept.email or "",
                exclude_id=kept.client_id,
            )
        )

    def _search(self) -> None:
        if not self._find.text().strip():
            self._show_likely_duplicates()
            return
        found = self._desk.client_index.search(self._find.text(), limit=_MATCHES_SHOWN + 1)
        # The kept record cannot be merged into itself, so it is not offered.
        self._show(
            [match for match in found if match.client_id != self._kept.client_id][:_MATCHES_SHOWN]
        )

    def _show(self, matches) -> None:
        self._model.show_matches(matches)
        typed = self._find.text().strip()
        self._none_found.setText(
            f"No other record matches “{typed}”."
            if typed
            else "No record looks like this one: find the other one by name, phone or email."
        )
        self._none_found.setVisible(not matches)
        if matches:
            self._candidates.setCurrentIndex(self._model.index(0, 0))
        self._show_choice()

    def _chosen(self) -> int | None:
        return self._model.client_id_at(self._candidates.currentIndex().row())

    def _show_choice(self) -> None:
        chosen = self._chosen()
        self._confirm.setText(
            f"Merge #{chosen} into #{self._kept.client_id}" if chosen else "Merge"
        )
        self._confirm.setEnabled(chosen is not None)

    def _merge(self) -> None:
        self._refusal.clear_message()
        chosen, kept = self._chosen(), self._kept.client_id
        # Both records: the calendar shows the merged-away one's bookings under the kept name now.
        reason = self._reason.text()
        self._desk_actions.run_approved(
            self._desk,
            lambda approval: merge_clients(
                self._desk, kept, chosen, reason=reason, approval=approval
            ),
            BooksChanged.of(clients=[kept, chosen]),
            lambda _done: self.accept(),
            refuse_here=self._refusal.refuse,
            parent=self,
        )
