"""The calendar's day view: one column per provider, a row per time slot, read-only for now."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, QRect, Qt
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.services.day_schedule import DaySchedule, day_schedule
from medspa_desk.ui.calendar.day_model import Block, DayGridModel, long_date

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

SLOT_ROW_HEIGHT = 26
PROVIDER_COLUMN_MIN_WIDTH = 170
# Today opens an hour before now: the bookings under way stay in sight above the time line.
ROWS_SHOWN_BEFORE_NOW = 4
_NOW_LINE = QColor("#d64545")
_SELECTED_OUTLINE = QColor("#3d5a80")


class DayView(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._day: date | None = None
        self._model = DayGridModel(desk.settings, self)

        previous = self._day_button(
            "Previous day", "‹ Previous day", "Alt+Left", lambda: self.show_day(self._day - timedelta(days=1))
        )
        today = self._day_button("Today", "Today", "Ctrl+T", lambda: self.show_day(self._clinic_today()))
        following = self._day_button(
            "Next day", "Next day ›", "Alt+Right", lambda: self.show_day(self._day + timedelta(days=1))
        )

        self._date_edit = QDateEdit()
        self._date_edit.setAccessibleName("Date")
        self._date_edit.setToolTip("Jump to a date")
        self._date_edit.setCalendarPopup(True)
        self._date_edit.setDisplayFormat("ddd MMM d, yyyy")
        # Jump when a date is complete (Enter, leaving the field, or the popup), not at every
        # digit typed on the way to it.
        self._date_edit.setKeyboardTracking(False)
        self._date_edit.dateChanged.connect(lambda picked: self.show_day(picked.toPython()))

        self._heading = QLabel()
        self._heading.setObjectName("day_heading")
        self._heading.setAccessibleName("Day shown")
        self._not_in_grid = QLabel()
        self._not_in_grid.setObjectName("day_note")
        self._not_in_grid.setAccessibleName("Bookings not in grid")
        self._empty = QLabel("No appointments on this day")
        self._empty.setObjectName("day_empty")
        self._empty.setAccessibleName("No appointments")

        self._grid = self._make_grid()

        top = QHBoxLayout()
        top.addWidget(previous)
        top.addWidget(today)
        top.addWidget(following)
        top.addSpacing(12)
        top.addWidget(self._heading)
        top.addSpacing(12)
        top.addWidget(self._not_in_grid)
        top.addStretch(1)
        top.addWidget(self._date_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._empty)
        layout.addWidget(self._grid, 1)
        self.setFocusProxy(self._grid)

        self.show_day(self._clinic_today())

    def show_day(self, day: date) -> None:
        """Read the day with one service call and lay it out."""
        schedule = day_schedule(self._desk.db, day, self._desk.settings)
        self._day = day
        self._model.show_schedule(schedule, self._desk.clock.now())
        # Spans belong to the view, not the model, so they must be redone on every new day.
        self._grid.clearSpans()
        for block in self._model.blocks:
            if block.row_span > 1:
                self._grid.setSpan(block.row, block.column, block.row_span, 1)
        self._show_day_texts(schedule)
        self._scroll_to_start()

    def show_time(self) -> None:
        """Move the current-time marker; called by the window's clock tick."""
        self._model.show_time(self._desk.clock.now())
        self._grid.viewport().update()

    def _show_day_texts(self, schedule: DaySchedule) -> None:
        self._heading.setText(long_date(schedule.day))
        if self._date_edit.date().toPython() != schedule.day:
            self._date_edit.blockSignals(True)  # the day is already being shown
            self._date_edit.setDate(QDate(schedule.day))
            self._date_edit.blockSignals(False)
        columns = {provider.provider_id for provider in schedule.providers}
        in_grid = [a for a in schedule.appointments if a.status.occupies_slot]
        set_aside = [a for a in schedule.appointments if not a.status.occupies_slot]
        # A booking whose provider is not on the calendar (say, since deactivated) must not vanish.
        off_calendar = [a for a in in_grid if a.provider_id not in columns]
        by_status = Counter(a.status.label.lower() for a in set_aside)
        notes = [f"{count} {label}" for label, count in sorted(by_status.items())]
        if off_calendar:
            notes.append(f"{len(off_calendar)} with a provider not on the calendar")
        self._not_in_grid.setText(" · ".join(notes))
        self._not_in_grid.setToolTip(
            "\n".join(
                f"{a.client_name}, {a.service_name}: {a.status.label}"
                for a in set_aside + off_calendar
            )
        )
        self._empty.setVisible(not in_grid)

    def _scroll_to_start(self) -> None:
        now = self._model.now
        row = max(now.row - ROWS_SHOWN_BEFORE_NOW, 0) if now is not None else 0
        if self._model.columnCount():
            self._grid.scrollTo(
                self._model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )

    def _clinic_today(self) -> date:
        return local_date(self._desk.clock.now(), self._desk.settings.zone)

    def _day_button(self, name: str, text: str, shortcut: str, go) -> QToolButton:
        # An action, not a QPushButton shortcut: a button's shortcut animates a click and drops
        # the presses that come during it, and the desk flips through days quickly. The action
        # lives on the button, so its shortcut works only while the calendar is the view shown.
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{name} ({keys})")
        action.triggered.connect(go)
        button = QToolButton()
        button.setObjectName("day_button")
        button.setAccessibleName(name)
        button.setDefaultAction(action)
        return button

    def _make_grid(self) -> QTableView:
        grid = QTableView()
        grid.setObjectName("day_grid")
        grid.setAccessibleName("Day calendar")
        grid.setModel(self._model)
        grid.setItemDelegate(_BookingCardDelegate(self._model, grid))
        grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        grid.setCornerButtonEnabled(False)
        grid.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        providers = grid.horizontalHeader()
        providers.setAccessibleName("Providers")
        providers.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        providers.setMinimumSectionSize(PROVIDER_COLUMN_MIN_WIDTH)
        providers.setHighlightSections(False)
        times = grid.verticalHeader()
        times.setAccessibleName("Times")
        times.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        times.setDefaultSectionSize(SLOT_ROW_HEIGHT)
        times.setHighlightSections(False)
        # Wide enough for a bold "Now 12:45 PM" and the section padding, so the axis keeps its
        # width from day to day and as the marker comes and goes.
        bold = QFont(times.font())
        bold.setBold(True)
        times.setMinimumWidth(QFontMetrics(bold).horizontalAdvance("Now 12:45 PM") + 24)
        return grid


