"""The grid widget: lanes across, time down; it says what the desk did to a cell, not what follows.

A double-click or Enter on a free slot asks to book it; a right-click (or the menu key) on a
booking asks for its menu; a booking dropped on a free slot asks to move it there. The calendar
view decides what each of those opens.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRegion,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
)

from medspa_desk.ui.calendar.booking_cards import BookingCardDelegate
from medspa_desk.ui.calendar.cell_content import APPOINTMENT_ID_ROLE, CALLED_OFF_ID_ROLE
from medspa_desk.ui.calendar.grid_model import APPOINTMENT_MIME_TYPE, CalendarGridModel

SLOT_ROW_HEIGHT = 26
LANE_MIN_WIDTH = 150


class CalendarGrid(QTableView):
    free_slot_chosen = Signal(QModelIndex)  # double-click or Enter on a cell with no booking
    booking_menu_requested = Signal(QModelIndex, QPoint)  # the booking's cell, global position
    called_off_menu_requested = Signal(int, QPoint)  # a called-off booking's id, global position
    booking_dropped = Signal(int, QModelIndex)  # appointment id, the free cell it was dropped on

    def __init__(self, model: CalendarGridModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self.setObjectName("calendar_grid")
        self.setModel(model)
        self._cards = BookingCardDelegate(model, self)
        self.setItemDelegate(self._cards)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)  # the target cell is selected instead, as the drag moves
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._ask_for_menu)

        lanes = self.horizontalHeader()  # named by the calendar view: providers, or days
        lanes.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lanes.setMinimumSectionSize(LANE_MIN_WIDTH)
        lanes.setHighlightSections(False)
        times = self.verticalHeader()
        times.setAccessibleName("Times")
        times.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        times.setDefaultSectionSize(SLOT_ROW_HEIGHT)
        times.setHighlightSections(False)
        # Wide enough for a bold "Now 12:45 PM" and the section padding, so the axis keeps its
        # width from day to day and as the marker comes and goes.
        bold = QFont(times.font())
        bold.setBold(True)
        times.setMinimumWidth(QFontMetrics(bold).horizontalAdvance("Now 12:45 PM") + 24)

    def lay_out_blocks(self) -> None:
        """Span each booking over its rows. Spans belong to the view, so every new fill redoes them."""
        self.clearSpans()
        for block in self._model.blocks:
            if block.row_span > 1:
                self.setSpan(block.row, block.lane, block.row_span, 1)

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """What QTableView paints, in its order, in one pass over what is in sight: the cards,
        the few free cells that show anything (selected or current, a called-off booking, the
        current-time line), then the grid lines, not inside a card. A plain free cell costs no
        Python at all; QTableView would ask the delegate, and through it the model about seven
        roles, for every cell of every repaint."""
        if not self._model.rowCount() or not self._model.columnCount():
            return
        region = event.region() & QRegion(self.viewport().rect())
        areas = [area for area in region if self.rowAt(area.top()) >= 0]
        if not areas:
            return  # below the last slot: background only
        painter = QPainter(self.viewport())
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        if option.state & QStyle.StateFlag.State_Enabled:
            option.palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
        in_sight = [self._cells_in(area) for area in areas]
        card_rects = []
        for block in self._model.blocks:
            rows = range(block.row, block.row + block.row_span)
            if any(block.lane in lanes and _meet(rows, shown) for shown, lanes in in_sight):
                rect = self._paint_cell(painter, option, block.row, block.lane)
                card_rects.append(rect)
        for row, lane in sorted(self._free_cells_to_paint()):
            if any(row in shown and lane in lanes for shown, lanes in in_sight):
                self._paint_cell(painter, option, row, lane)
        outside_cards = QRegion(self.viewport().rect())
        for rect in card_rects:
            outside_cards -= QRegion(rect)
        painter.setClipRegion(outside_cards)
        painter.setPen(QPen(self._grid_colour(option), 1, self.gridStyle()))
        for area, (shown, lanes) in zip(areas, in_sight, strict=True):
            for row in shown:
                y = self.rowViewportPosition(row) + self.rowHeight(row) - 1
                painter.drawLine(area.left(), y, area.right(), y)
            for lane in lanes:
                x = self.columnViewportPosition(lane) + self.columnWidth(lane) - 1
                painter.drawLine(x, area.top(), x, area.bottom())
        painter.end()

    def _cells_in(self, area: QRect) -> tuple[range, range]:
        """The rows and lanes a part of the viewport shows (QTableView's reckoning)."""
        last_row = self.rowAt(area.bottom())
        first_lane, last_lane = self.columnAt(area.left()), self.columnAt(area.right())
        return (
            range(
                self.rowAt(area.top()),
                (self._model.rowCount() - 1 if last_row < 0 else last_row) + 1,
            ),
            range(
                max(first_lane, 0),
                (self._model.columnCount() - 1 if last_lane < 0 else last_lane) + 1,
            ),
        )

    def _free_cells_to_paint(self) -> set[tuple[int, int]]:
        """Free cells that look different from the white paper under them."""
        cells = set(self._model.called_off_cells())
        for index in [self.currentIndex(), *self.selectionModel().selectedIndexes()]:
            if index.isValid():
                cells.add((index.row(), index.column()))
        now = self._model.now
        if now is not None:
            cells.update((now.row, lane) for lane in now.lanes)
        return {cell for cell in cells if self._model.block_at(*cell) is None}

    def _paint_cell(
        self, painter: QPainter, option: QStyleOptionViewItem, row: int, lane: int
    ) -> QRect:
        """One cell (a block: its top-left cell) as QTableView would hand it to the delegate."""
        index = self._model.index(row, lane)
        cell = QStyleOptionViewItem(option)
        rect = self.visualRect(index)
        cell.rect = rect
        if self.selectionModel().isSelected(index):
            cell.state |= QStyle.StateFlag.State_Selected
        if index == self.currentIndex() and (self.hasFocus() or self.viewport().hasFocus()):
            cell.state |= QStyle.StateFlag.State_HasFocus
        self._cards.paint(painter, cell, index)
        return rect

    def _grid_colour(self, option: QStyleOptionViewItem) -> QColor:
        hint = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        return QColor.fromRgba(hint & 0xFFFFFFFF)

    def appointment_at(self, index: QModelIndex) -> int | None:
        return self._model.data(index, APPOINTMENT_ID_ROLE) if index.isValid() else None

    def selected_appointment(self) -> int | None:
        return self.appointment_at(self.currentIndex())

    def called_off_at(self, index: QModelIndex) -> int | None:
        """The cancelled or no-show booking drawn faintly in a free slot, if any."""
        return self._model.data(index, CALLED_OFF_ID_ROLE) if index.isValid() else None

    # -- the desk's gestures ---------------------------------------------------------------

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and self.appointment_at(index) is None:
            self.free_slot_chosen.emit(index)
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            if self.appointment_at(index) is None:
                self.free_slot_chosen.emit(index)
            else:  # the keyboard's way to a booking's menu, beside the menu key
                self.booking_menu_requested.emit(index, self._cell_centre(index))
            return
        super().keyPressEvent(event)

    def _ask_for_menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        if self.appointment_at(index) is None:
            called_off = self.called_off_at(index)
            if called_off is not None:
                self.setCurrentIndex(index)
                self.called_off_menu_requested.emit(
                    called_off, self.viewport().mapToGlobal(position)
                )
            return
        self.setCurrentIndex(index)
        self.booking_menu_requested.emit(index, self.viewport().mapToGlobal(position))

    def _cell_centre(self, index: QModelIndex) -> QPoint:
        rect = self.visualRect(index)
        return self.viewport().mapToGlobal(
            QPoint(rect.center().x(), rect.top() + SLOT_ROW_HEIGHT // 2)
        )

    # -- moving a booking by drag and drop ---------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(APPOINTMENT_MIME_TYPE):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self._drop_target(event)
        if target is None:
            event.ignore()
            return
        self.setCurrentIndex(target)
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        target = self._drop_target(event)
        if target is None:
            event.ignore()
            return
        # Accepted as a copy: the grid itself changes nothing; the move is the dialog's to make,
        # after asking who wanted it and showing what it costs.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.booking_dropped.emit(_dragged_appointment(event), target)

    def _drop_target(self, event: QDropEvent) -> QModelIndex | None:
        """The slot under the pointer, if the booking dragged could move there: a free one, or
        one inside its own block (a move by a quarter of an hour)."""
        if not event.mimeData().hasFormat(APPOINTMENT_MIME_TYPE):
            return None
        dragged = _dragged_appointment(event)
        position = event.position().toPoint()
        # The very cell under the pointer: indexAt would give the top of a spanned booking.
        row, lane = self.rowAt(position.y()), self.columnAt(position.x())
        if row < 0 or lane < 0:
            return None
        block = self._model.block_at(row, lane)
        if block is not None:
            ids = [slot.appointment_id for slot in block.appointments]
            if ids != [dragged] or row == block.row:
                return None
        return self._model.index(row, lane)


def _meet(rows: range, shown: range) -> bool:
    return rows.start < shown.stop and shown.start < rows.stop


def _dragged_appointment(event: QDropEvent) -> int:
    return int(bytes(event.mimeData().data(APPOINTMENT_MIME_TYPE)).decode())
