"""The calendar grid as a Qt table model: rows are time slots, columns are lanes (lanes.py).

The model is filled from one schedule read; the placement of its bookings is worked out once
(LanePlacement) and the view reads `blocks` to set its table spans. Painting asks only this
model, never the database. Late flags come from the late-arrival watch (late_flags.py).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.booking.day_schedule import BookedSlot
from medspa_desk.ui.calendar.labels import clock_label, time_range_label
from medspa_desk.ui.calendar.lanes import Block, Lane, LanePlacement, NowMarker
from medspa_desk.ui.calendar.status_colours import LATE, OVERLAP, status_colour, text_colour

# The id of the appointment in a block's top-left cell (the earliest one, if bookings overlap).
APPOINTMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Minutes late of a booking whose client is due and not here (None when not late).
LATE_MINUTES_ROLE = Qt.ItemDataRole.UserRole + 2
# The AppointmentStatus of that booking: what can be done with it.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
# The id of a cancelled or no-show booking drawn faintly in a free cell (its fee can be waived).
CALLED_OFF_ID_ROLE = Qt.ItemDataRole.UserRole + 4
# What a drag of a booking carries: its appointment id, as text.
APPOINTMENT_MIME_TYPE = "application/x-medspa-appointment"

_UNKNOWN_PROVIDER_COLOUR = "#6b7f99"  # the column default, for a colour that does not parse


class CalendarGridModel(QAbstractTableModel):
    def __init__(self, settings: ClinicSettings, parent=None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._zone = settings.zone
        self._placement = LanePlacement(settings, [], [])
        self._late: dict[int, int] = {}
        self.now: NowMarker | None = None

    # -- filling ---------------------------------------------------------------------------

    def show_lanes(self, lanes: list[Lane], appointments: list[BookedSlot], now: datetime) -> None:
        self.beginResetModel()
        self._placement = LanePlacement(self._settings, lanes, appointments)
        self.now = self._placement.now_marker(now)
        self.endResetModel()

    def show_time(self, now: datetime) -> None:
        """Move the current-time marker (it is on today's lanes only)."""
        marker = self._placement.now_marker(now)
        changed_rows = [m.row for m in (self.now, marker) if m is not None]
        self.now = marker
        if changed_rows:
            self.headerDataChanged.emit(
                Qt.Orientation.Vertical, min(changed_rows), max(changed_rows)
            )

    def show_late(self, minutes_late: dict[int, int]) -> None:
        """Flag these bookings (appointment id: minutes late) in amber; the others not."""
        if minutes_late == self._late:
            return
        self._late = dict(minutes_late)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    # -- what is where ---------------------------------------------------------------------

    @property
    def lanes(self) -> list[Lane]:
        return self._placement.lanes

    @property
    def blocks(self) -> list[Block]:
        return self._placement.blocks

    def block_at(self, row: int, lane: int) -> Block | None:
        """The booking block covering this cell, if any."""
        return self._placement.block_at(row, lane)

    def cell_of(self, appointment_id: int) -> QModelIndex:
        """The top-left cell of the block showing this booking; invalid if it is not shown."""
        block = self._placement.block_of(appointment_id)
        return self.index(block.row, block.lane) if block is not None else QModelIndex()

    def slot_start(self, row: int, lane: int) -> datetime:
        """The instant (UTC) at which this cell's slot starts."""
        return self._placement.slot_start(row, lane)

    def lane_colour(self, lane: int) -> QColor:
        colour = QColor(self.lanes[lane].provider.colour)
        return colour if colour.isValid() else QColor(_UNKNOWN_PROVIDER_COLOUR)

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._placement.slot_times)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lanes)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # Not editable: booking and changing appointments come with their own actions. A
        # booking can be dragged to another slot, which asks for the move in a dialog.
        flags = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        )
        if index.isValid() and self.block_at(index.row(), index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return [APPOINTMENT_MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        mime = QMimeData()
        ids = [self.data(index, APPOINTMENT_ID_ROLE) for index in indexes]
        ids = [appointment_id for appointment_id in ids if appointment_id is not None]
        if ids:
            mime.setData(APPOINTMENT_MIME_TYPE, str(ids[0]).encode())
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal:
            return self._lane_header(section, role)
        return self._time_header(section, role)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        block = self.block_at(index.row(), index.column())
        if block is None:
            return self._free_cell(index, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._block_text(block)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._block_details(block)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._block_colour(block)
        if role == Qt.ItemDataRole.ForegroundRole:
            return text_colour(block.appointments[0].status)
        if role == APPOINTMENT_ID_ROLE:
            return block.appointments[0].appointment_id
        if role == LATE_MINUTES_ROLE:
            return self._late.get(block.appointments[0].appointment_id)
        if role == STATUS_ROLE:
            return block.appointments[0].status
        return None

    def _free_cell(self, index: QModelIndex | QPersistentModelIndex, role: int):
        cell = self._placement.called_off_at(index.row(), index.column())
        free = f"{clock_label(self._placement.slot_times[index.row()])}, free"
        if cell is None:
            return free if role == Qt.ItemDataRole.AccessibleTextRole else None
        called_off = cell.slot
        if role == CALLED_OFF_ID_ROLE:
            return called_off.appointment_id
        what = f"{called_off.client_name}: {called_off.status.label}"
        if role == Qt.ItemDataRole.DisplayRole and cell.named:
            return what
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{free} ({what})"
        if role == Qt.ItemDataRole.ToolTipRole:
            when = f"{called_off.service_name}, {self._times(called_off)}"
            return f"{what}\n{when}\nThe slot is free to book."
        if role == Qt.ItemDataRole.BackgroundRole:
            return status_colour(called_off.status, self.lane_colour(index.column()))
        if role == Qt.ItemDataRole.ForegroundRole:
            return text_colour(called_off.status)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _lane_header(self, section: int, role: int):
        lane = self.lanes[section]
        # Today's column among other days (the week view) says so: the style sheet sets the
        # headings' font, so words, not boldness, mark it.
        is_today_among_days = (
            self.now is not None
            and section in self.now.lanes
            and len(self.now.lanes) < len(self.lanes)
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{lane.title} · Today" if is_today_among_days else lane.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return lane.details
        return None

    def _time_header(self, section: int, role: int):
        wall_time = self._placement.slot_times[section]
        is_now = self.now is not None and section == self.now.row
        if role == Qt.ItemDataRole.DisplayRole:
            if is_now:
                return self.now.text
            # Labels on the hour and half hour only: a label every 15 minutes is hard to scan.
            return clock_label(wall_time) if wall_time.minute % 30 == 0 else ""
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return clock_label(wall_time)
        if role == Qt.ItemDataRole.FontRole and is_now:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        return None

    def _block_text(self, block: Block) -> str:
        if len(block.appointments) == 1:
            slot = block.appointments[0]
            # The minutes late are the card's badge (LATE_MINUTES_ROLE), on the line always in sight.
            prepaid = " · Prepaid" if slot.prepaid_cents else ""
            state = f"{self._times(slot)} · {slot.status.label}{prepaid}"
            return f"{slot.client_name}\n{slot.service_name}\n{state}"
        lines = [f"{len(block.appointments)} overlapping bookings"]
        lines += [f"{self._times(slot)} {slot.client_name}" for slot in block.appointments]
        return "\n".join(lines)

    def _block_details(self, block: Block) -> str:
        return "\n\n".join(
            f"{slot.client_name}\n{slot.service_name} with {self.lanes[block.lane].provider.name}\n"
            f"{self._times(slot)}\nStatus: {slot.status.label}"
            f"{self._late_note(slot)}{_prepaid_note(slot)}"
            for slot in block.appointments
        )

    def _late_note(self, slot: BookedSlot) -> str:
        minutes = self._late.get(slot.appointment_id)
        return "" if minutes is None else f", {minutes} minute{'' if minutes == 1 else 's'} late"

    def _block_colour(self, block: Block) -> QColor:
        if len(block.appointments) > 1:
            return OVERLAP
        slot = block.appointments[0]
        if slot.appointment_id in self._late:
            return LATE
        return status_colour(slot.status, self.lane_colour(block.lane))

    def _times(self, slot: BookedSlot) -> str:
        return time_range_label(
            slot.starts_at.astimezone(self._zone).time(), slot.ends_at.astimezone(self._zone).time()
        )


def _prepaid_note(slot: BookedSlot) -> str:
    return f"\nPrepaid {format_cents(slot.prepaid_cents)}" if slot.prepaid_cents else ""
