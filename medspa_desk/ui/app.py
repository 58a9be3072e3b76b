"""Starting the window: the Qt application, the log, the safety net for errors, the database."""

from __future__ import annotations

import importlib
import linecache
import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from medspa_desk.data_locations import log_folder, make_data_folders_private
from medspa_desk.desk_log import start_logging
from medspa_desk.domain.clock import Clock
from medspa_desk.domain.time_wording import long_date, wall_clock_time
from medspa_desk.services.books.files import (
    DatabaseDamaged,
    DatabaseUnusable,
    check_database_pages,
    claim_database,
    keep_new_files_private,
)
from medspa_desk.services.desk import Desk, open_desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.start_up_collection import StartUpCollection
from medspa_desk.ui.backup_schedule import BackupSchedule
from medspa_desk.ui.mail_sending import MailSending
from medspa_desk.ui.startup_checks import StartupChecks

if TYPE_CHECKING:
    from medspa_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# Platforms with no screen for a person to read a dialog on: the message goes to stderr only.
_HEADLESS_PLATFORMS = {"offscreen", "minimal"}


def run_window(
    database: Path, *, demo: bool, clock: Clock, collection: StartUpCollection | None = None
) -> int:
    """The window on the books at `database` until it closes: the process's exit code.
    `collection` is the collector as cli held it before the window's imports."""
    collection = collection or StartUpCollection()
    collection.hold()
    try:
        return _run_window(database, demo, clock, collection)
    finally:
        collection.release()


def _run_window(database: Path, demo: bool, clock: Clock, collection: StartUpCollection) -> int:
    keep_new_files_private()
    make_data_folders_private()
    log_path = start_logging(log_folder())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("406MedicalSpa")
    app.setApplicationName("medspa_desk")
    from medspa_desk.ui.main_window import MainWindow, load_style_sheet

    app.setStyleSheet(load_style_sheet())
    if not demo and (code := _first_start_if_new(database, clock)) is not None:
        return code
    opened = _open_for_the_desk(database, demo, clock, log_path)
    if opened is None:
        return 1
    desk, claim = opened
    sys.excepthook = _ErrorReport(log_path)
    while True:
        restore_from: list[Path] = []
        try:
            with _damage_named_as_such(database):
                window = MainWindow(desk, window_settings=QSettings())
        except DatabaseDamaged as problem:  # a page the first screen reads is a damaged one
            desk.close()
            claim.release()
            if not _restore_newest_backup(database, str(problem)):
                return 1
            opened = _open_for_the_desk(database, demo, clock, log_path)
            if opened is None:
                return 1
            desk, claim = opened
            continue
        window.restore_requested.connect(restore_from.append)
        backups = BackupSchedule(desk, parent=window)
        window.day_closed.connect(lambda backups=backups: backups.back_up("day-close"))
        window.desk_actions.books_changed.connect(
            lambda changed, backups=backups: changed.clinic_settings and backups.follow_settings()
        )
        backups.finished.connect(
            lambda text, window=window: window.statusBar().showMessage(text, 10_000)
        )
        backups.failed.connect(
            lambda text, window=window: QMessageBox.warning(window, "Backup", text)
        )
        checks = StartupChecks(
            window,
            desk.db.path,
            backups,
            after_start=after_start_work(desk, collection),
        )
        checks.painted.connect(collection.freeze_long_lived)
        checks.damaged.connect(
            lambda problem, window=window: _damaged_while_open(app, window, database, problem)
        )
        mail = MailSending(desk, parent=window)
        mail.said.connect(window.show_mail_state)
        window.mail_send_requested.connect(mail.send_now)
        window.desk_actions.books_changed.connect(
            lambda changed, mail=mail: (
                (changed.appointment_ids or changed.clinic_settings) and mail.send_soon()
            )
        )
        window.show()
        QTimer.singleShot(0, mail.start)  # after the first paint; a round never waits on it
        try:
            code = app.exec()
        finally:
            QThreadPool.globalInstance().waitForDone()  # a backup still copying the books
            window.deleteLater()
            desk.close()
        if not restore_from:
            claim.release()
            return code
        collection.release()  # the closed window's objects are garbage now
        collection.hold()
        # This window still holds the database, so nobody can open it while it is replaced.
        staff_id = desk.staff_id
        _restore_chosen_backup(database, restore_from[0], desk.settings)
        desk = open_desk(database, clock)
        desk.staff_id = staff_id


