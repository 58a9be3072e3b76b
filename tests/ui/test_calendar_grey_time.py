"""Time that cannot be booked, on the calendar: blocked and closed from a slot's menu with real
right-clicks, clicks and keys, greyed at once with its reason, bookings inside listed (never
moved), a booking into it refused with the reason and made on a manager's override."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QToolButton,
)

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.storage.models import Appointment, ClinicClosure, TimeOff
from medspa_desk.ui.calendar.cell_content import APPOINTMENT_ID_ROLE, UNBOOKABLE_PAPER
from tests.ui.calendar_fixtures import AVA, ROW_14_00, show_day
from tests.ui.conftest import DAY, approve_in_prompt, choose_service, find, named, sign_in_as
from tests.ui.gestures import cell_centre, choose, open_menu, right_click

ROW_15_00, ROW_16_45, ROW_17_00 = 28, 35, 36
LEFT = Qt.MouseButton.LeftButton


def _grey(model, row: int, lane: int) -> bool:
    return model.index(row, lane).data(Qt.ItemDataRole.BackgroundRole) == UNBOOKABLE_PAPER


def _block_ava_2_to_5_for_training(qtbot, window):
    grid = show_day(window, DAY)
    right_click(qtbot, grid, grid.model().index(ROW_14_00, AVA))
    choose(qtbot, open_menu(window, "Time actions"), "Block time…")
    dialog = find(window, "Block time", QDialog)
    assert find(dialog, "Provider", QComboBox).currentText() == "Ava Thompson"
    until = find(dialog, "To", QDateTimeEdit)
    until.setFocus()
    until.setCurrentSection(QDateTimeEdit.Section.HourSection)
    for _ in range(2):  # 3:00 PM, as the slot's hour suggested, to 5:00 PM
        qtbot.keyClick(until, Qt.Key.Key_Up)
    reason = find(dialog, "Reason", QComboBox)
    reason.lineEdit().selectAll()
    qtbot.keyClicks(reason.lineEdit(), "Training")
    qtbot.mouseClick(find(dialog, "Block time", QPushButton), LEFT)
    return grid, dialog


def _manager_at_the_desk(qtbot, window) -> None:
    sign_in_as(qtbot, window, "Nora Quinn")


def test_an_afternoon_blocked_from_a_slot_greys_at_once_with_its_reason(qtbot, window, db):
    grid, dialog = _block_ava_2_to_5_for_training(qtbot, window)
    assert not dialog.isVisible()  # nothing was booked inside: nothing to list
    model = grid.model()
    assert model.index(ROW_14_00, AVA).data() == "Training"  # written once, at the top
    assert model.index(ROW_15_00, AVA).data() is None
    assert all(_grey(model, row, AVA) for row in range(ROW_14_00, ROW_17_00))
    assert not _grey(model, ROW_17_00, AVA) and not _grey(model, ROW_14_00, AVA + 1)
    assert model.index(ROW_15_00, AVA).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "3:00 PM, not bookable: Training"
    )
    assert window.statusBar().currentMessage() == (
        "Ava Thompson is away: Training (Nov 25, 2:00–5:00 PM)."
    )
    with db.reading() as session:
        assert [(b.reason, b.ends_at.hour) for b in session.query(TimeOff)] == [("Training", 0)]


def test_a_booking_into_the_block_is_refused_with_why_and_made_on_a_managers_override(
    qtbot, window, desk, clinic
):
    grid, _ = _block_ava_2_to_5_for_training(qtbot, window)
    grid.setCurrentIndex(grid.model().index(ROW_15_00, AVA))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    booking = find(window, "Book appointment", QDialog)
    qtbot.keyClicks(find(booking, "Client", QLineEdit), "jose")
    matches = find(booking, "Client matches", QListWidget)
    qtbot.waitUntil(lambda: matches.count() == 1)
    matches.setCurrentRow(0)
    choose_service(qtbot, booking, "Neuro")
    qtbot.mouseClick(find(booking, "Book", QPushButton), LEFT)
    assert find(booking, "Booking problem", QLabel).text() == (
        "Ava Thompson is away: Training (Nov 25, 2:00–5:00 PM)."
    )
    qtbot.mouseClick(find(booking, "Book anyway (manager)", QPushButton), LEFT)
    qtbot.keyClicks(find(booking, "Availability override reason", QLineEdit), "Only free hour")
    qtbot.mouseClick(find(booking, "Confirm availability override", QPushButton), LEFT)
    approve_in_prompt(qtbot, booking)  # Lena is signed in: Nora approves
    assert not booking.isVisible()
    model = grid.model()
    booked = model.index(ROW_15_00, AVA).data(APPOINTMENT_ID_ROLE)
    assert booked is not None  # the card, on grey time
    assert _grey(model, ROW_15_00 + 4, AVA)  # the block goes on below it
    with desk.db.reading() as session:
        assert session.get(Appointment, booked).availability_override_reason == "Only free hour"


def test_a_block_is_removed_from_its_slots_menu_and_the_time_is_bookable_again(qtbot, window, db):
    grid, _ = _block_ava_2_to_5_for_training(qtbot, window)
    right_click(qtbot, grid, grid.model().index(ROW_16_45, AVA))
    choose(qtbot, open_menu(window, "Time actions"), "Remove block: Training")
    model = grid.model()
    assert not any(_grey(model, row, AVA) for row in range(ROW_14_00, ROW_17_00))
    assert "Training is removed" in window.statusBar().currentMessage()
    with db.reading() as session:
        assert session.query(TimeOff).count() == 0


def test_only_a_manager_closes_the_clinic_and_the_days_bookings_are_listed_not_moved(
    qtbot, window, db, clinic
):
    grid = show_day(window, DAY)
    right_click(qtbot, grid, grid.model().index(ROW_17_00, AVA))
    menu = open_menu(window, "Time actions")
    (closing,) = [a for a in menu.actions() if a.text() == "Close the clinic on this day…"]
    assert not closing.isEnabled()  # nobody at the desk: no manager
    assert closing.toolTip() == "A manager must be signed in to close or open the clinic"
    menu.close()
    _manager_at_the_desk(qtbot, window)
    right_click(qtbot, grid, grid.model().index(ROW_17_00, AVA))
    choose(qtbot, open_menu(window, "Time actions"), "Close the clinic on this day…")
    dialog = find(window, "Close the clinic", QDialog)
    qtbot.keyClicks(find(dialog, "Reason", QLineEdit), "Burst pipe")
    qtbot.mouseClick(find(dialog, "Close the clinic", QPushButton), LEFT)
    assert dialog.isVisible()  # it stays open to list the day's bookings
    listed = find(dialog, "Bookings inside", QListWidget)
    assert [listed.item(i).text() for i in range(listed.count())] == [
        "Nov 25, 9:00–10:00 AM · Sarah O'Brien · HydraFacial with Mia Carter",
        "Nov 25, 10:00–10:45 AM · José Núñez · Neurotoxin with Ava Thompson",
    ]
    assert "2 bookings fall inside it" in find(dialog, "What was done", QLabel).text()
    model = grid.model()
    assert all(
        _grey(model, row, lane)
        for row in range(model.rowCount())
        for lane in range(model.columnCount())
        if model.index(row, lane).data(APPOINTMENT_ID_ROLE) is None
    )
    assert model.index(0, AVA).data() == "Clinic closed: Burst pipe"
    with db.reading() as session:
        kept = session.get(Appointment, clinic.appointments["José at 10:00"])
        assert kept.status == AppointmentStatus.CONFIRMED and kept.starts_at.hour == 17
    qtbot.mouseClick(named(dialog, "Cancel"), LEFT)  # now "Close"
    assert not dialog.isVisible()


def test_a_closed_day_is_a_grey_column_in_the_week_and_opens_again_from_its_menu(qtbot, window, db):
    _manager_at_the_desk(qtbot, window)
    grid = show_day(window, DAY)
    right_click(qtbot, grid, grid.model().index(ROW_17_00, AVA))
    choose(qtbot, open_menu(window, "Time actions"), "Close the clinic on this day…")
    dialog = find(window, "Close the clinic", QDialog)
    qtbot.keyClicks(find(dialog, "Reason", QLineEdit), "Thanksgiving eve")
    qtbot.mouseClick(find(dialog, "Close the clinic", QPushButton), LEFT)
    qtbot.mouseClick(named(dialog, "Cancel"), LEFT)
    qtbot.mouseClick(find(window, "Week view", QToolButton), LEFT)
    week = find(window, "Week calendar")
    model = week.model()
    wednesday, thursday = DAY.weekday(), DAY.weekday() + 1
    free_rows = [
        row
        for row in range(model.rowCount())
        if model.index(row, wednesday).data(APPOINTMENT_ID_ROLE) is None
    ]
    assert all(_grey(model, row, wednesday) for row in free_rows)
    assert model.index(free_rows[0], wednesday).data() == "Clinic closed: Thanksgiving eve"
    assert not any(_grey(model, row, thursday) for row in range(model.rowCount()))
    # The heading says it as well: scrolled down, the grey's reason at its top is out of sight.
    heading = Qt.Orientation.Horizontal
    assert model.headerData(wednesday, heading) == "Wed 25 · Today · Closed"
    assert "Clinic closed: Thanksgiving eve" in model.headerData(
        wednesday, heading, Qt.ItemDataRole.ToolTipRole
    )
    assert model.headerData(thursday, heading) == "Thu 26"

    right_click(qtbot, week, model.index(ROW_17_00, wednesday))
    choose(qtbot, open_menu(window, "Time actions"), "Open on this day")
    assert not any(_grey(week.model(), row, wednesday) for row in free_rows)
    assert window.statusBar().currentMessage() == (
        "The clinic is open again on Wednesday, November 25."
    )
    with db.reading() as session:
        assert session.query(ClinicClosure).count() == 0


def test_a_run_of_slots_selected_with_shift_click_is_blocked_whole(qtbot, window):
    grid = show_day(window, DAY)
    model = grid.model()
    qtbot.mouseClick(grid.viewport(), LEFT, pos=cell_centre(grid, model.index(ROW_14_00, AVA)))
    qtbot.mouseClick(
        grid.viewport(),
        LEFT,
        Qt.KeyboardModifier.ShiftModifier,
        cell_centre(grid, model.index(ROW_16_45, AVA)),
    )
    right_click(qtbot, grid, model.index(ROW_15_00, AVA))
    assert list(grid.selected_rows(AVA)) == list(range(ROW_14_00, ROW_16_45 + 1))
    choose(qtbot, open_menu(window, "Time actions"), "Block time…")
    dialog = find(window, "Block time", QDialog)
    assert [find(dialog, name, QDateTimeEdit).text() for name in ("From", "To")] == [
        "Wed Nov 25, 2026 2:00 PM",
        "Wed Nov 25, 2026 5:00 PM",
    ]
    qtbot.mouseClick(find(dialog, "Block time", QPushButton), LEFT)
    assert model.index(ROW_14_00, AVA).data() == "Lunch"  # the first of the usual reasons
    assert all(_grey(grid.model(), row, AVA) for row in range(ROW_14_00, ROW_17_00))
