"""The outgoing-mail queue as the desk sees it (from the status bar's Mail button): what waits,
what went, what failed and why; a failed message retried or cancelled. Never modal."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.outgoing_mail import MailState
from medspa_desk.domain.time_wording import clock_time, weekday_and_date
from medspa_desk.services.mail.mail_server import mail_server
from medspa_desk.services.mail.outbox import QueuedMail, cancel_message, outbox, retry_message
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button
from medspa_desk.ui.side_windows import fill_rows, fit_beside, row_table

if TYPE_CHECKING:
    from datetime import datetime

    from medspa_desk.services.desk import Desk

COLUMNS = ("State", "To", "Subject", "Queued", "Next try / sent", "Tries", "Reason")


class MailQueueWindow(QWidget):
    send_requested = Signal()  # Retry: a round of the queue now

    def __init__(
        self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._desk = desk
        self._desk_actions = desk_actions
        self._shown: list[QueuedMail] = []
        self.setWindowTitle("Outgoing mail")
        self.setAccessibleName("Outgoing mail")
        self._server = QLabel()
        self._server.setAccessibleName("Mail server")
        # To and Subject cut with "…" (whole in their tooltips): the reason stays in sight.
        self.table = row_table("Queued messages", COLUMNS, set_widths={"To": 190, "Subject": 300})
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._show_choices)
        self._retry = named_button("Retry", "Retry message", "Send it at the next round, now")
        self._retry.clicked.connect(self._retry_selected)
        self._cancel = named_button("Cancel message", "Cancel message", "Never send it")
        self._cancel.clicked.connect(self._cancel_selected)
        self.message = MessageLine("Outgoing mail message")
        buttons = QHBoxLayout()
        buttons.addWidget(self._retry)
        buttons.addWidget(self._cancel)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._server)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        fit_beside(self, 1100, 460)
        self.read_again()

    def read_again(self) -> None:
        server = mail_server(self._desk.settings)
        self._server.setText(
            f"Sent through {server.host}:{server.port} as {server.from_address}."
            if server is not None
            else "No mail server is set up (Clinic set-up, Settings): mail waits here."
        )
        self._shown = outbox(self._desk)
        zone = self._desk.settings.zone
        fill_rows(self.table, [_cells(mail, zone) for mail in self._shown])
        self._show_choices()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.read_again()

    def _selected(self) -> QueuedMail | None:
        rows = self.table.selectionModel().selectedRows()
        return self._shown[rows[0].row()] if rows else None

    def _show_choices(self) -> None:
        chosen = self._selected()
        self._retry.setEnabled(chosen is not None and chosen.state is MailState.FAILED)
        self._cancel.setEnabled(
            chosen is not None and chosen.state in (MailState.WAITING, MailState.FAILED)
        )

    def _retry_selected(self) -> None:
        chosen = self._selected()
        if chosen is not None and self._desk_actions.run(
            lambda: retry_message(self._desk, chosen.message_id),
            BooksChanged.of(),
            lambda _done: self.message.note("It goes out at the next round."),
            refuse_here=self.message.refuse,
        ):
            self.read_again()
            self.send_requested.emit()

    def _cancel_selected(self) -> None:
        chosen = self._selected()
        if chosen is not None and self._desk_actions.run(
            lambda: cancel_message(self._desk, chosen.message_id),
            BooksChanged.of(),
            lambda _done: self.message.note("Cancelled: it will not be sent."),
            refuse_here=self.message.refuse,
        ):
            self.read_again()


def _cells(mail: QueuedMail, zone: ZoneInfo) -> tuple[str, ...]:
    later = mail.sent_at if mail.state is MailState.SENT else mail.next_attempt_at
    if mail.state in (MailState.FAILED, MailState.CANCELLED):
        later = None
    return (mail.state.label, mail.to_address, mail.subject, _when(mail.created_at, zone),
            _when(later, zone), str(mail.attempts), mail.last_error)  # fmt: skip


def _when(instant: datetime | None, zone: ZoneInfo) -> str:
    if instant is None:
        return ""
    local = instant.astimezone(zone)
    return f"{weekday_and_date(local.date())}, {clock_time(local, zone)}"
