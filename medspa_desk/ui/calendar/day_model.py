"""The day grid as a Qt table model: rows are time slots, columns are providers.

The model is filled from one DaySchedule (one service call per day) and works out, once, which
block of cells each appointment covers; the view reads `blocks` to set its table spans. Rows are
wall-clock times in the clinic's zone, and an appointment's row comes from its local wall time,
so the grid is right on the 23- and 25-hour DST Sundays too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.day_schedule import BookedSlot, DaySchedule, ProviderColumn

# The id of the appointment in a block's top-left cell (the earliest one, if bookings overlap).
APPOINTMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_MINUTES_IN_DAY = 24 * 60
_TEXT = QColor("#1f2933")
_FADED_TEXT = QColor("#5b6670")
_CHECKED_IN = QColor("#d4eed9")
_COMPLETED = QColor("#e4e7eb")
# Two bookings in one provider's time should never happen; when the data says it did, the desk
# must see it rather than have one booking hide the other.
_OVERLAP = QColor("#fde2b8")
_UNKNOWN_PROVIDER_COLOUR = "#6b7f99"  # the column default, for a colour that does not parse


def long_date(day: date) -> str:
    """'Wednesday, November 25, 2026'."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def clock_label(wall_time: time) -> str:
    """'8:00 AM', '12:30 PM'."""
    return f"{_hour_and_minute(wall_time)} {_meridiem(wall_time)}"


def time_range_label(starts: time, ends: time) -> str:
    """'10:00–10:45 AM', or '11:30 AM–12:15 PM' when the range crosses noon."""
    if _meridiem(starts) == _meridiem(ends):
        return f"{_hour_and_minute(starts)}–{clock_label(ends)}"
    return f"{clock_label(starts)}–{clock_label(ends)}"


def _hour_and_minute(wall_time: time) -> str:
    return f"{wall_time.hour % 12 or 12}:{wall_time.minute:02d}"


def _meridiem(wall_time: time) -> str:
    return "AM" if wall_time.hour < 12 else "PM"


@dataclass(frozen=True)
class NowMarker:
    """Where the current time falls on today's grid."""

    position: float  # in rows from the top: 8.8 is 12 minutes into the 10:00 row
    text: str  # "Now 10:12 AM"

    @property
    def row(self) -> int:
        return int(self.position)


@dataclass(frozen=True)
class Block:
    """Cells one booking covers in one provider's column; several if bookings overlap."""

    column: int
    row: int
    row_span: int
    appointments: tuple[BookedSlot, ...]


