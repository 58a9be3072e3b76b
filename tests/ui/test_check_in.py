"""Check-in from the calendar: on time it is one keystroke; late, the late-arrival panel asks."""

from datetime import datetime, time, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QMenu, QPushButton, QWidget
from sqlalchemy import event, select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.services.clients.records import add_card_on_file
from medspa_desk.storage.models import Appointment, AppointmentStatusChange, ClientFee
from tests.ui.calendar_fixtures import put_joses_visa_on_file
from tests.ui.conftest import DAY, ZONE, book, find, named
from tests.ui.gestures import cell_centre

ROW_10_00, ROW_10_15 = 8, 9
AVA, MIA = 0, 1


def _select(window, row: int, column: int):
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(row, column))
    return grid


def _status(db, appointment_id: int) -> str:
    with db.reading() as session:
        return session.get(Appointment, appointment_id).status


def _book_emilys_10_15(db, clinic) -> int:
    """Emily's hour of HydraFacial with Mia at 10:15 on the calendar's day; its id."""
    return book(
        db,
        client=clinic.clients["Emily Nguyễn"],
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=DAY,
        starts=time(10, 15),
        minutes=60,
    )


def _late_panel(qtbot, window) -> QDialog:
    grid = _select(window, ROW_10_00, AVA)
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    panel = find(window, "Late arrival", QDialog)
    assert panel.isVisible()
    return panel


def test_on_time_check_in_is_direct_and_said_in_the_status_bar(qtbot, window, db, clinic, clock):
    emily = _book_emilys_10_15(db, clinic)
    window._calendar.refresh()
    clock.set(datetime.combine(DAY, time(10, 25), tzinfo=ZONE))  # exactly 10 minutes: on time
    grid = _select(window, ROW_10_15, MIA)
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert _status(db, emily) == AppointmentStatus.CHECKED_IN
    assert window.statusBar().currentMessage() == "Checked in."
    assert "Checked in" in grid.model().data(grid.model().index(ROW_10_15, MIA))
    assert not [w for w in window.findChildren(QDialog) if w.accessibleName() == "Late arrival"]


def test_a_late_check_in_opens_the_late_arrival_panel_without_blocking(qtbot, window, clinic):
    panel = _late_panel(qtbot, window)
    assert not panel.isModal()
    assert find(panel, "Late warning", QLabel).text() == "José Núñez is 12 minutes late"
    assert (
        "tardiness of more than 10 minutes could result in rescheduling"
        in find(panel, "Policy wording", QLabel).text()
    )
    # Each choice's cost, before it is taken.
    assert find(panel, "See anyway cost", QLabel).text() == "Checked in now: no fee, no strike."
    assert find(panel, "Reschedule cost", QLabel).text() == (
        "Recorded as a late cancellation (the client's move after the start): $75.00 "
        "late-cancellation fee: owed on the account (no card on file) · Counts as a strike: "
        "José Núñez's 1st. A manager may waive the fee afterwards (Waive fee…)."
    )
    assert find(panel, "No-show cost", QLabel).text() == (
        "$75.00 late-cancellation fee: owed on the account (no card on file) · "
        "Counts as a strike: José Núñez's 1st."
    )
    for name in ("See anyway", "Reschedule", "Mark no-show"):
        assert find(panel, name, QPushButton).isEnabled()
    assert find(window, "Day calendar").isEnabled()  # the calendar stays usable meanwhile


def test_ctrl_i_on_a_late_client_reads_the_books_once(qtbot, window, db):
    transactions: list[object] = []

    def began(connection) -> None:
        transactions.append(connection)

    event.listen(db.engine, "begin", began)
    try:
        panel = _late_panel(qtbot, window)
    finally:
        event.remove(db.engine, "begin", began)
    # The check-in that found José late read all the panel shows; the panel reads nothing.
    assert len(transactions) == 1
    assert find(panel, "Late warning", QLabel).text() == "José Núñez is 12 minutes late"


