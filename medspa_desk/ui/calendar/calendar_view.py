"""The calendar view: a day of every provider, or a week of one; the desk books and changes here.

The view reads the schedule (one service call per day or week), lays it out on the grid, keeps
today's late flags current, and hands the desk's gestures to the booking actions. It holds no
rules: what an action means is the services' business, what "late" means the domain's.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.services.booking.day_schedule import BookedSlot, ProviderColumn, day_schedule
from medspa_desk.services.booking.week_schedule import provider_week
from medspa_desk.ui.calendar.actions import AppointmentActions
from medspa_desk.ui.calendar.calendar_grid import CalendarGrid
from medspa_desk.ui.calendar.cell_content import STATUS_ROLE
from medspa_desk.ui.calendar.grid_model import CalendarGridModel
from medspa_desk.ui.calendar.labels import long_date, short_name, week_range
from medspa_desk.ui.calendar.lanes import day_lanes, provider_lanes
from medspa_desk.ui.calendar.late_flags import LateArrivals
from medspa_desk.ui.calendar.time_off_menu import TimeOffMenu
from medspa_desk.ui.date_fields import DateField
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button, named_combo

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.calendar.confirmation_window import ConfirmationWindow
    from medspa_desk.ui.calendar.waiting_list_window import WaitingListWindow

# Today opens an hour before now: the bookings under way stay in sight above the time line.
ROWS_SHOWN_BEFORE_NOW = 4


class CalendarView(QWidget):
    status_message = Signal(str)  # one sentence for the status bar: what an action did
    late_count_changed = Signal(object)  # the ArrivalFlags now shown

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self.desk_actions = desk_actions or DeskActions(self)
        self._day: date | None = None  # the day shown, or the chosen day of the week shown
        # What the grid shows, to tell whether a change made elsewhere concerns it.
        self._shown_days: tuple[date, date] | None = None
        self._shown_appointments: frozenset[int] = frozenset()
        self._shown_clients: frozenset[int] = frozenset()
        # The booking a change made from the calendar is about, selected by the read its notice
        # makes (DeskActions.run tells the acting view first, then every view).
        self._to_select: tuple[int | None, date | None] | None = None
        self._reading = False  # the late flags change as a read of today watches its bookings
        self._model = CalendarGridModel(desk.settings, self)
        self.late_arrivals = LateArrivals(desk, self)
        self.late_arrivals.changed.connect(self._show_late)

        # Previous and Next name the day or the week, as the view shows (_show_mode_texts).
        self._previous = self._nav_button(
            "Previous day", "‹ Previous day", "Alt+Left", lambda: self._step(-1)
        )
        self._today = self._nav_button("Today", "Today", "Ctrl+T", self.show_today)
        self._next = self._nav_button("Next day", "Next day ›", "Alt+Right", lambda: self._step(1))
        self._day_mode = self._nav_button(
            "Day view", "Day", "Ctrl+Shift+D", lambda: self.show_week(False)
        )
        self._week_mode = self._nav_button(
            "Week view", "Week", "Ctrl+Shift+W", lambda: self.show_week(True)
        )
        modes = QActionGroup(self)
        for button in (self._day_mode, self._week_mode):
            button.defaultAction().setCheckable(True)
            modes.addAction(button.defaultAction())
        self._day_mode.defaultAction().setChecked(True)

        self._provider = named_combo("Provider")
        self._provider.setToolTip("Whose week to show")
        self._provider.setMinimumContentsLength(14)
        self._provider.setEnabled(False)
        self._provider.currentIndexChanged.connect(self._provider_chosen)

        self._date_edit = DateField()
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
        self._not_in_grid = QLabel()
        self._not_in_grid.setObjectName("day_note")
        self._not_in_grid.setAccessibleName("Bookings not in grid")
        self._empty = QLabel()
        self._empty.setObjectName("day_empty")
        self._empty.setAccessibleName("No appointments")

        self._grid = CalendarGrid(self._model)
        self._grid.horizontalHeader().sectionDoubleClicked.connect(self._show_week_of_lane)
        # Columns that do not fit the window are named, so no provider hides behind the scroll
        # bar unannounced.
        self._off_screen = QLabel()
        self._off_screen.setObjectName("day_note")
        self._off_screen.setAccessibleName("Columns out of sight")
        scroll = self._grid.horizontalScrollBar()
        scroll.rangeChanged.connect(lambda *_range: self._name_columns_out_of_sight())
        scroll.valueChanged.connect(lambda _value: self._name_columns_out_of_sight())
        self._model.modelReset.connect(self._name_columns_out_of_sight)
        self.actions = AppointmentActions(desk, self._grid, self, self.desk_actions)
        self.actions.changed.connect(self._after_change)
        self.actions.said.connect(self.desk_actions.refuse)
        self.time_off = TimeOffMenu(desk, self._grid, self, self.desk_actions)
        self.time_off.said.connect(self.status_message)
        self.desk_actions.books_changed.connect(self._books_changed)
        book = QToolButton()
        book.setObjectName("day_button")
        book.setAccessibleName("Book")
        book.setDefaultAction(self.actions.book)
        # The desk's commonest act, big and named for the client selected, when one is awaited.
        self._check_in = named_button(
            "Check in", "Check in selected", "Check in the client selected (Enter, Ctrl+I)"
        )
        self._check_in.setObjectName("check_in_button")
        self._check_in.setDefault(True)  # filled with the accent, as a dialog's default button
        self._check_in.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter on the grid does it too
        self._check_in.clicked.connect(self.actions.check_in_selected)
        self._confirmations = self._nav_button(
            "Confirmations", "Confirmations…", "Ctrl+Shift+O", self.show_confirmations
        )
        self._confirmations.defaultAction().setToolTip(
            "The next day's bookings to confirm, and those not confirmed in time (Ctrl+Shift+O)"
        )
        self._waiting = self._nav_button(
            "Waiting list", "Waiting list…", "Ctrl+Shift+G", self.show_waiting_list
        )
        self._waiting.defaultAction().setToolTip(
            "Clients waiting for an earlier slot; offered the time a call-off frees (Ctrl+Shift+G)"
        )
        self.desk_actions.books_changed.connect(self._offer_freed_time)
        self._grid.selectionModel().currentChanged.connect(lambda *_indexes: self._show_check_in())
        self._model.modelReset.connect(self._show_check_in)
        self._model.dataChanged.connect(lambda *_changed: self._show_check_in())

        top = QHBoxLayout()
        for widget in (self._previous, self._today, self._next):
            top.addWidget(widget)
        top.addSpacing(12)
        for widget in (self._day_mode, self._week_mode, self._provider):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(book)
        top.addWidget(self._date_edit)
        heading = QHBoxLayout()
        heading.addWidget(self._heading)
        heading.addSpacing(12)
        heading.addWidget(self._not_in_grid)
        heading.addStretch(1)
        heading.addWidget(self._off_screen)
        heading.addWidget(self._confirmations)
        heading.addWidget(self._waiting)
        heading.addWidget(self._check_in)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(heading)
        layout.addWidget(self._empty)
        layout.addWidget(self._grid, 1)
        self.setFocusProxy(self._grid)

        self._show_mode_texts()
        self.show_today()

    # -- what is shown ---------------------------------------------------------------------

    def show_day(self, day: date) -> None:
        """Show `day` (in week view, the week it falls in) with one service call."""
        self._day = day
        self._read()
        self._scroll_to_start()
        # Place the buttons and headings for their new texts now, not on the layout request
        # that follows the window's next repaint: that would paint them twice, once misplaced.
        self.layout().activate()

    def show_today(self) -> None:
        self.show_day(self._clinic_today())

    def show_week(self, week: bool, provider_id: int | None = None) -> None:
        """Switch between the day of every provider and the week of `provider_id`, or else of
        the provider chosen."""
        # From the day view, the week is of the provider whose column is selected. The buttons
        # cannot say where it came from: a click on Week has ticked it before this runs.
        from_the_day = week and not self._provider.isEnabled()  # enabled for a week only
        self._day_mode.defaultAction().setChecked(not week)
        self._week_mode.defaultAction().setChecked(week)
        lane = self._grid.currentIndex().column()
        if provider_id is not None:
            self._choose_provider(provider_id)
        elif from_the_day and 0 <= lane < len(self._model.lanes):
            self._choose_provider(self._model.lanes[lane].provider.provider_id)
        self._provider.setEnabled(week)
        self._show_mode_texts()
        self.show_day(self._day)

    def show_week_of(self, provider_id: int) -> None:
        self.show_week(True, provider_id)

    def show_time(self) -> None:
        """Move the current-time marker and bring the late flags up to the minute; the window's
        clock tick calls this."""
        self._model.show_time(self._desk.clock.now())  # the grid repaints the rows it moved on
        self.late_arrivals.recheck()

    def refresh(self, select_appointment: int | None = None) -> None:
        """Read what is shown again, after a change; select the booking the change was about."""
        current = self._grid.currentIndex()
        self._read(in_place=True)
        if not self._today_in_day_view():
            self.late_arrivals.reload()  # what was read is not the whole of today
        cell = (
            self._model.cell_of(select_appointment)
            if select_appointment is not None
            else QModelIndex()
        )
        if not cell.isValid() and current.isValid():
            cell = self._model.index(current.row(), current.column())
        if cell.isValid():
            self._grid.setCurrentIndex(cell)
            self._grid.scrollTo(cell, QAbstractItemView.ScrollHint.EnsureVisible)

    def show_confirmations(self) -> ConfirmationWindow:
        """The confirmation worklist, beside the calendar (not modal), one at a time."""
        from medspa_desk.ui.calendar.confirmation_window import ConfirmationWindow

        window = self.findChild(ConfirmationWindow)
        if window is None:
            window = ConfirmationWindow(self._desk, self.desk_actions, self)
            window.show_on_calendar.connect(self._show_from_worklist)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_waiting_list(self) -> WaitingListWindow:
        """The waiting list, beside the calendar (not modal), one at a time."""
        from medspa_desk.ui.calendar.waiting_list_window import WaitingListWindow

        window = self.findChild(WaitingListWindow)
        if window is None:
            window = WaitingListWindow(self._desk, self.desk_actions, self)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _offer_freed_time(self, changed: BooksChanged) -> None:
        """A booking called off frees its time: who on the waiting list it suits is offered at
        once, in the waiting list's window."""
        if not changed.appointment_ids:
            return
        from medspa_desk.services.booking.waiting_list import freed_slots, offers_for

        freed = freed_slots(self._desk, changed.appointment_ids)
        offers = offers_for(self._desk, freed) if freed else []
        if offers:
            self.show_waiting_list().offer(freed, offers)
            count = len(offers)
            self.status_message.emit(
                f"{count} on the waiting list fit{'s' if count == 1 else ''} the time freed: "
                "see the waiting list."
            )

    def _show_from_worklist(self, appointment_id: int, day: date) -> None:
        self.show_appointment(appointment_id, day)
        self.window().raise_()
        self.window().activateWindow()

    def show_appointment(self, appointment_id: int, day: date) -> None:
        """Bring a booking on `day` into sight and select it (after booking or moving it)."""
        self._day = day
        self.refresh(select_appointment=appointment_id)

    def _read(self, *, in_place: bool = False) -> None:
        """Read and show the day or week; `in_place`, a re-read of what is shown, repaints only
        what changed in it."""
        now = self._desk.clock.now()
        if self._week_shown() and self._provider.currentData() is not None:
            week = provider_week(
                self._desk.db, self._provider.currentData(), self._day, self._desk.settings
            )
            lanes = day_lanes(week.provider, week.days, week.unbookable)
            appointments, off_calendar = week.appointments, []
            self._shown_days = (week.days[0], week.days[-1])
            self._heading.setText(
                f"{week.provider.name} · {week_range(week.days[0], week.days[-1])}"
            )
        else:
            schedule = day_schedule(self._desk.db, self._day, self._desk.settings)
            self._show_providers(schedule.providers)
            lanes = provider_lanes(schedule.day, schedule.providers, schedule.unbookable)
            appointments = schedule.appointments
            on_calendar = {provider.provider_id for provider in schedule.providers}
            off_calendar = [
                a
                for a in appointments
                if a.status.occupies_slot and a.provider_id not in on_calendar
            ]
            self._heading.setText(long_date(schedule.day))
            self._shown_days = (schedule.day, schedule.day)
            if schedule.day == self._clinic_today():
                # Today's bookings, just read: the late flags need no read of their own.
                self._reading = True
                try:
                    self.late_arrivals.watch(schedule.day, schedule.appointments)
                finally:
                    self._reading = False
        self._shown_appointments = frozenset(a.appointment_id for a in appointments)
        self._shown_clients = frozenset(a.client_id for a in appointments)
        self._model.show_lanes(
            lanes, appointments, now, self.late_arrivals.flags, in_place=in_place
        )
        self._grid.lay_out_blocks()
        self._show_notes(appointments, off_calendar)
        if self._date_edit.date().toPython() != self._day:
            self._date_edit.blockSignals(True)  # the day is already being shown
            self._date_edit.setDate(QDate(self._day))
            self._date_edit.blockSignals(False)

    def _show_notes(self, appointments: list[BookedSlot], off_calendar: list[BookedSlot]) -> None:
        set_aside = [a for a in appointments if not a.status.occupies_slot]
        # A booking whose provider is not on the calendar (say, since deactivated) must not vanish.
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
        self._empty.setVisible(not any(a.status.occupies_slot for a in appointments))

    def _show_late(self) -> None:
        if not self._reading:  # a read under way shows the new flags with its bookings
            self._model.show_late(self.late_arrivals.flags)
        self.late_count_changed.emit(self.late_arrivals.flags)

    def _show_providers(self, providers: list[ProviderColumn]) -> None:
        """Keep the week view's provider list in step with the day's columns (no read of its own)."""
        listed = [self._provider.itemData(i) for i in range(self._provider.count())]
        if listed == [provider.provider_id for provider in providers]:
            return
        chosen = self._provider.currentData()
        self._provider.blockSignals(True)
        self._provider.clear()
        for provider in providers:
            self._provider.addItem(provider.name, provider.provider_id)
        self._provider.blockSignals(False)
        self._choose_provider(chosen)

    def _choose_provider(self, provider_id: int | None) -> None:
        index = self._provider.findData(provider_id)
        self._provider.blockSignals(True)
        self._provider.setCurrentIndex(max(index, 0) if self._provider.count() else -1)
        self._provider.blockSignals(False)

    def _provider_chosen(self, _index: int) -> None:
        if self._week_shown():
            self._read()

    def _show_week_of_lane(self, lane: int) -> None:
        if not self._week_shown():
            self.show_week_of(self._model.lanes[lane].provider.provider_id)

    def _show_check_in(self) -> None:
        index = self._grid.currentIndex()
        status = self._model.data(index, STATUS_ROLE) if index.isValid() else None
        awaited = status is not None and status.awaiting_arrival and not self._week_shown()
        # The card's details begin with the client's name (its own text may be cut short).
        details = self._model.data(index, Qt.ItemDataRole.ToolTipRole) if awaited else None
        name = (details or "").split("\n")[0]
        # The short name ("Aoife Z."): a long one must not widen the window.
        self._check_in.setText(f"Check in {short_name(name)}" if awaited else "Check in")
        self._check_in.setEnabled(awaited)
        self._check_in.setVisible(not self._week_shown())  # check-in is today's, in the day view

    def _name_columns_out_of_sight(self) -> None:
        header = self._grid.horizontalHeader()
        width = self._grid.viewport().width()
        left, right = [], []
        for section in range(self._model.columnCount()):
            starts = header.sectionViewportPosition(section)
            if starts < 0:
                left.append(section)
            elif starts + header.sectionSize(section) > width:
                right.append(section)

        def name(section: int) -> str:
            heading = self._model.headerData(section, Qt.Orientation.Horizontal) or ""
            return str(heading).split("\n")[0]

        said = []
        if left:
            said.append("‹ " + ", ".join(name(s) for s in left))
        if right:
            said.append(", ".join(name(s) for s in right) + " ›")
        self._off_screen.setText(("Scroll for " + " · ".join(said)) if said else "")
        self._off_screen.setVisible(bool(said))

    def _show_mode_texts(self) -> None:
        unit = "week" if self._week_shown() else "day"
        for button, name, text in (
            (self._previous, f"Previous {unit}", f"‹ Previous {unit}"),
            (self._next, f"Next {unit}", f"Next {unit} ›"),
        ):
            action = button.defaultAction()
            action.setText(text)
            action.setToolTip(f"{name} ({_keys(action)})")
            button.setAccessibleName(name)
        self._grid.setAccessibleName(f"{unit.title()} calendar")
        self._grid.horizontalHeader().setAccessibleName(
            "Days" if self._week_shown() else "Providers"
        )
        self._heading.setAccessibleName(f"{unit.title()} shown")
        self._empty.setText(
            f"No appointments {'this week' if self._week_shown() else 'on this day'}"
        )

    def _after_change(self, appointment_id: int | None, day: date | None, message: str) -> None:
        """A change made from the calendar, whose books_changed notice follows at once: the read
        that notice makes selects what the change was about (on its day, if it has one)."""
        self._to_select = (appointment_id, day)
        if message:
            self.status_message.emit(message)

    def _books_changed(self, changed: BooksChanged) -> None:
        """A change made anywhere at the desk: read again if it touches what the grid shows, or
        if it was made here (then go to the booking it was about).

        Read at once even while another view is shown: one service call, and the late count in the
        status bar comes from what the calendar read.
        """
        to_select, self._to_select = self._to_select, None
        if changed.clinic_settings:
            self._model.use_settings(self._desk.settings)
        if self._day is None:
            return
        if to_select is not None:
            appointment_id, day = to_select
            if appointment_id is not None and day is not None:
                self.show_appointment(appointment_id, day)
            else:
                self.refresh(appointment_id)
            return
        if self._concerned(changed):
            self.refresh()

    def _concerned(self, changed: BooksChanged) -> bool:
        if changed.clinic_set_up:  # a lane added, retired, moved or recoloured
            return True
        if (
            changed.clinic_settings  # the clinic's hours or rules, which the grid shows
            or changed.appointment_ids & self._shown_appointments
            or changed.client_ids & self._shown_clients
        ):
            return True
        if self._shown_days is not None and changed.touches_days(*self._shown_days):
            return True
        # A booking changed on a day not shown can still be today's, whose late flags count.
        return self._clinic_today() in changed.appointment_days

    def _step(self, direction: int) -> None:
        self.show_day(self._day + timedelta(days=direction * (7 if self._week_shown() else 1)))

    def _week_shown(self) -> bool:
        return self._week_mode.defaultAction().isChecked()

    def _today_in_day_view(self) -> bool:
        return not self._week_shown() and self._day == self._clinic_today()

    def _scroll_to_start(self) -> None:
        now = self._model.now
        row = max(now.row - ROWS_SHOWN_BEFORE_NOW, 0) if now is not None else 0
        if self._model.columnCount():
            self._grid.scrollTo(
                self._model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )

    def _clinic_today(self) -> date:
        return local_date(self._desk.clock.now(), self._desk.settings.zone)

    def _nav_button(self, name: str, text: str, shortcut: str, go) -> QToolButton:
        # An action, not a QPushButton shortcut: a button's shortcut animates a click and drops
        # the presses that come during it, and the desk flips through days quickly. The action
        # lives on the button, so its shortcut works only while the calendar is the view shown.
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{name} ({_keys(action)})")
        action.triggered.connect(go)
        button = QToolButton()
        button.setObjectName("day_button")
        button.setAccessibleName(name)
        button.setDefaultAction(action)
        return button


def _keys(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
