"""Killed at any instant during a sale: every confirmed sale is there, no half sale, no gap.

The normal run kills the till KILL_CYCLES times (a dozen); the stress run sets
MEDSPA_KILL_CYCLES=300. Each cycle starts a till, lets it sell for a random moment, kills it
with SIGKILL and checks the books before the next.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.services.books.backups import check_books
from medspa_desk.storage.database import open_database

KILL_CYCLES = int(os.environ.get("MEDSPA_KILL_CYCLES", "12"))
REPO = Path(__file__).parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")


@pytest.fixture(scope="module")
def clinic(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("till") / "clinic.sqlite3"
    db = open_database(path)
    build_demo_clinic(db, date(2026, 11, 25), DemoSize(clients=20, past_days=2, future_days=2))
    with db.writing() as session:  # plenty on the shelf: this test is about power cuts
        session.execute(
            __import__("sqlalchemy").text("UPDATE product SET stock_quantity = 1000000")
        )
    db.close()
    return path


def run_till_until_killed(
    database: Path, seed: int, rng: random.Random, work: str = "sell"
) -> list[int]:
    till = subprocess.Popen(
        [sys.executable, "-m", "tests.stress.till_worker", str(database), str(seed), work],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    confirmed = [int(till.stdout.readline())]  # wait for the first sale: it is up and selling
    time.sleep(rng.uniform(0, 0.4))
    till.send_signal(signal.SIGKILL)
    out, err = till.communicate()
    assert till.returncode == -signal.SIGKILL, err
    confirmed += [int(line) for line in out.split()]
    return confirmed


def books_after_the_cut(database: Path) -> dict:
    with closing(sqlite3.connect(database)) as books:
        numbers = [
            row[0]
            for row in books.execute("SELECT receipt_number FROM sale ORDER BY receipt_number")
        ]
        unbalanced = books.execute(
            """SELECT s.id FROM sale s
               WHERE s.total_cents != (SELECT coalesce(sum(total_cents), 0) FROM sale_line WHERE sale_id = s.id)
                                      + s.tip_cents
                  OR s.total_cents != (SELECT coalesce(sum(amount_cents), 0) FROM sale_tender WHERE sale_id = s.id)
                  OR NOT EXISTS (SELECT 1 FROM sale_line WHERE sale_id = s.id)"""
        ).fetchall()
        stock_out = books.execute(
            "SELECT coalesce(-sum(quantity), 0) FROM stock_movement WHERE reason = 'sale'"
        ).fetchone()[0]
        sold = books.execute(
            "SELECT coalesce(sum(l.quantity), 0) FROM sale_line l WHERE l.kind = 'retail'"
        ).fetchone()[0]
    return {"numbers": numbers, "unbalanced": unbalanced, "stock_out": stock_out, "sold": sold}


def test_a_till_killed_mid_sale_loses_nothing_it_confirmed(clinic):
    rng = random.Random(406)
    all_confirmed: list[int] = []
    for cycle in range(KILL_CYCLES):
        all_confirmed += run_till_until_killed(clinic, seed=cycle, rng=rng)
        books = books_after_the_cut(clinic)
        numbers = books["numbers"]
        assert set(all_confirmed) <= set(numbers), f"cycle {cycle}: a confirmed sale is missing"
        assert numbers == list(range(1, len(numbers) + 1)), (
            f"cycle {cycle}: receipt numbers have a gap"
        )
        assert books["unbalanced"] == [], f"cycle {cycle}: a half-written sale"
        assert books["stock_out"] == books["sold"], f"cycle {cycle}: stock and sales disagree"
        report = check_books(clinic)
        assert report.ok, f"cycle {cycle}: {report.findings}"
    print(
        f"{KILL_CYCLES} kills, {len(numbers)} sales on the books, {len(all_confirmed)} confirmed before a kill"
    )


def test_a_desk_killed_mid_booking_loses_no_confirmed_booking(clinic):
    rng = random.Random(59901)
    confirmed: list[int] = []
    for cycle in range(KILL_CYCLES // 2):
        confirmed += run_till_until_killed(clinic, seed=cycle, rng=rng, work="book")
        with closing(sqlite3.connect(clinic)) as books:
            booked = {row[0] for row in books.execute("SELECT id FROM appointment")}
            without_history = books.execute(
                "SELECT count(*) FROM appointment a WHERE NOT EXISTS"
                " (SELECT 1 FROM appointment_status_change c WHERE c.appointment_id = a.id)"
            ).fetchone()[0]
            overlaps = books.execute(
                """SELECT count(*) FROM appointment a JOIN appointment b
                   ON a.provider_id = b.provider_id AND a.id < b.id
                  AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
                  WHERE a.status NOT IN ('cancelled', 'late_cancelled', 'no_show', 'cancelled_by_clinic', 'rescheduled')
                    AND b.status NOT IN ('cancelled', 'late_cancelled', 'no_show', 'cancelled_by_clinic', 'rescheduled')"""
            ).fetchone()[0]
        assert set(confirmed) <= booked, f"cycle {cycle}: a confirmed booking is missing"
        assert without_history == 0, f"cycle {cycle}: a booking without its history row"
        assert overlaps == 0, f"cycle {cycle}: a provider double-booked"
        assert check_books(clinic).ok
