"""The desk actions of issue 12's table, each as the input event a person sends and its stage.

Each action's `prepare` puts the window where the desk would be just before (untimed), `act`
sends one key press or click (timed until the window is idle), and `check` asks the window that
the action did what the desk sees it do, so a benchmark of an action that silently failed cannot
look fast.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QTableView

from benchmarks.cached_books import TODAY, BooksFacts
from benchmarks.frame_timing import DeskAction, drain
from benchmarks.measured_window import CONTROL, MeasuredWindow
from medspa_desk.services.booking.day_schedule import day_schedule

# Keystrokes as the desk types them: the last letter of each is the one measured.
SEARCHES = ("emm", "hill", "ngu", "406 5", "sar", "o'b", "mart", "kim", "leo", "@exa")
LATE_BY = timedelta(minutes=12)  # past the clinic's 10 minutes' grace


def desk_actions(desk: MeasuredWindow, facts: BooksFacts, repeat: int) -> list[DeskAction]:
    """The table's actions, in an order in which none spoils another's stage."""
    arrivals = _todays_arrivals(desk, repeat + 2)
    return [
        _late_panel(desk, arrivals[0]),
        _see_anyway(desk, arrivals[1:]),
        _day_switch(desk, facts.busiest_day),
        _week_switch(desk, facts.busiest_day),
        _search_keystroke(desk),
        _open_profile(desk, facts.long_histories),
        _add_retail_line(desk),
        _add_service_line(desk),
        _complete_sale(desk),
        _receipt_pdf(desk),
    ]


def _todays_arrivals(desk: MeasuredWindow, wanted: int) -> list:
    """Today's bookings still awaiting their clients, earliest first (each checked in once)."""
    schedule = day_schedule(desk.desk.db, TODAY, desk.desk.settings)
    waiting = sorted(
        (a for a in schedule.appointments if a.status.awaiting_arrival),
        key=lambda a: (a.starts_at, a.appointment_id),
    )
    if len(waiting) < wanted:
        raise RuntimeError(f"{TODAY} has {len(waiting)} bookings to check in; {wanted} needed")
    return waiting[:wanted]


def _select_late(desk: MeasuredWindow, arrival) -> QTableView:
    """Today in the day view, the clock 12 minutes past the booking, its block selected."""
    desk.clock.set(arrival.starts_at + LATE_BY)
    desk.show_day(TODAY)
    grid = desk.find("Day calendar", QTableView)
    cell = grid.model().cell_of(arrival.appointment_id)
    if not cell.isValid():
        raise RuntimeError(f"booking {arrival.appointment_id} is not on today's calendar")
    grid.setCurrentIndex(cell)
    drain()
    return grid


def _press_check_in(grid: QTableView) -> None:
    QTest.keyClick(grid, Qt.Key.Key_I, CONTROL)


def _late_panel(desk: MeasuredWindow, arrival) -> DeskAction:
    grids: list[QTableView] = []

    def prepare(_number: int) -> None:
        grids[:] = [_select_late(desk, arrival)]

    def check(_number: int) -> None:
        panel = desk.find("Late arrival", QDialog)
        desk.click("Close", QPushButton, root=panel)  # decided later: the booking stays as it was
        drain()
        desk.activate()

    return DeskAction(
        "late client: Ctrl+I until the late panel shows",
        prepare,
        lambda _number: _press_check_in(grids[0]),
        check,
    )


def _see_anyway(desk: MeasuredWindow, arrivals: list) -> DeskAction:
    panels: list[QDialog] = []

    def prepare(number: int) -> None:
        _press_check_in(_select_late(desk, arrivals[number]))
        drain()
        panels[:] = [desk.find("Late arrival", QDialog)]

    def check(number: int) -> None:
        message = desk.window.statusBar().currentMessage()
        if not message.startswith("Checked in"):
            raise RuntimeError(f"see anyway did not check the client in: {message!r}")
        desk.activate()

    return DeskAction(
        "see-anyway check-in until the calendar is redrawn",
        prepare,
        lambda _number: desk.click("See anyway", QPushButton, root=panels[0]),
        check,
    )


def _day_switch(desk: MeasuredWindow, busiest: date) -> DeskAction:
    """Next from the busiest day, then Previous back to it, in turns."""

    def prepare(number: int) -> None:
        if desk.shown_day() not in (busiest, busiest + timedelta(days=1)) or number == 0:
            desk.show_day(busiest)

    def act(_number: int) -> None:
        desk.click("Next day" if desk.shown_day() == busiest else "Previous day")

    def check(_number: int) -> None:
        if desk.shown_day() not in (busiest, busiest + timedelta(days=1)):
            raise RuntimeError(f"the calendar shows {desk.shown_day()}")

    return DeskAction("next / previous day (busiest day)", prepare, act, check)


