"""The menu of a calendar slot without a booking: block the provider's time there, remove a
block over it, close the clinic on its day or open a closed day again.

Each goes through DeskActions.run; its notice names the days whose bookable time changed
(BooksChanged.availability_days), so the calendar greys them, or not, at once. Blocking and
closing open their dialogs (open(), never exec()), which list any bookings left inside.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu, QWidget

from medspa_desk.domain.clinic_time import local_days_of
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.clinic.closures import closures_between, remove_closure
from medspa_desk.services.clinic.time_off import TimeOffEntry, remove_time_off, time_off_between
from medspa_desk.services.staff_access.permissions import may
from medspa_desk.ui.calendar.calendar_grid import CalendarGrid
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

# A block the desk enters from a slot: an hour from it, to be adjusted in the dialog.
_BLOCK_FROM_A_SLOT = timedelta(hours=1)


class TimeOffMenu(QObject):
    said = Signal(str)  # a sentence for the status bar: what was done

    def __init__(
        self, desk: Desk, grid: CalendarGrid, view: QWidget, desk_actions: DeskActions
    ) -> None:
        super().__init__(view)
        self._desk, self._grid, self._view = desk, grid, view
        self._desk_actions = desk_actions
        grid.free_menu_requested.connect(self.show_menu)

    def show_menu(self, index: QModelIndex, where: QPoint) -> None:
        menu = self.menu_for(index)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)  # popup, not exec: nothing waits on the menu

    def menu_for(self, index: QModelIndex) -> QMenu:
        """What can be done with the slot at `index`: read when the menu opens (the blocks over
        it, whether its day is closed), so it offers only what applies."""
        model = self._grid.model()
        lane = model.lanes[index.column()]
        starts_at = model.slot_start(index.row(), index.column())
        provider_id, day = lane.provider.provider_id, lane.day
        menu = QMenu(self._view)
        menu.setAccessibleName("Time actions")
        slot = timedelta(minutes=self._desk.settings.slot_minutes)
        # The run of slots selected in the lane, if the slot is in it; else an hour from it.
        run = self._grid.selected_rows(index.column())
        if index.row() in run and len(run) > 1:
            block_from = model.slot_start(run[0], index.column())
            block_to = model.slot_start(run[-1], index.column()) + slot
        else:
            block_from, block_to = starts_at, starts_at + _BLOCK_FROM_A_SLOT
        block = menu.addAction("Block time…")
        block.triggered.connect(lambda: self.open_block(provider_id, block_from, block_to))
        for entry in time_off_between(self._desk.db, starts_at, starts_at + slot, provider_id):
            remove = menu.addAction(f"Remove block: {entry.reason or 'Time off'}")
            remove.triggered.connect(lambda _=False, entry=entry: self.remove_block(entry))
        menu.addSeparator()
        if closures_between(self._desk.db, day, day):
            whole_day = menu.addAction("Open on this day")
            whole_day.triggered.connect(lambda: self.open_day(day))
        else:
            whole_day = menu.addAction("Close the clinic on this day…")
            whole_day.triggered.connect(lambda: self.open_closure(day))
        # A closure is a manager's (services.clinic.closures): offered only with one at the desk.
        if not may(self._desk, DeskPermission.CHANGE_SET_UP):
            whole_day.setEnabled(False)
            whole_day.setToolTip("A manager must be signed in to close or open the clinic")
            menu.setToolTipsVisible(True)
        return menu

    # The dialogs are imported when first opened, as the booking actions' are: the window
    # loads at start only what it shows.

    def open_block(self, provider_id: int, starts_at: datetime, ends_at: datetime) -> None:
        from medspa_desk.ui.calendar.block_time_dialog import BlockTimeDialog

        providers = list({lane.provider: None for lane in self._grid.model().lanes})
        dialog = BlockTimeDialog(
            self._desk,
            providers,
            provider_id,
            starts_at,
            ends_at,
            self._view,
            desk_actions=self._desk_actions,
        )
        dialog.blocked.connect(self.said)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_closure(self, day: date) -> None:
        from medspa_desk.ui.calendar.closure_dialog import ClosureDialog

        dialog = ClosureDialog(self._desk, day, self._view, desk_actions=self._desk_actions)
        dialog.closed_day.connect(self.said)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def remove_block(self, entry: TimeOffEntry) -> None:
        days = local_days_of(entry.starts_at, entry.ends_at, self._desk.settings.zone)
        self._desk_actions.run(
            lambda: remove_time_off(self._desk, entry.time_off_id),
            BooksChanged.of(availability_days=days),
            self.said.emit,
        )

    def open_day(self, day: date) -> None:
        self._desk_actions.run(
            lambda: remove_closure(self._desk, day),
            BooksChanged.of(availability_days=[day]),
            self.said.emit,
        )
