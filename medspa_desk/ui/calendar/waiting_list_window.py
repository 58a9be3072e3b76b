"""The waiting list, beside the calendar (never modal): everyone waiting, who waited longest
first; and, when a booking is called off, the time it freed with who on the list it suits, best
first, to call and book. The rules and the books are services.booking.waiting_list's.
"""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.contact_details import phone_for_display
from medspa_desk.domain.opening_hours import WEEKDAY_NAMES
from medspa_desk.domain.time_wording import clock_time, time_range, weekday_and_date
from medspa_desk.domain.waiting_list import FreedSlot, HoursOfDay, OfferOutcome
from medspa_desk.services.booking.booking_choices import providers
from medspa_desk.services.booking.waiting_list import (
    Offer,
    Waiting,
    WaitingRequest,
    add_to_waiting_list,
    book_from_waiting_list,
    offers_for,
    record_offer,
    remove_from_waiting_list,
    waiting_list,
)
from medspa_desk.services.clinic.service_menu import service_menu
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.calendar.client_picker import ClientPicker
from medspa_desk.ui.date_fields import TimeField
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field
from medspa_desk.ui.side_windows import fill_rows, fit_beside, row_table

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

COLUMNS = ("Offer", "Client", "Phone", "Service", "Wants", "Waiting since", "Calls", "Note")


