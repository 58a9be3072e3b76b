"""The outgoing-mail queue: a message written into the books in the same transaction as the change
that caused it, sent later by send_due (from a worker off the GUI thread), tried again with
back-off while the line is down, and marked sent once the server has accepted it (the rules are
domain.outgoing_mail's).

The queue holds contact details and what a client is booked for: a client's data deleted takes
their messages' addresses and texts with it (anonymization), and nothing of it goes to the log.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from medspa_desk.domain.confirmations import ConfirmationOutcome
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.domain.outgoing_mail import (
    MailSecurity,
    MailState,
    refused_for_good,
    retry_delay,
)
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.mail.mail_server import MailServer
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Appointment, ConfirmationAttempt, OutgoingMessage

if TYPE_CHECKING:
    import smtplib
    from email.message import EmailMessage

# smtplib, ssl and the email package are imported where a message is made or sent: together some
# 40 ms that a start of the desk must not pay before the window shows.


@dataclass(frozen=True)
class Composed:
    """A message ready to queue."""

    to_address: str
    subject: str
    text_body: str
    html_body: str = ""
    calendar_ics: str = ""  # an invitation to attach as invite.ics, or ""


@dataclass(frozen=True)
class QueuedMail:
    message_id: int
    to_address: str
    subject: str
    state: MailState
    created_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    last_error: str
    sent_at: datetime | None


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    error: str = ""  # the last reason a send did not go through, for the status bar


def queue_message(
    session: Session,
    composed: Composed,
    now: datetime,
    *,
    domain: str,
    appointment_id: int | None = None,
    client_id: int | None = None,
) -> OutgoingMessage:
    """Queue `composed` inside the caller's transaction: it goes out only if the change that
    caused it is written, and with it."""
    from email.utils import make_msgid

    message = OutgoingMessage(
        message_id=make_msgid(domain=domain),
        to_address=composed.to_address,
        subject=composed.subject,
        text_body=composed.text_body,
        html_body=composed.html_body,
        calendar_ics=composed.calendar_ics,
        appointment_id=appointment_id,
        client_id=client_id,
        created_at=now,
        state=MailState.WAITING,
        attempts=0,
        next_attempt_at=now,
        last_error="",
    )
    session.add(message)
    session.flush()
    return message


def outbox(desk: Desk, *, newest: int = 200) -> list[QueuedMail]:
    """The queue as the desk sees it: waiting and failed first (oldest first), then the newest
    sent and cancelled."""
    with desk.db.reading() as session:
        rows = session.scalars(
            select(OutgoingMessage).order_by(OutgoingMessage.id.desc()).limit(newest)
        ).all()
    pending = [row for row in rows if row.state in (MailState.WAITING, MailState.FAILED)]
    done = [row for row in rows if row.state not in (MailState.WAITING, MailState.FAILED)]
    return [_queued(row) for row in [*reversed(pending), *done]]


def mail_waiting(db: Database) -> int:
    """How many messages wait to go out."""
    return mail_counts(db)[0]


def mail_counts(db: Database) -> tuple[int, int]:
    """How many messages wait to go out, and how many failed: what the status bar says."""
    with db.reading() as session:
        counts = dict(
            session.execute(
                select(OutgoingMessage.state, func.count(OutgoingMessage.id))
                .where(OutgoingMessage.state.in_([MailState.WAITING, MailState.FAILED]))
                .group_by(OutgoingMessage.state)
            ).all()
        )
    return counts.get(MailState.WAITING, 0), counts.get(MailState.FAILED, 0)


def retry_message(desk: Desk, message_id: int) -> None:
    """Send a failed (or waiting) message again at the next round, now."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BOOK)
        message = _message(session, message_id)
        if message.state not in (MailState.FAILED, MailState.WAITING):
            raise DeskRefusal(f"This message was {message.state.label.lower()}: nothing to retry.")
        message.state, message.next_attempt_at = MailState.WAITING, now


def cancel_message(desk: Desk, message_id: int) -> None:
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BOOK)
        message = _message(session, message_id)
        if message.state is MailState.SENT:
            raise DeskRefusal("This message was sent already: it cannot be called back.")
        message.state = MailState.CANCELLED


def send_due(db: Database, server: MailServer, password: str | None, now: datetime) -> SendReport:
    """Send every message due by `now`, one connection for the round. Each message's outcome is
    written at once, in its own transaction: sent as soon as the server accepted it."""
    import smtplib

    with db.reading() as session:
        due = session.scalars(
            select(OutgoingMessage.id)
            .where(
                OutgoingMessage.state == MailState.WAITING,
                or_(
                    OutgoingMessage.next_attempt_at.is_(None),
                    OutgoingMessage.next_attempt_at <= now,
                ),
            )
            .order_by(OutgoingMessage.id)
        ).all()
    if not due:
        return SendReport()
    sent = retrying = failed = skipped = 0
    error = ""
    try:
        connection = _connect(server, password)
    except (OSError, smtplib.SMTPException) as trouble:
        error = _reason(trouble)
        for message_id in due:
            _not_now(db, message_id, error, now)
        return SendReport(retrying=len(due), error=error)
    try:
        for message_id in due:
            with db.reading() as session:
                message = _message(session, message_id)
                ahead = _booking_still_ahead(session, message, now)
                email = _email(message, server.from_address) if ahead else None
            if email is None:
                _cancel_unsent(db, message_id)
                skipped += 1
                continue
            try:
                connection.send_message(email)
            except smtplib.SMTPRecipientsRefused as refused:
                codes = [code for code, _text in refused.recipients.values()]
                error = _reason(refused)
                if codes and all(refused_for_good(code) for code in codes):
                    _failed(db, message_id, error)
                    failed += 1
                else:
                    _not_now(db, message_id, error, now)
                    retrying += 1
            except smtplib.SMTPResponseException as refused:
                error = _reason(refused)
                if refused_for_good(refused.smtp_code):
                    _failed(db, message_id, error)
                    failed += 1
                else:
                    _not_now(db, message_id, error, now)
                    retrying += 1
            except (OSError, smtplib.SMTPException) as trouble:
                # The line went before the server said it had the message: not delivered.
                error = _reason(trouble)
                _not_now(db, message_id, error, now)
                retrying += 1
                break
            else:
                _sent(db, message_id, now)  # accepted: never sent again
                sent += 1
    finally:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            pass  # what was accepted is sent; the rest waits for the next round
    done = sent + retrying + failed + skipped
    left = len(due) - done
    if left:  # not tried this round, after the line went
        for message_id in due[done:]:
            _not_now(db, message_id, error, now, counted=False)
    return SendReport(sent, retrying + left, failed, error)


