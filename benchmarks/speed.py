"""Timing side by side: an action and a bare SQLite baseline on the same file (a write
transaction that changes nothing, or one plain read of every client), taken in turns, so that a
busy machine slows both alike and their ratio still says how heavy the action is."""

from __future__ import annotations

import sqlite3
import statistics
import time as stopwatch
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SideBySide:
    label: str
    action_seconds: float  # median
    bare_seconds: float  # median of the baselines taken between them
    baseline: str = "a bare SQLite commit"

    @property
    def ratio(self) -> float:
        return self.action_seconds / self.bare_seconds

    def __str__(self) -> str:
        return (
            f"{self.label}: median {self.action_seconds * 1000:.1f} ms, "
            f"{self.ratio:.1f} x {self.baseline} ({self.bare_seconds * 1000:.2f} ms)"
        )


def bare_round_trip(path: Path) -> Callable[[], None]:
    """One write transaction that changes nothing, made as the desk makes its own (WAL, synchronous
    FULL, the write lock taken at BEGIN): the least any desk action that commits can cost."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous=FULL")

    def commit() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE counter SET next_value = next_value WHERE name = 'receipt_number'")
        connection.execute("COMMIT")

    return commit


def read_every_client(path: Path) -> Callable[[], None]:
    """One plain read of every client's folded name: the least a search that finds nobody costs."""
    connection = sqlite3.connect(path, isolation_level=None)

    def scan() -> None:
        connection.execute("SELECT count(*) FROM client WHERE search_name LIKE '%zzzz%'").fetchone()

    return scan


def side_by_side(
    label: str,
    path: Path,
    actions: list[Callable[[], object]],
    bare: Callable[[], object] | None = None,
    baseline: str = "a bare SQLite commit",
) -> SideBySide:
    """Each action timed, with the baseline (by default a bare commit on `path`) timed after it,
    after one warm-up of each (fonts registered, statements compiled)."""
    bare = bare or bare_round_trip(path)
    actions[0]()
    bare()
    action_times, bare_times = [], []
    for action in actions[1:]:
        started = stopwatch.perf_counter()
        action()
        action_times.append(stopwatch.perf_counter() - started)
        started = stopwatch.perf_counter()
        bare()
        bare_times.append(stopwatch.perf_counter() - started)
    measured = SideBySide(
        label, statistics.median(action_times), statistics.median(bare_times), baseline
    )
    print(measured)
    return measured
