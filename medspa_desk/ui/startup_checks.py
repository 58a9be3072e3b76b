"""After the window's first paint: every page of the books read, then the start-up backup.

Both used to run before the window showed (the page check alone takes about 0.45 s on ten years
of data, and the backup competed for the cores with the first paint). Now the desk sees its
calendar first and the work runs off the GUI thread, one after the other. The page check still
comes first, so a damaged file is caught at start and is never copied over a good backup.

Then the work that makes the desk's first actions cost what later ones do (`after_start`, in
ui/app.py's `after_start_work`: the client index read ahead of the first search) runs off the
GUI thread, one piece at a time, beside the backup: the GUI thread keeps the other core.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from medspa_desk.services.books.files import DatabaseDamaged, check_database_pages
from medspa_desk.ui.background_work import Runner, run_in_background
from medspa_desk.ui.backup_schedule import BackupSchedule

log = logging.getLogger(__name__)

# A window that is never painted (started minimized, say) is still checked and backed up.
UNPAINTED_START_MS = 3000


class StartupChecks(QObject):
    damaged = Signal(str)  # what is wrong, in words: start-up offers the newest good backup
    painted = Signal()  # the window's first paint is done (or it has waited UNPAINTED_START_MS)

    def __init__(
        self,
        window: QWidget,
        database: Path,
        backups: BackupSchedule,
        runner: Runner = run_in_background,
        after_start: Sequence[Callable[[], object]] = (),
    ) -> None:
        super().__init__(window)  # its results die with the window they were for
        self._window = window
        self._database = database
        self._backups = backups
        self._runner = runner
        self._after_start = list(after_start)
        self._started = False
        window.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_START_MS, self, self._start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._start)  # once this paint is done, not during it
        return False

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        self._window.removeEventFilter(self)
        self.painted.emit()
        self._runner(partial(check_database_pages, self._database), self._passed, self._failed)

    def _passed(self, _nothing: None) -> None:
        self._backups.start()
        self._run_next_after_start()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, DatabaseDamaged):
            log.error("the database is damaged: %s", error)
            self.damaged.emit(str(error))
            return
        log.error("the database's pages could not be checked: %s", error)
        self._backups.start()
        self._run_next_after_start()

    def _run_next_after_start(self, _result: object = None) -> None:
        """Each piece when the one before is done, so they never take both cores."""
        if self._after_start:
            self._runner(self._after_start.pop(0), self._run_next_after_start, self._not_run)

    def _not_run(self, error: Exception) -> None:
        # Only the kind: a read's error could name what it read. The desk's action does it later.
        log.warning("work after start-up failed (%s)", type(error).__name__)
        self._run_next_after_start()