def after_start_work(desk: Desk, collection: StartUpCollection) -> tuple[Callable[[], object], ...]:
    """What start-up does off the GUI thread once the books' pages are checked, in this order,
    one piece at a time (ui/startup_checks.py), so the desk's first action of each kind costs
    what a later one does: the calendar's modules imported while the sign-in screen waits (the
    window starts without them, and builds the calendar at the first sign-in), the clients read
    ahead of the first search (about 0.2 s on 30,000, which the first keystroke used to wait
    for), the calendar's booking changes imported (the first Ctrl+I of the day then imports
    nothing), then the receipts warmed. The source lines PySide6 read of every module imported
    are let go before and after (`_forget_imported_sources`), and what the work leaves is frozen
    out of the collector's rounds (start_up_collection)."""
    return (
        _forget_imported_sources,
        _import_calendar,
        desk.client_index.read_ahead,
        _import_booking_changes,
        partial(_warm_printing, desk),
        _forget_imported_sources,
        collection.freeze_long_lived,
    )


def _forget_imported_sources() -> None:
    """Empty linecache. PySide6's import hook reads the source of every module imported after it
    (shibokensupport's feature check, with inspect.getsource), and linecache keeps those lines:
    about 290,000 of them, 25 MB, once the window and its start-up imports are loaded. A
    traceback reads again the few files it shows."""
    linecache.clearcache()


def _import_calendar() -> None:
    import medspa_desk.ui.calendar.calendar_view  # noqa: F401


def _import_booking_changes() -> None:
    from medspa_desk.ui.calendar.actions import CHANGE_MODULES

    for module in CHANGE_MODULES:
        importlib.import_module(module)


def _warm_printing(desk: Desk) -> None:
    """The receipts warmed (services.till.receipts.warm_receipts: ReportLab, the fonts, the
    newest receipt drawn into memory), and pdfium loaded, which the receipt preview renders with
    on the GUI thread (about 40 ms to load). The till's modules load here as well, the window
    having started without them. A receipt printed meanwhile waits only for what this is loading
    at that moment (imports, the fonts and the drawing take turns by their locks)."""
    import pypdfium2  # noqa: F401

    from medspa_desk.services.till.receipts import warm_receipts

    warm_receipts(desk)


def _open_for_the_desk(database: Path, demo: bool, clock: Clock, log_path: Path):
    """The open desk and its claim, or None once the desk has been told why it cannot open."""
    try:
        try:
            return _open_and_claim(database, demo, clock)
        except DatabaseDamaged as problem:
            if not _restore_newest_backup(database, str(problem)):
                return None
            return _open_and_claim(database, demo, clock)
    except DatabaseUnusable as problem:
        _report_startup_problem(str(problem))
        return None
    except Exception as error:  # a bug, not a bad file: still no traceback in front of the desk
        log.exception("start-up failed")
        _report_startup_problem(
            f"medspa_desk could not start ({error}). Details are in {log_path}."
        )
        return None


@contextmanager
def _damage_named_as_such(database: Path) -> Iterator[None]:
    """A read that fails before the page check has run may have met a damaged page: if every
    page is read and one is damaged, that is what the desk is told (DatabaseDamaged)."""
    try:
        yield
    except DatabaseUnusable:
        raise
    except Exception:
        check_database_pages(database)
        raise


def _damaged_while_open(app: QApplication, window: MainWindow, database: Path, problem: str):
    """The check after the first paint found damage: restore the newest good backup, or stop."""
    if not window.isVisible():  # a window already closed: its books were left behind
        return
    backup = _chosen_backup(database, problem)
    if backup is None:
        app.exit(1)  # as at start: a damaged database is not worked on
        return
    window.restore_requested.emit(backup)  # start-up restores it as a manager's choice
    window.close()


def _restore_chosen_backup(database: Path, backup: Path, settings) -> None:
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.services.books.backups import default_backup_folder, restore_backup

    safety = restore_backup(
        database,
        backup,
        now=SystemClock().now(),
        safety_folder=default_backup_folder(database, settings),
    )
    log.warning("restored %s from %s; the replaced books are kept as %s", database, backup, safety)


def _first_start_if_new(database: Path, clock: Clock) -> int | None:
    """On a new, empty database the first-start assistant, before anything is written: None
    once the clinic is set up (or the books are not new), else the exit code."""
    from medspa_desk.services.clinic.first_start import needs_first_start

    try:
        if not needs_first_start(database):
            return None
    except DatabaseUnusable:
        return None  # opening it says why, as for any file the desk cannot use
    if QApplication.platformName() in _HEADLESS_PLATFORMS:  # nobody to answer the assistant
        _report_startup_problem(
            f"{database} holds no clinic yet. Open it on a screen to set the clinic up, or run "
            f'medspa-desk setup --database "{database}"'
        )
        return 1
    from medspa_desk.ui.first_start_assistant import run_first_start

    return None if run_first_start(database, clock) is not None else 0


def _open_and_claim(database: Path, demo: bool, clock: Clock):
    """The open desk and this window's claim on its database (one desk app per database).

    Every page is read later, after the window's first paint (StartupChecks).
    """
    if demo:  # the demo may be rebuilt: hold it before anything is touched
        claim = claim_database(database)
        try:
            with _damage_named_as_such(database):
                return _open_demo(database, clock), claim
        except Exception:
            claim.release()
            raise
    with _damage_named_as_such(database):
        # Judged first: a file that is refused gets no lock beside it.
        desk = open_desk(database, clock, check_pages=False)
    try:
        return desk, claim_database(database)
    except Exception:
        desk.close()
        raise


