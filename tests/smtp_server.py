"""A real SMTP server on localhost (aiosmtpd), started and stopped by a test, that keeps what it
accepted and misbehaves when asked to: refuses recipients, hangs up before or after accepting."""

from __future__ import annotations

import asyncio
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


class Mailbox:
    """What the server accepted; how it misbehaves, if asked to."""

    def __init__(self) -> None:
        self.received: list[email.message.EmailMessage] = []
        self.refuse_recipients = False
        self.drop_before_accepting = 0  # this many messages: hang up instead of answering
        self.drop_after_accepting = 0  # this many: accept, then hang up

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.drop_before_accepting:
            self.drop_before_accepting -= 1
            server.transport.close()
            return None
        self.received.append(email.message_from_bytes(envelope.content, policy=policy.default))
        if self.drop_after_accepting:
            self.drop_after_accepting -= 1
            asyncio.get_running_loop().call_soon(server.transport.close)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        # A Controller's loop ends with it: a server started again is a new one, on the port.
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.controller.stop()
            self.running = False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox():
    box = Mailbox()
    box.port, box.running = _free_port(), False
    box.start()
    yield box
    box.stop()
