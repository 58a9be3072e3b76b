"""The calendar's day grid: providers across, time down, bookings where their wall clock puts them."""

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QDateEdit, QLabel, QToolButton
from sqlalchemy import event

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.storage.models import Staff
from medspa_desk.ui.calendar.cell_content import APPOINTMENT_ID_ROLE
from tests.ui.conftest import DAY, book, find, named

# Rows are 15-minute slots from 8:00 AM.
ROW_8_00, ROW_9_00, ROW_10_00 = 0, 4, 8
AVA, MIA = 0, 1  # columns, in calendar order

DISPLAY = Qt.ItemDataRole.DisplayRole


def _grid(window):
    return find(window, "Day calendar")


def _cell_text(window, row: int, column: int) -> str:
    model = _grid(window).model()
    return model.data(model.index(row, column), DISPLAY) or ""


def _show(window, day: date) -> None:
    find(window, "Date", QDateEdit).setDate(QDate(day))
    assert find(window, "Day shown").text().endswith(f"{day.day}, {day.year}")


def _all_cell_texts(window) -> str:
    model = _grid(window).model()
    return "\n".join(
        model.data(model.index(row, column), DISPLAY) or ""
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    )


def test_one_column_per_provider_headed_by_name_with_role_as_tooltip(window):
    model = _grid(window).model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Ava Thompson", "Mia Carter"]  # the front desk is not a column
    assert (
        model.headerData(AVA, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        == "Nurse injector"
    )


def test_rows_every_15_minutes_from_opening_to_closing_labelled_on_the_half_hour(window):
    model = _grid(window).model()
    assert model.rowCount() == 44  # 8:00 AM to 7:00 PM
    labels = [model.headerData(row, Qt.Orientation.Vertical) for row in range(4)]
    assert labels == ["8:00 AM", "", "8:30 AM", ""]
    assert model.headerData(43, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == "6:45 PM"


def test_the_day_opens_on_today_in_the_clinic_zone(window):
    assert find(window, "Day shown").text() == "Wednesday, November 25, 2026"
    assert find(window, "Date", QDateEdit).date() == QDate(2026, 11, 25)


def test_an_appointment_sits_in_its_provider_column_at_its_local_start_time(window, clinic):
    text = _cell_text(window, ROW_10_00, AVA)
    assert "José Núñez" in text
    assert "Neurotoxin" in text
    assert "10:00–10:45 AM" in text
    assert "Confirmed" in text
    model = _grid(window).model()
    assert (
        model.data(model.index(ROW_10_00, AVA), APPOINTMENT_ID_ROLE)
        == clinic.appointments["José at 10:00"]
    )
    tooltip = model.data(model.index(ROW_10_00, AVA), Qt.ItemDataRole.ToolTipRole)
    assert "Neurotoxin with Ava Thompson" in tooltip and "Status: Confirmed" in tooltip
    assert _cell_text(window, ROW_10_00, MIA) == ""


def test_an_appointment_spans_one_row_per_15_minutes(window):
    grid = _grid(window)
    assert grid.rowSpan(ROW_10_00, AVA) == 3  # 45 minutes
    assert grid.rowSpan(ROW_9_00, MIA) == 4  # 60 minutes
    assert grid.rowSpan(ROW_8_00, AVA) == 1


def test_status_colours_differ_for_checked_in_and_confirmed(window):
    model = _grid(window).model()
    checked_in = model.data(model.index(ROW_9_00, MIA), Qt.ItemDataRole.BackgroundRole)
    confirmed = model.data(model.index(ROW_10_00, AVA), Qt.ItemDataRole.BackgroundRole)
    assert checked_in.isValid() and confirmed.isValid() and checked_in != confirmed


def test_cancelled_bookings_leave_the_grid_but_are_counted(window):
    assert "Emily" not in _all_cell_texts(window)
    note = find(window, "Bookings not in grid")
    assert note.text() == "1 cancelled"
    assert "Emily Nguyễn" in note.toolTip()


def test_the_current_time_is_marked_on_the_time_axis_of_today_only(qtbot, window):
    model = _grid(window).model()
    assert model.headerData(ROW_10_00, Qt.Orientation.Vertical) == "Now 10:12 AM"
    qtbot.mouseClick(find(window, "Next day"), Qt.MouseButton.LeftButton)
    assert model.headerData(ROW_10_00, Qt.Orientation.Vertical) == "10:00 AM"


def test_next_previous_and_today_buttons_move_the_day(qtbot, window):
    heading = find(window, "Day shown")
    qtbot.mouseClick(find(window, "Next day"), Qt.MouseButton.LeftButton)
    assert heading.text() == "Thursday, November 26, 2026"
    assert find(window, "Date", QDateEdit).date() == QDate(2026, 11, 26)
    assert "José" not in _all_cell_texts(window)
    assert _grid(window).rowSpan(ROW_10_00, AVA) == 1  # yesterday's spans are gone
    qtbot.mouseClick(find(window, "Previous day"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(window, "Previous day"), Qt.MouseButton.LeftButton)
    assert heading.text() == "Tuesday, November 24, 2026"
    qtbot.mouseClick(find(window, "Today", QToolButton), Qt.MouseButton.LeftButton)
    assert heading.text() == "Wednesday, November 25, 2026"
    assert "José Núñez" in _cell_text(window, ROW_10_00, AVA)


def test_day_shortcuts_work_and_are_shown_in_tooltips(qtbot, window):
    heading = find(window, "Day shown")
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert heading.text() == "Thursday, November 26, 2026"
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert heading.text() == "Wednesday, November 25, 2026"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert heading.text() == "Tuesday, November 24, 2026"
    assert find(window, "Previous day").toolTip() == "Previous day (Alt+Left)"
    assert find(window, "Next day").toolTip() == "Next day (Alt+Right)"
    assert find(window, "Today", QToolButton).toolTip() == "Today (Ctrl+T)"


def test_day_shortcuts_rest_while_another_view_is_shown(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert named(window, "Day shown").text() == "Wednesday, November 25, 2026"


def test_the_date_field_jumps_to_a_date(window):
    _show(window, date(2026, 12, 1))
    assert find(window, "Day shown").text() == "Tuesday, December 1, 2026"


def test_an_empty_day_still_shows_the_providers_and_says_so(window):
    empty = named(window, "No appointments", QLabel)
    assert not empty.isVisible()
    _show(window, date(2026, 11, 29))  # a Sunday: closed
    assert empty.isVisible()
    assert empty.text() == "No appointments on this day"
    assert _grid(window).model().columnCount() == 2
    assert find(window, "Bookings not in grid").text() == ""


@pytest.mark.parametrize(
    "dst_day",
    [date(2026, 3, 8), date(2026, 11, 1)],
    ids=["spring forward: a 23-hour day", "fall back: a 25-hour day"],
)
def test_on_dst_days_a_10_am_booking_is_on_the_10_am_row(window, db, clinic, dst_day):
    book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=dst_day,
        starts=time(10),
        minutes=60,
    )
    _show(window, dst_day)
    assert "10:00–11:00 AM" in _cell_text(window, ROW_10_00, MIA)
    assert _grid(window).rowSpan(ROW_10_00, MIA) == 4


def test_bookings_outside_opening_hours_are_kept_at_the_edges_of_the_grid(window, db, clinic):
    day = date(2026, 11, 27)
    ids = dict(client=clinic.clients["José Núñez"], service=clinic.services["Neurotoxin"], day=day)
    book(db, provider=clinic.staff["Ava Thompson"], starts=time(7, 0), minutes=90, **ids)
    book(db, provider=clinic.staff["Mia Carter"], starts=time(19, 30), minutes=30, **ids)
    _show(window, day)
    assert "7:00–8:30 AM" in _cell_text(window, ROW_8_00, AVA)
    assert _grid(window).rowSpan(ROW_8_00, AVA) == 2  # the part inside opening hours
    assert "7:30–8:00 PM" in _cell_text(window, 43, MIA)


def test_overlapping_bookings_show_together_rather_than_hide_each_other(window, db, clinic):
    day = date(2026, 11, 27)
    ids = dict(
        provider=clinic.staff["Ava Thompson"], service=clinic.services["Neurotoxin"], day=day
    )
    book(db, client=clinic.clients["José Núñez"], starts=time(11, 0), minutes=45, **ids)
    book(db, client=clinic.clients["Sarah O'Brien"], starts=time(11, 30), minutes=45, **ids)
    _show(window, day)
    text = _cell_text(window, 12, AVA)  # 11:00 AM
    assert text.startswith("2 overlapping bookings")
    assert "José Núñez" in text and "Sarah O'Brien" in text
    assert _grid(window).rowSpan(12, AVA) == 5  # 11:00 to 12:15


def test_a_booking_whose_provider_left_the_calendar_is_counted(window, db, clinic):
    with db.writing() as session:
        former = Staff(
            display_name="Zoe Former", role="Nurse injector", is_provider=True, active=False
        )
        session.add(former)
        session.flush()
        former_id = former.id
    day = date(2026, 11, 27)
    book(
        db,
        client=clinic.clients["José Núñez"],
        provider=former_id,
        service=clinic.services["Neurotoxin"],
        day=day,
        starts=time(9),
        minutes=45,
        status=AppointmentStatus.BOOKED,
    )
    _show(window, day)
    assert find(window, "Bookings not in grid").text() == "1 with a provider not on the calendar"


def test_the_clock_tick_moves_the_time_marker(window, clock):
    clock.advance(minutes=28)  # 10:40
    window.findChild(QTimer, "clock_tick").timeout.emit()
    model = _grid(window).model()
    assert model.headerData(ROW_10_00 + 2, Qt.Orientation.Vertical) == "Now 10:40 AM"
    assert model.headerData(ROW_10_00, Qt.Orientation.Vertical) == "10:00 AM"


def test_a_day_is_read_with_a_fixed_number_of_queries_and_painting_reads_none(window, db):
    selects = []

    def note_select(_connection, _cursor, statement, *_):
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(db.engine, "before_cursor_execute", note_select)
    _show(window, date(2026, 11, 24))  # no bookings
    reads_for_an_empty_day = len(selects)
    selects.clear()
    _show(window, DAY)  # bookings
    _grid(window).grab()  # paints every visible cell
    # The providers, the day's prepayments, its appointments; and what cannot be booked: the
    # opening hours, the day's closure, the providers' shifts and their blocks. With bookings,
    # what their cards warn of about the clients (their visits done and strikes, fees owed and,
    # if any, what is left of them, cards on file), whatever the number of bookings.
    assert reads_for_an_empty_day <= 7
    assert reads_for_an_empty_day + 3 <= len(selects) <= reads_for_an_empty_day + 4
