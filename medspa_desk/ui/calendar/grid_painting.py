"""How the calendar grid paints: QTableView's picture, without its cost for every cell.

QTableView asks the delegate, and through it the model about seven roles, for every cell of
every repaint, free or not. The grid paints, in QTableView's order, each span of unbookable time
in sight as one grey rectangle (the colour its cells answer) with its reason in its label cell,
then only the cards in sight, the few free cells that show anything (selected or current, a
called-off booking, the current-time line), then the grid lines outside the cards: a plain
cell, free or grey, costs no Python at all.

When its columns change width (a switch between day and week changes how many there are),
QTableView asks for the whole grid to be repainted once more on a zero-time timer, after the
window's first repaint. So what the first whole paint after such a change depended on is noted,
and the grid lets that timer's repaint go (calendar_grid.py) if nothing the grid shows has
changed since: the screen already shows it. The note is used once, then dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QRegion
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from medspa_desk.ui.calendar.booking_cards import BookingCardDelegate
from medspa_desk.ui.calendar.cell_content import UNBOOKABLE_PAPER
from medspa_desk.ui.calendar.grid_model import CalendarGridModel


class GridPainting:
    def __init__(
        self, grid: QTableView, model: CalendarGridModel, cards: BookingCardDelegate
    ) -> None:
        self._grid = grid
        self._model = model
        self._cards = cards
        self._shown = 0  # counts every change of what the model shows
        self._note_next = False
        self._noted: tuple | None = None  # what the whole paint after a resize depended on
        for changed in (
            model.modelReset,
            model.dataChanged,
            model.headerDataChanged,
            model.time_line_moved,
        ):
            changed.connect(self.forget_picture)
        grid.horizontalHeader().sectionResized.connect(self._note_next_paint)

    def forget_picture(self, *_changed) -> None:
        """What the grid shows changed (a new fill, its spans, a late flag, the time line)."""
        self._shown += 1
        self._noted = None

    def _note_next_paint(self, *_resized) -> None:
        self._note_next = True
        self._noted = None

    def still_shown(self) -> bool:
        """Whether the whole paint made after the columns' last resize still shows the grid as
        it is: then the repaint Qt asks for after a resize may go. Answers once."""
        noted, self._noted = self._noted, None
        return noted is not None and noted == self.state()

    def paint(self, region: QRegion) -> None:
        viewport = self._grid.viewport()
        region = region & QRegion(viewport.rect())
        if self._note_next and region == QRegion(viewport.rect()):
            self._note_next = False
            self._noted = self.state()
        painter = QPainter(viewport)
        # The paper: the viewport is opaque (calendar_grid.py), so Qt fills nothing under it.
        painter.fillRect(region.boundingRect(), viewport.palette().brush(viewport.backgroundRole()))
        self._paint(painter, region)
        painter.end()

    def state(self) -> tuple:
        """Everything a paint of the whole grid depends on, to tell whether one made before is
        still right."""
        grid, viewport = self._grid, self._grid.viewport()
        current = grid.currentIndex()
        return (
            self._shown,
            viewport.width(),
            viewport.height(),
            viewport.devicePixelRatio(),
            grid.horizontalScrollBar().value(),
            grid.verticalScrollBar().value(),
            tuple(grid.columnWidth(lane) for lane in range(self._model.columnCount())),
            grid.verticalHeader().defaultSectionSize(),
            (current.row(), current.column()),
            tuple((i.row(), i.column()) for i in grid.selectionModel().selectedIndexes()),
            grid.hasFocus() or viewport.hasFocus(),
            grid.isActiveWindow(),
            grid.isEnabled(),
            grid.font().key(),
            grid.palette().cacheKey(),
        )

    def _paint(self, painter: QPainter, region: QRegion) -> None:
        grid, model = self._grid, self._model
        if not model.rowCount() or not model.columnCount():
            return
        areas = [area for area in region if grid.rowAt(area.top()) >= 0]
        if not areas:
            return  # below the last slot: background only
        option = QStyleOptionViewItem()
        grid.initViewItemOption(option)
        if option.state & QStyle.StateFlag.State_Enabled:
            option.palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
        in_sight = [self._cells_in(area) for area in areas]
        marks = self._marks()
        blocks = [
            block
            for block in model.blocks
            if any(
                block.lane in lanes and _meet(range(block.row, block.row + block.row_span), shown)
                for shown, lanes in in_sight
            )
        ]
        outside_cards = QRegion(grid.viewport().rect())
        for block in blocks:
            outside_cards -= QRegion(grid.visualRect(model.index(block.row, block.lane)))
        free_cells = self._free_cells_to_paint()
        self._paint_grey(painter, option, in_sight, outside_cards, free_cells, marks)
        for block in blocks:
            self._paint_cell(painter, option, block.row, block.lane, marks)
        for row, lane in sorted(free_cells):
            if any(row in shown and lane in lanes for shown, lanes in in_sight):
                self._paint_cell(painter, option, row, lane, marks)
        painter.setClipRegion(outside_cards)
        painter.setPen(QPen(self._grid_colour(option), 1, grid.gridStyle()))
        for area, (shown, lanes) in zip(areas, in_sight, strict=True):
            for row in shown:
                y = grid.rowViewportPosition(row) + grid.rowHeight(row) - 1
                painter.drawLine(area.left(), y, area.right(), y)
            for lane in lanes:
                x = grid.columnViewportPosition(lane) + grid.columnWidth(lane) - 1
                painter.drawLine(x, area.top(), x, area.bottom())

    def _paint_grey(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        in_sight: list[tuple[range, range]],
        outside_cards: QRegion,
        free_cells: set[tuple[int, int]],
        marks: tuple[set[tuple[int, int]], tuple[int, int] | None],
    ) -> None:
        """Unbookable time: one grey rectangle a span (the cells' colour, the grid lines drawn
        over it after), under the cards, and its reason in its label cell as the table writes
        it; a label cell painted anyway (selected, the time line) is left to that paint."""
        grid, model = self._grid, self._model
        greys = [
            grey
            for grey in model.grey_spans
            if any(
                grey.lane in lanes and _meet(range(grey.row, grey.row + grey.row_span), shown)
                for shown, lanes in in_sight
            )
        ]
        if not greys:
            return
        gap = 1 if grid.showGrid() else 0
        painter.save()
        painter.setClipRegion(outside_cards)
        labels = []
        for grey in greys:
            top = grid.rowViewportPosition(grey.row)
            last = grey.row + grey.row_span - 1
            bottom = grid.rowViewportPosition(last) + grid.rowHeight(last) - gap
            left = grid.columnViewportPosition(grey.lane)
            width = grid.columnWidth(grey.lane) - gap
            painter.fillRect(QRect(left, top, width, bottom - top), UNBOOKABLE_PAPER)
            label = model.grey_label_row(grey)
            if label is not None and (label, grey.lane) not in free_cells:
                labels.append((label, grey.lane))
        painter.restore()
        for row, lane in labels:
            if any(row in shown and lane in lanes for shown, lanes in in_sight):
                self._paint_cell(painter, option, row, lane, marks)

    def _cells_in(self, area: QRect) -> tuple[range, range]:
        """The rows and lanes a part of the viewport shows (QTableView's reckoning)."""
        grid = self._grid
        last_row = grid.rowAt(area.bottom())
        first_lane, last_lane = grid.columnAt(area.left()), grid.columnAt(area.right())
        return (
            range(
                grid.rowAt(area.top()),
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
        grid = self._grid
        for index in [grid.currentIndex(), *grid.selectionModel().selectedIndexes()]:
            if index.isValid():
                cells.add((index.row(), index.column()))
        now = self._model.now
        if now is not None:
            cells.update((now.row, lane) for lane in now.lanes)
        return {cell for cell in cells if self._model.block_at(*cell) is None}

    def _marks(self) -> tuple[set[tuple[int, int]], tuple[int, int] | None]:
        """The selected cells, and the current cell if the grid has the focus (its focus frame):
        asked of Qt once a paint, not at every cell."""
        grid = self._grid
        selected = {
            (index.row(), index.column()) for index in grid.selectionModel().selectedIndexes()
        }
        current = grid.currentIndex()
        focused = current.isValid() and (grid.hasFocus() or grid.viewport().hasFocus())
        return selected, (current.row(), current.column()) if focused else None

    def _paint_cell(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        row: int,
        lane: int,
        marks: tuple[set[tuple[int, int]], tuple[int, int] | None],
    ) -> QRect:
        """One cell (a block: its top-left cell) as QTableView paints it."""
        grid = self._grid
        index = self._model.index(row, lane)
        cell = QStyleOptionViewItem(option)
        rect = grid.visualRect(index)
        cell.rect = rect
        selected, focused = marks
        if (row, lane) in selected:
            cell.state |= QStyle.StateFlag.State_Selected
            # The panel under a selected cell (the selection colour round a selected card), as
            # QTableView draws it before the delegate; under any other cell it draws nothing
            # (no alternating rows, no item rule in the style sheet).
            grid.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewRow, cell, painter, grid
            )
        if (row, lane) == focused:
            cell.state |= QStyle.StateFlag.State_HasFocus
        self._cards.paint(painter, cell, index)
        return rect

    def _grid_colour(self, option: QStyleOptionViewItem) -> QColor:
        grid = self._grid
        hint = grid.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, grid)
        return QColor.fromRgba(hint & 0xFFFFFFFF)


def _meet(rows: range, shown: range) -> bool:
    return rows.start < shown.stop and shown.start < rows.stop
