"""Resident memory over rounds of desk work: its growth over day switches, searches and sales,
and the peak of the whole run. A desk left open all day must not grow with what it has shown."""

from __future__ import annotations

import gc
import resource
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from benchmarks.frame_timing import drain
from benchmarks.measured_window import MeasuredWindow
from benchmarks.timed_actions import SEARCHES


@dataclass(frozen=True)
class Rounds:
    day_switches: int = 200
    searches: int = 200
    sales: int = 20


def resident_mb() -> float:
    """This process's resident memory now, in MB (Linux's /proc; psutil where there is none)."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        pages = int(statm.read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    import psutil  # not a dependency: only where /proc is missing

    return psutil.Process().memory_info().rss / 2**20


def peak_resident_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes there, KB here


def _settled_mb() -> float:
    drain()
    gc.collect()
    drain()
    return resident_mb()


def _day_switches(desk: MeasuredWindow, busiest: date, count: int) -> None:
    """Forward a day at a time from the busiest day, then back: half the switches each way."""
    desk.show_day(busiest - timedelta(days=count // 2))
    for number in range(count):
        desk.click("Next day" if number < count // 2 else "Previous day")
        drain()


def _searches(desk: MeasuredWindow, count: int) -> None:
    """One keystroke a search: each query typed a letter at a time, the box cleared between."""
    desk.show_view("Clients")
    box = desk.find("Search clients", QLineEdit)
    keystrokes = [(query, at) for query in SEARCHES for at in range(len(query))]
    for number in range(count):
        query, at = keystrokes[number % len(keystrokes)]
        if at == 0:
            box.clear()
            drain()
        QTest.keyClick(box, query[at])
        drain()


def _sales(desk: MeasuredWindow, count: int) -> None:
    for _number in range(count):
        desk.ring_up_split_tender_sale()
        desk.press_at_till("Complete sale")
        drain()
        if not desk.visible("Sale outcome", root=desk.till):
            raise RuntimeError("a sale of the memory rounds was not completed")
    desk.start_new_sale()


def memory_rounds(desk: MeasuredWindow, busiest: date, rounds: Rounds) -> dict:
    """Each round's resident memory before and after (MB), and the run's peak."""
    measured = []
    for name, count, work in (
        ("day switches", rounds.day_switches, lambda n: _day_switches(desk, busiest, n)),
        ("searches", rounds.searches, lambda n: _searches(desk, n)),
        ("sales", rounds.sales, lambda n: _sales(desk, n)),
    ):
        before = _settled_mb()
        work(count)
        after = _settled_mb()
        measured.append(
            {
                "name": name,
                "count": count,
                "before_mb": before,
                "after_mb": after,
                "growth_mb": after - before,
            }
        )
    return {"rounds": measured, "peak_mb": peak_resident_mb(), "now_mb": resident_mb()}
