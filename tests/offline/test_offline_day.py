"""The internet at the clinic goes down, and the desk must not notice.

The whole desk day (tests/offline/desk_day.py) runs in a process with no network: in a network
namespace of its own where the machine allows one (`unshare -n`: not even a loopback that is
up), and otherwise with every socket refused inside the process. It must pass, and quickly:
nothing may sit waiting for a network timeout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).parents[2]
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
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-n", "true"], capture_output=True
    ).returncode == 0


def run_desk_day(command: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    return result, time.monotonic() - started


def test_the_whole_desk_day_with_every_socket_refused(tmp_path):
    result, seconds = run_desk_day([sys.executable, "-c", NO_SOCKETS, str(tmp_path)])
    assert result.returncode == 0, result.stderr
    assert "desk day done" in result.stdout
    assert (tmp_path / "receipt.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "z-report.pdf").read_bytes().startswith(b"%PDF")
    assert seconds < 30


def test_the_whole_desk_day_in_a_process_with_no_network_at_all(tmp_path):
    if not can_unshare_network():
        import pytest

        pytest.skip("this machine allows no network namespace (unshare -n); the socket test covers it")
    result, seconds = run_desk_day(["unshare", "-n", sys.executable, "-m", "tests.offline.desk_day", str(tmp_path)])
    assert result.returncode == 0, result.stderr
    assert "desk day done" in result.stdout
    assert seconds < 30
