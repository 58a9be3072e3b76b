"""Mail going out while the desk runs (issue 16): a round of the queue against a real SMTP
server, the status bar saying whether mail is getting out, and the queue window where a failed
message is seen with its reason and retried."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget, QToolButton

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.outgoing_mail import MailSecurity
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.ui.background_work import run_at_once
from medspa_desk.ui.mail_queue_window import MailQueueWindow
from medspa_desk.ui.mail_sending import MailSending
from tests.ui.conftest import DAY, ZONE, find, named


def _point_at(desk, port: int) -> None:
    desk.settings = replace(
        desk.settings, mail_host="127.0.0.1", mail_port=port, mail_security=MailSecurity.NONE
    )


def _book_sarah_tomorrow(desk, clinic) -> int:
    """Sarah (sarah@example.com) tomorrow at 10:00: her confirmation is due now, 24 h before."""
    starts = at_local(DAY + timedelta(days=1), time(10), ZONE)
    return book(
        desk,
        BookingRequest(clinic.clients["Sarah O'Brien"], clinic.staff["Mia Carter"],
                       clinic.services["HydraFacial"], starts),
    )  # fmt: skip


def _sending(window, desk) -> MailSending:
    sending = MailSending(desk, run_at_once, window)
    sending.said.connect(window.show_mail_state)
    window.mail_send_requested.connect(sending.send_now)
    return sending


def test_the_status_bar_says_mail_is_getting_out(qtbot, window, desk, clinic, clock, mailbox):
    _point_at(desk, mailbox.port)
    _book_sarah_tomorrow(desk, clinic)
    clock.set(clock.now() + timedelta(minutes=2))
    sending = _sending(window, desk)

    sending.send_now()

    assert [message["To"] for message in mailbox.received] == ["sarah@example.com"]
    assert find(window, "Mail", QToolButton).text() == "Mail: all sent"


def test_with_the_server_down_the_status_bar_says_so_and_the_queue_shows_why(
    qtbot, window, desk, clinic, clock, mailbox
):
    _point_at(desk, mailbox.port)
    mailbox.stop()
    _book_sarah_tomorrow(desk, clinic)
    clock.set(clock.now() + timedelta(minutes=2))
    _sending(window, desk).send_now()

    mail = find(window, "Mail", QToolButton)
    assert mail.text() == "Mail: 1 waiting · the server cannot be reached"
    qtbot.mouseClick(mail, Qt.MouseButton.LeftButton)
    queue = window.findChild(MailQueueWindow)
    assert queue is not None and queue.isVisible()
    table = find(queue, "Queued messages", QTableWidget)
    assert table.item(0, 0).text() == "Waiting"
    assert "refused the connection" in table.item(0, 6).text()


def test_a_failed_message_is_retried_from_the_queue(qtbot, window, desk, clinic, clock, mailbox):
    _point_at(desk, mailbox.port)
    mailbox.refuse_recipients = True
    _book_sarah_tomorrow(desk, clinic)
    clock.set(clock.now() + timedelta(minutes=2))
    _sending(window, desk).send_now()
    assert find(window, "Mail", QToolButton).text() == "Mail: 1 failed"

    queue = window.show_mail_queue()
    table = find(queue, "Queued messages", QTableWidget)
    assert table.item(0, 0).text() == "Failed" and "550" in table.item(0, 6).text()
    table.selectRow(0)
    mailbox.refuse_recipients = False
    qtbot.mouseClick(find(queue, "Retry message", QPushButton), Qt.MouseButton.LeftButton)

    assert len(mailbox.received) == 1
    assert find(window, "Mail", QToolButton).text() == "Mail: all sent"
    queue.read_again()
    assert table.item(0, 0).text() == "Sent"
    assert not named(queue, "Retry message", QPushButton).isEnabled()