def test_the_panel_put_away_asks_about_the_next_late_client_afresh(qtbot, window, desk, db, clinic):
    emily = _book_emilys_10_15(db, clinic)
    add_card_on_file(
        desk,
        clinic.clients["Emily Nguyễn"],
        brand="Visa",
        last4="1881",
        expiry_month=12,
        expiry_year=2029,
        cardholder_name="Emily Nguyễn",
        terminal_reference="tok_test_1881",
    )
    window._calendar.refresh()
    panel = _late_panel(qtbot, window)  # José, no card: no approval code asked
    assert not named(panel, "Terminal approval code", QLineEdit).isVisible()
    qtbot.keyClicks(find(panel, "Reason", QLineEdit), "On the phone")
    qtbot.mouseClick(find(panel, "Close", QPushButton), Qt.MouseButton.LeftButton)  # later
    assert not panel.isVisible()

    grid = _select(window, ROW_10_15, MIA)  # Emily, 10:15: 12 minutes past the grace at 10:37
    window._desk.clock.set(datetime.combine(DAY, time(10, 37), tzinfo=ZONE))
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)

    again = find(window, "Late arrival", QDialog)  # the one panel, asked again
    assert again is panel and again.isVisible()
    assert find(again, "Late warning", QLabel).text() == "Emily Nguyễn is 22 minutes late"
    assert find(again, "Appointment", QLabel).text() == "HydraFacial with Mia Carter at 10:15 AM"
    assert "charged to Visa ending 1881 ·" in find(again, "No-show cost", QLabel).text()
    assert find(again, "Reason", QLineEdit).text() == ""
    qtbot.waitUntil(find(again, "Reason", QLineEdit).hasFocus)  # once the panel is active
    qtbot.keyClicks(find(again, "Terminal approval code", QLineEdit), "EM0001")
    qtbot.mouseClick(find(again, "Mark no-show", QPushButton), Qt.MouseButton.LeftButton)
    assert _status(db, emily) == AppointmentStatus.NO_SHOW
    assert window.statusBar().currentMessage() == (
        "No-show: $75.00 fee charged to Visa ending 1881, approval EM0001."
    )
    assert _status(db, clinic.appointments["José at 10:00"]) == AppointmentStatus.CONFIRMED


def test_the_panel_asked_again_opens_centred_wherever_it_was_moved(qtbot, window):
    panel = _late_panel(qtbot, window)
    centred = panel.pos()
    panel.move(centred + QPoint(150, 90))  # dragged aside by the desk
    qtbot.mouseClick(find(panel, "Close", QPushButton), Qt.MouseButton.LeftButton)
    again = _late_panel(qtbot, window)
    assert again is panel and again.pos() == centred  # where a new panel would open


def test_see_anyway_checks_in_and_records_the_choice_and_reason(qtbot, window, db, clinic):
    panel = _late_panel(qtbot, window)
    find(panel, "Reason", QLineEdit).setText("Road works on Hwy 2")
    qtbot.mouseClick(find(panel, "See anyway", QPushButton), Qt.MouseButton.LeftButton)
    jose = clinic.appointments["José at 10:00"]
    assert _status(db, jose) == AppointmentStatus.CHECKED_IN
    with db.reading() as session:
        reason = session.scalars(
            select(AppointmentStatusChange.reason)
            .where(AppointmentStatusChange.appointment_id == jose)
            .order_by(AppointmentStatusChange.id.desc())
        ).first()
    assert reason == "12 minutes late; seen anyway: Road works on Hwy 2"
    assert window.statusBar().currentMessage() == "Checked in 12 minutes late; seen anyway."