class DayGridModel(QAbstractTableModel):
    def __init__(self, settings: ClinicSettings, parent=None) -> None:
        super().__init__(parent)
        self._zone = settings.zone
        self._slot_minutes = settings.slot_minutes
        self._first_minute = _minute_of_day(settings.opening_time)
        span = _minute_of_day(settings.closing_time) - self._first_minute
        self._slot_times = [
            _wall_time(self._first_minute + row * self._slot_minutes)
            for row in range(max(1, math.ceil(span / self._slot_minutes)))
        ]
        self._day: date | None = None
        self._providers: list[ProviderColumn] = []
        self.blocks: list[Block] = []
        self._block_covering: dict[tuple[int, int], Block] = {}
        self.now: NowMarker | None = None

    # -- filling ---------------------------------------------------------------------------

    def show_schedule(self, schedule: DaySchedule, now: datetime) -> None:
        self.beginResetModel()
        self._day = schedule.day
        self._providers = list(schedule.providers)
        columns = {provider.provider_id: column for column, provider in enumerate(self._providers)}
        self.blocks = self._blocks_for(
            [slot for slot in schedule.appointments if slot.status.occupies_slot], columns
        )
        self._block_covering = {
            (row, block.column): block
            for block in self.blocks
            for row in range(block.row, block.row + block.row_span)
        }
        self.now = self._now_marker(now)
        self.endResetModel()

    def show_time(self, now: datetime) -> None:
        """Move the current-time marker (it is on today's grid only)."""
        marker = self._now_marker(now)
        changed_rows = [m.row for m in (self.now, marker) if m is not None]
        self.now = marker
        if changed_rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, min(changed_rows), max(changed_rows))

    def block_at(self, row: int, column: int) -> Block | None:
        """The booking block covering this cell, if any."""
        return self._block_covering.get((row, column))

    def provider_colour(self, column: int) -> QColor:
        colour = QColor(self._providers[column].colour)
        return colour if colour.isValid() else QColor(_UNKNOWN_PROVIDER_COLOUR)

    def _blocks_for(self, slots: list[BookedSlot], columns: dict[int, int]) -> list[Block]:
        placed: dict[int, list[tuple[int, int, BookedSlot]]] = {}
        for slot in slots:
            if slot.provider_id in columns:  # the view counts those whose provider has no column
                first_row, end_row = self._rows_of(slot)
                placed.setdefault(columns[slot.provider_id], []).append((first_row, end_row, slot))
        blocks = []
        for column, spans in placed.items():
            spans.sort(key=lambda span: (span[0], span[1]))
            first_row, end_row, group = spans[0][0], spans[0][1], [spans[0][2]]
            for row, end, slot in spans[1:]:
                if row < end_row:  # overlaps the block so far: one block shows them together
                    end_row = max(end_row, end)
                    group.append(slot)
                else:
                    blocks.append(Block(column, first_row, end_row - first_row, tuple(group)))
                    first_row, end_row, group = row, end, [slot]
            blocks.append(Block(column, first_row, end_row - first_row, tuple(group)))
        return blocks

    def _rows_of(self, slot: BookedSlot) -> tuple[int, int]:
        """First row and one past the last row, from local wall times, kept inside the grid."""
        starts = self._local_minute(slot.starts_at)
        ends = self._local_minute(slot.ends_at)
        first_row = self._clamped_row((starts - self._first_minute) // self._slot_minutes)
        end_row = math.ceil((ends - self._first_minute) / self._slot_minutes)
        return first_row, min(max(end_row, first_row + 1), len(self._slot_times))

    def _local_minute(self, instant: datetime) -> int:
        """Minutes since local midnight on the wall clock; a neighbouring day is clamped."""
        local = instant.astimezone(self._zone)
        if local.date() < self._day:
            return 0
        if local.date() > self._day:
            return _MINUTES_IN_DAY
        return _minute_of_day(local.time())

    def _clamped_row(self, row: int) -> int:
        return min(max(row, 0), len(self._slot_times) - 1)

    def _now_marker(self, now: datetime) -> NowMarker | None:
        local = now.astimezone(self._zone)
        if local.date() != self._day:
            return None
        minute = _minute_of_day(local.time()) + local.second / 60
        position = (minute - self._first_minute) / self._slot_minutes
        if not 0 <= position < len(self._slot_times):
            return None
        return NowMarker(position, f"Now {clock_label(local.time())}")

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._slot_times)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._providers)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # Read-only: booking and changing appointments come with their own actions.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            return self._provider_header(section, role)
        return self._time_header(section, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        block = self.block_at(index.row(), index.column())
        if block is None:
            if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid():
                return f"{clock_label(self._slot_times[index.row()])}, free"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._block_text(block)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._block_details(block)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._block_colour(block)
        if role == Qt.ItemDataRole.ForegroundRole:
            completed = all(s.status == AppointmentStatus.COMPLETED for s in block.appointments)
            return _FADED_TEXT if completed else _TEXT
        if role == APPOINTMENT_ID_ROLE:
            return block.appointments[0].appointment_id
        return None

    def _provider_header(self, section: int, role: int):
        provider = self._providers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return provider.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return provider.role
        return None

    def _time_header(self, section: int, role: int):
        wall_time = self._slot_times[section]
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
            return f"{slot.client_name}\n{slot.service_name}\n{self._times(slot)} · {slot.status.label}"
        lines = [f"{len(block.appointments)} overlapping bookings"]
        lines += [f"{self._times(slot)} {slot.client_name}" for slot in block.appointments]
        return "\n".join(lines)

    def _block_details(self, block: Block) -> str:
        provider = self._providers[block.column].name
        return "\n\n".join(
            f"{slot.client_name}\n{slot.service_name} with {provider}\n"
            f"{self._times(slot)}\nStatus: {slot.status.label}"
            for slot in block.appointments
        )

    def _block_colour(self, block: Block) -> QColor:
        if len(block.appointments) > 1:
            return _OVERLAP
        status = block.appointments[0].status
        if status in (AppointmentStatus.CHECKED_IN, AppointmentStatus.IN_SERVICE):
            return _CHECKED_IN
        if status == AppointmentStatus.COMPLETED:
            return _COMPLETED
        # Booked and confirmed wear their provider's colour; confirmed a little stronger.
        whiteness = 0.65 if status == AppointmentStatus.CONFIRMED else 0.8
        return _towards_white(self.provider_colour(block.column), whiteness)

    def _times(self, slot: BookedSlot) -> str:
        return time_range_label(
            slot.starts_at.astimezone(self._zone).time(), slot.ends_at.astimezone(self._zone).time()
        )


def _minute_of_day(wall_time: time) -> int:
    return wall_time.hour * 60 + wall_time.minute


def _wall_time(minute_of_day: int) -> time:
    return time(*divmod(minute_of_day, 60))


def _towards_white(colour: QColor, whiteness: float) -> QColor:
    return QColor.fromRgbF(
        colour.redF() + (1 - colour.redF()) * whiteness,
        colour.greenF() + (1 - colour.greenF()) * whiteness,
        colour.blueF() + (1 - colour.blueF()) * whiteness,
    )
