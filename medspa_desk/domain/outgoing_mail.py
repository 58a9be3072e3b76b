"""Mail the desk sends: the states of a queued message, and when a failed send is tried again.

Every message is queued in the books in the same transaction as the change that caused it, and
sent by a worker when the line is up. With the network or the mail server down it waits, and is
tried again later and later (a minute, then doubling, at most an hour apart), never given up on:
the internet at the clinic comes back. A message the server refuses for good (a 5xx reply: no
such mailbox) is failed with the server's reason, for the desk to correct and retry.

Exactly once: a message is marked sent as soon as the server has accepted it (its reply to the
message's data), before the connection is closed, so a line that drops after that does not send
it again; one that drops before the server accepted it was not delivered, and is sent again
under the same Message-ID.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)


class MailSecurity(StrEnum):
    """How the connection to the clinic's mail server is protected."""

    STARTTLS = "starttls"  # plain, then upgraded (port 587)
    SSL = "ssl"  # encrypted from the first byte (port 465)
    NONE = "none"  # a server on the clinic's own network only

    @property
    def label(self) -> str:
        return {"starttls": "STARTTLS", "ssl": "SSL/TLS", "none": "None (local server)"}[self.value]


class MailState(StrEnum):
    WAITING = "waiting"  # to be sent, now or at its next attempt
    SENT = "sent"
    FAILED = "failed"  # refused for good; the desk may retry it or cancel it
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    MailState.WAITING: "Waiting",
    MailState.SENT: "Sent",
    MailState.FAILED: "Failed",
    MailState.CANCELLED: "Cancelled",
}


def retry_delay(failed_attempts: int) -> timedelta:
    """How long to wait after this many failed attempts in a row: 1, 2, 4 … minutes, at most an
    hour."""
    if failed_attempts < 1:
        return timedelta(0)
    doubled: timedelta = FIRST_RETRY * (2 ** min(failed_attempts - 1, 16))
    return min(doubled, LONGEST_WAIT)


def refused_for_good(smtp_code: int) -> bool:
    """Whether the server's reply means the message will never be taken as it is (5xx), rather
    than not now (4xx, or no reply at all)."""
    return 500 <= smtp_code < 600
