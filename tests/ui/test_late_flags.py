"""Late flags: a booking not checked in is flagged in amber the moment start + 10 minutes passes,
by a timer against the desk's clock; the status bar counts them; check-in clears the flag."""

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QDateEdit, QLabel

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.booking.day_schedule import BookedSlot
from medspa_desk.ui.calendar.cell_content import LATE_MINUTES_ROLE
from medspa_desk.ui.calendar.late_flags import ArrivalFlags, arrival_flags, next_flag_due
from medspa_desk.ui.calendar.status_colours import LATE
from tests.ui.conftest import DAY, ZONE, book, find

ROW_10_00, ROW_10_15 = 8, 9
AVA, MIA = 0, 1


def _late_minutes(window, row: int, column: int):
    model = find(window, "Day calendar").model()
    return model.data(model.index(row, column), LATE_MINUTES_ROLE)


def _timer(window) -> QTimer:
    return window.findChild(QTimer, "late_flag_timer")


def _late_count(window) -> str:
    return find(window, "Late arrivals", QLabel).text()


@pytest.fixture
def mia_at_10_15(db, clinic) -> int:
    """Mia's 10:15 client, booked: at 10:12 not late yet."""
    return book(
        db,
        client=clinic.clients["Emily Nguyễn"],
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=DAY,
        starts=time(10, 15),
        minutes=60,
    )


def test_a_booking_not_checked_in_past_start_plus_grace_is_flagged_with_minutes(window):
    # José's 10:00 booking is confirmed, not checked in, and it is 10:12.
    assert _late_minutes(window, ROW_10_00, AVA) == 12
    model = find(window, "Day calendar").model()
    assert model.data(model.index(ROW_10_00, AVA), Qt.ItemDataRole.BackgroundRole) == LATE
    assert "12 minutes late" in model.data(model.index(ROW_10_00, AVA), Qt.ItemDataRole.ToolTipRole)
    assert _late_count(window) == "1 late"
    # Sarah is checked in at 9:00: not late, whatever the time.
    assert _late_minutes(window, 4, MIA) is None


def test_the_flag_appears_just_after_start_plus_10_minutes_and_not_at_10_minutes(
    qtbot, window, clock, mia_at_10_15
):
    window._calendar.refresh()  # the booking was written behind the window's back
    timer = _timer(window)
    # Armed for 10:25:00.000001, rounded up to whole milliseconds: 13 minutes and 1 ms from 10:12.
    assert timer.isActive() and timer.interval() == 13 * 60_000 + 1
    clock.set(datetime.combine(DAY, time(10, 25), tzinfo=ZONE))  # exactly start + 10 min
    timer.timeout.emit()
    assert _late_minutes(window, ROW_10_15, MIA) is None
    assert _late_count(window) == "1 late"
    assert timer.isActive() and timer.interval() == 1  # set again for the microsecond left
    clock.advance(seconds=1)  # 10:25:01
    timer.timeout.emit()
    assert _late_minutes(window, ROW_10_15, MIA) == 10
    assert _late_count(window) == "2 late"
    # Next, José's 10:00 runs out its time at 10:45 without him: 19 min 59 s from 10:25:01.
    assert timer.isActive() and timer.interval() == (19 * 60 + 59) * 1000


def test_a_booking_that_ended_without_its_client_is_no_longer_late(qtbot, window, clock):
    clock.set(datetime.combine(DAY, time(10, 44, 59), tzinfo=ZONE))
    _timer(window).timeout.emit()
    assert _late_minutes(window, ROW_10_00, AVA) == 44
    assert _late_count(window) == "1 late"
    clock.set(datetime.combine(DAY, time(10, 45), tzinfo=ZONE))  # José's 45 minutes are over
    _timer(window).timeout.emit()
    model = find(window, "Day calendar").model()
    assert _late_minutes(window, ROW_10_00, AVA) is None
    tooltip = model.data(model.index(ROW_10_00, AVA), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.endswith("Status: Confirmed, did not arrive: mark the no-show?")
    assert _late_count(window) == "1 did not arrive"
    assert find(window, "Late arrivals").property("late")  # still amber: the desk has to act


def test_the_timer_really_fires_on_its_own(qtbot, window, clock, mia_at_10_15):
    window._calendar.refresh()
    clock.set(datetime.combine(DAY, time(10, 25, 1), tzinfo=ZONE))
    _timer(window).start(1)  # the wait is over: let the event loop deliver it
    qtbot.waitUntil(lambda: _late_minutes(window, ROW_10_15, MIA) == 10, timeout=2000)


def test_the_clock_tick_keeps_the_minutes_current(window, clock):
    clock.advance(minutes=5)  # 10:17
    window.findChild(QTimer, "clock_tick").timeout.emit()
    assert _late_minutes(window, ROW_10_00, AVA) == 17


def test_check_in_clears_the_flag_and_the_count(qtbot, window):
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(ROW_10_00, AVA))
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(find(window, "See anyway"), Qt.MouseButton.LeftButton)
    assert _late_minutes(window, ROW_10_00, AVA) is None
    assert _late_count(window) == "No one late"


