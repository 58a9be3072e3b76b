"""The desk's window: Calendar, Clients and Checkout, switched from a toolbar, and a status bar."""

from __future__ import annotations

import logging
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.services.clinic.staff import active_staff
from medspa_desk.ui.calendar.calendar_view import CalendarView
from medspa_desk.ui.calendar.labels import long_date
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions

if TYPE_CHECKING:  # the dialogs are imported when first opened: the window loads what it shows
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.audit_view import AuditTrailWindow
    from medspa_desk.ui.backups_dialog import BackupsDialog
    from medspa_desk.ui.checkout.sale_view import SaleView
    from medspa_desk.ui.clinic_setup.clinic_setup_dialog import ClinicSetupDialog
    from medspa_desk.ui.policies_dialog import PoliciesDialog

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 800)
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


class MainWindow(QMainWindow):
    # A manager chose a backup to restore: start-up closes the database, restores, reopens.
    restore_requested = Signal(Path)
    day_closed = Signal()  # the close of day is done: start-up makes a backup

    def __init__(self, desk: Desk, window_settings: QSettings | None = None) -> None:
        super().__init__()
        self._desk = desk
        self._window_settings = window_settings
        self.setWindowTitle(f"{desk.settings.clinic_name} — medspa_desk")

        # Every view changes the books through this one object, and hears every change from it.
        self.desk_actions = DeskActions(self)
        self.desk_actions.refused.connect(
            lambda text: self.statusBar().showMessage(text, MESSAGE_MS)
        )
        self._calendar = CalendarView(desk, desk_actions=self.desk_actions)
        self._views = QStackedWidget()
        self._views.setObjectName("views")
        self.setCentralWidget(self._views)
        # Clients and Checkout are built (and their modules imported) when first shown: the
        # window starts on the calendar, and builds and imports only what it shows.
        self._pages: dict[str, QWidget] = {"Calendar": self._calendar}
        self._builders = {"Clients": self._build_clients, "Checkout": self._build_checkout}
        self._add_view_toolbar(["Calendar", "Clients", "Checkout"])
        self._calendar.actions.checkout_requested.connect(self._check_out)
        self._calendar.actions.deposit_requested.connect(self._take_deposit)

        self._calendar.status_message.connect(
            lambda text: self.statusBar().showMessage(text, MESSAGE_MS)
        )

        self._late_count = self._add_status_label("Late arrivals", "")
        self._late_count.setObjectName("late_count")
        self._calendar.late_count_changed.connect(self._show_late_count)
        self._show_late_count(len(self._calendar.late_arrivals.minutes_late))
        self._clinic = self._add_status_label("Clinic", desk.settings.clinic_name)
        self.desk_actions.books_changed.connect(self._show_clinic)
        self._today = self._add_status_label("Today's date", "")
        self._add_status_label("Database", f"Database: {desk.db.path}")
        self._show_clock()
        self._clock_tick = QTimer(self)
        self._clock_tick.setObjectName("clock_tick")
        self._clock_tick.setInterval(CLOCK_TICK_MS)
        self._clock_tick.timeout.connect(self._show_clock)
        self._clock_tick.start()

        if not self._restore_window():
            self.resize(*DEFAULT_SIZE)

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
    def _checkout(self) -> SaleView:
        return cast("SaleView", self.view("Checkout"))

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
            if name in self._pages:
                self._views.addWidget(self._pages[name])
            else:  # holds the view's place in the stack until it is first shown
                self._placeholders[name] = QWidget()
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
        self._managers: set[int] = set()  # who, of the staff at the desk, may read the trail
        self._add_backups_button(toolbar)
        self._add_staff_at_desk(toolbar)

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

    def show_backups(self) -> BackupsDialog:
        from medspa_desk.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self._desk, parent=self)
        dialog.restore_chosen.connect(self._restore)
        dialog.open()
        return dialog

    def _restore(self, backup: Path) -> None:
        self.restore_requested.emit(backup)
        self.close()

    def _add_staff_at_desk(self, toolbar: QToolBar) -> None:
        """Who is at the desk, at the toolbar's right end: every change is recorded against them."""
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        label = QLabel("At the desk:")
        label.setObjectName("at_desk_label")
        toolbar.addWidget(label)
        self._at_desk = QComboBox()
        self._at_desk.setObjectName("at_desk")
        self._at_desk.setAccessibleName("At the desk")
        self._at_desk.view().setAccessibleName(
            "At the desk choices"
        )  # the drop-down list is a widget too
        self._at_desk.setToolTip(
            "Who is at the desk: bookings and changes are recorded against them"
        )
        label.setBuddy(self._at_desk)
        self._fill_staff_at_desk()
        self._at_desk.currentIndexChanged.connect(self._choose_staff_at_desk)
        toolbar.addWidget(self._at_desk)
        self.desk_actions.books_changed.connect(
            lambda changed: self._fill_staff_at_desk() if changed.clinic_set_up else None
        )

    def _fill_staff_at_desk(self) -> None:
        """Everyone active, front desk first; whoever was at the desk stays, unless retired."""
        self._at_desk.blockSignals(True)
        self._at_desk.clear()
        self._managers.clear()
        for member in active_staff(self._desk.db):
            if member.is_manager:
                self._managers.add(member.staff_id)
            self._at_desk.addItem(member.name, member.staff_id)
            self._at_desk.setItemData(
                self._at_desk.count() - 1, member.role, Qt.ItemDataRole.ToolTipRole
            )
        self._at_desk.setCurrentIndex(max(self._at_desk.findData(self._desk.staff_id), 0))
        self._at_desk.blockSignals(False)
        self._choose_staff_at_desk()  # who the box shows is who changes are recorded against

    def _choose_staff_at_desk(self) -> None:
        self._desk.staff_id = self._at_desk.currentData()
        # Offered to a manager only (the service refuses anyone else too); a trail left open
        # closes when someone else comes to the desk, so it is not left readable to them.
        manager = self._desk.staff_id in self._managers
        self._audit_trail.setEnabled(manager)
        if not manager:
            for trail in self.findChildren(QDialog, "audit_trail"):
                trail.close()

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

    def _show_late_count(self, count: int) -> None:
        self._late_count.setText(f"{count} late" if count else "No one late")
        self._late_count.setToolTip("Clients due and not checked in, past the grace minutes")
        # The style sheet colours the label amber while someone is late.
        self._late_count.setProperty("late", bool(count))
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
        self._calendar.show_time()

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
