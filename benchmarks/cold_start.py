"""Cold start to first idle, against the floor, in fresh processes taken in turns.

Each start is a new Python process (benchmarks.first_idle): the floor (import PySide6 and
SQLAlchemy, show an empty QMainWindow), then the desk on the books (the sign-in screen), then
`--demo` (signed in, on the calendar), then the floor again, and so on, so a machine that slows
down in the middle slows all three. The demo is the run's own, built for the run's day by the
unmeasured first `--demo` start, as a newcomer's first start of a day builds it. Each process's
data folders (log, window settings) are the run's own, and the desk's start-up backups land
beside the run's copy of the books, never in the user's folders.

All start from compiled bytecode, as an installed desk does (the installer ships it, and pip
writes it): the run keeps its own bytecode cache (PYTHONPYCACHEPREFIX), which the unmeasured
first start fills, so a shell that sets PYTHONDONTWRITEBYTECODE does not charge the desk for
compiling its sources at every start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time as stopwatch
from pathlib import Path

from benchmarks.first_idle import READY
from benchmarks.frame_timing import percentile

REPO = Path(__file__).resolve().parent.parent
# A start that has not gone idle by then is stuck (a dialog waiting for a person, say).
START_TIMEOUT_S = 120


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "bytecode")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
    ):
        env[variable] = str(home / folder)
    return env


def time_to_first_idle(arguments: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process until it first went idle (it then ends itself)."""
    started = stopwatch.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.first_idle", *arguments],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    try:
        _out, errors = process.communicate(timeout=START_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, errors = process.communicate()
    if not line.startswith(READY):
        raise RuntimeError(f"{' '.join(arguments)} never went idle: {errors.strip()[-2000:]}")
    return float(line[len(READY) :]) - started


def _clear_unfinished_backups(books: Path) -> None:
    """A start ended at its first idle leaves its backup half-copied: those are removed."""
    for partial in (books.parent / "backups").glob("*.partial"):
        partial.unlink(missing_ok=True)


def cold_start(books: Path, now: str, starts: int, home: Path) -> list[dict]:
    """The floor, the desk's start on `books` and `--demo`'s, `starts` times each in turns, after
    one of each unmeasured (which also migrates the copy of the books, if it is older than the
    app, and builds the demo)."""
    env = _environment(home)
    demo = home / "demo.sqlite3"
    kinds = {
        "cold start to first idle (these books, sign-in screen)": ["desk", str(books), now],
        "cold start to first idle (--demo, on the calendar)": ["demo", str(demo), now],
    }
    floors: list[float] = []
    timed: dict[str, list[float]] = {name: [] for name in kinds}
    for number in range(starts + 1):
        floor_seconds = time_to_first_idle(["floor"], env)
        seconds = {name: time_to_first_idle(arguments, env) for name, arguments in kinds.items()}
        _clear_unfinished_backups(books)
        _clear_unfinished_backups(demo)
        if number:
            floors.append(floor_seconds)
            for name, taken in seconds.items():
                timed[name].append(taken)
    floor = statistics.median(floors)
    return [
        {
            "name": name,
            "n": starts,
            "median_ms": statistics.median(desks) * 1000,
            "p95_ms": percentile(desks, 95) * 1000,
            "floor_median_ms": floor * 1000,
            "floor_p95_ms": percentile(floors, 95) * 1000,
            "ratio_median": statistics.median(desks) / floor,
            "ratio_p95": percentile(desks, 95) / floor,
        }
        for name, desks in timed.items()
    ]