def _restore_newest_backup(database: Path, problem: str) -> bool:
    """Offer the newest good backup of a damaged database; True once it is restored."""
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.domain.settings import ClinicSettings
    from medspa_desk.services.books.backups import default_backup_folder, restore_backup

    backup = _chosen_backup(database, problem)
    if backup is None:
        return False
    claim = claim_database(database)
    try:
        restore_backup(
            database,
            backup,
            now=SystemClock().now(),
            safety_folder=default_backup_folder(database, ClinicSettings()),
        )
    finally:
        claim.release()
    log.warning("restored %s from %s after damage: %s", database, backup, problem)
    return True


def _chosen_backup(database: Path, problem: str) -> Path | None:
    """The newest good backup of a damaged database if the desk chooses to restore it; else the
    desk is told how to restore it later (or that there is none), and the answer is None."""
    from medspa_desk.domain.settings import ClinicSettings
    from medspa_desk.services.books.backups import default_backup_folder, newest_good_backup

    # The damaged file's own settings may be unreadable: the default folder is where to look.
    backup = newest_good_backup(default_backup_folder(database, ClinicSettings()), database)
    if backup is None:
        _report_startup_problem(
            f"{problem} No backup of it was found; call for support before using the desk."
        )
        return None
    local = backup.taken_at.astimezone()  # not strftime's "%-d": Windows has no such flag
    taken = f"{long_date(local.date())} at {wall_clock_time(local)}"
    advice = (
        f"{problem}\n\nThe newest good backup was taken {taken}. Restoring it brings back the "
        "books as they were then; the damaged file is kept beside the backups."
    )
    if not ask_to_restore(advice):
        _report_startup_problem(
            f"{problem} To restore the newest good backup ({backup.path}), keeping the damaged file: "
            f'medspa-desk restore "{backup.path}" --database "{database}"'
        )
        return None
    return backup.path


def ask_to_restore(advice: str) -> bool:
    """Asks the person at the desk; with no screen there is nobody to ask, so the answer is no."""
    if QApplication.platformName() in _HEADLESS_PLATFORMS:
        return False
    answer = QMessageBox.question(
        None, "The clinic's database is damaged", f"{advice}\n\nRestore the backup now?"
    )
    return answer == QMessageBox.StandardButton.Yes


def _open_demo(database: Path, clock: Clock) -> Desk:
    from medspa_desk.demo.demo_desk import open_demo_desk  # the generator loads only for --demo

    progress = QProgressDialog("Building the demo clinic…", "", 0, 100)
    progress.setWindowTitle("medspa_desk")
    progress.setCancelButton(None)
    progress.setMinimumDuration(300)

    def show(stage: str, done: int, total: int) -> None:
        progress.setLabelText(f"Building the demo clinic: {stage}…")
        progress.setValue(100 * done // total if total else 100)
        QApplication.processEvents()

    try:
        return open_demo_desk(database, clock, progress=show, check_pages=False)
    finally:
        progress.close()


def _report_startup_problem(message: str) -> None:
    log.error("cannot start: %s", message)
    if sys.stderr:  # a windowed app on Windows has none
        print(f"medspa-desk: {message}", file=sys.stderr)
    if QApplication.platformName() not in _HEADLESS_PLATFORMS:
        QMessageBox.critical(None, "medspa_desk cannot start", message)


class _ErrorReport:
    """Unexpected errors are logged and explained to the desk; the window stays open."""

    def __init__(self, log_path: Path) -> None:
        self._log_path = log_path
        self._shown: set[QMessageBox] = set()  # a box with no owner would be freed at once

    def __call__(self, kind, error, trace) -> None:
        if isinstance(error, DeskRefusal):
            # A refusal (the books busy, say) from a view that does not show its own: it is an
            # answer for the desk, not a bug, so it is said as it is and no traceback is logged.
            log.info("refused: %s", type(error).__name__)  # its words may name a client
            box = QMessageBox(QMessageBox.Icon.Information, "Not done", str(error))
        else:
            # The engine hides statements' values (storage.database), so the traceback holds
            # no client's name or phone; format_exception prints no local variables.
            log.error(
                "unexpected error\n%s", "".join(traceback.format_exception(kind, error, trace))
            )
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Something went wrong",
                "That did not work, and nothing of it was saved. The desk is still running; "
                f"please try again.\n\n{error}\n\nDetails for support are in {self._log_path}.",
            )
        box.finished.connect(lambda _result, box=box: self._shown.discard(box))
        self._shown.add(box)
        box.open()  # not exec(): the desk keeps working while it is shown
