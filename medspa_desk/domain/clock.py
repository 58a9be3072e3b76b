"""The one source of "now" for the whole app.

Everything that needs the time asks a clock object handed to it, never `datetime.now()`, so a
test (or a training session started with --now) can stand at 14:10:59 on any day.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class TrainingClock:
    """Starts at a chosen instant and then runs at the speed of the real clock."""

    def __init__(self, start: datetime, monotonic: Callable[[], float] = time.monotonic) -> None:
        if start.tzinfo is None:
            raise ValueError("the training clock needs a timezone-aware start")
        self._start = start.astimezone(UTC)
        self._monotonic = monotonic
        self._started_at = monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._monotonic() - self._started_at)


class FixedClock:
    """Stands still until moved: for tests."""

    def __init__(self, instant: datetime) -> None:
        self.set(instant)

    def set(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware instant")
        self._instant = instant.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self._instant += timedelta(**delta)

    def now(self) -> datetime:
        return self._instant
