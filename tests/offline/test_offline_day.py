"""The internet at the clinic goes down, and the desk must not notice.

The whole desk day (tests/offline/desk_day.py) runs in a process with no network: in a network
namespace of its own where the machine allows one (`unshare -n`: not even a loopback that is
up), and otherwise with every socket refused inside the process. It must pass, and must not
hang on a network timeout: a day that has not finished in two minutes fails (a deadline for a
hang, far above the few seconds the day takes, so a busy machine does not fail it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.outgoing_mail import MailSecurity
from medspa_desk.services.mail.mail_server import MailServer
from medspa_desk.services.mail.outbox import mail_waiting, send_due
from medspa_desk.storage.database import open_database
from tests.offline.desk_day import DAY, NEXT_VISIT_DAYS
from tests.pdf_text import pdf_text

REPO = Path(__file__).parents[2]
ZONE = ZoneInfo("America/Denver")
NO_SOCKETS = """
import runpy, socket, sys

def refuse(*args, **kwargs):
    raise OSError("the network is down (test)")

class NoNetwork(socket.socket):  # a socket may be made; it cannot reach anything
    connect = connect_ex = sendto = refuse

socket.socket = NoNetwork
socket.create_connection = socket.getaddrinfo = refuse
sys.argv = ["desk_day", sys.argv[1]]
runpy.run_module("tests.offline.desk_day", run_name="__main__")
"""


def can_unshare_network() -> bool:
    return (
        shutil.which("unshare") is not None
        and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    )


def run_desk_day(command: list[str], folder: Path, mailbox) -> None:
    """Run the day; it must end well, with the receipt and the Z report it printed saying what
    the day did, and the confirmation emails it could not send waiting in the queue, to go out
    once, when the line is back."""
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    done = re.search(r"desk day done: receipt (\d+), total (\d+) cents, day closed", result.stdout)
    assert done, result.stdout
    receipt, total = int(done[1]), format_cents(int(done[2]))
    receipt_text = pdf_text(folder / "receipt.pdf")
    assert f"Receipt {receipt}" in receipt_text and total in receipt_text, receipt_text
    z_report = pdf_text(folder / "z-report.pdf")
    assert "Z report for Wednesday December 2, 2026: closed" in z_report, z_report
    assert "Sales completed 1 " in z_report and f"Total taken {total}" in z_report, z_report
    assert "mail waiting: 2 (The mail server cannot be reached" in result.stdout, result.stdout
    _the_line_comes_back(folder, mailbox)


def _the_line_comes_back(folder: Path, mailbox) -> None:
    """The day before the client's next visit, with the network back: the queue goes out once.
    The confirmation of today's visit, which began while the line was down, is not sent."""
    db = open_database(folder / "clinic.sqlite3")
    try:
        server = MailServer(
            "127.0.0.1", mailbox.port, MailSecurity.NONE, "", "hello@406medicalspa.com"
        )
        day_before = at_local(DAY + timedelta(days=NEXT_VISIT_DAYS - 1), time(18), ZONE)
        report = send_due(db, server, None, day_before)
        assert (report.sent, mail_waiting(db)) == (1, 0), report
        assert send_due(db, server, None, day_before + timedelta(hours=1)).sent == 0
    finally:
        db.close()
    (received,) = mailbox.received
    assert received["To"] == "zoe@example.com"
    subject = received["Subject"].strip()  # a long subject may be folded after its colon
    assert subject.startswith("Please confirm:") and "Wed Dec 9" in subject


def test_the_whole_desk_day_with_every_socket_refused(tmp_path, mailbox):
    run_desk_day([sys.executable, "-c", NO_SOCKETS, str(tmp_path)], tmp_path, mailbox)


def test_the_whole_desk_day_in_a_process_with_no_network_at_all(tmp_path, mailbox):
    if not can_unshare_network():
        import pytest

        pytest.skip(
            "this machine allows no network namespace (unshare -n); the socket test covers it"
        )
    run_desk_day(
        ["unshare", "-n", sys.executable, "-m", "tests.offline.desk_day", str(tmp_path)],
        tmp_path,
        mailbox,
    )
