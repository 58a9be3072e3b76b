"""The desk's whole start (`run_window`) in a test: a step called while its event loop runs,
and every window closed after 20 s, so a start that waits for nobody fails instead of hanging."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from medspa_desk.domain.clock import Clock
from medspa_desk.ui.app import run_window

GIVE_UP_MS = 20_000


def run_window_with(
    database: Path, clock: Clock, step: Callable[[], None], every_ms: int = 50
) -> int:
    """run_window's exit code, `step` called every `every_ms` while it ran."""
    ticker = QTimer()
    ticker.timeout.connect(step)
    ticker.start(every_ms)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(QApplication.closeAllWindows)
    give_up.start(GIVE_UP_MS)
    try:
        return run_window(database, demo=False, clock=clock)
    finally:
        ticker.stop()
        give_up.stop()
