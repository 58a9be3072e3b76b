"""`medspa-desk demo-data`: build a demo database of any size, for training and benchmarks."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path


def register(commands) -> None:
    command = commands.add_parser(
        "demo-data", help="build a demo database of any size (for training and benchmarks)"
    )
    command.add_argument("--database", type=Path, required=True, metavar="PATH", help="a new file to build")
    command.add_argument("--clients", type=_positive, default=2000, help="how many clients (default 2000)")
    command.add_argument("--years", type=_positive, default=None, help="years of past visits (default: six months)")
    command.add_argument("--today", type=date.fromisoformat, default=None, help="the day the demo is built around")
    command.set_defaults(run=run)


def _positive(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def run(args) -> int:
    from medspa_desk.demo.generator import DemoSize, build_demo_clinic
    from medspa_desk.domain.clinic_time import local_date
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.domain.settings import ClinicSettings
    from medspa_desk.storage.database import DatabaseUnusable, open_database

    if args.database.exists():
        print(f"medspa-desk: {args.database} already exists; demo-data builds a new file.", file=sys.stderr)
        return 1
    today = args.today or local_date(SystemClock().now(), ClinicSettings().zone)
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
