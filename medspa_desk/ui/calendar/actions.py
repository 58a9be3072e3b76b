"""What the desk can do to a booking on the calendar, from the menu or the keyboard.

Each action is a QAction with its shortcut (shown in its tooltip and the menu), active while the
calendar is the view shown. An action calls one service, or opens the dialog that does, always
through the window's DeskActions.run (a refusal shown once, every view told what changed); every
dialog is opened with open() or show(), never exec(). When something changed, `changed` says
which booking to select, on which day, and the sentence for the status bar; it comes just before
the books_changed notice.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from medspa_desk.domain.appointment_status import AppointmentStatus, check_out_refusal
from medspa_desk.domain.clinic_time import local_date, next_slot_start
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.calendar.calendar_grid import CalendarGrid
from medspa_desk.ui.calendar.cell_content import STATUS_ROLE
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions

# Each dialog, and the services that change a booking, are imported where they are first used,
# not here: the window loads at start only what it shows (a cold start on ten years of data was
# four times the floor of an empty window). Start-up's work after the first paint loads them
# (CHANGE_MODULES, ui.app.after_start_work), so the first Ctrl+I of the day costs no import either.
CHANGE_MODULES = (
    "medspa_desk.services.booking.check_in",
    "medspa_desk.services.booking.fee_waiver",
    "medspa_desk.ui.calendar.late_arrival_panel",
)

if TYPE_CHECKING:
    from medspa_desk.services.booking.booking_change import ChangeResult
    from medspa_desk.services.booking.check_in import LateArrival
    from medspa_desk.services.booking.fee_waiver import FeeOnFile
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.calendar.late_arrival_panel import LateArrivalPanel


class AppointmentActions(QObject):
    # The appointment id to select (or None), its day (or None), and a sentence for the status bar.
    changed = Signal(object, object, str)
    said = Signal(str)  # a sentence for the status bar when nothing changed (a refusal)
    checkout_requested = Signal(int)  # a visit to check out: the window hands it to Checkout
    deposit_requested = Signal(int, int)  # a booking's deposit (cents) for Checkout to ring up

    def __init__(
        self, desk: Desk, grid: CalendarGrid, view: QWidget, desk_actions: DeskActions
    ) -> None:
        super().__init__(view)
        self._desk = desk
        self._desk_actions = desk_actions
        self._grid = grid
        self._view = view
        self.book = self._action("Book…", "Book", "Ctrl+N", self.open_booking)
        self.check_in = self._action("Check in", "Check in", "Ctrl+I", self.check_in_selected)
        self.reschedule = self._action("Reschedule…", "Reschedule", "Ctrl+R", self.open_reschedule)
        self.cancel = self._action("Cancel…", "Cancel appointment", "Del", self.open_cancel)
        self.no_show = self._action("No-show…", "Mark no-show", "Ctrl+Shift+N", self.open_no_show)
        self.deposit = self._action(
            "Take deposit…", "Take deposit", "Ctrl+Shift+P", self.open_deposit
        )
        self._for_a_booking = (
            self.check_in,
            self.reschedule,
            self.cancel,
            self.no_show,
            self.deposit,
        )
        self.fees_to_charge = self._action(
            "Fees to charge…", "Fees to charge", "Ctrl+Shift+C", self.open_fees_to_charge
        )
        self.waive = self._action("Waive fee…", "Waive fee", "Ctrl+Shift+F", self.open_waive_fee)
        self.check_out = self._action("Check out", "Check out", "Ctrl+K", self.check_out_selected)
        grid.free_slot_chosen.connect(self.open_booking_at)
        grid.booking_menu_requested.connect(self.show_menu)
        grid.booking_entered.connect(self.enter_on_booking)
        grid.booking_details_requested.connect(self.open_details)
        grid.booking_dropped.connect(self.open_move)
        grid.called_off_menu_requested.connect(self.show_called_off_menu)

    # -- the booking menu ------------------------------------------------------------------

    def menu_for(self, index: QModelIndex) -> QMenu:
        """The menu of the booking at `index`; what does not apply to its status is greyed."""
        menu = QMenu(self._view)
        menu.setAccessibleName("Booking actions")
        status = self._status_at(index)
        awaited = status is not None and status.awaiting_arrival
        for action in self._for_a_booking:
            action.setEnabled(awaited)
            menu.addAction(action)
        self.check_out.setEnabled(status is not None and status.can_check_out)
        menu.addAction(self.check_out)
        if self._fee_to_waive(self._grid.appointment_at(index)):
            menu.addSeparator()
            menu.addAction(self.waive)
        menu.addSeparator()
        menu.addAction(self.fees_to_charge)  # the clinic's worklist, reachable from any booking
        # The actions are the calendar's shortcuts too; they stay usable once the menu is gone.
        menu.aboutToHide.connect(self._enable_booking_actions)
        return menu

    def _enable_booking_actions(self) -> None:
        for action in (*self._for_a_booking, self.check_out):
            action.setEnabled(True)

    def show_called_off_menu(self, appointment_id: int, where: QPoint) -> None:
        """A cancelled or no-show booking has one thing left to do: waive its fee, if it has one."""
        if self._fee_to_waive(appointment_id) is None:
            return
        menu = QMenu(self._view)
        menu.setAccessibleName("Booking actions")
        menu.addAction(self.waive)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)

    def open_details(self, appointment_id: int) -> None:
        from medspa_desk.ui.calendar.appointment_details_dialog import AppointmentDetailsDialog

        try:
            dialog = AppointmentDetailsDialog(self._desk, appointment_id, self, self._view)
        except DeskRefusal as refusal:
            self.said.emit(str(refusal))
            return
        _open(dialog)

    def enter_on_booking(self, index: QModelIndex, where: QPoint) -> None:
        """Enter on a client awaited checks them in (the desk's commonest act); on any other
        booking it opens the menu of what can be done."""
        status = self._status_at(index)
        if status is not None and status.awaiting_arrival:
            self.check_in_selected()
        else:
            self.show_menu(index, where)

    def show_menu(self, index: QModelIndex, where: QPoint) -> None:
        menu = self.menu_for(index)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)  # popup, not exec: nothing waits on the menu

    # -- the actions -----------------------------------------------------------------------

    def open_booking(self) -> None:
        """Ctrl+N: book at the free slot selected, or, if that has passed, at the next slot from
        now with the same provider."""
        index = self._grid.currentIndex()
        model = self._grid.model()
        if not index.isValid():
            self._open_booking_dialog(starts_at=self._next_slot())
            return
        still_ahead = model.slot_start(index.row(), index.column()) >= self._desk.clock.now()
        if self._grid.appointment_at(index) is None and still_ahead:
            self.open_booking_at(index)
            return
        provider_id = model.lanes[index.column()].provider.provider_id
        self._open_booking_dialog(provider_id=provider_id, starts_at=self._next_slot())

    def open_booking_at(self, index: QModelIndex) -> None:
        model = self._grid.model()
        provider_id = model.lanes[index.column()].provider.provider_id
        starts_at = model.slot_start(index.row(), index.column())
        self._open_booking_dialog(provider_id=provider_id, starts_at=starts_at)

    def check_in_selected(self) -> None:
        from medspa_desk.services.booking.check_in import LateDecisionNeeded, check_in

        appointment_id = self._selected()
        if appointment_id is None:
            return
        today = local_date(self._desk.clock.now(), self._desk.settings.zone)
        try:
            self._desk_actions.run(
                lambda: check_in(self._desk, appointment_id),
                BooksChanged.of(appointments=[appointment_id], days=[today]),
                self._changed,
            )
        except LateDecisionNeeded as late:  # a question for the desk, not a refusal
            self.open_late_arrival(late.late)

    def open_late_arrival(self, late: LateArrival) -> LateArrivalPanel:
        """The late-arrival panel for this booking: the one already up, brought to the front
        (Ctrl+I again), or one put away (closed or decided) asked again, or else a new one."""
        from medspa_desk.ui.calendar.late_arrival_panel import LateArrivalPanel

        panels = self._view.findChildren(LateArrivalPanel)
        for panel in panels:
            if panel.appointment_id == late.check.appointment_id and panel.isVisible():
                panel.raise_()
                panel.activateWindow()
                return panel
        put_away = [panel for panel in panels if not panel.isVisible()]
        panel = put_away[0] if put_away else self._new_late_arrival_panel()
        panel.ask(late)
        return panel

    def _new_late_arrival_panel(self) -> LateArrivalPanel:
        from medspa_desk.ui.calendar.late_arrival_panel import LateArrivalPanel

        # Kept once closed (never deleted on close), so the next late client's costs no building.
        panel = LateArrivalPanel(self._desk, self._view, desk_actions=self._desk_actions)
        panel.changed.connect(self._changed)
        panel.reschedule_chosen.connect(self._reschedule_late)
        return panel

    def open_reschedule(self) -> None:
        appointment_id = self._selected()
        if appointment_id is not None:
            self._open_reschedule(appointment_id)

    def open_move(self, appointment_id: int, target: QModelIndex) -> None:
        """A booking dropped on a slot: the move dialog, prefilled with the slot."""
        model = self._grid.model()
        self._open_reschedule(
            appointment_id,
            provider_id=model.lanes[target.column()].provider.provider_id,
            starts_at=model.slot_start(target.row(), target.column()),
        )

    def open_cancel(self) -> None:
        appointment_id = self._selected()
        if appointment_id is not None:
            self._open_cancel_dialog(appointment_id, no_show=False)

    def open_no_show(self) -> None:
        appointment_id = self._selected()
        if appointment_id is not None:
            self._open_cancel_dialog(appointment_id, no_show=True)

    def check_out_selected(self) -> None:
        appointment_id = self._selected()
        if appointment_id is None:
            return
        status = self._status_at(self._grid.currentIndex())
        refusal = check_out_refusal(status) if status is not None else None
        if refusal is not None:  # the till's own sentence: check-in is where lateness is caught
            self.said.emit(refusal)
            return
        self.checkout_requested.emit(appointment_id)

    def open_deposit(self) -> None:
        appointment_id = self._selected()
        if appointment_id is not None:
            self.open_deposit_for(appointment_id)

    def open_deposit_for(self, appointment_id: int) -> None:
        """The deposit's amount, then Checkout rings it up (as Check out hands over a visit)."""
        from medspa_desk.ui.calendar.deposit_dialog import DepositDialog

        try:
            dialog = DepositDialog(self._desk, appointment_id, self._view)
        except DeskRefusal as refusal:
            self.said.emit(str(refusal))
            return
        dialog.ring_up.connect(
            lambda appointment, cents: self.deposit_requested.emit(appointment, cents)
        )
        _open(dialog)

    def open_fees_to_charge(self) -> None:
        """The fees sent to a card whose charge waits for the terminal's approval code."""
        from medspa_desk.ui.calendar.fees_to_charge_dialog import FeesToChargeDialog

        dialog = FeesToChargeDialog(self._desk, self._view, desk_actions=self._desk_actions)
        dialog.charged.connect(lambda message: self.changed.emit(None, None, message))
        _open(dialog)

    def open_waive_fee(self) -> None:
        from medspa_desk.ui.calendar.waive_fee_dialog import WaiveFeeDialog

        index = self._grid.currentIndex()
        appointment_id = self._grid.appointment_at(index) or self._grid.called_off_at(index)
        fee = self._fee_to_waive(appointment_id)
        if fee is None:
            self.said.emit("Select a late-cancelled or no-show booking with a fee to waive.")
            return
        dialog = WaiveFeeDialog(
            self._desk, appointment_id, fee, self._view, desk_actions=self._desk_actions
        )
        dialog.waived.connect(
            lambda appointment, message: self.changed.emit(appointment, None, message)
        )
        _open(dialog)

    # -- on the way ------------------------------------------------------------------------

    def _fee_to_waive(self, appointment_id: int | None) -> FeeOnFile | None:
        from medspa_desk.services.booking.fee_waiver import fee_on_file

        fee = fee_on_file(self._desk, appointment_id) if appointment_id is not None else None
        return fee if fee is not None and not fee.waived else None

    def _reschedule_late(self, appointment_id: int, reason: str) -> None:
        self._open_reschedule(
            appointment_id, late_choice=LateArrivalChoice.RESCHEDULE, reason=reason
        )

    def _open_reschedule(self, appointment_id: int, **prefilled) -> None:
        from medspa_desk.ui.calendar.reschedule_dialog import RescheduleDialog

        try:
            dialog = RescheduleDialog(
                self._desk,
                appointment_id,
                self._view,
                desk_actions=self._desk_actions,
                **prefilled,
            )
        except DeskRefusal as refusal:
            self.said.emit(str(refusal))
            return
        dialog.moved.connect(self._booked)
        _open(dialog)

    def _open_booking_dialog(self, **prefilled) -> None:
        from medspa_desk.ui.calendar.booking_dialog import BookingDialog

        dialog = BookingDialog(self._desk, self._view, desk_actions=self._desk_actions, **prefilled)
        dialog.booked.connect(self._booked)
        dialog.deposit_wanted.connect(self.open_deposit_for)
        _open(dialog)

    def _open_cancel_dialog(self, appointment_id: int, *, no_show: bool) -> None:
        from medspa_desk.ui.calendar.cancel_dialog import CancelDialog

        try:
            dialog = CancelDialog(
                self._desk,
                appointment_id,
                self._view,
                no_show=no_show,
                desk_actions=self._desk_actions,
            )
        except DeskRefusal as refusal:
            self.said.emit(str(refusal))
            return
        dialog.changed.connect(self._changed)
        _open(dialog)

    def _booked(self, appointment_id: int, day: date, message: str) -> None:
        self.changed.emit(appointment_id, day, message)

    def _changed(self, result: ChangeResult) -> None:
        self.changed.emit(result.appointment_id, None, result.message)

    def _status_at(self, index: QModelIndex) -> AppointmentStatus | None:
        return self._grid.model().data(index, STATUS_ROLE)

    def _selected(self) -> int | None:
        appointment_id = self._grid.selected_appointment()
        if appointment_id is None:
            self.said.emit("Select a booking on the calendar first.")
        return appointment_id

    def _next_slot(self) -> datetime:
        settings = self._desk.settings
        return next_slot_start(self._desk.clock.now(), settings.zone, settings.slot_minutes)

    def _action(self, text: str, name: str, shortcut: str, trigger) -> QAction:
        action = QAction(text, self._view)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        # Only while the calendar is shown: other views have keys of their own.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{name} ({keys})")
        action.triggered.connect(lambda _checked=False: trigger())
        self._view.addAction(action)
        return action


def _open(dialog: QDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal but not blocking: no exec() anywhere at the desk
