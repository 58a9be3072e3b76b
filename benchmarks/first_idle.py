"""One start, in a process of its own, that says "idle" on stdout the first time its event loop is
about to wait with a main window shown and painted, then ends at once (no teardown is timed).

    python -m benchmarks.first_idle floor
    python -m benchmarks.first_idle desk DATABASE NOW

`floor` is the least a desk window can cost: import PySide6 and SQLAlchemy, show an empty
QMainWindow of the desk's size. `desk` is the desk's own start (`medspa-desk --database DATABASE
--now NOW`), start-up checks and backup included. The caller times from starting the process to
reading "idle", so the interpreter's own start is in both.
"""

from __future__ import annotations

import os
import sys

READY = "idle"


def _report_first_idle(app) -> None:
    from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    class Painted(QObject):
        seen = False

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                self.seen = True
            return False

    painted = Painted()
    app.installEventFilter(painted)

    def about_to_block() -> None:
        shown = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        if shown and painted.seen:
            sys.stdout.write(f"{READY}\n")
            sys.stdout.flush()
            os._exit(0)  # the backup thread may be copying: it is killed, not waited for

    # Armed from inside the event loop, which is when the dispatcher starts saying it waits.
    QTimer.singleShot(
        0, lambda: QAbstractEventDispatcher.instance().aboutToBlock.connect(about_to_block)
    )


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    _report_first_idle(app)
    if argv[0] == "floor":
        import sqlalchemy  # noqa: F401
        import sqlalchemy.orm  # noqa: F401
        from PySide6.QtWidgets import QMainWindow

        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        return app.exec()
    database, now = argv[1], argv[2]
    from medspa_desk.cli import main as desk_main

    return desk_main(["--database", database, "--now", now])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