def test_a_past_days_unarrived_booking_is_not_late(window, db, clinic):
    yesterday = DAY - timedelta(days=1)
    book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=yesterday,
        starts=time(10),
        minutes=45,
    )
    find(window, "Date", QDateEdit).setDate(QDate(yesterday))
    assert _late_minutes(window, ROW_10_00, AVA) is None
    assert _late_count(window) == "1 late"  # today's José, still counted while another day is shown


def test_the_count_covers_today_while_the_week_view_shows_another_provider(qtbot, window):
    qtbot.mouseClick(find(window, "Week view"), Qt.MouseButton.LeftButton)
    find(window, "Provider").setCurrentText("Mia Carter")
    assert _late_count(window) == "1 late"


# -- the rule's edges, without a window ------------------------------------------------------


def _slot(starts: time, status=AppointmentStatus.BOOKED, day: date = DAY) -> BookedSlot:
    starts_at = datetime.combine(day, starts, tzinfo=ZONE)
    return BookedSlot(
        1, 1, 1, "Emma Sanders", "HydraFacial", starts_at, starts_at + timedelta(hours=1), status
    )


@pytest.mark.parametrize(
    ("now", "late"),
    [(time(10, 10), None), (time(10, 10, 1), 10), (time(10, 12), 12)],
    ids=["exactly 10 minutes: on time", "10 minutes 1 second: late", "12 minutes"],
)
def test_late_bookings_follow_the_domain_rule_to_the_second(now, late):
    flags = arrival_flags(
        [_slot(time(10))], datetime.combine(DAY, now, tzinfo=ZONE), ClinicSettings()
    )
    assert flags.late.get(1) == late


@pytest.mark.parametrize(
    ("now", "late", "not_arrived"),
    [(time(10, 59, 59), {1: 59}, frozenset()), (time(11), {}, frozenset({1}))],
    ids=["a second before the end: late", "at the end: did not arrive"],
)
def test_late_ends_when_the_booking_does(now, late, not_arrived):
    flags = arrival_flags(
        [_slot(time(10))], datetime.combine(DAY, now, tzinfo=ZONE), ClinicSettings()
    )
    assert (flags.late, flags.not_arrived) == (late, not_arrived)


def test_the_status_bar_counts_both():
    assert ArrivalFlags().status_text() == "No one late"
    assert ArrivalFlags({1: 12, 2: 3}, frozenset({3})).status_text() == "2 late · 1 did not arrive"
    assert ArrivalFlags({}, frozenset({3, 4})).status_text() == "2 did not arrive"


@pytest.mark.parametrize(
    "status", [AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW, AppointmentStatus.COMPLETED]
)
def test_only_bookings_awaiting_arrival_are_ever_late(status):
    now = datetime.combine(DAY, time(12), tzinfo=ZONE)
    assert arrival_flags([_slot(time(10), status)], now, ClinicSettings()) == ArrivalFlags()
    assert next_flag_due([_slot(time(11, 55), status)], now, ClinicSettings()) is None


def test_the_next_flag_due_is_the_earliest_still_to_come():
    now = datetime.combine(DAY, time(10, 12), tzinfo=ZONE)
    due = next_flag_due(
        [_slot(time(10)), _slot(time(11)), _slot(time(10, 30))], now, ClinicSettings()
    )
    assert due == datetime.combine(DAY, time(10, 40), tzinfo=ZONE) + timedelta(microseconds=1)
