"""The grid widget: lanes across, time down; it says what the desk did to a cell, not what follows.

A double-click or Enter on a free slot asks to book it; a right-click (or the menu key) on a
booking asks for its menu, and on a slot without one for the slot's (its time, its day); a
booking dropped on a free slot asks to move it there. The calendar view decides what each of
those opens.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimerEvent,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QPalette,
    QRegion,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from medspa_desk.ui.calendar.booking_cards import BookingCardDelegate, slot_row_height
from medspa_desk.ui.calendar.cell_content import APPOINTMENT_ID_ROLE, CALLED_OFF_ID_ROLE
from medspa_desk.ui.calendar.grid_headers import GridHeader
from medspa_desk.ui.calendar.grid_model import APPOINTMENT_MIME_TYPE, CalendarGridModel
from medspa_desk.ui.calendar.grid_painting import GridPainting

_ACTIVATION_CHANGES = (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate)
LANE_MIN_WIDTH = 140  # six providers side by side in a 1024-pixel window


class CalendarGrid(QTableView):
    free_slot_chosen = Signal(QModelIndex)  # double-click or Enter on a cell with no booking
    booking_menu_requested = Signal(QModelIndex, QPoint)  # the booking's cell, global position
    booking_entered = Signal(QModelIndex, QPoint)
    booking_details_requested = Signal(
        int
    )  # a double-click on a booking: the appointment id  # Enter on a booking: as booking_menu_requested
    called_off_menu_requested = Signal(int, QPoint)  # a called-off booking's id, global position
    free_menu_requested = Signal(QModelIndex, QPoint)  # a cell with no booking, global position
    booking_dropped = Signal(int, QModelIndex)  # appointment id, the free cell it was dropped on

    def __init__(self, model: CalendarGridModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self.setObjectName("calendar_grid")
        self.setModel(model)
        cards = BookingCardDelegate(model, self)
        self.setItemDelegate(cards)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; the arrows move in it
        # A run of slots can be selected (drag or Shift+click over free time), for a block
        # of the provider's time over them; a click selects one slot.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)  # the target cell is selected instead, as the drag moves
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._ask_for_menu)

        lanes = GridHeader(Qt.Orientation.Horizontal, model, self)
        self.setHorizontalHeader(lanes)  # named by the calendar view: providers, or days
        lanes.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lanes.setMinimumSectionSize(LANE_MIN_WIDTH)
        lanes.setHighlightSections(False)
        times = GridHeader(Qt.Orientation.Vertical, model, self)
        self.setVerticalHeader(times)
        times.setAccessibleName("Times")
        times.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        times.setDefaultSectionSize(slot_row_height(self.font()))
        times.setHighlightSections(False)
        # Wide enough for a bold "Now 12:45 PM" and the section padding, so the axis keeps its
        # width from day to day and as the marker comes and goes.
        bold = QFont(times.font())
        bold.setBold(True)
        times.setMinimumWidth(QFontMetrics(bold).horizontalAdvance("Now 12:45 PM") + 24)
        self._painting = GridPainting(self, model, cards)
        self._spans: set[tuple[int, int, int]] | None = None  # as last laid out
        model.modelReset.connect(self._forget_spans)
        model.time_line_moved.connect(self._repaint_rows)
        # The grid paints its own paper (grid_painting.py), so what lies under the viewport (the
        # frame, the view, the window, each with its style sheet) need not be painted first.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def lay_out_blocks(self) -> None:
        """Span each booking over its rows. Spans belong to the view, so every new fill redoes
        them; a re-read that moved no block keeps them (a new span repaints the whole grid)."""
        spans = {
            (block.row, block.lane, block.row_span)
            for block in self._model.blocks
            if block.row_span > 1
        }
        if spans == self._spans:
            return
        self._spans = spans
        self.clearSpans()
        for row, lane, row_span in spans:
            self.setSpan(row, lane, row_span, 1)
        self._painting.forget_picture()

    def _forget_spans(self) -> None:
        self._spans = None

    def _repaint_rows(self, first: int, last: int) -> None:
        """The time axis's headings and the grid's rows from `first` to `last`."""
        top = self.rowViewportPosition(first)
        height = self.rowViewportPosition(last) + self.rowHeight(last) - top
        for viewport in (self.verticalHeader().viewport(), self.viewport()):
            viewport.update(0, top, viewport.width(), height)

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painting.paint(event.region())

    def timerEvent(self, event: QTimerEvent) -> None:
        # After its columns change width QTableView repaints the whole grid on a zero-time
        # timer, after the window's first repaint has shown the new widths: let that go if
        # the screen still shows the grid as it is (grid_painting.py).
        if not self._painting.still_shown():
            super().timerEvent(event)
            return
        shown = self._painting.state()
        viewport = self.viewport()
        viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)
        try:
            super().timerEvent(event)
        finally:
            viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        if self._painting.state() != shown:  # the timer's work changed what the grid shows
            viewport.update()

    # -- focus and the window's activation -------------------------------------------------
    # QAbstractItemView repaints its whole viewport, and the frame round it, when it gains or
    # loses the focus or its window is (de)activated: a late panel opening over the calendar
    # would repaint every card. What the grid paints changes then only at the current and the
    # selected cells (the focus frame; the selection's colour group) and the frame's border (the
    # style sheet's :focus), while the palette's active and inactive colours are the same; so
    # only those are repainted. A palette whose colours differ gets the whole repaint.

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._without_whole_repaint(super().focusInEvent, event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._without_whole_repaint(super().focusOutEvent, event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() in _ACTIVATION_CHANGES and self._looks_alike_when_inactive():
            self._repaint_focus_marks()
            return False  # on to the viewport itself, as for any event Qt's view does not keep
        return super().viewportEvent(event)

    def _without_whole_repaint(self, handle, event: QFocusEvent) -> None:
        if not self._looks_alike_when_inactive():
            handle(event)
            return
        held = (self, self.viewport())
        # Updates held for the call only: setUpdatesEnabled(True) would itself repaint it all.
        for widget in held:
            widget.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)
        try:
            handle(event)
        finally:
            for widget in held:
                widget.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        self._repaint_focus_marks()

    def _looks_alike_when_inactive(self) -> bool:
        palette = self.palette()
        return palette.isEqual(QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)

    def _repaint_focus_marks(self) -> None:
        """The frame's border, and the current and selected cells (a block's whole card)."""
        width = self.frameWidth()
        self.update(
            QRegion(self.rect()) - QRegion(self.rect().adjusted(width, width, -width, -width))
        )
        viewport = self.viewport()
        selection = self.selectionModel()
        marked = [self.currentIndex(), *(selection.selectedIndexes() if selection else [])]
        for index in marked:
            if index.isValid():
                viewport.update(self.visualRect(index))

    def appointment_at(self, index: QModelIndex) -> int | None:
        return self._model.data(index, APPOINTMENT_ID_ROLE) if index.isValid() else None

    def selected_rows(self, lane: int) -> range:
        """The run of rows selected in `lane` (empty if none)."""
        rows = [i.row() for i in self.selectionModel().selectedIndexes() if i.column() == lane]
        return range(min(rows), max(rows) + 1) if rows else range(0)

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
        if index.isValid():  # a booking: its details
            self.setCurrentIndex(index)
            self.booking_details_requested.emit(self.appointment_at(index))
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            if self.appointment_at(index) is None:
                self.free_slot_chosen.emit(index)
            else:  # check in a client awaited; else the booking's menu (as the menu key)
                self.booking_entered.emit(index, self._cell_centre(index))
            return
        super().keyPressEvent(event)

    def _ask_for_menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        if not index.isValid():
            return
        if self.appointment_at(index) is None:
            if not self.selectionModel().isSelected(index):
                self.setCurrentIndex(index)
            else:  # a right-click inside the run selected keeps the run
                self.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.NoUpdate
                )
            called_off = self.called_off_at(index)
            where = self.viewport().mapToGlobal(position)
            if called_off is not None:
                self.called_off_menu_requested.emit(called_off, where)
            else:  # a free or grey slot: its time can be blocked, its day closed
                self.free_menu_requested.emit(index, where)
            return
        self.setCurrentIndex(index)
        self.booking_menu_requested.emit(index, self.viewport().mapToGlobal(position))

    def _cell_centre(self, index: QModelIndex) -> QPoint:
        rect = self.visualRect(index)
        return self.viewport().mapToGlobal(
            QPoint(rect.center().x(), rect.top() + self.verticalHeader().defaultSectionSize() // 2)
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


def _dragged_appointment(event: QDropEvent) -> int:
    return int(bytes(event.mimeData().data(APPOINTMENT_MIME_TYPE)).decode())
