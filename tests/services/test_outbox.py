"""The outgoing-mail queue against a real SMTP server on localhost (aiosmtpd, started and stopped
by each test): a booking's confirmation arrives with its headers, text, HTML and .ics; with the
server down it waits, survives the desk being closed, and is delivered exactly once when the
server is back; a server that fails before or after accepting does not lose or double a message;
one the server refuses for good is failed with the reason."""

from __future__ import annotations

from datetime import timedelta

from medspa_desk.domain.confirmations import ConfirmationOutcome
from medspa_desk.domain.data_deletion import UpcomingBookings
from medspa_desk.domain.outgoing_mail import MailSecurity, MailState, retry_delay
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.mail.mail_server import MailServer
from medspa_desk.services.mail.outbox import mail_waiting, outbox, retry_message, send_due
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import Client, ConfirmationAttempt, OutgoingMessage
from tests.approvals import as_manager
from tests.services.booked_visits import TEN, booked
from tests.services.conftest import fetch, one

DUE = TEN - timedelta(hours=24)  # the confirmation lead before the visit


def _server(port: int) -> MailServer:
    return MailServer("127.0.0.1", port, MailSecurity.NONE, "", "hello@406medicalspa.com", 5.0)


def _emma_has_email(desk, clinic) -> None:
    with desk.db.writing() as session:
        session.get(Client, clinic.emma).email = "emma@example.com"


def test_a_bookings_confirmation_arrives_with_its_text_html_and_invitation(desk, clinic, mailbox):
    _emma_has_email(desk, clinic)
    appointment_id = booked(desk, clinic)
    assert send_due(desk.db, _server(mailbox.port), None, DUE - timedelta(seconds=1)).sent == 0

    report = send_due(desk.db, _server(mailbox.port), None, DUE)

    assert report.sent == 1
    (received,) = mailbox.received
    queued = one(desk, OutgoingMessage, appointment_id=appointment_id)
    assert received["Message-ID"] == queued.message_id
    assert (received["To"], received["From"]) == ("emma@example.com", "hello@406medicalspa.com")
    assert received["Subject"] == "Please confirm: Botox: frown lines on Thu Jun 11 at 10:00 AM"
    text = received.get_body(("plain",)).get_content()
    assert "Botox: frown lines with Kelsey Brandt" in text
    assert "$75 late cancellation fee" in text  # the clinic's words
    assert "tardiness of more than 10 minutes" in text
    assert "leave your pet at home" in text
    html = received.get_body(("html",)).get_content()
    assert "<strong>Botox: frown lines</strong> with Kelsey Brandt" in html
    (invite,) = [
        part for part in received.iter_attachments() if part.get_filename() == "invite.ics"
    ]
    ics = invite.get_content()
    assert "DTSTART:20260611T160000Z" in ics and "SUMMARY:Botox: frown lines with Kelsey" in ics
    assert one(desk, OutgoingMessage, id=queued.id).state is MailState.SENT
    attempt = one(desk, ConfirmationAttempt, appointment_id=appointment_id)
    assert attempt.outcome is ConfirmationOutcome.EMAIL_SENT


def test_a_client_without_an_email_gets_none(desk, clinic, mailbox):
    booked(desk, clinic)
    assert fetch(desk, OutgoingMessage) == []


def test_with_the_server_down_mail_waits_survives_a_restart_and_goes_once(
    desk, clinic, mailbox, tmp_path
):
    _emma_has_email(desk, clinic)
    booked(desk, clinic)
    mailbox.stop()

    report = send_due(desk.db, _server(mailbox.port), None, DUE)

    assert (report.sent, report.retrying) == (0, 1)
    assert "refused the connection" in report.error
    (waiting,) = outbox(desk)
    assert (waiting.state, waiting.attempts) == (MailState.WAITING, 1)
    assert waiting.next_attempt_at == DUE + retry_delay(1)
    path = desk.db.path
    desk.db.close()  # the desk is closed for the night
    reopened = open_database(path)
    try:
        assert mail_waiting(reopened) == 1
        mailbox.start()
        assert send_due(reopened, _server(mailbox.port), None, DUE).sent == 0  # not yet due
        assert send_due(reopened, _server(mailbox.port), None, DUE + retry_delay(1)).sent == 1
        assert send_due(reopened, _server(mailbox.port), None, DUE + timedelta(hours=2)).sent == 0
    finally:
        reopened.close()
    assert len(mailbox.received) == 1


def test_a_server_that_hangs_up_before_accepting_gets_the_message_again(desk, clinic, mailbox):
    _emma_has_email(desk, clinic)
    booked(desk, clinic)
    mailbox.drop_before_accepting = 1

    first = send_due(desk.db, _server(mailbox.port), None, DUE)
    second = send_due(desk.db, _server(mailbox.port), None, DUE + retry_delay(1))

    assert (first.sent, first.retrying, second.sent) == (0, 1, 1)
    assert len(mailbox.received) == 1


def test_a_server_that_hangs_up_after_accepting_does_not_get_it_twice(desk, clinic, mailbox):
    _emma_has_email(desk, clinic)
    with desk.db.writing() as session:
        session.get(Client, clinic.noah).email = "noah@example.com"
    booked(desk, clinic)
    booked(desk, clinic, client=clinic.noah, starts_at=TEN + timedelta(hours=1))
    mailbox.drop_after_accepting = 1

    first = send_due(desk.db, _server(mailbox.port), None, DUE + timedelta(hours=1))
    second = send_due(desk.db, _server(mailbox.port), None, DUE + timedelta(hours=2))

    assert (first.sent, first.retrying, second.sent) == (1, 1, 1)
    ids = [message["Message-ID"] for message in mailbox.received]
    assert len(ids) == 2 and len(set(ids)) == 2  # each delivered exactly once


def test_an_address_refused_for_good_is_failed_with_the_reason_and_can_be_retried(
    desk, clinic, mailbox
):
    _emma_has_email(desk, clinic)
    booked(desk, clinic)
    mailbox.refuse_recipients = True

    report = send_due(desk.db, _server(mailbox.port), None, DUE)

    assert report.failed == 1
    (failed,) = outbox(desk)
    assert failed.state is MailState.FAILED
    assert "550" in failed.last_error and "No such user here" in failed.last_error
    assert send_due(desk.db, _server(mailbox.port), None, DUE + timedelta(days=1)).sent == 0
    mailbox.refuse_recipients = False
    retry_message(desk, failed.message_id)
    assert send_due(desk.db, _server(mailbox.port), None, desk.clock.now()).sent == 1


def test_a_booking_called_off_before_its_mail_went_is_not_written_to(desk, clinic, mailbox):
    _emma_has_email(desk, clinic)
    appointment_id = booked(desk, clinic)
    cancel(desk, appointment_id, by_clinic=False, reason="Client called")

    report = send_due(desk.db, _server(mailbox.port), None, DUE)

    assert report.sent == 0 and mailbox.received == []
    assert one(desk, OutgoingMessage, appointment_id=appointment_id).state is MailState.CANCELLED


def test_a_client_anonymized_leaves_nothing_of_theirs_in_the_queue(desk, clinic, mailbox):
    _emma_has_email(desk, clinic)
    booked(desk, clinic, starts_at=TEN + timedelta(days=7))
    anonymize_client(
        as_manager(desk), clinic.emma, reason="Asked by email", upcoming=UpcomingBookings.KEEP
    )

    message = one(desk, OutgoingMessage, client_id=clinic.emma)
    assert (message.to_address, message.state) == ("", MailState.CANCELLED)
    assert "Emma" not in message.text_body + message.subject
