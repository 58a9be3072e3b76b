"""Automatic backups while the desk is open: at start-up and every few hours (settings)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from medspa_desk.domain.clock import SystemClock
from medspa_desk.services.books.backups import default_backup_folder, make_backup, rotate_backups
from medspa_desk.services.desk import Desk
from medspa_desk.ui.background_work import Runner, run_in_background

log = logging.getLogger(__name__)


class BackupSchedule(QObject):
    finished = Signal(str)  # a sentence for the status bar
    failed = Signal(str)

    def __init__(
        self, desk: Desk, runner: Runner = run_in_background, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._folder: Path = default_backup_folder(desk.db.path, desk.settings)
        self._timer = QTimer(self)
        self._timer.setInterval(desk.settings.backup_every_hours * 3600 * 1000)
        self._timer.timeout.connect(lambda: self.back_up("scheduled"))

    def follow_settings(self) -> None:
        """Settings saved while the desk runs: back up where, and as often as, they now say."""
        self._folder = default_backup_folder(self._desk.db.path, self._desk.settings)
        interval = self._desk.settings.backup_every_hours * 3600 * 1000
        if interval != self._timer.interval():
            self._timer.setInterval(interval)  # a running timer starts its new wait now

    def start(self) -> None:
        self.back_up("startup")
        self._timer.start()

    def back_up(self, reason: str) -> None:
        database, folder, settings = self._desk.db.path, self._folder, self._desk.settings

        def work():
            # The computer's clock names backup files, even in training: they are real files.
            made = make_backup(database, folder, now=SystemClock().now(), reason=reason)
            rotate_backups(folder, database, settings)
            return made

        self._runner(work, self._done, self._failed)

    def _done(self, made) -> None:
        log.info("backup made: %s (%d bytes, %.2f s)", made.path, made.size_bytes, made.seconds)
        self.finished.emit(f"Backed up to {made.path.parent}.")

    def _failed(self, error: Exception) -> None:
        log.error("backup failed: %s", error)
        self.failed.emit(f"The backup did not work: {error}")