def _week_switch(desk: MeasuredWindow, busiest: date) -> DeskAction:
    """The week of the busiest day's first provider, then back to the day, in turns."""
    modes: list[bool] = []

    def prepare(number: int) -> None:
        if number == 0:
            desk.show_day(busiest)
            grid = desk.find("Day calendar", QTableView)
            grid.setCurrentIndex(grid.model().index(0, 0))
        modes[:] = [desk.day_view_shown()]

    def act(_number: int) -> None:
        desk.click("Week view" if modes[0] else "Day view")

    def check(_number: int) -> None:
        if desk.day_view_shown() == modes[0]:
            raise RuntimeError("the calendar did not switch between day and week")

    return DeskAction("switch to week view / back to day", prepare, act, check)


def _search_keystroke(desk: MeasuredWindow) -> DeskAction:
    boxes: list[QLineEdit] = []

    def prepare(number: int) -> None:
        desk.show_view("Clients")
        query = SEARCHES[number % len(SEARCHES)]
        boxes[:] = [desk.find("Search clients", QLineEdit)]
        boxes[0].setText(query[:-1])  # typed already: its search is done
        drain()

    def act(number: int) -> None:
        QTest.keyClick(boxes[0], SEARCHES[number % len(SEARCHES)][-1])

    def check(number: int) -> None:
        if boxes[0].text() != SEARCHES[number % len(SEARCHES)]:
            raise RuntimeError(f"the search box reads {boxes[0].text()!r}")

    return DeskAction("search keystroke", prepare, act, check)


def _open_profile(desk: MeasuredWindow, named: tuple[tuple[int, str], ...]) -> DeskAction:
    """Enter on a long-history client in the results; the two longest histories in turns."""
    names = dict(named)
    clients = [client_id for client_id, _name in named]
    tables: list[QTableView] = []

    def prepare(number: int) -> None:
        client_id = clients[number % len(clients)]
        desk.show_view("Clients")
        box = desk.find("Search clients", QLineEdit)
        box.setText(names[client_id])
        drain()
        table = desk.find("Client results", QTableView)
        row = table.model().row_of(client_id)
        if row is None:
            raise RuntimeError(f"searching {names[client_id]!r} does not list client {client_id}")
        table.setCurrentIndex(table.model().index(row, 0))
        drain()
        tables[:] = [table]

    def check(number: int) -> None:
        if desk.clients.profile.client_id != clients[number % len(clients)]:
            raise RuntimeError("Enter on the client did not open their profile")

    return DeskAction(
        "open a client profile with a long history",
        prepare,
        lambda _number: QTest.keyClick(tables[0], Qt.Key.Key_Return),
        check,
    )


def _one_line_added(desk: MeasuredWindow, what: str):
    def check(_number: int) -> None:
        if desk.till.lines_model.rowCount() != 1:
            raise RuntimeError(f"the {what} line was not added")

    return check


def _add_retail_line(desk: MeasuredWindow) -> DeskAction:
    boxes: list[QLineEdit] = []

    def prepare(_number: int) -> None:
        desk.start_new_sale()
        boxes[:] = [desk.type_into("Scan or search product", "SKN-004", desk.till)]
        drain()

    return DeskAction(
        "add a retail line (scan, Enter)",
        prepare,
        lambda _number: QTest.keyClick(boxes[0], Qt.Key.Key_Return),
        _one_line_added(desk, "retail"),
    )


def _add_service_line(desk: MeasuredWindow) -> DeskAction:
    def prepare(_number: int) -> None:
        desk.start_new_sale()
        desk.press_at_till("Add service line")
        drain()

    return DeskAction(
        "add a service line",
        prepare,
        lambda _number: desk.press_at_till("Add service"),
        _one_line_added(desk, "service"),
    )


def _complete_sale(desk: MeasuredWindow) -> DeskAction:
    def check(_number: int) -> None:
        if not desk.visible("Sale outcome", root=desk.till):
            raise RuntimeError(f"the sale was not completed: {desk.till.message.text()!r}")

    return DeskAction(
        "complete a split-tender sale",
        lambda _number: desk.ring_up_split_tender_sale(),
        lambda _number: desk.press_at_till("Complete sale"),
        check,
    )


def _receipt_pdf(desk: MeasuredWindow) -> DeskAction:
    """Save PDF of the sale just completed: the receipt read and drawn, the file written."""

    def prepare(_number: int) -> None:
        if not desk.visible("Save PDF", QPushButton, desk.till):
            desk.ring_up_split_tender_sale()
            desk.press_at_till("Complete sale")
            drain()

    def check(_number: int) -> None:
        saved = desk.files.saved[-1]
        if not (saved.exists() and saved.read_bytes().startswith(b"%PDF")):
            raise RuntimeError(f"no receipt PDF was written to {saved}")

    return DeskAction(
        "receipt PDF (Save PDF)",
        prepare,
        lambda _number: desk.press_at_till("Save PDF"),
        check,
    )
