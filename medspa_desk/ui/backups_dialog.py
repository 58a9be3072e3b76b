"""Backups from the window: make one now, check the books, restore one (managers only).

Backing up and checking run off the GUI thread with progress shown; restoring replaces the
books, so the window hands it to start-up (run_window), which closes the database, restores
and opens the desk again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from medspa_desk.domain.clock import SystemClock
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.books.backups import (
    backups_in,
    check_books,
    default_backup_folder,
    make_backup,
    rotate_backups,
)
from medspa_desk.services.desk import Desk
from medspa_desk.services.staff_access.permissions import may
from medspa_desk.ui.background_work import Runner, run_in_background
from medspa_desk.ui.message_line import MessageLine


class BackupsDialog(QDialog):
    restore_chosen = Signal(Path)
    _pages_done = Signal(int, int)  # from the backup's thread to the progress bar

    def __init__(self, desk: Desk, runner: Runner = run_in_background, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.setAccessibleName("Backups")
        self._desk, self._runner = desk, runner
        self._folder = default_backup_folder(desk.db.path, desk.settings)

        self._where = QLabel(f"Backups are kept in {self._folder}")
        self._where.setWordWrap(True)
        self._list = QListWidget()
        self._list.setAccessibleName("Backup list")
        self._progress = QProgressBar()
        self._progress.setAccessibleName("Backup progress")
        self._progress.hide()
        self._message = MessageLine("Backup message")

        self._back_up = self._button("Back up now", self._start_backup)
        self._check = self._button("Check the books", self._start_check)
        self._restore = self._button("Restore selected…", self._confirm_restore)
        close = self._button("Close", self.reject)
        if not self._at_desk_is_manager():
            self._restore.setEnabled(False)
            self._restore.setToolTip("Restoring replaces the books: a manager must be at the desk")
        self._list.currentItemChanged.connect(self._enable_restore)
        self._pages_done.connect(self._show_pages)

        buttons = QHBoxLayout()
        for button in (self._back_up, self._check, self._restore):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (self._where, self._list, self._progress, self._message):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.resize(560, 420)
        self._show_backups()

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _at_desk_is_manager(self) -> bool:
        return may(self._desk, DeskPermission.RESTORE_BACKUP)

    def _show_backups(self) -> None:
        self._list.clear()
        zone = self._desk.settings.zone
        for backup in backups_in(self._folder, self._desk.db.path):
            size = backup.path.stat().st_size / 1e6
            taken = backup.taken_at.astimezone(zone).strftime("%a %b %d %Y, %I:%M %p")
            item = QListWidgetItem(f"{taken} · {backup.reason} · {size:.1f} MB")
            item.setData(Qt.ItemDataRole.UserRole, backup.path)
            self._list.addItem(item)
        self._enable_restore()

    def _enable_restore(self, *_args) -> None:
        self._restore.setEnabled(
            self._at_desk_is_manager() and self._list.currentItem() is not None
        )

    def _busy(self, text: str) -> None:
        for button in (self._back_up, self._check, self._restore):
            button.setEnabled(False)
        self._message.note(text)
        self._progress.setRange(0, 0)
        self._progress.show()

    def _idle(self, text: str, *, refused: bool = False) -> None:
        self._progress.hide()
        (self._message.refuse if refused else self._message.note)(text)
        self._back_up.setEnabled(True)
        self._check.setEnabled(True)
        self._enable_restore()

    def _show_pages(self, done: int, total: int) -> None:
        self._progress.setRange(0, max(total, 1))
        self._progress.setValue(done)

    def _start_backup(self) -> None:
        self._busy("Backing up…")
        database, folder, settings = self._desk.db.path, self._folder, self._desk.settings

        def work():
            made = make_backup(
                database,
                folder,
                now=SystemClock().now(),
                reason="manual",
                progress=self._pages_done.emit,
            )
            rotate_backups(folder, database, settings)
            return made

        self._runner(
            work,
            self._backup_done,
            lambda error: self._idle(f"The backup did not work: {error}", refused=True),
        )

    def _backup_done(self, made) -> None:
        self._show_backups()
        self._idle(
            f"Backed up: {made.path.name} ({made.size_bytes / 1e6:.1f} MB in {made.seconds:.1f} s)."
        )

    def _start_check(self) -> None:
        self._busy("Checking the books…")
        database = self._desk.db.path
        self._runner(
            lambda: check_books(database),
            self._check_done,
            lambda error: self._idle(f"The check failed: {error}", refused=True),
        )

    def _check_done(self, report) -> None:
        if report.ok:
            self._idle(
                "The books check out: integrity, foreign keys and receipt numbers are all in order."
            )
        else:
            self._idle(
                "Problems found:\n" + "\n".join(f"• {finding}" for finding in report.findings),
                refused=True,
            )

    def _confirm_restore(self) -> None:
        item = self._list.currentItem()
        if item is None:
            return
        path = item.data(Qt.ItemDataRole.UserRole)
        question = QMessageBox(
            QMessageBox.Icon.Warning,
            "Restore this backup?",
            f"The books go back to {item.text()}. Everything saved since then is set aside (kept "
            "in a copy beside the backups, not lost). The desk closes the database and opens again.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        question.setAccessibleName("Confirm restore")
        question.buttonClicked.connect(
            lambda button: (
                question.standardButton(button) == QMessageBox.StandardButton.Yes
                and self._restore_confirmed(path)
            )
        )
        question.open()
        self._question = question  # kept for tests, and alive while shown

    def _restore_confirmed(self, path: Path) -> None:
        self.restore_chosen.emit(path)
        self.accept()