def test_mark_no_show_from_the_panel_creates_the_fee(qtbot, window, desk, db, clinic):
    put_joses_visa_on_file(desk, clinic)
    panel = _late_panel(qtbot, window)
    assert "charged to Visa ending 4242 ·" in find(panel, "No-show cost", QLabel).text()
    qtbot.keyClicks(find(panel, "Terminal approval code", QLineEdit), "NS0042")
    qtbot.mouseClick(find(panel, "Mark no-show", QPushButton), Qt.MouseButton.LeftButton)
    jose = clinic.appointments["José at 10:00"]
    assert _status(db, jose) == AppointmentStatus.NO_SHOW
    with db.reading() as session:
        fee = session.scalars(select(ClientFee).where(ClientFee.appointment_id == jose)).one()
    assert (fee.amount_cents, fee.card_charge_cents) == (7500, 7500)
    assert fee.card_approval_code == "NS0042"
    assert (
        window.statusBar().currentMessage()
        == "No-show: $75.00 fee charged to Visa ending 4242, approval NS0042."
    )
    # The no-show stays in sight in its slot, which is free to book again.
    model = find(window, "Day calendar").model()
    assert model.data(model.index(ROW_10_00, AVA)) == "José Núñez: No-show"
    assert model.block_at(ROW_10_00, AVA) is None


def test_reschedule_from_the_panel_opens_the_move_dialog_as_the_clients_late_move(qtbot, window):
    panel = _late_panel(qtbot, window)
    find(panel, "Reason", QLineEdit).setText("Stuck in traffic, asked for this afternoon")
    qtbot.mouseClick(find(panel, "Reschedule", QPushButton), Qt.MouseButton.LeftButton)
    move = find(window, "Move appointment", QDialog)
    assert move.isVisible()
    assert find(move, "Reason", QLineEdit).text() == "Stuck in traffic, asked for this afternoon"
    assert find(move, "Late move", QLabel).isVisible()
    assert not [w for w in move.findChildren(QWidget) if w.accessibleName() == "Clinic asked"]
    assert find(move, "Recorded as", QLabel).text() == "Late-cancelled"
    # Not the 10:00 that has passed: Ava's next free time, and the ones after it a click away.
    time_field = find(move, "New time", QComboBox)
    assert time_field.currentText() == "10:15 AM"
    offered = [
        button.accessibleName()
        for button in move.findChildren(QPushButton)
        if button.accessibleName().startswith("Next free")
    ]
    assert offered[:3] == ["Next free 10:15 AM", "Next free 10:30 AM", "Next free 10:45 AM"]
    qtbot.mouseClick(find(move, "Next free 10:45 AM", QPushButton), Qt.MouseButton.LeftButton)
    assert time_field.currentText() == "10:45 AM"


def test_the_strike_that_makes_the_client_prepay_is_said_before_the_no_show(
    qtbot, window, db, clinic
):
    for day in (DAY - timedelta(weeks=2), DAY - timedelta(weeks=1)):
        book(
            db,
            client=clinic.clients["José Núñez"],
            provider=clinic.staff["Ava Thompson"],
            service=clinic.services["Neurotoxin"],
            day=day,
            starts=time(9),
            minutes=45,
            status=AppointmentStatus.NO_SHOW,
        )
    panel = _late_panel(qtbot, window)
    third = "Counts as a strike: José Núñez's 3rd; from now on, booking needs prepayment in full."
    assert find(panel, "No-show cost", QLabel).text().endswith(f" · {third}")
    assert f" · {third} A manager may waive" in find(panel, "Reschedule cost", QLabel).text()