class WaitingListWindow(QWidget):
    def __init__(
        self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._desk = desk
        self._desk_actions = desk_actions
        self._freed: list[FreedSlot] = []
        self._shown: list[Waiting | Offer] = []
        self.setWindowTitle("Waiting list")
        self.setAccessibleName("Waiting list")

        self._heading = QLabel()
        self._heading.setAccessibleName("Freed time")
        self._heading.setWordWrap(True)
        self.table = row_table("Waiting clients", COLUMNS)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._show_choices)

        self._add = named_button("Add…", "Add to waiting list", "Put a client on the list")
        self._add.clicked.connect(self._ask_to_add)
        self._remove = named_button("Remove", "Remove from waiting list", "Take the client off")
        self._remove.clicked.connect(self._remove_selected)
        self._book = named_button("Book", "Book from waiting list", "Book the client into it")
        self._book.clicked.connect(self._book_selected)
        self._outcomes = {}
        for outcome in OfferOutcome:
            button = named_button(outcome.label, f"Offer: {outcome.label}")
            button.clicked.connect(lambda _checked=False, outcome=outcome: self._offered(outcome))
            self._outcomes[outcome] = button
        self._everyone = named_button("Show everyone", "Show everyone waiting")
        self._everyone.clicked.connect(lambda: self.show_everyone())
        self.message = MessageLine("Waiting list message")

        buttons = QHBoxLayout()
        for widget in (self._book, *self._outcomes.values()):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        for widget in (self._everyone, self._add, self._remove):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        fit_beside(self, 1120, 480)
        desk_actions.books_changed.connect(self._books_changed)
        self.show_everyone()

    # -- what is shown -----------------------------------------------------------------------

    def show_everyone(self) -> None:
        self._freed = []
        self._fill(list(waiting_list(self._desk)))

    def offer(self, freed: list[FreedSlot], offers: list[Offer] | None = None) -> None:
        """The time freed, and who on the list it suits, best first."""
        self._freed = freed
        self._fill(list(offers if offers is not None else offers_for(self._desk, freed)))

    def _fill(self, shown: list[Waiting | Offer]) -> None:
        self._shown = shown
        zone = self._desk.settings.zone
        names = {choice.provider_id: choice.name for choice in providers(self._desk)}
        fill_rows(self.table, [_cells(item, names, zone) for item in shown])
        self.table.setColumnHidden(0, not self._freed)
        self._heading.setText(self._heading_text(names))
        self._everyone.setVisible(bool(self._freed))
        if shown:
            self.table.selectRow(0)
        self._show_choices()

    def _heading_text(self, names: dict[int, str]) -> str:
        if not self._freed:
            count = len(self._shown)
            return f"{count} client{'' if count == 1 else 's'} waiting, who waited longest first."
        zone = self._desk.settings.zone
        freed = "; ".join(
            f"{weekday_and_date(slot.starts_at.astimezone(zone).date())}, "
            f"{time_range(slot.starts_at, slot.ends_at, zone)} with "
            f"{names.get(slot.provider_id, '?')}"
            for slot in self._freed
        )
        if not self._shown:
            return f"Freed: {freed}. Nobody on the waiting list fits it."
        count = len(self._shown)
        return f"Freed: {freed}. {count} on the waiting list fit{'s' if count == 1 else ''}, best first."

    def _books_changed(self, changed: BooksChanged) -> None:
        if self.isVisible() and (changed.appointment_ids or changed.client_ids):
            if self._freed:
                self.offer(self._freed)
            else:
                self.show_everyone()

    # -- acting ------------------------------------------------------------------------------

    def _selected(self) -> Waiting | Offer | None:
        rows = self.table.selectionModel().selectedRows()
        return self._shown[rows[0].row()] if rows else None

    def _show_choices(self) -> None:
        chosen = self._selected()
        offering = isinstance(chosen, Offer)
        for button in (self._book, *self._outcomes.values()):
            button.setVisible(bool(self._freed))
            button.setEnabled(offering)
        self._remove.setEnabled(chosen is not None)

    def _book_selected(self) -> None:
        chosen = self._selected()
        if not isinstance(chosen, Offer):
            return
        day = chosen.starts_at.astimezone(self._desk.settings.zone).date()
        self._desk_actions.run(
            lambda: book_from_waiting_list(
                self._desk, chosen.waiting.entry_id, chosen.provider_id, chosen.starts_at
            ),
            lambda appointment_id: BooksChanged.of(
                appointments=[appointment_id], days=[day], clients=[chosen.waiting.client_id]
            ),
            lambda _id: self.message.note(
                f"Booked {chosen.waiting.client_name} at "
                f"{clock_time(chosen.starts_at, self._desk.settings.zone)}, from the waiting list."
            ),
            refuse_here=self.message.refuse,
        )

    def _offered(self, outcome: OfferOutcome) -> None:
        chosen = self._selected()
        if not isinstance(chosen, Offer):
            return
        self._desk_actions.run(
            lambda: record_offer(self._desk, chosen.waiting.entry_id, outcome),
            BooksChanged.of(clients=[chosen.waiting.client_id]),
            lambda _done: self.message.note(
                f"Recorded: {chosen.waiting.client_name}, {outcome.label.lower()}."
            ),
            refuse_here=self.message.refuse,
        )

    def _remove_selected(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        waiting = chosen.waiting if isinstance(chosen, Offer) else chosen
        self._desk_actions.run(
            lambda: remove_from_waiting_list(self._desk, waiting.entry_id),
            BooksChanged.of(clients=[waiting.client_id]),
            lambda _done: self.message.note(f"{waiting.client_name} is off the waiting list."),
            refuse_here=self.message.refuse,
        )

    def _ask_to_add(self) -> AddToWaitingListDialog:
        dialog = AddToWaitingListDialog(self._desk, self._desk_actions, self)
        dialog.accepted.connect(self.show_everyone)
        dialog.open()
        return dialog


def _cells(item: Waiting | Offer, names: dict[int, str], zone: ZoneInfo) -> tuple[str, ...]:
    waiting = item.waiting if isinstance(item, Offer) else item
    offer = (
        f"{clock_time(item.starts_at, zone)} with {names.get(item.provider_id, '?')}"
        if isinstance(item, Offer)
        else ""
    )
    return (
        offer, waiting.client_name,
        phone_for_display(waiting.phone) if waiting.phone else "No phone",
        waiting.service_name, waiting.wants, weekday_and_date(waiting.added_at.astimezone(zone).date()),
        str(waiting.offers), waiting.note,
    )  # fmt: skip


class AddToWaitingListDialog(QDialog):
    """Who waits, for what, and when they could come."""

    def __init__(
        self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions
        self.setWindowTitle("Add to the waiting list")
        self.setAccessibleName("Add to waiting list form")

        self._client = ClientPicker(desk, desk_actions=desk_actions)
        self._service: QComboBox = named_combo("Service")
        for service in service_menu(desk):
            if service.active:
                self._service.addItem(service.details.name, service.service_id)
        self._providers = {}
        provider_row = QHBoxLayout()
        for choice in providers(desk):
            box = QCheckBox(choice.name)
            box.setAccessibleName(f"Provider {choice.name}")
            provider_row.addWidget(box)
            self._providers[choice.provider_id] = box
        day_row = QHBoxLayout()
        self._days = {}
        for number, name in enumerate(WEEKDAY_NAMES):
            box = QCheckBox(name[:3])
            box.setAccessibleName(name)
            day_row.addWidget(box)
            self._days[number] = box
        self._any_time = QCheckBox("Any time")
        self._any_time.setAccessibleName("Any time of day")
        self._any_time.setChecked(True)
        self._from, self._to = TimeField(QTime(9, 0)), TimeField(QTime(12, 0))
        self._from.setAccessibleName("From")
        self._to.setAccessibleName("Until")
        for field in (self._from, self._to):
            field.setDisplayFormat("h:mm AP")
            field.setEnabled(False)
        self._any_time.toggled.connect(lambda any_time: self._from.setEnabled(not any_time))
        self._any_time.toggled.connect(lambda any_time: self._to.setEnabled(not any_time))
        hours_row = QHBoxLayout()
        for widget in (self._any_time, QLabel("from"), self._from, QLabel("until"), self._to):
            hours_row.addWidget(widget)
        hours_row.addStretch(1)
        self._note = named_field("Waiting note", "Anything the desk should know (optional)")
        self.message = MessageLine("Waiting list form problem")

        form = QFormLayout()
        form.addRow("Client:", self._client)
        form.addRow("Service:", self._service)
        form.addRow("Providers (none: anyone):", provider_row)
        form.addRow("Days (none: any):", day_row)
        form.addRow("Hours:", hours_row)
        form.addRow("Note:", self._note)
        buttons = QDialogButtonBox()
        save = named_button("Add to the list", "Save waiting list entry")
        save.setDefault(True)
        save.clicked.connect(self._save)
        cancel = named_button("Cancel", "Cancel")
        cancel.clicked.connect(self.reject)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _save(self) -> None:
        if self._client.client_id is None:
            self.message.refuse("Choose the client who is waiting.")
            return
        hours: tuple[HoursOfDay, ...] = ()
        if not self._any_time.isChecked():
            starts, ends = _wall(self._from.time()), _wall(self._to.time())
            if ends <= starts:
                self.message.refuse("The hours must end after they start.")
                return
            hours = (HoursOfDay(starts, ends),)
        request = WaitingRequest(
            self._client.client_id,
            self._service.currentData(),
            frozenset(p for p, box in self._providers.items() if box.isChecked()),
            frozenset(d for d, box in self._days.items() if box.isChecked()),
            hours,
            self._note.text(),
        )
        self._desk_actions.run(
            lambda: add_to_waiting_list(self._desk, request),
            BooksChanged.of(clients=[request.client_id]),
            lambda _entry: self.accept(),
            refuse_here=self._refused,
        )

    def _refused(self, refusal: DeskRefusal) -> None:
        self.message.refuse(refusal)


def _wall(picked: QTime) -> time:
    return time(picked.hour(), picked.minute())
