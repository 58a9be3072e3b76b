from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from medspa_desk.domain.clock import FixedClock, TrainingClock

START = datetime(2026, 11, 25, 10, 12, tzinfo=ZoneInfo("America/Denver"))


def test_the_training_clock_starts_where_asked_and_runs_on():
    ticks = iter([100.0, 100.0, 161.5, 161.5])
    clock = TrainingClock(START, monotonic=lambda: next(ticks))
    assert clock.now() == START
    assert (clock.now() - START).total_seconds() == 61.5
    assert clock.now().tzinfo == UTC


def test_the_fixed_clock_moves_only_when_told():
    clock = FixedClock(START)
    assert clock.now() == clock.now() == START
    clock.advance(minutes=10, seconds=1)
    assert clock.now().astimezone(ZoneInfo("America/Denver")).strftime("%H:%M:%S") == "10:22:01"


@pytest.mark.parametrize("make", [TrainingClock, FixedClock])
def test_clocks_refuse_a_time_without_a_zone(make):
    with pytest.raises(ValueError):
        make(datetime(2026, 11, 25, 10, 12))
