"""Timing side by side: an action, and a baseline of the same kind taken in turns with it (the
same action on a clinic with little history, or one plain read of every client), so that a busy
machine or a slow disk slows both alike and their ratio still says how heavy the action is."""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import time as stopwatch
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class SideBySide:
    label: str
    action_seconds: float  # median
    baseline_seconds: float  # median of the baselines taken between them
    baseline: str

    @property
    def ratio(self) -> float:
        return self.action_seconds / self.baseline_seconds

    def __str__(self) -> str:
        return (
            f"{self.label}: median {self.action_seconds * 1000:.1f} ms, "
            f"{self.ratio:.1f} x {self.baseline} ({self.baseline_seconds * 1000:.2f} ms)"
        )


def read_every_client(path: Path) -> Callable[[], None]:
    """One plain read of every client's folded name: the least a search that finds nobody costs."""
    connection = sqlite3.connect(path, isolation_level=None)

    def scan() -> None:
        connection.execute("SELECT count(*) FROM client WHERE search_name LIKE '%zzzz%'").fetchone()

    return scan


def side_by_side(
    label: str,
    actions: Sequence[Callable[[], object]],
    baselines: Sequence[Callable[[], object]],
    baseline: str,
) -> SideBySide:
    """Each action timed, then the baseline beside it, after one warm-up of each (fonts
    registered, statements compiled, pages in the cache)."""
    assert len(actions) == len(baselines) > 1
    actions[0]()
    baselines[0]()
    action_times, baseline_times = [], []
    for action, beside in zip(actions[1:], baselines[1:]):
        started = stopwatch.perf_counter()
        action()
        action_times.append(stopwatch.perf_counter() - started)
        started = stopwatch.perf_counter()
        beside()
        baseline_times.append(stopwatch.perf_counter() - started)
    measured = SideBySide(
        label, statistics.median(action_times), statistics.median(baseline_times), baseline
    )
    print(measured)
    return measured


@contextmanager
def desks_over_copies(
    sources: Sequence[Path], folder: Path, open_at: Callable[[Path], Any]
) -> Iterator[list[Any]]:
    """A desk opened by `open_at` over a copy of each source (the action's books, then the
    baseline's), so a benchmark never writes to the books it was built on; closed afterwards."""
    opened = []
    try:
        for name, source in zip(("years", "month"), sources):
            (folder / name).mkdir()
            path = folder / name / "clinic.sqlite3"
            shutil.copyfile(source, path)
            opened.append(open_at(path))
        yield opened
    finally:
        for desk in opened:
            desk.close()
