"""The desk's window: Calendar, Clients and Checkout, switched from a toolbar, and a status bar."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sign_in_rules import idle_lock_after
from medspa_desk.services.staff_access.permissions import may
from medspa_desk.services.staff_access.sign_in import SignedIn, sign_out, signed_in_now
from medspa_desk.ui.calendar.labels import long_date
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.idle_lock import IdleLock
from medspa_desk.ui.sign_in_screen import SignInScreen

if TYPE_CHECKING:  # the dialogs are imported when first opened: the window loads what it shows
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.audit_view import AuditTrailWindow
    from medspa_desk.ui.backups_dialog import BackupsDialog
    from medspa_desk.ui.calendar.calendar_view import CalendarView
    from medspa_desk.ui.calendar.late_flags import ArrivalFlags
    from medspa_desk.ui.checkout.sale_view import HeldSale, SaleView
    from medspa_desk.ui.clinic_setup.clinic_setup_dialog import ClinicSetupDialog
    from medspa_desk.ui.mail_queue_window import MailQueueWindow
    from medspa_desk.ui.policies_dialog import PoliciesDialog

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 800)
_TITLE_BAR_ALLOWANCE = 40  # what the window manager adds above the window, about
# Often enough that the date in the status bar and the calendar's "now" marker roll over on time.
CLOCK_TICK_MS = 30_000
# How long an action's sentence stays in the status bar.
MESSAGE_MS = 15_000
_GEOMETRY_KEY = "main_window/geometry"
_STATE_KEY = "main_window/state"


def load_style_sheet() -> str:
    """The desk's style sheet (resources/styles/desk.qss), for QApplication.setStyleSheet.

    The look is not worth refusing to open the desk for: if the file is missing from the
    installation the window runs in Qt's plain style and the log says why.
    """
    try:
        return (files("medspa_desk.resources") / "styles" / "desk.qss").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as missing:
        log.warning("style sheet not found, using Qt's plain style: %s", missing)
        return ""


@dataclass
class HeldWork:
    """What a person had open when the desk locked or they switched user, kept for them."""

    name: str
    windows: list[QWidget]  # their other windows (a half-filled booking, say), hidden
    sale: HeldSale | None  # their sale at the till, taken off it
    view: str  # Calendar, Clients or Checkout


def first_size(room_width: int, room_height: int) -> tuple[int, int, bool]:
    """A new window's size on a screen with this free room, and whether it opens maximized:
    1280×800 where the screen has room for it with its title bar; on a smaller screen (a 1366×768
    laptop) the room itself, maximized, so nothing (the status bar least of all) is off-screen."""
    width, height = DEFAULT_SIZE
    if width <= room_width and height + _TITLE_BAR_ALLOWANCE <= room_height:
        return width, height, False
    return min(width, room_width), min(height, room_height - _TITLE_BAR_ALLOWANCE), True


class MainWindow(QMainWindow):
    # A manager chose a backup to restore: start-up closes the database, restores, reopens.
    restore_requested = Signal(Path)
    day_closed = Signal()  # the close of day is done: start-up makes a backup
    mail_send_requested = Signal()  # a message retried from the queue: a round of mail now

    def __init__(
        self,
        desk: Desk,
        window_settings: QSettings | None = None,
        *,
        idle_lock_ms: int | None = None,
    ) -> None:
        """`idle_lock_ms`: how long the desk may sit unused before it locks; the clinic's
        setting (never more than 15 minutes) unless a test gives another."""
        super().__init__()
        self._desk = desk
        self._window_settings = window_settings
        self.setWindowTitle(f"{desk.settings.clinic_name} — medspa_desk")

        # Every view changes the books through this one object, and hears every change from it.
        self.desk_actions = DeskActions(self)
        self.desk_actions.refused.connect(
            lambda text: self.statusBar().showMessage(text, MESSAGE_MS)
        )
        self._views = QStackedWidget()
        self._views.setObjectName("views")
        # The desk and the sign-in screen share the window; while the desk is locked only the
        # sign-in screen is in it, so nothing of the day can be read (or screenshotted) behind.
        self._screens = QStackedWidget()
        self._screens.addWidget(self._views)
        self._sign_in = SignInScreen(desk, self.desk_actions)
        self._sign_in.signed_in.connect(self._open_for)
        self._screens.addWidget(self._sign_in)
        self.setCentralWidget(self._screens)
        self._held: dict[int, HeldWork] = {}
        self._signed: SignedIn | None = None
        # Each view is built (and its modules imported) when first shown: the window starts on
        # the sign-in screen, which shows no view, and builds the calendar once someone signs in
        # (--demo, signed in already, builds it at once). That kept some 180 ms of importing, reading
        # the day and building its grid out of a start on the ten-year books.
        self._pages: dict[str, QWidget] = {}
        self._builders = {
            "Calendar": self._build_calendar,
            "Clients": self._build_clients,
            "Checkout": self._build_checkout,
        }
        self._add_view_toolbar(["Calendar", "Clients", "Checkout"])
        self._mail = QToolButton()
        self._mail.setAccessibleName("Mail")
        self._mail.setToolTip("Outgoing mail: what waits, what went, what failed")
        self._mail.setAutoRaise(True)
        self._mail.clicked.connect(self.show_mail_queue)
        self._mail.hide()  # until there is something to say
        self.statusBar().addPermanentWidget(self._mail)
        self._late_count = self._add_status_label("Late arrivals", "")
        self._late_count.setObjectName("late_count")
        self._clinic = self._add_status_label("Clinic", desk.settings.clinic_name)
        self.desk_actions.books_changed.connect(self._show_clinic)
        self._signed_in = self._add_status_label("Signed in", "")
        self._today = self._add_status_label("Today's date", "")
        # The file's name only, its folder in the tooltip: a whole path took the room the status
        # bar's messages need on a small screen.
        database = self._add_status_label("Database", f"Database: {desk.db.path.name}")
        database.setToolTip(str(desk.db.path))
        self._show_clock()
        self._clock_tick = QTimer(self)
        self._clock_tick.setObjectName("clock_tick")
        self._clock_tick.setInterval(CLOCK_TICK_MS)
        self._clock_tick.timeout.connect(self._show_clock)
        self._clock_tick.start()

        if not self._restore_window():
            self._fit_screen()

        idle_after = idle_lock_after(desk.settings.idle_lock_minutes)
        self.idle_lock = IdleLock(
            idle_lock_ms if idle_lock_ms is not None else int(idle_after.total_seconds() * 1000),
            self,
        )
        self.idle_lock.idle.connect(lambda: self.lock(idle=True))
        already = signed_in_now(desk)  # --demo opens signed in as its front desk
        if already is None:
            self._show_sign_in()
        else:
            self._open_for(already)

    # Who is at the desk

    def lock(self, *, idle: bool = False) -> None:
        """Sign the person at the desk out (or, `idle`, lock after their idle minutes), keep what
        they had open for them, and show the sign-in screen."""
        leaving = self._desk.staff_id
        if leaving is not None:
            self._hold_work_of(leaving)
            try:
                self.desk_actions.run(lambda: sign_out(self._desk, idle=idle), BooksChanged())
            finally:  # the books may refuse the entry (busy); the desk locks all the same
                self._desk.staff_id = None
                self._desk.approvals.clear()
        self._show_sign_in()

    def _show_sign_in(self) -> None:
        self.idle_lock.stop()
        self.toolbar.hide()
        self.statusBar().hide()
        self._screens.setCurrentWidget(self._sign_in)
        self._sign_in.start([held.name for held in self._held.values()])

    def _open_for(self, signed: SignedIn) -> None:
        """Open the desk for the person just signed in, with whatever was held for them."""
        self._signed = signed
        self._signed_in.setText(f"Signed in: {signed.name} · {signed.role.label}")
        # Offered to a manager only (the service refuses anyone else too).
        self._audit_trail.setEnabled(may(self._desk, DeskPermission.READ_AUDIT))
        held = self._held.pop(signed.staff_id, None)
        self._screens.setCurrentWidget(self._views)
        self.toolbar.show()
        self.statusBar().show()
        if held is None:
            self._view_actions["Calendar"].setChecked(True)
            self._show_view("Calendar")
        else:
            self._resume(held)
        if names := ", ".join(other.name for other in self._held.values() if other.sale):
            self.statusBar().showMessage(
                f"A sale is held for {names}: it comes back when they sign in.", MESSAGE_MS
            )
        self.idle_lock.start()

    def _hold_work_of(self, staff_id: int) -> None:
        """Put away what `staff_id` had open: their other windows, hidden; their sale, taken off
        the till; the view they were on."""
        windows = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not self and widget.isVisible() and not isinstance(widget, QMenu)
        ]
        for widget in windows:
            widget.hide()
        checkout = self._pages.get("Checkout")
        sale = cast("SaleView", checkout).hold_sale() if checkout is not None else None
        name = self._signed.name if self._signed is not None else ""
        current = next(
            (view for view, page in self._pages.items() if page is self._views.currentWidget()),
            "Calendar",
        )
        if windows or sale is not None or current != "Calendar":
            self._held[staff_id] = HeldWork(name, windows, sale, current)

    def _resume(self, held: HeldWork) -> None:
        if held.sale is not None:
            self._checkout.resume_sale(held.sale)
        self._view_actions[held.view].setChecked(True)
        self._show_view(held.view)
        for widget in held.windows:
            widget.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._window_settings is not None:
            self._window_settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
            self._window_settings.setValue(_STATE_KEY, self.saveState())
            self._window_settings.sync()
        super().closeEvent(event)

    def view(self, name: str) -> QWidget:
        """The view called `name` in the toolbar, built now if it has not been shown yet."""
        page = self._pages.get(name)
        if page is None:
            page = self._builders[name]()
            placeholder = self._placeholders.pop(name)
            self._views.insertWidget(self._views.indexOf(placeholder), page)
            self._views.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[name] = page
        return page

    @property
    def _calendar(self) -> CalendarView:
        return cast("CalendarView", self.view("Calendar"))

    @property
    def _checkout(self) -> SaleView:
        return cast("SaleView", self.view("Checkout"))

    def _build_calendar(self) -> QWidget:
        from medspa_desk.ui.calendar.calendar_view import CalendarView

        calendar = CalendarView(self._desk, desk_actions=self.desk_actions)
        calendar.actions.checkout_requested.connect(self._check_out)
        calendar.actions.deposit_requested.connect(self._take_deposit)
        calendar.status_message.connect(lambda text: self.statusBar().showMessage(text, MESSAGE_MS))
        calendar.late_count_changed.connect(self._show_late_count)
        self._show_late_count(calendar.late_arrivals.flags)
        return calendar

    def _build_clients(self) -> QWidget:
        from medspa_desk.ui.clients.client_list import ClientListView

        return ClientListView(self._desk, desk_actions=self.desk_actions)

    def _build_checkout(self) -> QWidget:
        from medspa_desk.ui.checkout.sale_view import SaleView

        checkout = SaleView(self._desk, desk_actions=self.desk_actions)
        checkout.day_closed.connect(self.day_closed)
        return checkout

    def _add_view_toolbar(self, views: list[str]) -> None:
        toolbar = QToolBar("Views")
        toolbar.setObjectName("views_toolbar")  # saveState() finds toolbars by object name
        toolbar.setAccessibleName("Views")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        # Without its toolbar the desk could not switch views, so it offers no menu to hide it.
        toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        group = QActionGroup(self)
        group.setExclusive(True)
        self._view_actions: dict[str, QAction] = {}
        self._placeholders: dict[str, QWidget] = {}
        for number, name in enumerate(views, start=1):
            self._placeholders[name] = QWidget()  # the view's place, until it is first shown
            self._views.addWidget(self._placeholders[name])
            action = QAction(name, self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{name} ({keys})")
            action.triggered.connect(lambda _checked=False, name=name: self._show_view(name))
            group.addAction(action)
            toolbar.addAction(action)
            self._view_actions[name] = action
            toolbar.widgetForAction(action).setAccessibleName(name)
            if number == 1:
                action.setChecked(True)
        self._add_backups_button(toolbar)
        self._add_lock(toolbar)
        self.toolbar = toolbar

    def _add_backups_button(self, toolbar: QToolBar) -> None:
        toolbar.addSeparator()  # an action, not a fourth view
        action = QAction("Backups…", self)
        action.setToolTip("Back up now, check the books, or restore a backup")
        action.triggered.connect(self.show_backups)
        toolbar.addAction(action)
        toolbar.widgetForAction(action).setAccessibleName("Backups")
        policies = QAction("Policies…", self)
        policies.setToolTip("The clinic's published policies, as bookings and receipts quote them")
        policies.triggered.connect(self.show_policies)
        toolbar.addAction(policies)
        toolbar.widgetForAction(policies).setAccessibleName("Policies")
        set_up = QAction("Clinic set-up…", self)
        set_up.setToolTip("The clinic's settings, hours, staff, service menu and retail shelf")
        set_up.triggered.connect(self.show_clinic_setup)
        toolbar.addAction(set_up)
        toolbar.widgetForAction(set_up).setAccessibleName("Clinic set-up")
        self._audit_trail = QAction("Audit trail…", self)
        self._audit_trail.setToolTip("Who did what, when: a manager's reading of the audit trail")
        self._audit_trail.triggered.connect(self.show_audit_trail)
        toolbar.addAction(self._audit_trail)
        toolbar.widgetForAction(self._audit_trail).setAccessibleName("Audit trail")

    def show_policies(self) -> PoliciesDialog:
        from medspa_desk.ui.policies_dialog import PoliciesDialog

        dialog = PoliciesDialog(self._desk, parent=self, desk_actions=self.desk_actions)
        dialog.open()
        return dialog

    def show_clinic_setup(self) -> ClinicSetupDialog:
        """The one set-up dialog, shown without blocking the window (QDialog.open() would make
        it window-modal): the calendar stays at hand while the clinic is set up."""
        from medspa_desk.ui.clinic_setup.clinic_setup_dialog import ClinicSetupDialog

        dialog = self.findChild(ClinicSetupDialog)
        if dialog is None:
            dialog = ClinicSetupDialog(self._desk, self.desk_actions, parent=self)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_audit_trail(self) -> AuditTrailWindow:
        """The audit trail, beside the window (not modal), one at a time."""
        from medspa_desk.ui.audit_view import AuditTrailWindow

        window = self.findChild(AuditTrailWindow)
        if window is None:
            window = AuditTrailWindow(self._desk, parent=self)
        else:
            window.read_again()  # what was done since it was last shown
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_mail_state(self, words: str) -> None:
        """The status bar's word on mail (services.mail): hidden while there is none."""
        self._mail.setText(words)
        self._mail.setVisible(bool(words))

    def show_mail_queue(self) -> MailQueueWindow:
        """The outgoing-mail queue, beside the window (not modal), one at a time."""
        from medspa_desk.ui.mail_queue_window import MailQueueWindow

        window = self.findChild(MailQueueWindow)
        if window is None:
            window = MailQueueWindow(self._desk, self.desk_actions, parent=self)
            window.send_requested.connect(self.mail_send_requested)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_backups(self) -> BackupsDialog:
        from medspa_desk.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self._desk, parent=self)
        dialog.restore_chosen.connect(self._restore)
        dialog.open()
        return dialog

    def _restore(self, backup: Path) -> None:
        self.restore_requested.emit(backup)
        self.close()

    def _add_lock(self, toolbar: QToolBar) -> None:
        toolbar.addSeparator()
        lock = QAction("Lock", self)
        lock.setShortcut(QKeySequence("Ctrl+Shift+L"))  # Ctrl+L is the till's client field
        keys = lock.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        lock.setToolTip(f"Lock the desk or let someone else sign in ({keys})")
        lock.triggered.connect(lambda: self.lock())
        toolbar.addAction(lock)
        toolbar.widgetForAction(lock).setAccessibleName("Lock or switch user")

    def _check_out(self, appointment_id: int) -> None:
        """The calendar's Check out: the visit's sale opens in Checkout (if it can be checked out)."""
        if self._checkout.start_for_appointment(appointment_id):
            self._view_actions["Checkout"].trigger()

    def _take_deposit(self, appointment_id: int, amount_cents: int) -> None:
        """The calendar's Take deposit: the deposit's sale opens in Checkout, to be paid there."""
        if self._checkout.start_for_deposit(appointment_id, amount_cents):
            self._view_actions["Checkout"].trigger()

    def _show_view(self, name: str) -> None:
        view = self.view(name)
        self._views.setCurrentWidget(view)
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)  # each view hands focus to its main field

    def _add_status_label(self, name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setAccessibleName(name)
        self.statusBar().addPermanentWidget(label)
        return label

    def _show_late_count(self, flags: ArrivalFlags) -> None:
        self._late_count.setText(flags.status_text())
        self._late_count.setToolTip(
            "Late: clients due and not checked in, past the grace minutes. Did not arrive: "
            "their booking has ended without them (mark the no-show)."
        )
        # The style sheet colours the label amber while someone is late.
        self._late_count.setProperty("late", bool(flags.late or flags.not_arrived))
        self._late_count.style().unpolish(self._late_count)
        self._late_count.style().polish(self._late_count)

    def _show_clinic(self, changed: BooksChanged) -> None:
        """New settings are in force at once: the clinic's name and today's date by its zone."""
        if changed.clinic_settings:
            self.setWindowTitle(f"{self._desk.settings.clinic_name} — medspa_desk")
            self._clinic.setText(self._desk.settings.clinic_name)
            self._show_clock()

    def _show_clock(self) -> None:
        now = self._desk.clock.now()
        self._today.setText(long_date(local_date(now, self._desk.settings.zone)))
        if (calendar := self._pages.get("Calendar")) is not None:
            cast("CalendarView", calendar).show_time()

    def _fit_screen(self) -> None:
        room = self.screen().availableGeometry()
        width, height, maximized = first_size(room.width(), room.height())
        self.resize(width, height)
        if maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _restore_window(self) -> bool:
        if self._window_settings is None:
            return False
        geometry = self._window_settings.value(_GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            return False
        state = self._window_settings.value(_STATE_KEY)
        if state is not None:
            self.restoreState(state)
        return True
