"""`medspa-desk demo-data`: build a demo database of any size, for training and benchmarks."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

from medspa_desk.admin.command_desk import failed, whole_number

# Big enough for the demo's featured and strike clients; small enough to build in minutes.
FEWEST_CLIENTS, MOST_CLIENTS = 50, 100_000
MOST_YEARS = 20
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2099, 12, 31)


def register(commands) -> None:
    command = commands.add_parser(
        "demo-data", help="build a demo database of any size (for training and benchmarks)"
    )
    command.add_argument(
        "--database",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="the new file to build (required)",
    )
    command.add_argument(
        "--clients",
        type=whole_number(FEWEST_CLIENTS, MOST_CLIENTS),
        default=2000,
        help=f"how many clients, {FEWEST_CLIENTS:,} to {MOST_CLIENTS:,} (default 2,000)",
    )
    command.add_argument(
        "--years",
        type=whole_number(1, MOST_YEARS),
        default=None,
        help=f"years of past visits, 1 to {MOST_YEARS} (default: six months)",
    )
    command.add_argument(
        "--today",
        type=_day,
        default=None,
        metavar="DATE",
        help=f"the day the demo is built around, {EARLIEST_DAY} to {LATEST_DAY} (default: today)",
    )
    command.set_defaults(run=run)


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise argparse.ArgumentTypeError(f"{text} is not between {EARLIEST_DAY} and {LATEST_DAY}")
    return day


def run(args) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from medspa_desk.demo.demo_desk import build_demo_database
    from medspa_desk.demo.generator import DemoSize
    from medspa_desk.domain.clinic_time import local_date
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.domain.settings import ClinicSettings
    from medspa_desk.services.books.files import DatabaseUnusable, StorageFailure

    if args.database is None:
        return failed("demo-data needs --database PATH: the new file to build.")
    target = args.database.expanduser().absolute()
    if target.exists():
        return failed(f"{target} already exists; demo-data builds a new file.")
    today = args.today or local_date(SystemClock().now(), ClinicSettings().zone)
    size = DemoSize(clients=args.clients)
    if args.years:
        size = DemoSize(clients=args.clients, past_days=round(args.years * 365.25))
    # Built under a scratch name and renamed when whole: a failed build leaves no half clinic.
    scratch = target.with_name(f".{target.name}.building")
    started = time.monotonic()
    try:
        build_demo_database(scratch, today, size, progress=_print_progress)
        os.replace(scratch, target)
    except (DatabaseUnusable, StorageFailure, OSError) as problem:
        return failed(str(problem).replace(str(scratch), str(target)))
    except (sqlite3.Error, SQLAlchemyError) as problem:  # the folder refused SQLite's first write
        reason = getattr(problem, "orig", None) or problem
        return failed(f"cannot build {target}: {reason}.")
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    print(f"\nbuilt {target} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def _print_progress(stage: str, done: int, total: int) -> None:
    percent = 100 * done // total if total else 100
    print(
        f"\r{stage}: {done:,} of {total:,} ({percent}%)".ljust(60),
        end="",
        file=sys.stderr,
        flush=True,
    )
