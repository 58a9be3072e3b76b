"""The confirmation worklist: a window beside the calendar (never modal: the calendar stays at
hand and shows each confirmation at once) listing a day's bookings with how to reach each client,
where each stands, and their attempts; the desk records each call, text or email, and after the
deadline may cancel the unconfirmed, with a confirmation first. The rules and the books are
services.booking.confirmations'.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.confirmations import (
    ATTEMPT_WORDS,
    ConfirmationOutcome,
    ConfirmationStanding,
)
from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.domain.time_wording import clock_time, day_and_time
from medspa_desk.services.booking.confirmations import (
    ConfirmationList,
    ToConfirm,
    cancel_unconfirmed,
    confirmation_list,
    day_to_confirm,
    record_attempt,
)
from medspa_desk.ui.date_fields import DateField
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field
from medspa_desk.ui.side_windows import fill_rows, fit_beside, row_table

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

COLUMNS = ("Time", "Client", "Service", "Prefers", "Phone", "Email", "Standing", "Last attempt")
_MAY_BE_CANCELLED = QColor("#b3261e")
_CHANNELS = (ConsentChannel.PHONE, ConsentChannel.SMS, ConsentChannel.EMAIL)
# The outcome buttons, with the key each is pressed with while the list has focus.
_OUTCOME_KEYS = {
    ConfirmationOutcome.CONFIRMED: "Ctrl+Return",
    ConfirmationOutcome.LEFT_MESSAGE: "Ctrl+M",
    ConfirmationOutcome.NO_ANSWER: "",
    ConfirmationOutcome.WANTS_RESCHEDULE: "",
    ConfirmationOutcome.WANTS_CANCEL: "",
}


class ConfirmationWindow(QWidget):
    # A booking to see on the calendar: its id and day.
    show_on_calendar = Signal(int, object)

    def __init__(
        self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._desk = desk
        self._desk_actions = desk_actions
        self._listed: ConfirmationList | None = None
        self.setWindowTitle("Confirmations")
        self.setAccessibleName("Confirmations")

        self._previous = named_button("‹", "Previous day", "The day before (Alt+Left)")
        self._previous.setShortcut(QKeySequence("Alt+Left"))
        self._previous.clicked.connect(lambda: self._step(-1))
        self._date = DateField()
        self._date.setAccessibleName("Day to confirm")
        self._date.setCalendarPopup(True)
        self._date.setDisplayFormat("ddd MMM d, yyyy")
        self._date.setKeyboardTracking(False)
        self._date.dateChanged.connect(lambda _picked: self.read_again())
        self._next = named_button("›", "Next day", "The day after (Alt+Right)")
        self._next.setShortcut(QKeySequence("Alt+Right"))
        self._next.clicked.connect(lambda: self._step(1))
        self._deadline = QLabel()
        self._deadline.setAccessibleName("Confirmation deadline")
        self._deadline.setWordWrap(True)

        # The long ones at widths of their own, cut with "…" (whole in their tooltips), so the
        # last attempt stays in sight in a 1000-pixel window.
        self.table = row_table(
            "Bookings to confirm", COLUMNS, set_widths={"Service": 200, "Email": 170}
        )
        self.table.itemSelectionChanged.connect(self._show_choices)
        self.table.doubleClicked.connect(lambda _index: self._show_on_calendar())

        self._channel = named_combo("Reached by")
        for channel in _CHANNELS:
            self._channel.addItem(ATTEMPT_WORDS[channel], channel)
        self._note = named_field("Attempt note", "Note (optional)")
        self._outcomes: dict[ConfirmationOutcome, QWidget] = {}
        outcomes = QHBoxLayout()
        outcomes.addWidget(QLabel("Reached by"))
        outcomes.addWidget(self._channel)
        for outcome, keys in _OUTCOME_KEYS.items():
            button = named_button(
                outcome.label, outcome.label, f"Record: {outcome.label.lower()}"
                + (f" ({keys})" if keys else "")
            )  # fmt: skip
            if keys:
                button.setShortcut(QKeySequence(keys))
            button.clicked.connect(lambda _checked=False, outcome=outcome: self._record(outcome))
            outcomes.addWidget(button)
            self._outcomes[outcome] = button
        outcomes.addStretch(1)

        self._to_calendar = named_button(
            "Show on calendar", "Show on calendar", "The booking on the calendar (double-click)"
        )
        self._to_calendar.clicked.connect(self._show_on_calendar)
        self._cancel_selected = named_button(
            "Cancel selected…",
            "Cancel selected unconfirmed",
            "Cancel the selected bookings not confirmed by their deadline, as the clinic",
        )
        self._cancel_selected.clicked.connect(lambda: self._ask_to_cancel(self._selected()))
        self._cancel_all = named_button(
            "Cancel all unconfirmed…",
            "Cancel all unconfirmed",
            "Cancel every booking of the day not confirmed by its deadline, as the clinic",
        )
        self._cancel_all.clicked.connect(
            lambda: self._ask_to_cancel(self._standing(ConfirmationStanding.MAY_BE_CANCELLED))
        )
        self.message = MessageLine("Confirmations message")

        day_row = QHBoxLayout()
        for widget in (self._previous, self._date, self._next):
            day_row.addWidget(widget)
        day_row.addSpacing(12)
        day_row.addWidget(self._deadline, 1)
        below = QHBoxLayout()
        below.addWidget(self._note, 1)
        below.addWidget(self._to_calendar)
        below.addStretch(1)
        below.addWidget(self._cancel_selected)
        below.addWidget(self._cancel_all)
        layout = QVBoxLayout(self)
        layout.addLayout(day_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(outcomes)
        layout.addLayout(below)
        layout.addWidget(self.message)
        fit_beside(self, 1120, 560)

        desk_actions.books_changed.connect(self._books_changed)
        self.show_day(day_to_confirm(desk))

    # -- what is shown -----------------------------------------------------------------------

    def show_day(self, day: date) -> None:
        if self._date.date().toPython() == day and self._listed is not None:
            self.read_again()
        else:
            self._date.setDate(QDate(day))  # reads it (dateChanged)

    def read_again(self) -> None:
        chosen = set(self._selected_ids())
        listed = confirmation_list(self._desk, self._date.date().toPython())
        self._listed = listed
        zone = self._desk.settings.zone
        made = fill_rows(self.table, [_cells(booking, zone) for booking in listed.bookings])
        for booking, cells in zip(listed.bookings, made, strict=True):
            for cell in cells:
                cell.setData(Qt.ItemDataRole.UserRole, booking.appointment_id)
            standing = cells[COLUMNS.index("Standing")]
            standing.setToolTip(_standing_tip(booking.standing))
            _mark_standing(standing, booking.standing)
        for row, booking in enumerate(listed.bookings):
            if booking.appointment_id in chosen:
                self.table.selectRow(row)
        waiting = len(listed.standing(ConfirmationStanding.TO_CONFIRM))
        late = len(listed.standing(ConfirmationStanding.MAY_BE_CANCELLED))
        self._deadline.setText(_deadline_text(listed, waiting, late, zone))
        self._cancel_all.setEnabled(late > 0)
        self._show_choices()

    def _books_changed(self, changed: BooksChanged) -> None:
        """Read again after a change to a booking listed, one on the day, a client or the set-up."""
        if not self.isVisible() or self._listed is None:
            return
        shown = {booking.appointment_id for booking in self._listed.bookings}
        if (
            changed.appointment_ids & shown
            or self._listed.day in changed.appointment_days
            or changed.client_ids
            or changed.clinic_set_up
        ):
            self.read_again()

    def showEvent(self, event) -> None:  # what changed while it was hidden
        super().showEvent(event)
        if self._listed is not None:
            self.read_again()

    def _step(self, days: int) -> None:
        self._date.setDate(self._date.date().addDays(days))

    # -- acting ------------------------------------------------------------------------------

    def _record(self, outcome: ConfirmationOutcome) -> None:
        chosen = self._selected()
        if len(chosen) != 1:
            self.message.refuse("Choose one booking: the attempt is recorded for it.")
            return
        booking = chosen[0]
        channel = ConsentChannel(self._channel.currentData())  # Qt hands a StrEnum back as str
        note = self._note.text()
        self._desk_actions.run(
            lambda: record_attempt(self._desk, booking.appointment_id, channel, outcome, note),
            BooksChanged.of(
                appointments=[booking.appointment_id],
                days=[booking.starts_at.astimezone(self._desk.settings.zone).date()],
            ),
            lambda result: self._done(result.message),
            refuse_here=self.message.refuse,
        )

    def _ask_to_cancel(self, bookings: list[ToConfirm]) -> None:
        due = [b for b in bookings if b.standing is ConfirmationStanding.MAY_BE_CANCELLED]
        if not due:
            self.message.refuse(
                "None of these may be cancelled: only a booking not confirmed by the end of "
                "business on the day before."
            )
            return
        names = "\n".join(
            f"• {clock_time(b.starts_at, self._desk.settings.zone)} {b.client_name}, "
            f"{b.service_name}"
            for b in due
        )
        count = len(due)
        box = QMessageBox(QMessageBox.Icon.Question, "Cancel unconfirmed bookings", "", parent=self)
        box.setAccessibleName("Confirm cancelling unconfirmed bookings")
        box.setText(
            f"Cancel {count} booking{'' if count == 1 else 's'} not confirmed in time, as the "
            f"clinic's cancellation? No fee, no strike; any prepayment goes to account credit.\n\n"
            f"{names}"
        )
        cancel = box.addButton(
            f"Cancel {count} booking{'' if count == 1 else 's'}", QMessageBox.ButtonRole.AcceptRole
        )
        cancel.setAccessibleName("Cancel the bookings")
        keep = box.addButton("Keep them", QMessageBox.ButtonRole.RejectRole)
        keep.setAccessibleName("Keep the bookings")
        box.setDefaultButton(keep)
        cancel.clicked.connect(lambda: self._cancel([b.appointment_id for b in due]))
        box.finished.connect(box.deleteLater)
        box.open()

    def _cancel(self, appointment_ids: list[int]) -> None:
        day = self._listed.day if self._listed is not None else None
        self._desk_actions.run(
            lambda: cancel_unconfirmed(self._desk, appointment_ids),
            BooksChanged.of(appointments=appointment_ids, days=[day]),
            lambda results: self._done(results[0].message),
            refuse_here=self.message.refuse,
        )

    def _done(self, sentence: str) -> None:
        self._note.clear()
        self.message.note(sentence)

    def _show_on_calendar(self) -> None:
        chosen = self._selected()
        if chosen:
            booking = chosen[0]
            day = booking.starts_at.astimezone(self._desk.settings.zone).date()
            self.show_on_calendar.emit(booking.appointment_id, day)

    # -- the selection -----------------------------------------------------------------------

    def _selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in rows]

    def _selected(self) -> list[ToConfirm]:
        if self._listed is None:
            return []
        ids = set(self._selected_ids())
        return [b for b in self._listed.bookings if b.appointment_id in ids]

    def _standing(self, standing: ConfirmationStanding) -> list[ToConfirm]:
        return self._listed.standing(standing) if self._listed is not None else []

    def _show_choices(self) -> None:
        chosen = self._selected()
        for button in self._outcomes.values():
            button.setEnabled(len(chosen) == 1)
        self._to_calendar.setEnabled(bool(chosen))
        self._cancel_selected.setEnabled(
            any(b.standing is ConfirmationStanding.MAY_BE_CANCELLED for b in chosen)
        )
        if len(chosen) == 1 and chosen[0].preferred in _CHANNELS:
            self._channel.setCurrentIndex(_CHANNELS.index(chosen[0].preferred))
        elif len(chosen) == 1 and not chosen[0].email:
            self._channel.setCurrentIndex(_CHANNELS.index(ConsentChannel.PHONE))


def _cells(booking: ToConfirm, zone: ZoneInfo) -> tuple[str, ...]:
    last = booking.last_attempt
    return (
        clock_time(booking.starts_at, zone),
        booking.client_name,
        f"{booking.service_name} · {booking.provider_name}",
        ATTEMPT_WORDS[booking.preferred] if booking.preferred is not None else "",
        booking.phone or "No phone",
        booking.email or "No email",
        booking.standing.label,
        last.text(zone) if last is not None else "Not tried yet",
    )


def _mark_standing(item: QTableWidgetItem, standing: ConfirmationStanding) -> None:
    """What needs the desk stands out: bold to confirm, bold red when it may be cancelled."""
    if standing is ConfirmationStanding.CONFIRMED:
        return
    font = item.font()
    font.setBold(True)
    item.setFont(font)
    if standing is ConfirmationStanding.MAY_BE_CANCELLED:
        item.setForeground(_MAY_BE_CANCELLED)


def _standing_tip(standing: ConfirmationStanding) -> str:
    if standing is ConfirmationStanding.MAY_BE_CANCELLED:
        return (
            "No answer by the end of business on the day before: the clinic may cancel it "
            "(no fee, no strike)."
        )
    if standing is ConfirmationStanding.TO_CONFIRM:
        return "Not confirmed yet; the client has until the end of business on the day before."
    return "Confirmed."


def _deadline_text(listed: ConfirmationList, waiting: int, late: int, zone: ZoneInfo) -> str:
    deadline = day_and_time(listed.deadline, zone)
    if not listed.bookings:
        return f"No bookings to confirm. Replies are due by {deadline}."
    parts = [f"{waiting} to confirm"] if waiting else []
    if late:
        parts.append(f"{late} not confirmed in time: the clinic may cancel them")
    said = "; ".join(parts) if parts else "All confirmed"
    return f"{said}. Replies are due by {deadline}."
