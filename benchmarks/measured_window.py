"""The real main window over a copy of the books, and what a person does to it.

Widgets are found by accessible name, as the UI tests find them, and pressed with QTest's key
and mouse events: the measurement starts where the desk's own input would.
"""

from __future__ import annotations

import time as stopwatch
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDate, Qt, QThread
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateEdit, QLineEdit, QPushButton, QWidget

from benchmarks.frame_timing import drain
from medspa_desk.demo import demo_ids
from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.desk import Desk, open_desk
from medspa_desk.services.staff_access.sign_in import sign_in_without_secret
from medspa_desk.start_up_collection import StartUpCollection
from medspa_desk.ui.app import after_start_work
from medspa_desk.ui.background_work import run_in_background
from medspa_desk.ui.checkout.sale_view import SaleView
from medspa_desk.ui.clients.client_list import ClientListView
from medspa_desk.ui.main_window import MainWindow, load_style_sheet

LEFT = Qt.MouseButton.LeftButton
CONTROL = Qt.KeyboardModifier.ControlModifier
START_UP_WAIT_S = 30


@dataclass
class SavedFiles:
    """Answers the checkout's Save PDF with a file in the run's folder at once: the file dialog
    is the person's pause, not the desk's work."""

    folder: Path
    saved: list[Path] = field(default_factory=list)

    def ask_file(self, _parent: QWidget, file_name: str, then) -> None:
        path = self.folder / f"{len(self.saved) + 1}-{file_name}"
        self.saved.append(path)
        then(str(path))


class MeasuredWindow:
    """The desk's MainWindow, shown offscreen with the desk's style sheet, and active."""

    def __init__(self, app: QApplication, books: Path, clock: FixedClock, folder: Path) -> None:
        self.collection = StartUpCollection()
        self.collection.hold()  # as the desk's start does (cli, ui.app.run_window)
        app.setStyleSheet(load_style_sheet())
        self.clock = clock
        self.desk: Desk = open_desk(books, clock)
        # The demo's front desk at work, as --demo opens (a sign-in screen measures nothing).
        sign_in_without_secret(self.desk, demo_ids.FRONT_DESK_ID)
        self.window = MainWindow(self.desk)
        self.files = SavedFiles(folder)
        self.till.printing._ask_file = self.files.ask_file  # no constructor argument reaches it
        self.window.show()
        self.activate()
        self.collection.freeze_long_lived()  # painted
        self._settle_start_up()

    def _settle_start_up(self) -> None:
        """What the desk's start-up runs off the GUI thread after its page check
        (ui.app.after_start_work), run here too, in order, and waited for: the desk's actions
        come after a start that has settled. (The page check and the backup are cold start's,
        measured there.)"""
        for work in after_start_work(self.desk, self.collection):
            outcome: list[object] = []
            run_in_background(work, outcome.append, outcome.append)
            waited = stopwatch.monotonic() + START_UP_WAIT_S
            while not outcome:
                if stopwatch.monotonic() > waited:
                    raise RuntimeError(f"{work} after start-up did not finish")
                QThread.msleep(5)
                drain()
            if isinstance(outcome[0], Exception):
                raise outcome[0]

    def activate(self) -> None:
        """The window's shortcuts work only while it is the active window."""
        self.window.activateWindow()
        drain()
        if not self.window.isActiveWindow():
            raise RuntimeError("the desk's window did not become the active window")

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        drain()
        self.desk.close()
        self.collection.release()

    # --- finding ---------------------------------------------------------------------------

    def named(self, name: str, kind: type[QWidget] = QWidget, root: QWidget | None = None):
        found = [
            widget
            for widget in (root or self.window).findChildren(kind)
            if widget.accessibleName() == name
        ]
        if len(found) != 1:
            raise LookupError(f"expected one widget named {name!r}, found {len(found)}")
        return found[0]

    def find(self, name: str, kind: type[QWidget] = QWidget, root: QWidget | None = None):
        """The one widget of that name a person can reach: on the screen and enabled."""
        widget = self.named(name, kind, root)
        if not (widget.isVisible() and widget.isEnabled()):
            raise LookupError(f"{name!r} is hidden or greyed out")
        return widget

    def visible(
        self, name: str, kind: type[QWidget] = QWidget, root: QWidget | None = None
    ) -> bool:
        try:
            return self.named(name, kind, root).isVisible()
        except LookupError:
            return False

    @property
    def clients(self) -> ClientListView:
        return cast(ClientListView, self.window.view("Clients"))  # built when first reached

    @property
    def till(self) -> SaleView:
        return cast(SaleView, self.window.view("Checkout"))

    # --- doing -----------------------------------------------------------------------------

    def click(self, name: str, kind: type[QWidget] = QWidget, root: QWidget | None = None) -> None:
        QTest.mouseClick(self.find(name, kind, root), LEFT)

    def press_at_till(self, name: str) -> None:
        """A click on the checkout's button of that name (the profile has buttons named alike)."""
        self.click(name, QPushButton, self.till)

    def type_into(self, name: str, text: str, root: QWidget | None = None) -> QLineEdit:
        box = self.find(name, QLineEdit, root)
        box.clear()
        QTest.keyClicks(box, text)
        return box

    def show_view(self, name: str) -> None:
        """Calendar, Clients or Checkout, from the toolbar (untimed: a stage being set)."""
        button = self.named(name)
        if not button.defaultAction().isChecked():
            QTest.mouseClick(button, LEFT)
            drain()

    def show_day(self, day: date, *, week: bool = False) -> None:
        """The calendar on `day`, in day or week view."""
        self.show_view("Calendar")
        mode = "Week view" if week else "Day view"
        if not self.named(mode).defaultAction().isChecked():
            self.click(mode)
        dates = self.find("Date", QDateEdit)
        if dates.date().toPython() != day:
            dates.setDate(QDate(day))
        drain()

    def shown_day(self) -> date:
        return self.named("Date", QDateEdit).date().toPython()

    def day_view_shown(self) -> bool:
        return self.named("Day view").defaultAction().isChecked()

    def start_new_sale(self) -> None:
        """An empty walk-in sale at the till (the last one completed, or one dropped)."""
        self.show_view("Checkout")
        if self.visible("New sale", QPushButton, self.till):
            self.press_at_till("New sale")
        elif self.till.lines_model.rowCount():
            self.press_at_till("Start new sale")
        drain()
        if self.till.lines_model.rowCount():
            raise RuntimeError("the till did not start an empty sale")

    def ring_up_split_tender_sale(self) -> None:
        """A serum scanned, $100 by card and the rest in cash: ready for Complete."""
        self.start_new_sale()
        till = self.till
        QTest.keyClick(self.type_into("Scan or search product", "SKN-001", till), Qt.Key.Key_Return)
        drain()
        self.press_at_till("Card")
        for name, text in (
            ("Card payment amount", "100"),
            ("Card payment last four", "4242"),
            ("Card payment approval code", "A1B2C3"),
        ):
            self.type_into(name, text, till)
        self.press_at_till("Add card")
        drain()
        self.press_at_till("Cash")
        QTest.keyClick(self.type_into("Cash given", "200", till), Qt.Key.Key_Return)
        drain()