class _BookingCardDelegate(QStyledItemDelegate):
    """Paints each booking as a card inset from the grid lines, with its provider's colour as a
    bar down the left and the client's name in bold, so that back-to-back bookings read as
    separate blocks; and draws the current-time line across today's grid."""

    def __init__(self, model: DayGridModel, grid: QTableView) -> None:
        super().__init__(grid)
        self._model = model
        self._grid = grid

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        block = self._model.block_at(index.row(), index.column())
        if block is None:
            super().paint(painter, option, index)
        else:
            self._paint_card(painter, option, index, block)
        self._paint_now_line(painter, option.rect, index)

    def _paint_card(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex, block: Block
    ) -> None:
        card = option.rect.adjusted(2, 1, -2, -1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._model.data(index, Qt.ItemDataRole.BackgroundRole))
        painter.drawRoundedRect(card, 4, 4)
        painter.setBrush(self._model.provider_colour(block.column))
        painter.drawRoundedRect(QRect(card.left(), card.top(), 4, card.height()), 2, 2)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(_SELECTED_OUTLINE, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 4, 4)
        painter.setPen(self._model.data(index, Qt.ItemDataRole.ForegroundRole))
        lines = self._model.data(index, Qt.ItemDataRole.DisplayRole).split("\n")
        _draw_lines(painter, card.adjusted(9, 3, -4, -2), lines, option.font)
        painter.restore()

    def _paint_now_line(self, painter: QPainter, rect: QRect, index: QModelIndex) -> None:
        now = self._model.now
        span = self._grid.rowSpan(index.row(), index.column())
        if now is None or not index.row() <= now.position < index.row() + span:
            return
        y = rect.top() + round((now.position - index.row()) * rect.height() / span)
        painter.save()
        painter.setPen(QPen(_NOW_LINE, 2))
        painter.drawLine(rect.left(), y, rect.right(), y)
        painter.restore()


def _draw_lines(painter: QPainter, area: QRect, lines: list[str], base_font: QFont) -> None:
    """The first line in bold, the rest plain, each cut with "…" to fit; as many as fit."""
    top = area.top()
    for number, line in enumerate(lines):
        font = QFont(base_font)
        font.setBold(number == 0)
        metrics = QFontMetrics(font)
        if number > 0 and top + metrics.height() > area.bottom() + 1:
            break
        painter.setFont(font)
        painter.drawText(
            QRect(area.left(), top, area.width(), metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, area.width()),
        )
        top += metrics.height()
