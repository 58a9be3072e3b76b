"""Cancelling, marking a no-show and moving a booking: the fee preview before, the change after."""

from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
)
from sqlalchemy import select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.services.booking.booking_prepayment import PrepaymentTender
from medspa_desk.services.booking.new_booking import BookingRequest
from medspa_desk.services.booking.new_booking import book as book_with_service
from medspa_desk.storage.models import AccountCreditEntry, Appointment, ClientFee
from tests.ui.calendar_fixtures import (
    AVA,
    FRIDAY,
    MIA,
    ROW_9_00,
    ROW_11_00,
    ROW_14_00,
    THURSDAY,
    select_slot,
    show_day,
)
from tests.ui.conftest import ZONE, book, find, named
from tests.ui.gestures import drag


def _appointment(db, appointment_id: int) -> Appointment:
    with db.reading() as session:
        return session.get(Appointment, appointment_id)


def _cancel_dialog(
    qtbot, window, row: int = ROW_9_00, column: int = AVA, day: date = THURSDAY
) -> QDialog:
    grid = select_slot(window, day, row, column)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    dialog = find(window, "Cancel appointment", QDialog)
    assert dialog.isVisible()
    return dialog


def test_a_clients_cancellation_inside_24_hours_shows_the_fee_and_creates_it(
    qtbot, window, db, jose_tomorrow_at_9
):
    dialog = _cancel_dialog(qtbot, window)
    assert find(dialog, "Notice", QLabel).text() == "22 h 48 min before the appointment"
    assert find(dialog, "Recorded as", QLabel).text() == "Late-cancelled"
    assert (
        find(dialog, "Fee", QLabel).text()
        == "$75.00 late-cancellation fee: charged to Visa ending 4242"
    )
    assert find(dialog, "Strike", QLabel).text() == "Counts as a strike: José Núñez's 1st"
    assert "$75 late cancellation fee" in find(dialog, "Policy wording", QLabel).text()
    qtbot.mouseClick(find(dialog, "Cancel appointment", QPushButton), Qt.MouseButton.LeftButton)
    assert (
        find(dialog, "Cancellation problem", QLabel).text()
        == "Say why the appointment is cancelled."
    )
    assert dialog.isVisible()
    find(dialog, "Reason", QLineEdit).setText("Called: car trouble")
    assert find(dialog, "Card charge", QLabel).text() == (
        "Run the $75.00 charge to Visa ending 4242 at the card terminal and enter the approval code it prints."
    )
    code = find(dialog, "Terminal approval code", QLineEdit)
    qtbot.keyClicks(code, "12")  # a slip: no terminal prints a 2-character code
    qtbot.mouseClick(find(dialog, "Cancel appointment", QPushButton), Qt.MouseButton.LeftButton)
    assert find(dialog, "Cancellation problem", QLabel).text() == (
        "An approval code is 4 to 8 letters and digits, as the card terminal printed it."
    )
    assert _appointment(db, jose_tomorrow_at_9).status == AppointmentStatus.BOOKED
    qtbot.keyClicks(code, "a9z7")
    qtbot.mouseClick(find(dialog, "Cancel appointment", QPushButton), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _appointment(db, jose_tomorrow_at_9).status == AppointmentStatus.LATE_CANCELLED
    with db.reading() as session:
        fee = session.scalars(
            select(ClientFee).where(ClientFee.appointment_id == jose_tomorrow_at_9)
        ).one()
    assert (fee.amount_cents, fee.card_charge_cents, fee.card_approval_code) == (
        7500,
        7500,
        "12A9Z7",
    )
    assert window.statusBar().currentMessage() == (
        "Late-cancelled: $75.00 fee charged to Visa ending 4242, approval 12A9Z7."
    )


def test_the_clinics_cancellation_costs_the_client_nothing(qtbot, window, db, jose_tomorrow_at_9):
    dialog = _cancel_dialog(qtbot, window)
    find(dialog, "Clinic cancels", QRadioButton).click()
    assert find(dialog, "Fee", QLabel).text() == "No fee"
    assert find(dialog, "Strike", QLabel).text() == "No strike"
    find(dialog, "Reason", QLineEdit).setText("Provider ill")
    qtbot.keyClick(find(dialog, "Reason", QLineEdit), Qt.Key.Key_Return)  # Enter confirms
    assert _appointment(db, jose_tomorrow_at_9).status == AppointmentStatus.CANCELLED_BY_CLINIC


def test_a_prepayment_called_off_24_to_48_hours_ahead_is_staffs_choice_with_a_reason(
    qtbot, window, db, desk, clinic
):
    for day in (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)):
        book(
            db,
            client=clinic.clients["Sarah O'Brien"],
            provider=clinic.staff["Mia Carter"],
            service=clinic.services["HydraFacial"],
            day=day,
            starts=time(9),
            minutes=60,
            status=AppointmentStatus.NO_SHOW,
        )
    starts_at = datetime.combine(THURSDAY, time(16, 30), tzinfo=ZONE)  # 30 hours 18 minutes ahead
    request = BookingRequest(
        clinic.clients["Sarah O'Brien"],
        clinic.staff["Mia Carter"],
        clinic.services["HydraFacial"],
        starts_at,
    )
    prepaid = book_with_service(desk, request, prepayment=PrepaymentTender(19_900, "cash"))
    dialog = _cancel_dialog(qtbot, window, row=34, column=MIA)
    assert "does not say" in find(dialog, "Prepayment", QLabel).text()
    credit = find(dialog, "Credit", QRadioButton)
    assert credit.isVisible() and find(dialog, "Forfeit", QRadioButton).isVisible()
    wording = find(dialog, "Policy wording", QLabel).text()
    assert "credited for future services" in wording and "nonrefundable" in wording
    find(dialog, "Reason", QLineEdit).setText("Client called")
    qtbot.mouseClick(find(dialog, "Cancel appointment", QPushButton), Qt.MouseButton.LeftButton)
    assert "credit or forfeit" in find(dialog, "Cancellation problem", QLabel).text()
    credit.click()
    qtbot.mouseClick(find(dialog, "Cancel appointment", QPushButton), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _appointment(db, prepaid).status == AppointmentStatus.CANCELLED
    with db.reading() as session:
        credited = session.scalars(
            select(AccountCreditEntry.amount_cents).where(
                AccountCreditEntry.appointment_id == prepaid
            )
        ).all()
    assert credited == [19_900]


def test_a_no_show_is_confirmed_with_its_fee(qtbot, window, db, clinic):
    grid = select_slot(window, date(2026, 11, 25), 8, AVA)  # José, 12 minutes late
    qtbot.keyClick(
        grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = find(window, "Mark no-show", QDialog)
    assert not named(dialog, "Notice", QLabel).isVisible()  # a no-show gives no notice
    assert (
        find(dialog, "Fee", QLabel).text()
        == "$75.00 late-cancellation fee: owed on the account (no card on file)"
    )
    qtbot.mouseClick(find(dialog, "Mark no-show", QPushButton), Qt.MouseButton.LeftButton)
    assert (
        _appointment(db, clinic.appointments["José at 10:00"]).status == AppointmentStatus.NO_SHOW
    )


def test_reschedule_through_the_dialog_moves_the_booking_and_selects_it(
    qtbot, window, db, jose_friday_at_11
):
    grid = select_slot(window, FRIDAY, ROW_11_00, AVA)
    qtbot.keyClick(grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = find(window, "Move appointment", QDialog)
    assert find(dialog, "New time", QComboBox).currentText() == "11:00 AM"
    assert find(dialog, "Recorded as", QLabel).text() == "Rescheduled"
    assert find(dialog, "Fee", QLabel).text() == "No fee"
    find(dialog, "New time", QComboBox).setCurrentText("2:00 PM")
    qtbot.mouseClick(find(dialog, "Move appointment", QPushButton), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    old = _appointment(db, jose_friday_at_11)
    assert old.status == AppointmentStatus.RESCHEDULED
    new_cell = grid.model().index(ROW_14_00, AVA)
    assert "José Núñez" in grid.model().data(new_cell)
    assert grid.currentIndex() == new_cell
    assert grid.model().data(grid.model().index(ROW_11_00, AVA)) == "José Núñez: Rescheduled"
    assert window.statusBar().currentMessage() == "Moved to Fri Nov 27 at 2:00 PM."


def test_a_move_inside_24_hours_asked_by_the_client_shows_the_fee(
    qtbot, window, jose_tomorrow_at_9
):
    grid = select_slot(window, THURSDAY, ROW_9_00, AVA)
    qtbot.keyClick(grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = find(window, "Move appointment", QDialog)
    assert find(dialog, "Recorded as", QLabel).text() == "Late-cancelled"
    assert (
        find(dialog, "Fee", QLabel).text()
        == "$75.00 late-cancellation fee: charged to Visa ending 4242"
    )
    code = find(dialog, "Terminal approval code", QLineEdit)
    assert code.isVisible()  # the fee goes to the card: the terminal's code is asked for
    find(dialog, "Clinic asked", QRadioButton).click()
    assert find(dialog, "Recorded as", QLabel).text() == "Rescheduled"
    assert find(dialog, "Fee", QLabel).text() == "No fee"
    assert not code.isVisible()


def test_dropping_a_booking_on_a_slot_opens_the_move_dialog_prefilled(
    qtbot, window, db, jose_friday_at_11
):
    grid = show_day(window, FRIDAY)
    model = grid.model()
    drop = drag(qtbot, grid, model.index(ROW_11_00, AVA), model.index(ROW_14_00, MIA))
    assert drop.isAccepted()
    dialog = find(window, "Move appointment", QDialog)
    assert dialog.isVisible()
    assert find(dialog, "New provider", QComboBox).currentText() == "Mia Carter (Aesthetician)"
    assert find(dialog, "New time", QComboBox).currentText() == "2:00 PM"
    assert find(dialog, "New date", QDateEdit).date() == QDate(FRIDAY)
    assert (
        _appointment(db, jose_friday_at_11).status == AppointmentStatus.BOOKED
    )  # nothing moved yet


def test_a_booking_cannot_be_dropped_on_another(qtbot, window, clinic, db, jose_friday_at_11):
    book(
        db,
        client=clinic.clients["Sarah O'Brien"],
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=FRIDAY,
        starts=time(14),
        minutes=60,
    )
    grid = show_day(window, FRIDAY)
    model = grid.model()
    assert not drag(
        qtbot, grid, model.index(ROW_11_00, AVA), model.index(ROW_14_00, MIA)
    ).isAccepted()
    assert not [w for w in window.findChildren(QDialog) if w.accessibleName() == "Move appointment"]
