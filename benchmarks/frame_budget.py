"""Within one frame on ten years of data: issue 12's measurements, in one command.

    python -m benchmarks.frame_budget [--database PATH] [--repeat N] [--json OUT]

Builds the ten-year demo once (cached in benchmarks/.cache/; `--clients 2000 --years 0.5` for a
quick run while developing), then, on a copy of it, offscreen:

- cold start to first idle against the floor (import SQLAlchemy and PySide6, show an empty
  QMainWindow), on these books and on `--demo`, in fresh processes taken in turns
  (benchmarks.cold_start);
- each desk action of the issue's table on the real main window, from the input event until the
  window is idle, each sample right after a sample of the baseline (a 50-row QTableView reset and
  repainted) (benchmarks.timed_actions, benchmarks.frame_timing);
- resident memory over 200 day switches, 200 searches and 20 sales, and the run's peak
  (benchmarks.memory_rounds).

It prints a table and writes JSON to compare runs. Ratios are the figures to read: absolute
milliseconds move with the machine's load, the ratio to a baseline taken beside them does not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.cached_books import (
    CACHE,
    OPENING_NOW,
    BooksSize,
    books_facts,
    cached_books,
    working_copy,
)
from benchmarks.memory_rounds import Rounds

BASELINE = "a 50-row QTableView reset and repainted, measured just before each sample"
FLOOR = "import SQLAlchemy + PySide6, show an empty QMainWindow (fresh processes, in turns)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.frame_budget", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--database", type=Path, help="measure a copy of this file instead")
    parser.add_argument("--clients", type=int, default=BooksSize.clients, help="demo size")
    parser.add_argument("--years", type=float, default=BooksSize.years, help="demo history")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where built demos are kept")
    parser.add_argument("--repeat", type=int, default=20, help="samples of each action")
    parser.add_argument("--starts", type=int, help="cold starts of each kind (default: --repeat)")
    parser.add_argument("--day-switches", type=int, default=Rounds.day_switches)
    parser.add_argument("--searches", type=int, default=Rounds.searches)
    parser.add_argument("--sales", type=int, default=Rounds.sales)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument(
        "--only",
        metavar="WORDS",
        help="measure only the desk actions whose name holds these words (no cold start, no "
        "memory rounds): a quick before/after of one fix",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.repeat < 1:
        sys.exit("--repeat must be at least 1")
    source = args.database or cached_books(BooksSize(args.clients, args.years), args.cache)
    with tempfile.TemporaryDirectory(prefix="frame-budget-") as folder:
        scratch = Path(folder)
        # No measurement touches the user's own log, settings or data folders.
        for variable, name in (
            ("XDG_DATA_HOME", "data"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_CONFIG_HOME", "config"),
        ):
            os.environ[variable] = str(scratch / "home" / name)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        books = working_copy(source, scratch / "books")
        report = _measure(args, source, books, scratch)
    print(table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten to {args.json}")
    return 0


def _measure(args, source: Path, books: Path, scratch: Path) -> dict:
    from benchmarks.cold_start import cold_start

    facts = books_facts(books)
    starts = args.repeat if args.starts is None else args.starts
    if args.only:
        starts = 0
    print(f"cold start: {starts} starts of each kind, in turns", file=sys.stderr)
    started = (
        cold_start(books, OPENING_NOW.strftime("%Y-%m-%dT%H:%M"), starts, scratch / "home")
        if starts
        else None
    )
    print(f"desk actions: {args.repeat} samples each, beside the baseline", file=sys.stderr)
    actions, memory = _in_the_window(args, books, facts, scratch)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        },
        "books": {
            "source": str(source),
            "bytes": facts.file_bytes,
            "clients": facts.clients,
            "appointments": facts.appointments,
            "sales": facts.sales,
            "busiest_day": str(facts.busiest_day),
        },
        "repeat": args.repeat,
        "baseline": BASELINE,
        "floor": FLOOR,
        "cold_starts": started or [],
        "actions": actions,
        "memory": memory,
    }


def _in_the_window(args, books: Path, facts, scratch: Path) -> tuple[list[dict], dict]:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from benchmarks.frame_timing import BaselineTable, measure, start_counting
    from benchmarks.measured_window import MeasuredWindow
    from benchmarks.memory_rounds import memory_rounds
    from benchmarks.timed_actions import desk_actions
    from medspa_desk.domain.clock import FixedClock

    qInstallMessageHandler(_quiet_offscreen_warnings)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    start_counting(app)
    (scratch / "saved").mkdir()
    desk = MeasuredWindow(app, books, FixedClock(OPENING_NOW), scratch / "saved")
    baseline = BaselineTable(desk.window.width(), desk.window.height())
    baseline.show()
    desk.activate()
    try:
        actions = []
        for action in desk_actions(desk, facts, args.repeat):
            if args.only and args.only not in action.name:
                continue
            print(f"  {action.name}", file=sys.stderr)
            actions.append(measure(action, baseline, args.repeat).summary())
        memory: dict = {"peak_mb": None, "rounds": [], "qt": pyside_version}
        if not args.only:
            print("memory rounds", file=sys.stderr)
            rounds = Rounds(args.day_switches, args.searches, args.sales)
            memory = memory_rounds(desk, facts.busiest_day, rounds) | {"qt": pyside_version}
    finally:
        baseline.close()
        desk.close()
    return actions, memory


def _quiet_offscreen_warnings(_kind, _context, message: str) -> None:
    """Qt's offscreen screen says so for every window shown; anything else is worth seeing."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def table(report: dict) -> str:
    """The figures as the issue's table: milliseconds, and the ratios that are the targets."""
    books = report["books"]
    lines = [
        f"books: {books['clients']:,} clients, {books['appointments']:,} appointments, "
        f"{books['sales']:,} sales, {books['bytes'] / 2**20:.0f} MB "
        f"(busiest day {books['busiest_day']}); {report['repeat']} samples each",
        f"baseline: {report['baseline']}",
        "",
        f"| {'action':<52} | first ms | median ms | p95 ms | baseline ms | ratio | p95 ratio |",
        f"|{'-' * 54}|---------:|----------:|-------:|------------:|------:|----------:|",
    ]
    for started in report["cold_starts"]:  # the ratio is to the floor
        lines.append(
            f"| {started['name']:<52} | {'':>8} "
            f"| {started['median_ms']:>9.0f} | {started['p95_ms']:>6.0f} "
            f"| {started['floor_median_ms']:>11.0f} | {started['ratio_median']:>5.2f} "
            f"| {started['ratio_p95']:>9.2f} |"
        )
    for action in report["actions"]:
        first = f"{action['first_ms']:.1f}" if action["first_ms"] is not None else ""
        lines.append(
            f"| {action['name']:<52} | {first:>8} | {action['median_ms']:>9.1f} "
            f"| {action['p95_ms']:>6.1f} | {action['baseline_median_ms']:>11.1f} "
            f"| {action['ratio_median']:>5.2f} | {action['ratio_p95']:>9.2f} |"
        )
    memory = report["memory"]
    if memory["peak_mb"] is None:
        return "\n".join(lines)
    lines += ["", f"resident memory: peak {memory['peak_mb']:.0f} MB"]
    for measured in memory["rounds"]:
        lines.append(
            f"  {measured['count']} {measured['name']}: {measured['before_mb']:.0f} MB -> "
            f"{measured['after_mb']:.0f} MB ({measured['growth_mb']:+.1f} MB)"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