# -- the connection and the message ------------------------------------------------------------


def _connect(server: MailServer, password: str | None) -> smtplib.SMTP:
    import smtplib
    import ssl

    context = ssl.create_default_context()
    if server.security is MailSecurity.SSL:
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            server.host, server.port, timeout=server.timeout_seconds, context=context
        )
    else:
        connection = smtplib.SMTP(server.host, server.port, timeout=server.timeout_seconds)
        if server.security is MailSecurity.STARTTLS:
            connection.starttls(context=context)
    if server.user:
        connection.login(server.user, password or "")
    return connection


def _email(message: OutgoingMessage, from_address: str) -> EmailMessage:
    from email.message import EmailMessage
    from email.utils import format_datetime

    email = EmailMessage()
    email["From"] = from_address
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id  # the same at every attempt
    email.set_content(message.text_body)
    if message.html_body:
        email.add_alternative(message.html_body, subtype="html")
    if message.calendar_ics:
        email.add_attachment(
            message.calendar_ics.encode("utf-8"),
            maintype="text",
            subtype="calendar",
            filename="invite.ics",
            params={"method": "PUBLISH"},
        )
    return email


def _reason(trouble: BaseException) -> str:
    import smtplib

    if isinstance(trouble, smtplib.SMTPResponseException):
        return f"The mail server said {trouble.smtp_code}: {_said(trouble.smtp_error)}"
    if isinstance(trouble, smtplib.SMTPRecipientsRefused):
        code, said = next(iter(trouble.recipients.values()))
        return f"The mail server refused the address ({code}: {_said(said)})"
    if isinstance(trouble, socket.timeout):
        return "The mail server did not answer in time."
    if isinstance(trouble, ConnectionRefusedError):
        return "The mail server refused the connection (is it running?)."
    if isinstance(trouble, OSError):
        return f"The mail server cannot be reached: {trouble.strerror or trouble}."
    return f"Mail could not be sent: {trouble}."


def _said(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


# -- outcomes, each written at once -----------------------------------------------------------------


def _sent(db: Database, message_id: int, now: datetime) -> None:
    with db.writing() as session:
        message = _message(session, message_id)
        message.state, message.sent_at, message.last_error = MailState.SENT, now, ""
        message.attempts += 1
        if message.appointment_id is not None:  # the worklist shows it as an attempt made
            session.add(
                ConfirmationAttempt(
                    appointment_id=message.appointment_id,
                    at=now,
                    by_staff_id=None,
                    channel=ConsentChannel.EMAIL,
                    outcome=ConfirmationOutcome.EMAIL_SENT,
                    note="",
                )
            )


def _booking_still_ahead(session: Session, message: OutgoingMessage, now: datetime) -> bool:
    """Whether the booking a message is about (if any) is still to come: one called off or
    begun is not written to."""
    if message.appointment_id is None:
        return True
    appointment = session.get(Appointment, message.appointment_id)
    return (
        appointment is not None
        and appointment.status.awaiting_arrival
        and appointment.starts_at > now
    )


def _cancel_unsent(db: Database, message_id: int) -> None:
    with db.writing() as session:
        message = _message(session, message_id)
        message.state = MailState.CANCELLED
        message.last_error = "The booking was called off (or began) before this went out."


def _failed(db: Database, message_id: int, reason: str) -> None:
    with db.writing() as session:
        message = _message(session, message_id)
        message.state, message.last_error = MailState.FAILED, reason
        message.attempts += 1


def _not_now(
    db: Database, message_id: int, reason: str, now: datetime, *, counted: bool = True
) -> None:
    with db.writing() as session:
        message = _message(session, message_id)
        if counted:
            message.attempts += 1
        message.last_error = reason
        message.next_attempt_at = now + retry_delay(max(message.attempts, 1))


def _message(session: Session, message_id: int) -> OutgoingMessage:
    message = session.get(OutgoingMessage, message_id)
    if message is None:
        raise DeskRefusal(f"There is no outgoing message number {message_id}.")
    return message


def _queued(row: OutgoingMessage) -> QueuedMail:
    return QueuedMail(row.id, row.to_address, row.subject, row.state, row.created_at,
                      row.attempts, row.next_attempt_at, row.last_error, row.sent_at)  # fmt: skip
