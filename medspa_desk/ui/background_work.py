"""Long work (a backup, a restore) off the GUI thread, its result back on it by a signal.

Tests hand the classes that use this a runner that calls the work at once instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]], None]


class _Outcome(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], outcome: _Outcome) -> None:
        super().__init__()
        self._work = work
        self._outcome = outcome

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # delivered to the GUI thread, which decides what to say
            self._outcome.failed.emit(error)
        else:
            self._outcome.done.emit(result)


_running: set[_Outcome] = set()  # outcomes must outlive the call that started them


def run_in_background(work, on_done, on_failed) -> None:
    outcome = _Outcome()
    _running.add(outcome)
    outcome.done.connect(on_done)
    outcome.failed.connect(on_failed)
    for signal in (outcome.done, outcome.failed):
        signal.connect(lambda _value, outcome=outcome: _running.discard(outcome))
    QThreadPool.globalInstance().start(_Job(work, outcome))


def run_at_once(work, on_done, on_failed) -> None:
    try:
        result = work()
    except Exception as error:
        on_failed(error)
    else:
        on_done(result)
