"""Timing a desk action on the real window against a baseline measured beside it.

A sample runs from the input event until the application is idle: every posted event, zero-time
timer and deferred delete handled, and so every widget the event dirtied repainted (Qt paints on
the UpdateRequest it posts, which the drain handles). Nothing is grabbed: a full repaint of the
window would charge each action for the calendar's paint whether it touched the calendar or not.

The baseline is the least a frame costs here: a 50-row QTableView whose model is reset and
repainted, in a window the size of the desk's, drained the same way. Each action sample is taken
right after a baseline sample, so a busy machine slows both alike and the ratio still holds.
"""

from __future__ import annotations

import statistics
import time as stopwatch
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication, QTableView, QVBoxLayout, QWidget

BASELINE_ROWS, BASELINE_COLUMNS = 50, 6
# A chain of events that never settles (a timer re-armed at zero for ever) would hang the run;
# no desk action needs more than a few dozen rounds.
MOST_DRAIN_ROUNDS = 10_000


class EventCount(QObject):
    """Counts every event the application delivers, so a drain knows when a round did nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.events = 0
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.events += 1
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


_count: EventCount | None = None


def start_counting(app: QApplication) -> EventCount:
    """Install the one event counter `drain` needs (once per application)."""
    global _count
    if _count is None:
        _count = EventCount()
        app.installEventFilter(_count)
    return _count


def drain() -> int:
    """Handle events until two rounds running deliver none; the paint events on the way.

    Two, because one turn of Qt's glib loop may dispatch a source that delivers nothing (its
    wake-up) while a timer falls due just after."""
    assert _count is not None, "start_counting(app) first"
    paints_before, quiet = _count.paints, 0
    for _round in range(MOST_DRAIN_ROUNDS):
        before = _count.events
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        quiet = quiet + 1 if _count.events == before else 0
        if quiet == 2:
            return _count.paints - paints_before
    raise RuntimeError("the events never settled")


class _StillRows(QAbstractTableModel):
    """Fixed text: resetting it costs the view's work and nothing of ours."""

    def __init__(self) -> None:
        super().__init__()
        self._cells = [
            [f"row {row} column {column}" for column in range(BASELINE_COLUMNS)]
            for row in range(BASELINE_ROWS)
        ]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else BASELINE_ROWS

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else BASELINE_COLUMNS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        return None

    def reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class BaselineTable(QWidget):
    """The baseline's window: a 50-row table, the desk window's size, beside the desk's window."""

    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.setWindowTitle("frame budget baseline")
        self._model = _StillRows()
        table = QTableView()
        table.setModel(self._model)
        QVBoxLayout(self).addWidget(table)
        self.resize(width, height)

    def reset_and_repaint(self) -> None:
        self._model.reset()
        drain()


@dataclass
class Timings:
    """One action's samples (seconds), each beside the baseline sample taken just before it."""

    name: str
    first: float | None = None  # the first of the session, before any warm-up
    samples: list[float] = field(default_factory=list)
    baselines: list[float] = field(default_factory=list)
    paints: list[int] = field(default_factory=list)

    def summary(self) -> dict:
        baseline = statistics.median(self.baselines)
        median, p95 = statistics.median(self.samples), percentile(self.samples, 95)
        return {
            "name": self.name,
            "n": len(self.samples),
            "first_ms": None if self.first is None else self.first * 1000,
            "median_ms": median * 1000,
            "p95_ms": p95 * 1000,
            "baseline_median_ms": baseline * 1000,
            "baseline_p95_ms": percentile(self.baselines, 95) * 1000,
            "ratio_median": median / baseline,
            "ratio_p95": p95 / baseline,
            "ratio_first": None if self.first is None else self.first / baseline,
            "paints_median": statistics.median(self.paints),
        }


def percentile(values: list[float], percent: float) -> float:
    """The nearest-rank percentile: with 20 samples, p95 is the second slowest."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))  # ceiling
    return ordered[int(rank) - 1]


def timed(act: Callable[[], object]) -> tuple[float, int]:
    """Seconds from the input event `act` sends until the application is idle; paints seen."""
    drain()  # nothing of the preparation is charged to the action
    started = stopwatch.perf_counter()
    act()
    paints = drain()
    return stopwatch.perf_counter() - started, paints


@dataclass(frozen=True)
class DeskAction:
    """What the desk does, measured: `prepare` sets the stage (untimed), `act` sends the input
    event (timed until idle), `check` says the action did what the desk expects (untimed)."""

    name: str
    prepare: Callable[[int], object]  # given the sample's number, 0 the first of the session
    act: Callable[[int], object]
    check: Callable[[int], object]


def measure(action: DeskAction, baseline: BaselineTable, repeat: int) -> Timings:
    """The first of the session, then `repeat` samples each right after a baseline sample."""
    timings = Timings(action.name)
    for number in range(repeat + 1):
        action.prepare(number)
        if number:
            drain()
            started = stopwatch.perf_counter()
            baseline.reset_and_repaint()
            timings.baselines.append(stopwatch.perf_counter() - started)
        seconds, paints = timed(lambda number=number: action.act(number))
        action.check(number)
        if number == 0:
            timings.first = seconds
        else:
            timings.samples.append(seconds)
            timings.paints.append(paints)
    return timings
