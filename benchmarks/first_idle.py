"""One start, in a process of its own, that prints on stdout the instant (time.monotonic, the
same clock in every process) its event loop first went idle with a main window shown and
painted, then ends at once (no teardown is timed).

    python -m benchmarks.first_idle floor
    python -m benchmarks.first_idle desk DATABASE NOW
    python -m benchmarks.first_idle demo DATABASE NOW

`floor` is the least a desk window can cost: import SQLAlchemy and PySide6, show an empty
QMainWindow of the desk's size. `desk` is the desk's own start (`medspa-desk --database DATABASE
--now NOW`), start-up checks and backup included, on the sign-in screen. `demo` is `--demo`'s
start on the demo at DATABASE (built there by the first such start of the day): signed in as the
front desk, so the calendar's day is built before the first paint. All import in the desk's
order, SQLAlchemy before PySide6: PySide6's import hook reads the source of every module
imported after it, which made SQLAlchemy's import some 100 ms dearer (in the other order, the
floor paid that too, and the desk's ratio to it looked better than the start was). The caller
times from just before starting the process, so the interpreter's own start is in each.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys
import time as stopwatch

READY = "idle at"
# Wakes the loop while it waits, so that a wait with nothing else to do is seen to be one.
SENTINEL_MS = 10


def _report_first_idle(app) -> tuple:
    """Idle is a wait of the event loop after which nothing but the sentinel's tick came: no
    posted event, no zero-time timer, no paint. (Qt's glib dispatcher says "about to block" at
    every turn of the loop, work pending or not, so that alone is not idleness.)"""
    from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    sentinel = QTimer()
    sentinel.setInterval(SENTINEL_MS)

    class Watch(QObject):
        painted = False
        events = 0  # every event but the sentinel's ticks
        waited_at: float | None = None  # when the loop last began to wait, once painted
        events_then = 0

        def eventFilter(self, watched, event) -> bool:
            if watched is sentinel and event.type() == QEvent.Type.Timer:
                return False
            self.events += 1
            if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                self.painted = True
            return False

        def about_to_block(self) -> None:
            now = stopwatch.monotonic()
            if self.waited_at is not None and self.events == self.events_then:
                sys.stdout.write(f"{READY} {self.waited_at!r}\n")
                sys.stdout.flush()
                os._exit(0)  # the backup thread may be copying: it is killed, not waited for
            shown = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
            if self.painted and any(w.isVisible() for w in shown):
                self.waited_at, self.events_then = now, self.events
                sentinel.start()

    watch = Watch()
    app.installEventFilter(watch)
    # Armed from inside the event loop, which is when the dispatcher starts saying it waits.
    QTimer.singleShot(
        0, lambda: QAbstractEventDispatcher.instance().aboutToBlock.connect(watch.about_to_block)
    )
    return watch, sentinel  # Qt holds neither for Python: the caller keeps them alive


def main(argv: list[str]) -> int:
    if argv[0] == "floor":
        # In the desk's order: SQLAlchemy before PySide6 (see _watch_from_the_desks_first_qt).
        import sqlalchemy  # noqa: F401
        import sqlalchemy.orm  # noqa: F401
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        watching = _report_first_idle(app)  # noqa: F841 (kept alive while the loop runs)
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        return app.exec()
    kind, database, now = argv
    sys.meta_path.insert(0, _WatchFromTheDesksFirstQt())
    from medspa_desk.cli import main as desk_main

    demo = ["--demo"] if kind == "demo" else []
    return desk_main([*demo, "--database", database, "--now", now])


class _WatchFromTheDesksFirstQt(importlib.abc.MetaPathFinder):
    """Makes the QApplication, watched, the moment the desk's start has imported QtWidgets, so the
    desk imports in its own order. (Importing PySide6 first would charge the desk for PySide6's
    import hook, which reads the source of every module imported after it: the desk imports its
    books' modules before PySide6 for that reason.) The desk then finds the application made
    (`QApplication.instance()`), as it would have made it a moment later."""

    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def load_then_watch(module) -> None:
            load(module)
            self.app = module.QApplication(sys.argv[:1])
            self.watching = _report_first_idle(self.app)  # kept alive while the loop runs

        spec.loader.exec_module = load_then_watch
        return spec


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
