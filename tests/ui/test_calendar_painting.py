"""The calendar grid paints itself in one pass (grid_painting.py): the picture must be exactly
QTableView's own, every cell through the card delegate, pixel for pixel."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QRect, QSize, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
)

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.services.booking.check_in import check_in
from medspa_desk.ui.calendar import booking_cards
from medspa_desk.ui.calendar.calendar_grid import CalendarGrid
from medspa_desk.ui.calendar.cell_content import (
    CALLED_OFF_ID_ROLE,
    LATE_MINUTES_ROLE,
    UNBOOKABLE_PAPER,
)
from medspa_desk.ui.main_window import load_style_sheet
from tests.ui.calendar_fixtures import (
    book_joses_4_pm,
    grey_the_day,
    select_slot,
    show_the_day_again,
)
from tests.ui.conftest import DAY, find

ROW_9_00, ROW_10_00, ROW_10_30, ROW_11_00 = 4, 8, 10, 12
AVA, MIA = 0, 1


class _PaintedByTheTable(CalendarGrid):
    """The same grid painted QTableView's way, asking the delegate about every cell: the
    picture the grid's own painting must match."""

    def paintEvent(self, event) -> None:
        QTableView.paintEvent(self, event)


def _grid(window) -> CalendarGrid:
    return find(window, "Day calendar")


def _twin(qtbot, window, grid: CalendarGrid) -> _PaintedByTheTable:
    """The reference grid, in the same window (its style, its activation), over the grid."""
    twin = _PaintedByTheTable(grid.model())
    # Qt fills the paper under QTableView's own paint: the grid's viewport, which paints its
    # own, is opaque.
    twin.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
    twin.setParent(window)
    twin.setGeometry(grid.geometry())
    twin.show()
    qtbot.waitExposed(twin)
    twin.verticalHeader().setMinimumWidth(grid.verticalHeader().width())
    return twin


def _same_state(grid: CalendarGrid, twin: CalendarGrid) -> None:
    twin.lay_out_blocks()
    twin.setGeometry(grid.geometry())
    twin.setCurrentIndex(
        grid.model().index(grid.currentIndex().row(), grid.currentIndex().column())
    )
    twin.verticalScrollBar().setValue(grid.verticalScrollBar().value())


def _picture(qtbot, grid: CalendarGrid) -> QImage:
    """The grid's viewport as painted while it has the keyboard focus, as the desk sees it."""
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    # In one format: an opaque viewport (the grid's) grabs without an alpha channel.
    return _comparable(grid.viewport().grab().toImage())


@pytest.fixture(params=["plain", "desk style"])
def sheet(request, window) -> str:
    sheet = load_style_sheet() if request.param == "desk style" else ""
    window.setStyleSheet(sheet)  # on the window, not the application: other tests stay unstyled
    return sheet


def test_the_grid_paints_what_the_table_paints_cards_late_badge_time_line(qtbot, window, sheet):
    grid = _grid(window)
    model = grid.model()
    assert model.data(model.index(ROW_10_00, AVA), LATE_MINUTES_ROLE) == 12  # a badge to draw
    assert model.now is not None  # and the time line
    twin = _twin(qtbot, window, grid)
    _same_state(grid, twin)
    assert grid.viewport().size() == twin.viewport().size()
    assert _picture(qtbot, grid) == _picture(qtbot, twin)


def test_a_selected_free_cell_and_a_selected_card_are_painted_as_the_table_paints_them(
    qtbot, window, sheet
):
    grid = _grid(window)
    twin = _twin(qtbot, window, grid)
    for row, column in ((ROW_11_00, MIA), (ROW_10_00, AVA), (ROW_9_00, MIA)):
        select_slot(window, DAY, row, column)
        _same_state(grid, twin)
        assert _picture(qtbot, grid) == _picture(qtbot, twin), (row, column)


