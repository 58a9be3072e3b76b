"""A 15-minute booking's card says client, service and time at every column width (issue 15):
on one line where the column is wide enough, in two short lines set small where it is not, with
the late badge beside the name, never over the service."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QDateEdit, QStyleOptionViewItem

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.ui.calendar.calendar_grid import LANE_MIN_WIDTH
from medspa_desk.ui.calendar.cell_content import LATE_MINUTES_ROLE
from medspa_desk.ui.calendar.status_colours import STATUS_MARKS
from tests.ui.conftest import DAY, book, find

ROW_10_00, ROW_4_PM, AVA, MIA = 8, 32, 0, 1
BOOKED = STATUS_MARKS[AppointmentStatus.BOOKED]


def _book_sarah(db, clinic, starts: time, provider: str) -> None:
    book(
        db,
        client=clinic.clients["Sarah O'Brien"],
        provider=clinic.staff[provider],
        service=clinic.services["Neurotoxin"],
        day=DAY,
        starts=starts,
        minutes=15,
        status=AppointmentStatus.BOOKED,
    )


def _read_again(window):
    date_field = find(window, "Date", QDateEdit)
    date_field.setDate(DAY.replace(day=DAY.day + 1))
    date_field.setDate(DAY)
    return find(window, "Day calendar")


def _painted_lines(grid, row: int, column: int, width: int) -> set[str]:
    """The words the card delegate puts on the card at `row`, `column`, painted `width` pixels
    wide and one slot high: the lines it laid out for it, as cut to fit."""
    delegate = grid.itemDelegate()
    lettering = delegate._lettering  # the lines laid out, each as drawn (cut with "…" or whole)
    lettering._cut.clear()
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, width, grid.rowHeight(row))
    option.font = grid.font()
    picture = QImage(width, option.rect.height(), QImage.Format.Format_RGB32)
    painter = QPainter(picture)
    try:
        delegate.paint(painter, option, grid.model().index(row, column))
    finally:
        painter.end()
    return {laid_out.text() for laid_out in lettering._cut.values()}


def test_a_15_minute_card_in_the_narrowest_column_says_client_service_and_time(
    qtbot, window, db, clinic
):
    _book_sarah(db, clinic, time(16), "Ava Thompson")
    grid = _read_again(window)
    assert grid.rowSpan(ROW_4_PM, AVA) == 1

    painted = _painted_lines(grid, ROW_4_PM, AVA, LANE_MIN_WIDTH)

    assert painted == {f"{BOOKED} Sarah O.", "4:00 PM · Neurotoxin"}


def test_a_15_minute_card_with_room_says_it_all_on_one_line(qtbot, window, db, clinic):
    _book_sarah(db, clinic, time(16), "Ava Thompson")
    grid = _read_again(window)

    painted = _painted_lines(grid, ROW_4_PM, AVA, 420)

    assert painted == {f"{BOOKED} Sarah O. · Neurotoxin · 4:00–4:15 PM"}


def test_a_late_15_minute_card_keeps_the_name_whole_beside_its_badge(qtbot, window, db, clinic):
    # 10:12 on the calendar's day: Sarah's 10:00 with Mia is 12 minutes late.
    _book_sarah(db, clinic, time(10), "Mia Carter")
    grid = _read_again(window)
    late = grid.model().index(ROW_10_00, MIA).data(LATE_MINUTES_ROLE)
    assert late == 12

    painted = _painted_lines(grid, ROW_10_00, MIA, LANE_MIN_WIDTH)

    assert painted == {f"{BOOKED} Sarah O.", "10:00 AM · Neurotoxin"}
