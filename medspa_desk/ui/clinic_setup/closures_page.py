"""The "Closures and time off" page of the clinic's set-up: the coming closures and blocks (a
year ahead), each removable, a day closed (a manager) and a provider's time blocked.

The same services and dialogs as the calendar's slot menu (ui/calendar/time_off_menu.py); each
change's notice names the days whose bookable time changed, so the calendar greys them at once,
and this page reads its lists again on any such notice, wherever it was made.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QWidget,
)

from medspa_desk.domain.availability import Block as TimeOffBlock
from medspa_desk.domain.availability import block_when
from medspa_desk.domain.clinic_time import local_date, local_days_of
from medspa_desk.domain.staff_roles import StaffRole
from medspa_desk.domain.time_wording import long_date
from medspa_desk.services.booking.day_schedule import ProviderColumn
from medspa_desk.services.clinic.closures import closures_between, remove_closure
from medspa_desk.services.clinic.staff import staff_records
from medspa_desk.services.clinic.time_off import (
    TimeOffEntry,
    remove_time_off,
    time_off_between,
)
from medspa_desk.services.desk import Desk
from medspa_desk.ui.calendar.block_time_dialog import BlockTimeDialog
from medspa_desk.ui.calendar.closure_dialog import ClosureDialog
from medspa_desk.ui.date_fields import DateField
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

# How far ahead the page lists: the desk plans the coming year.
_AHEAD = timedelta(days=366)


class ClosuresPage(QWidget):
    def __init__(self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Closures and time off page")
        self._desk, self._desk_actions = desk, desk_actions
        self._closure_days: list[date] = []  # the lists' rows
        self._entries: list[TimeOffEntry] = []
        self._closures = QListWidget()
        self._closures.setAccessibleName("Coming closures")
        self._blocks = QListWidget()
        self._blocks.setAccessibleName("Coming time off")
        self._day = DateField()
        self._day.setAccessibleName("Day to close")
        self._day.setCalendarPopup(True)
        self._day.setDisplayFormat("ddd MMM d, yyyy")
        self._day.setDate(QDate(self._today()))
        self._message = MessageLine("Closures message")
        close_day = named_button("Close the clinic on…", "Close a day")
        close_day.clicked.connect(self._close_day)
        reopen = named_button("Open on that day", "Remove closure")
        reopen.clicked.connect(self._reopen)
        block = named_button("Block time…", "Block time")
        block.clicked.connect(self._block)
        unblock = named_button("Remove block", "Remove block")
        unblock.clicked.connect(self._unblock)
        closing = QHBoxLayout()
        for widget in (close_day, self._day, reopen):
            closing.addWidget(widget)
        closing.addStretch(1)
        blocking = QHBoxLayout()
        for widget in (block, unblock):
            blocking.addWidget(widget)
        blocking.addStretch(1)
        layout = QGridLayout(self)
        layout.addWidget(QLabel("Clinic closures (the whole calendar):"), 0, 0)
        layout.addWidget(QLabel("Providers' time off:"), 0, 1)
        layout.addWidget(self._closures, 1, 0)
        layout.addWidget(self._blocks, 1, 1)
        layout.addLayout(closing, 2, 0)
        layout.addLayout(blocking, 2, 1)
        layout.addWidget(self._message, 3, 0, 1, 2)
        desk_actions.books_changed.connect(self._books_changed)

    def _today(self) -> date:
        return local_date(self._desk.clock.now(), self._desk.settings.zone)

    def _providers(self) -> list[ProviderColumn]:
        return [
            ProviderColumn(r.staff_id, r.details.name, r.details.title, r.details.colour)
            for r in staff_records(self._desk)
            if r.active and r.details.role == StaffRole.PROVIDER
        ]

    def _read(self) -> None:
        today, zone = self._today(), self._desk.settings.zone
        closures = closures_between(self._desk.db, today, today + _AHEAD)
        self._closure_days = list(closures)
        self._closures.clear()
        for day, reason in closures.items():
            self._closures.addItem(f"{long_date(day)}" + (f" · {reason}" if reason else ""))
        names = {provider.provider_id: provider.name for provider in self._providers()}
        now = self._desk.clock.now()
        self._entries = time_off_between(self._desk.db, now, now + _AHEAD)
        self._blocks.clear()
        for entry in self._entries:
            when = block_when(TimeOffBlock(entry.starts_at, entry.ends_at, entry.reason), zone)
            name = names.get(entry.provider_id, "A former provider")
            self._blocks.addItem(f"{name} · {entry.reason or 'Time off'} · {when}")

    def showEvent(self, event: QShowEvent) -> None:
        # Read again when shown: a block or closure made since, at this desk or another.
        self._read()
        super().showEvent(event)

    def _books_changed(self, changed: BooksChanged) -> None:
        if self.isVisible() and (changed.availability_days or changed.clinic_set_up):
            self._read()

    def _close_day(self) -> None:
        dialog = ClosureDialog(
            self._desk, self._day.date().toPython(), self, desk_actions=self._desk_actions
        )
        dialog.closed_day.connect(self._message.note)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _reopen(self) -> None:
        item = self._closures.currentItem()
        if item is None:
            self._message.refuse("Choose the closure to remove from the list.")
            return
        day = self._closure_days[self._closures.row(item)]
        self._desk_actions.run(
            lambda: remove_closure(self._desk, day),
            BooksChanged.of(availability_days=[day]),
            self._message.note,
            refuse_here=self._message.refuse,
        )

    def _block(self) -> None:
        providers = self._providers()
        if not providers:
            self._message.refuse("There is no provider to block time for: add one on Staff.")
            return
        starts = self._desk.clock.now().replace(minute=0, second=0, microsecond=0)
        starts += timedelta(hours=1)
        dialog = BlockTimeDialog(
            self._desk,
            providers,
            providers[0].provider_id,
            starts,
            starts + timedelta(hours=1),
            self,
            desk_actions=self._desk_actions,
        )
        dialog.blocked.connect(self._message.note)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _unblock(self) -> None:
        item = self._blocks.currentItem()
        if item is None:
            self._message.refuse("Choose the time off to remove from the list.")
            return
        entry = self._entries[self._blocks.row(item)]
        days = local_days_of(entry.starts_at, entry.ends_at, self._desk.settings.zone)
        self._desk_actions.run(
            lambda: remove_time_off(self._desk, entry.time_off_id),
            BooksChanged.of(availability_days=days),
            self._message.note,
            refuse_here=self._message.refuse,
        )