def test_a_run_of_selected_slots_over_free_and_grey_time_is_painted_as_the_table_paints_it(
    qtbot, window, sheet, db, desk, clinic
):
    grey_the_day(db, desk, clinic)
    grid = show_the_day_again(window)
    model = grid.model()
    grid.scrollTo(model.index(ROW_11_00, MIA), QTableView.ScrollHint.PositionAtTop)
    twin = _twin(qtbot, window, grid)
    run = QItemSelection(model.index(ROW_11_00 + 10, MIA), model.index(ROW_11_00 + 14, MIA))
    for view in (grid, twin):
        view.selectionModel().select(run, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    _same_state(grid, twin)
    for view in (grid, twin):  # _same_state's current cell selects it alone: select the run
        view.selectionModel().select(run, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert len(grid.selectionModel().selectedIndexes()) == 5
    assert _picture(qtbot, grid) == _picture(qtbot, twin)


def test_called_off_bookings_are_painted_faintly_as_the_table_paints_them(
    qtbot, window, sheet, db, clinic
):
    book_joses_4_pm(db, clinic, AppointmentStatus.NO_SHOW)
    grid = show_the_day_again(window)
    model = grid.model()
    faint = [
        (row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if model.data(model.index(row, column), CALLED_OFF_ID_ROLE) is not None
    ]
    assert faint
    grid.scrollTo(model.index(*faint[0]))
    twin = _twin(qtbot, window, grid)
    _same_state(grid, twin)
    assert _picture(qtbot, grid) == _picture(qtbot, twin)


@pytest.mark.parametrize("scrolled_to", [0, 12, 36])
def test_grey_time_a_card_on_it_and_its_reasons_are_painted_as_the_table_paints_them(
    qtbot, window, sheet, db, desk, clinic, scrolled_to
):
    grey_the_day(db, desk, clinic)
    grid = show_the_day_again(window)
    model = grid.model()
    assert model.grey_spans  # before opening, Ava's break and evening, Mia's training
    assert model.index(ROW_11_00 + 4, MIA).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(ROW_11_00 + 13, MIA).data(Qt.ItemDataRole.BackgroundRole) == (
        UNBOOKABLE_PAPER
    )
    grid.scrollTo(model.index(scrolled_to, AVA), QTableView.ScrollHint.PositionAtTop)
    for row, column in ((scrolled_to, MIA), (ROW_11_00 + 13, MIA), (ROW_9_00 - 1, AVA)):
        twin = _twin(qtbot, window, grid)
        grid.setCurrentIndex(model.index(row, column))
        _same_state(grid, twin)
        assert _picture(qtbot, grid) == _picture(qtbot, twin), (row, column)
        twin.deleteLater()


def test_after_the_week_and_back_the_grid_shows_what_a_fresh_paint_shows(qtbot, window, sheet):
    grid = _grid(window)
    twin = _twin(qtbot, window, grid)
    for mode in ("Week view", "Day view", "Week view"):
        qtbot.mouseClick(find(window, mode, QToolButton), Qt.MouseButton.LeftButton)
        qtbot.wait(20)  # the repaint QTableView makes after the columns change width
        _same_state(grid, twin)
        assert [grid.columnWidth(c) for c in range(grid.model().columnCount())] == [
            twin.columnWidth(c) for c in range(twin.model().columnCount())
        ]
        assert _picture(qtbot, grid) == _picture(qtbot, twin), mode


def _on_screen(widget) -> QImage:
    """What the screen shows of a widget now: the window's pixels as last painted."""
    corner = widget.mapTo(widget.window(), widget.rect().topLeft())
    window = widget.window()
    shot = window.screen().grabWindow(window.winId(), corner.x(), corner.y())
    return _comparable(shot.copy(0, 0, widget.width(), widget.height()).toImage())


def _fresh(widget) -> QImage:
    """The widget painted afresh in its present state."""
    return _comparable(widget.grab().toImage())


def _comparable(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_RGB32)


def _frame(image: QImage) -> list[int]:
    """The grid's frame: its left and top edges (the style sheet colours it on focus)."""
    return [image.pixel(0, y) for y in range(image.height())] + [
        image.pixel(x, 0) for x in range(image.width())
    ]


def _same_on_screen_as_fresh(grid: CalendarGrid) -> bool:
    return _on_screen(grid.viewport()) == _fresh(grid.viewport()) and _frame(
        _on_screen(grid)
    ) == _frame(_fresh(grid))


def test_a_window_over_the_calendar_and_away_again_leaves_what_a_fresh_paint_shows(
    qtbot, window, sheet
):
    """The grid repaints only its frame and the current and selected cells when the focus or
    the window's activation changes (calendar_grid.py): the screen must still show the grid
    as it now is."""
    grid = _grid(window)
    for row, column in ((ROW_10_00, AVA), (ROW_11_00, MIA)):
        select_slot(window, DAY, row, column)
        grid.setFocus()
        qtbot.waitUntil(grid.hasFocus)
        qtbot.wait(10)
        assert _same_on_screen_as_fresh(grid), ("focused", row, column)
        over = QDialog(window)
        over.setLayout(QVBoxLayout())
        over.layout().addWidget(QLineEdit())
        over.show()
        over.activateWindow()
        qtbot.waitUntil(lambda over=over: over.isActiveWindow() and not grid.hasFocus())
        qtbot.wait(10)
        assert _same_on_screen_as_fresh(grid), ("behind", row, column)
        over.close()
        window.activateWindow()
        grid.setFocus()
        qtbot.waitUntil(lambda: window.isActiveWindow() and grid.hasFocus())
        qtbot.wait(10)
        assert _same_on_screen_as_fresh(grid), ("back", row, column)


def test_a_re_read_after_a_check_in_repaints_the_changed_card_in_place(
    qtbot, window, sheet, desk, clinic
):
    """A re-read after a change with the same lanes and times updates the changed cells in
    place (grid_model.py): no reset, the selection stays, and the screen shows what a fresh
    paint shows, the card checked in elsewhere included."""
    grid = _grid(window)
    model = grid.model()
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    grid.setCurrentIndex(model.index(ROW_11_00, MIA))  # not the booking that changes
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    qtbot.wait(10)
    sarahs = model.card_at(ROW_9_00, MIA)  # checked in at 9:00: nothing of hers changes
    assert sarahs is not None
    check_in(desk, clinic.appointments["José at 10:00"], late_choice=LateArrivalChoice.SEE_ANYWAY)
    window._calendar.refresh()
    qtbot.wait(10)
    assert model.card_at(ROW_9_00, MIA) is sarahs  # kept, not made again
    assert "Checked in" in model.data(model.index(ROW_10_00, AVA))
    assert model.data(model.index(ROW_10_00, AVA), LATE_MINUTES_ROLE) is None
    assert not resets
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (ROW_11_00, MIA)
    assert _same_on_screen_as_fresh(grid)


def test_the_time_line_moving_repaints_its_rows_as_a_fresh_paint_shows(qtbot, window, sheet, clock):
    """The clock's tick moves the time line without a whole repaint of the grid (the model's
    time_line_moved, not headerDataChanged): the axis and the line show the new time."""
    grid = _grid(window)
    model = grid.model()
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    qtbot.wait(10)
    clock.set(clock.now() + timedelta(minutes=28))  # 10:12 to 10:40: two rows down
    window._calendar.show_time()
    qtbot.wait(10)
    times = grid.verticalHeader()
    assert model.headerData(ROW_10_30, Qt.Orientation.Vertical) == "Now 10:40 AM"
    assert model.headerData(ROW_10_00, Qt.Orientation.Vertical) == "10:00 AM"
    assert _on_screen(grid.viewport()) == _fresh(grid.viewport())
    # The axis's headings the line left and reached (the axis's own top rows may differ from
    # a fresh paint in the plain style before anything moves: not this test's business).
    top = times.sectionViewportPosition(ROW_10_00)
    band = (0, top, times.width(), times.sectionViewportPosition(ROW_10_30) + 26 - top)
    assert _on_screen(times.viewport()).copy(*band) == _fresh(times.viewport()).copy(*band)


def test_the_card_lines_kept_as_cut_stay_bounded_without_a_new_fill(qtbot):
    """A day re-read in place after each change never refills the grid; the lines kept as cut
    to their width are forgotten past a bound rather than kept for ever."""
    lettering = booking_cards._Lettering()
    picture = QImage(300, 40, QImage.Format.Format_RGB32)
    painter = QPainter(picture)
    try:
        for number in range(booking_cards._MOST_CUT_LINES * 2):
            lettering.draw_lines(
                painter, QRect(0, 0, 120, 40), (f"Client {number}",), QFont(), {}, small=False
            )
            assert len(lettering._cut) <= booking_cards._MOST_CUT_LINES
    finally:
        painter.end()
    assert lettering._cut  # still kept, within the bound


def test_the_time_axis_keeps_its_size_only_for_the_headings_and_font_it_was_measured_for(
    qtbot, window, sheet
):
    """The axis's size is kept from one fill to the next (grid_headers.py): it must be
    what Qt's own header measures for the headings shown, with or without the time line's
    "Now", in the font of the moment."""
    grid = _grid(window)
    axis = grid.verticalHeader()

    def measured() -> QSize:
        """Qt's own measure: a header made now, beside the axis, in the same style and font."""
        header = QHeaderView(Qt.Orientation.Vertical, grid)
        header.setFont(axis.font())
        header.setModel(grid.model())
        header.ensurePolished()
        size = header.sizeHint()
        header.deleteLater()
        return size

    assert axis.sizeHint() == measured()
    for button in ("Next day", "Previous day", "Week view", "Day view"):
        qtbot.mouseClick(find(window, button, QToolButton), Qt.MouseButton.LeftButton)
        assert axis.sizeHint() == measured(), button
    before = axis.sizeHint()
    larger = QFont(axis.font())
    larger.setPointSize(larger.pointSize() * 3)
    axis.setFont(larger)
    assert axis.sizeHint() == measured() != before


def test_a_new_fill_repaints_the_time_axis_only_when_it_shows_something_else(qtbot, window, clock):
    """A fill that leaves the time axis as it was painted does not repaint it (grid_headers.py): the
    screen must still show what a fresh paint of the axis shows after each day and week, with
    today's "Now" heading and without. Early in the day, so that today opens at the top as
    other days do, and only the headings differ. (In the desk's style: in Qt's plain style the
    axis's top rows on the screen differ from a fresh paint whatever the calendar does.)"""
    window.setStyleSheet(load_style_sheet())
    clock.set(clock.now().replace(hour=8, minute=20))
    qtbot.mouseClick(find(window, "Next day", QToolButton), Qt.MouseButton.LeftButton)
    times = _grid(window).verticalHeader()
    for button in ("Previous day", "Next day", "Previous day", "Week view", "Next week"):
        qtbot.mouseClick(find(window, button, QToolButton), Qt.MouseButton.LeftButton)
        qtbot.wait(20)
        assert _on_screen(times.viewport()) == _fresh(times.viewport()), button
    for button in ("Previous week", "Day view"):
        qtbot.mouseClick(find(window, button, QToolButton), Qt.MouseButton.LeftButton)
        qtbot.wait(20)
        assert _on_screen(times.viewport()) == _fresh(times.viewport()), button


def test_after_a_switch_between_day_and_week_the_screen_shows_what_a_fresh_paint_shows(
    qtbot, window, sheet
):
    """The repaint QTableView asks for after its columns change width is let go when the screen
    already shows the grid as it is (calendar_grid.py): what shows must still be right."""
    grid = _grid(window)
    for mode in ("Week view", "Day view", "Week view", "Day view"):
        qtbot.mouseClick(find(window, mode, QToolButton), Qt.MouseButton.LeftButton)
        qtbot.wait(20)  # the timer QTableView starts after the columns change width
        assert _on_screen(grid.viewport()) == _fresh(grid.viewport()), mode
