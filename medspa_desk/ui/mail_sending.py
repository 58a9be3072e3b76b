"""Mail going out while the desk runs: a round of the queue every minute (and soon after a
change that queued something), off the GUI thread, and the status bar's word on whether mail is
getting out. The queue and the sending are services.mail's; nothing here waits on the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from medspa_desk.services.mail.mail_server import mail_password, mail_server
from medspa_desk.services.mail.outbox import SendReport, mail_counts, send_due
from medspa_desk.ui.background_work import Runner, run_in_background

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

ROUND_MS = 60_000
SOON_MS = 2_000  # after a booking: its mail may be due now


class MailSending(QObject):
    said = Signal(str)  # "Mail: 2 waiting · server not reachable", for the status bar

    def __init__(
        self,
        desk: Desk,
        runner: Runner = run_in_background,
        parent: QObject | None = None,
        *,
        round_ms: int = ROUND_MS,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._busy = False
        self._last = SendReport()
        self._timer = QTimer(self)
        self._timer.setInterval(round_ms)
        self._timer.timeout.connect(self.send_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SOON_MS)
        self._soon.timeout.connect(self.send_now)

    def start(self) -> None:
        self._timer.start()
        self.send_now()

    def send_soon(self) -> None:
        self._soon.start()

    def send_now(self) -> None:
        """One round of the queue, in the background; the status bar told after it."""
        if self._busy:
            return
        server = mail_server(self._desk.settings)
        if server is None:
            self._tell()
            return
        self._busy = True
        db, clock = self._desk.db, self._desk.clock
        password = mail_password(server)  # the credential store answers at once

        def work() -> SendReport:
            return send_due(db, server, password, clock.now())

        self._runner(work, self._sent, self._failed)

    def _sent(self, report: SendReport) -> None:
        self._busy = False
        self._last = report
        self._tell()

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self._last = SendReport(error=f"Mail could not be sent: {error}")
        self._tell()

    def _tell(self) -> None:
        waiting, failed = mail_counts(self._desk.db)
        if mail_server(self._desk.settings) is None:
            words = f"Mail: {waiting} waiting · no mail server set up" if waiting else ""
        elif failed:
            words = f"Mail: {failed} failed" + (f", {waiting} waiting" if waiting else "")
        elif waiting and self._last.error:
            words = f"Mail: {waiting} waiting · the server cannot be reached"
        elif waiting:
            words = f"Mail: {waiting} waiting"
        else:
            words = "Mail: all sent"
        self.said.emit(words)