def test_the_booking_menu_offers_the_actions_with_their_keys(window, clinic):
    grid = _select(window, ROW_10_00, AVA)
    menu = window._calendar.actions.menu_for(grid.currentIndex())
    entries = {
        action.text(): action.shortcut().toString()
        for action in menu.actions()
        if not action.isSeparator()
    }
    assert entries == {
        "Check in": "Ctrl+I",
        "Reschedule…": "Ctrl+R",
        "Cancel…": "Del",
        "No-show…": "Ctrl+Shift+N",
        "Take deposit…": "Ctrl+Shift+P",
        "Check out": "Ctrl+K",
        "Fees to charge…": "Ctrl+Shift+C",
    }
    enabled = {
        action.text()
        for action in menu.actions()
        if action.isEnabled() and not action.isSeparator()
    }
    # Not yet arrived: no checkout.
    assert enabled == {
        "Check in",
        "Reschedule…",
        "Cancel…",
        "No-show…",
        "Take deposit…",
        "Fees to charge…",
    }
    checked_in = window._calendar.actions.menu_for(grid.model().index(4, MIA))  # Sarah, checked in
    in_clinic = {
        action.text()
        for action in checked_in.actions()
        if action.isEnabled() and not action.isSeparator()
    }
    assert in_clinic == {"Check out", "Fees to charge…"}
    assert window._calendar.actions.check_in.toolTip() == "Check in (Ctrl+I)"


def test_check_in_with_nothing_selected_says_what_to_do(qtbot, window):
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(0, MIA))  # a free slot
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Select a booking on the calendar first."


def test_a_booking_already_checked_in_cannot_be_moved_and_the_desk_is_told(qtbot, window):
    grid = _select(window, 4, MIA)  # Sarah, checked in at 9:00
    qtbot.keyClick(grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert not [w for w in window.findChildren(QDialog) if w.accessibleName() == "Move appointment"]
    assert window.statusBar().currentMessage().startswith("Sarah O'Brien is already checked in.")


def test_the_big_check_in_button_names_the_client_selected_and_enter_does_the_same(
    qtbot, window, db, clinic, clock
):
    button = named(window, "Check in selected", QPushButton)
    sarah_checked_in = _select(window, 4, MIA)
    assert not button.isEnabled() and button.text() == "Check in"  # Sarah is here already
    qtbot.keyClick(sarah_checked_in, Qt.Key.Key_Return)  # her menu, not a check-in
    assert find(window, "Booking actions", QMenu).isVisible()
    find(window, "Booking actions", QMenu).close()

    emily = _book_emilys_10_15(db, clinic)
    window._calendar.refresh()
    grid = _select(window, ROW_10_15, MIA)
    assert button.isEnabled() and button.text() == "Check in Emily N."
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _status(db, emily) == AppointmentStatus.CHECKED_IN
    assert not button.isEnabled()

    _select(window, ROW_10_00, AVA)  # José, 12 minutes late: Enter asks what to do
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert find(window, "Late arrival", QDialog).isVisible()
    find(window, "Late arrival", QDialog).close()

    qtbot.keyClick(
        grid, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not button.isVisible()  # the week view has no check-in of its own
    week = find(window, "Week calendar")
    qtbot.keyClick(
        week, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert button.isVisible()


def test_a_double_click_on_a_booking_opens_its_details_with_its_next_steps(qtbot, window, clinic):
    grid = find(window, "Day calendar")
    index = grid.model().index(ROW_10_00, AVA)
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(grid, index))
    details = find(window, "Appointment details", QDialog)
    said = {
        name: find(details, f"Details {name}", QLabel).text()
        for name in ("client", "contact", "service", "time", "status", "history")
    }
    assert said == {
        "client": "José Núñez",
        "contact": "(406) 555-1234 · jose.nunez@example.com",
        "service": "Neurotoxin with Ava Thompson",
        "time": "Wed Nov 25, 10:00–10:45 AM",
        "status": "Confirmed",
        "history": "No change since it was booked",
    }
    offered = [b.accessibleName() for b in details.findChildren(QPushButton) if b.isVisible()]
    assert offered == ["Details check in", "Details reschedule", "Details cancel", "Close details"]
    qtbot.mouseClick(find(details, "Details check in", QPushButton), Qt.MouseButton.LeftButton)
    assert not details.isVisible()
    assert find(window, "Late arrival", QDialog).isVisible()  # 12 minutes late: the desk decides
