"""The benchmark's books: the demo clinic of a given size, built once and kept in a cache.

The ten-year demo (30,000 clients, ten years) takes minutes to build, so it is built once per
size into benchmarks/.cache/ (git-ignored) and each run works on a fresh copy of it: the desk
writes as it is measured (check-ins, sales, receipts) and opening it may migrate it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time as stopwatch
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

CACHE = Path(__file__).resolve().parent / ".cache"
# The demo's "today", a Wednesday: a fixed day, so the cached file stays the one measured.
TODAY = date(2026, 11, 25)
ZONE = ZoneInfo("America/Denver")
# Mid-morning, as the README's training start: the day's first clients are arriving late.
OPENING_NOW = datetime.combine(TODAY, time(10, 12), tzinfo=ZONE)


@dataclass(frozen=True)
class BooksSize:
    clients: int = 30_000
    years: float = 10

    @property
    def past_days(self) -> int:
        return max(1, round(self.years * 365.25))

    def file_name(self) -> str:
        return f"demo-{self.clients}-clients-{self.years:g}-years-{TODAY}.sqlite3"


def cached_books(size: BooksSize, cache: Path = CACHE) -> Path:
    """The demo of `size`, built now if the cache does not hold it yet."""
    path = cache / size.file_name()
    if path.exists():
        return path
    from medspa_desk.demo.demo_desk import build_demo_database
    from medspa_desk.demo.generator import DemoSize

    cache.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.building")  # a build cut short leaves no cached file
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    print(f"building {path.name} (once; later runs reuse it)", file=sys.stderr)
    started = stopwatch.perf_counter()
    build_demo_database(
        scratch, TODAY, DemoSize(clients=size.clients, past_days=size.past_days), _progress
    )
    os.replace(scratch, path)
    print(f"\nbuilt in {stopwatch.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def working_copy(source: Path, folder: Path) -> Path:
    """A copy of `source` (with its -wal, through SQLite) in `folder`, to be written to."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "clinic.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with closing(sqlite3.connect(source)) as books, closing(sqlite3.connect(target)) as copy:
        books.backup(copy)
    os.chmod(target, 0o600)
    return target


@dataclass(frozen=True)
class BooksFacts:
    """What the measurements look for in the books, read once with plain SQL."""

    busiest_day: date
    long_histories: tuple[tuple[int, str], ...]  # the two clients with the most bookings, named
    file_bytes: int
    clients: int
    appointments: int
    sales: int


def books_facts(path: Path) -> BooksFacts:
    with closing(sqlite3.connect(path)) as books:
        # starts_at is UTC; seven hours back is the clinic's day near enough to find the busiest.
        (day,) = books.execute(
            "SELECT date(starts_at, '-7 hours') AS day FROM appointment "
            "WHERE date(starts_at, '-7 hours') <= ? "
            "GROUP BY day ORDER BY count(*) DESC, day DESC LIMIT 1",
            (str(TODAY - timedelta(days=1)),),
        ).fetchone()
        clients = tuple(
            (client_id, f"{first} {last}")
            for client_id, first, last in books.execute(
                "SELECT client_id, first_name, last_name FROM appointment "
                "JOIN client ON client.id = client_id GROUP BY client_id "
                "ORDER BY count(*) DESC, client_id LIMIT 2"
            )
        )
        counts = [
            books.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("client", "appointment", "sale")
        ]
    return BooksFacts(
        busiest_day=date.fromisoformat(day),
        long_histories=clients,
        file_bytes=path.stat().st_size,
        clients=counts[0],
        appointments=counts[1],
        sales=counts[2],
    )


def _progress(stage: str, done: int, total: int) -> None:
    percent = 100 * done // total if total else 100
    print(f"\r{stage}: {done:,} of {total:,} ({percent}%)".ljust(60), end="", file=sys.stderr)
