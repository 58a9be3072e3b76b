"""The command line: opens the window, or runs an admin command over the same services."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from medspa_desk import __version__
from medspa_desk.data_locations import clinic_database_path, demo_database_path

# The training clock's naive --now is read in the clinic's zone. Settings live in the database,
# which is not open yet when arguments are parsed; every clinic so far is the default zone.
_CLINIC_ZONE = ZoneInfo("America/Denver")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "demo-data":
        return _build_demo_data(args)
    from medspa_desk.ui.app import run_window

    path = args.database
    if path is None:  # the app's own folder is made on first start; a folder named by hand is not
        path = demo_database_path() if args.demo else clinic_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
    return run_window(path, demo=args.demo, clock=_clock(args.now))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medspa-desk",
        description="The front desk of 406MedicalSpa: calendar, clients and checkout.",
    )
    parser.add_argument("--version", action="version", version=f"medspa_desk {__version__}")
    parser.add_argument(
        "--database",
        type=Path,
        metavar="PATH",
        help=f"the clinic database to open (default: {clinic_database_path()})",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=f"open the demo clinic, building it for today if needed (default file: {demo_database_path()})",
    )
    parser.add_argument(
        "--now",
        type=_training_start,
        metavar="ISO-DATETIME",
        help="training clock: the app believes it is this local time (e.g. 2026-11-25T10:12) and runs on from there",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo-data", help="build a demo database of any size (for training and benchmarks)"
    )
    demo.add_argument("--database", type=Path, required=True, metavar="PATH", help="a new file to build")
    demo.add_argument("--clients", type=_positive, default=2000, help="how many clients (default 2000)")
    demo.add_argument("--years", type=_positive, default=None, help="years of past visits (default: six months)")
    demo.add_argument("--today", type=date.fromisoformat, default=None, help="the day the demo is built around")
    return parser


def _training_start(text: str) -> datetime:
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date and time like 2026-11-25T10:12") from None
    return instant if instant.tzinfo else instant.replace(tzinfo=_CLINIC_ZONE)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _clock(training_start: datetime | None):
    from medspa_desk.domain.clock import SystemClock, TrainingClock

    return TrainingClock(training_start) if training_start else SystemClock()


def _build_demo_data(args) -> int:
    from medspa_desk.demo.generator import DemoSize, build_demo_clinic
    from medspa_desk.domain.clinic_time import local_date
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.storage.database import DatabaseUnusable, open_database

    if args.database.exists():
        print(f"medspa-desk: {args.database} already exists; demo-data builds a new file.", file=sys.stderr)
        return 1
    today = args.today or local_date(SystemClock().now(), _CLINIC_ZONE)
    size = DemoSize(clients=args.clients)
    if args.years:
        size = DemoSize(clients=args.clients, past_days=round(args.years * 365.25))
    try:
        db = open_database(args.database)
    except DatabaseUnusable as problem:
        print(f"medspa-desk: {problem}", file=sys.stderr)
        return 1
    started = time.monotonic()
    try:
        build_demo_clinic(db, today, size, progress=_print_progress)
    finally:
        db.close()
    print(f"\nbuilt {args.database} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def _print_progress(stage: str, done: int, total: int) -> None:
    percent = 100 * done // total if total else 100
    print(f"\r{stage}: {done:,} of {total:,} ({percent}%)".ljust(60), end="", file=sys.stderr, flush=True)
