"""Python's garbage collector held off while the window starts, and kept off what start-up built.

Start-up makes some 200,000 objects that live as long as the window: modules, Qt's wrappers, the
ORM's mappers, the client index. Python's collector, counting allocations, ran about 190 times
during a start on the ten-year books (about 90 ms of a 790 ms start), each full round walking all
that start-up had made; and once the desk was open, a full round took 65 ms, four frames lost
at whatever keystroke it fell on. So the collector waits while the window starts (`hold`), and
what is alive once start-up is done is frozen (`freeze_long_lived`, gc.freeze): later rounds look
only at what the desk makes after it. Mercurial's `util.nogc` does the same around its big
builds.

The few hundred cycles of garbage start-up leaves are frozen with it and stay for the life of the
window: a bounded cost, paid once. `release` undoes it all when the window closes, so a process
that opens another window (a restore, or a test) starts from the collector as it found it.
"""

from __future__ import annotations

import gc


class StartUpCollection:
    def __init__(self) -> None:
        self._was_enabled = gc.isenabled()
        self._held = False

    def hold(self) -> None:
        """No collection until freeze_long_lived: call before the window's imports."""
        gc.disable()
        self._held = True

    def freeze_long_lived(self) -> None:
        """What is alive now lives as long as the window: no later round looks at it. Called
        once the window is painted and again when the work after start-up is done (any thread)."""
        gc.freeze()
        if self._held and self._was_enabled:
            gc.enable()
        self._held = False

    def release(self) -> None:
        gc.unfreeze()
        if self._was_enabled:
            gc.enable()
        self._held = False
