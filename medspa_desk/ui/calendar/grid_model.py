"""The calendar grid as a Qt table model: rows are time slots, columns are lanes (lanes.py).

The model is filled from one schedule read; the placement of its bookings is worked out once
(LanePlacement) and the view reads `blocks` to set its table spans. Painting asks only this
model, never the database. Late flags come from the late-arrival watch (late_flags.py).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from medspa_desk.domain.availability import CLINIC_CLOSED
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.booking.day_schedule import BookedSlot
from medspa_desk.ui.calendar.cell_content import (
    APPOINTMENT_ID_ROLE,
    UNBOOKABLE_ROLE,
    Card,
    CellContent,
    Roles,
    lane_colour,
)
from medspa_desk.ui.calendar.labels import clock_label
from medspa_desk.ui.calendar.lanes import Block, GreySpan, Lane, LanePlacement, NowMarker
from medspa_desk.ui.calendar.late_flags import ArrivalFlags

# What a drag of a booking carries: its appointment id, as text.
APPOINTMENT_MIME_TYPE = "application/x-medspa-appointment"
_RIGHT_AND_TOP = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop


class CalendarGridModel(QAbstractTableModel):
    # The current-time marker moved between these rows (first, last): the time axis's heading
    # and the line across today's lanes. Not headerDataChanged, on which every view of the model
    # (the grid and both its headers) lays itself out again and repaints whole, each minute:
    # the axis keeps its width (its minimum fits the widest "Now" label), so the grid repaints
    # just those rows.
    time_line_moved = Signal(int, int)

    def __init__(self, settings: ClinicSettings, parent=None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._zone = settings.zone
        self._placement = LanePlacement(settings, [], [])
        self._late = ArrivalFlags()
        self._content = CellContent(self._placement, self._zone, self._late)
        self.now: NowMarker | None = None
        # What the headings answer for each role, by section: made when the lanes or the
        # current-time marker change, not at every repaint of a heading.
        self._lane_headings: list[Roles] = []
        self._time_headings: list[Roles] = []
        self._heading_texts: dict[Qt.Orientation, tuple] = {
            Qt.Orientation.Horizontal: (),
            Qt.Orientation.Vertical: (),
        }

    def use_settings(self, settings: ClinicSettings) -> None:
        """Settings put in force while the desk runs (a new time zone): the next fill uses them."""
        self._settings = settings
        self._zone = settings.zone

    # -- filling ---------------------------------------------------------------------------

    def show_lanes(
        self,
        lanes: list[Lane],
        appointments: list[BookedSlot],
        now: datetime,
        late: ArrivalFlags | None = None,
        *,
        in_place: bool = False,
    ) -> None:
        """Show these lanes (their unbookable time grey) and bookings (with these late flags,
        if given). `in_place`, a re-read of the lanes and times shown (after a change) updates
        the cells that changed, so a check-in repaints its booking and not the day; other lanes
        (or their grey time), or a new fill (a day shown: nothing selected), reset the model."""
        placement = LanePlacement(self._settings, lanes, appointments)
        if late is not None:
            self._late = late
        in_place = (
            in_place
            and placement.lanes == self._placement.lanes
            and placement.slot_times == self._placement.slot_times
        )
        if not in_place:
            self.beginResetModel()
        shown = (self._content.card_covering, self._content.called_off)
        headings = (self._lane_headings, self._time_headings)
        self._placement = placement
        self._content = CellContent(
            placement, self._zone, self._late, self._content if in_place else None
        )
        self.now = placement.now_marker(now)
        self._make_headings()
        if not in_place:
            self.endResetModel()
            return
        self._tell_changed_cells(shown)
        for signal, before, after in (
            (self._lane_headings_changed, headings[0], self._lane_headings),
            (self.time_line_moved.emit, headings[1], self._time_headings),
        ):
            changed = [section for section, roles in enumerate(after) if roles != before[section]]
            if changed:
                signal(min(changed), max(changed))

    def show_time(self, now: datetime) -> None:
        """Move the current-time marker (it is on today's lanes only)."""
        marker = self._placement.now_marker(now)
        changed_rows = [m.row for m in (self.now, marker) if m is not None]
        self.now = marker
        self._make_headings()
        if changed_rows:
            self.time_line_moved.emit(min(changed_rows), max(changed_rows))

    def _lane_headings_changed(self, first: int, last: int) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, first, last)

    def show_late(self, flags: ArrivalFlags) -> None:
        """Flag these bookings (late, or ended without the client) in amber; the others not."""
        if flags == self._late:
            return
        self._late = flags
        shown = (self._content.card_covering, self._content.called_off)
        self._content.show_late(self._late)
        self._tell_changed_cells(shown)

    def _tell_changed_cells(
        self, shown: tuple[dict[tuple[int, int], Card], dict[tuple[int, int], Roles]]
    ) -> None:
        """dataChanged for each cell that answers differently from what was shown (its card, or
        its called-off booking), once per block: one cell at a time, as a range of cells makes
        the view repaint the whole grid."""
        cards, called_off = shown
        now_cards, now_called_off = self._content.card_covering, self._content.called_off
        told: set[tuple[int, int]] = set()
        for cell in cards.keys() | now_cards.keys() | called_off.keys() | now_called_off.keys():
            if cards.get(cell) == now_cards.get(cell) and called_off.get(
                cell
            ) == now_called_off.get(cell):
                continue
            block = self._placement.block_at(*cell)
            top = (block.row, block.lane) if block is not None else cell
            if top not in told:
                told.add(top)
                index = self.index(*top)
                self.dataChanged.emit(index, index)

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

    @property
    def grey_spans(self) -> list[GreySpan]:
        return self._placement.grey_spans

    def grey_label_row(self, grey: GreySpan) -> int | None:
        """The row whose cell writes the grey span's reason (None: bookings fill the span)."""
        return self._content.grey_labels.get(grey)

    def unbookable_at(self, row: int, lane: int) -> str | None:
        """Why this cell cannot be booked; None if it can."""
        grey = self._content.grey.get((row, lane))
        return grey[UNBOOKABLE_ROLE] if grey is not None else None

    def card_at(self, row: int, lane: int) -> Card | None:
        """How the booking block covering this cell is painted, if any."""
        return self._content.card_covering.get((row, lane))

    def called_off_cells(self) -> dict[tuple[int, int], Roles]:
        """The free cells (row, lane) where a called-off booking is drawn faintly."""
        return self._content.called_off

    def cell_of(self, appointment_id: int) -> QModelIndex:
        """The top-left cell of the block showing this booking; invalid if it is not shown."""
        block = self._placement.block_of(appointment_id)
        return self.index(block.row, block.lane) if block is not None else QModelIndex()

    def slot_start(self, row: int, lane: int) -> datetime:
        """The instant (UTC) at which this cell's slot starts."""
        return self._placement.slot_start(row, lane)

    def lane_colour(self, lane: int) -> QColor:
        return lane_colour(self.lanes[lane])

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
        headings = (
            self._lane_headings if orientation == Qt.Orientation.Horizontal else self._time_headings
        )
        return headings[section].get(role) if 0 <= section < len(headings) else None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        cell = (index.row(), index.column())
        card = self._content.card_covering.get(cell)
        if card is not None:
            return card.roles.get(role)
        called_off = self._content.called_off.get(cell)
        if called_off is not None:
            return called_off.get(role)
        grey = self._content.grey.get(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if grey is not None:
                return self._content.grey_text(index.row(), grey[UNBOOKABLE_ROLE])
            return self._content.free_texts[index.row()]
        return grey.get(role) if grey is not None else None

    def _make_headings(self) -> None:
        self._lane_headings = [self._lane_heading(section) for section in range(len(self.lanes))]
        self._time_headings = [
            self._time_heading(section) for section in range(len(self._placement.slot_times))
        ]
        # What the headers' size and picture depend on (grid_headers.py), mostly the same from
        # one day to the next.
        self._heading_texts = {
            Qt.Orientation.Horizontal: tuple(
                roles[Qt.ItemDataRole.DisplayRole] for roles in self._lane_headings
            ),
            Qt.Orientation.Vertical: tuple(
                (roles[Qt.ItemDataRole.DisplayRole], Qt.ItemDataRole.FontRole in roles)
                for roles in self._time_headings
            ),
        }

    def heading_texts(self, orientation: Qt.Orientation) -> tuple:
        """What the headings of one header say (and which is bold)."""
        return self._heading_texts[orientation]

    def _lane_heading(self, section: int) -> Roles:
        lane = self.lanes[section]
        # Today's column among other days (the week view) says so: the style sheet sets the
        # headings' font, so words, not boldness, mark it.
        is_today_among_days = (
            self.now is not None
            and section in self.now.lanes
            and len(self.now.lanes) < len(self.lanes)
        )
        title = f"{lane.title} · Today" if is_today_among_days else lane.title
        whole_day = lane.unbookable_all_day()
        if whole_day is not None:  # said on the heading too: the grey's reason may be scrolled away
            marker = "Closed" if whole_day.startswith(CLINIC_CLOSED) else "Off"
            return {
                Qt.ItemDataRole.DisplayRole: f"{title} · {marker}",
                Qt.ItemDataRole.ToolTipRole: f"{lane.details}\n{whole_day}",
            }
        return {Qt.ItemDataRole.DisplayRole: title, Qt.ItemDataRole.ToolTipRole: lane.details}

    def _time_heading(self, section: int) -> Roles:
        wall_time = self._placement.slot_times[section]
        label = clock_label(wall_time)
        roles: Roles = {
            # Labels on the hour and half hour only: a label every 15 minutes is hard to scan.
            Qt.ItemDataRole.DisplayRole: label if wall_time.minute % 30 == 0 else "",
            Qt.ItemDataRole.ToolTipRole: label,
            Qt.ItemDataRole.AccessibleTextRole: label,
            Qt.ItemDataRole.TextAlignmentRole: _RIGHT_AND_TOP,
        }
        if self.now is not None and section == self.now.row:
            bold = QFont()
            bold.setBold(True)
            roles[Qt.ItemDataRole.DisplayRole] = self.now.text
            roles[Qt.ItemDataRole.FontRole] = bold
        return roles
