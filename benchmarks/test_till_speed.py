"""The till answers at once with years of history: adding a line, completing a sale and rendering
its receipt cost about what they cost on a clinic a month old, measured side by side.

The big database is the demo clinic with two years of visits, the small one a month's; each has
a sale for every completed visit and a closed day behind each (tests/services/till_history.py),
built once for the module. The issue's budget is 50 ms an action on the desk's computer (each
line printed says the milliseconds too); the ratios hold on any machine. By hand, against a copy
of the ten-year benchmark file: `python -m benchmarks.test_till_speed COPY.sqlite3`.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from benchmarks.speed import desks_over_copies, side_by_side
from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.sale_math import settle
from medspa_desk.services.till.cart import walk_in_cart
from medspa_desk.services.till.day_close import day_totals
from medspa_desk.services.till.receipts import receipt_document
from medspa_desk.services.till.retail_stock import scanned_line
from medspa_desk.storage.database import open_database
from tests.services.till_history import add_till_history, desk_at_noon, sell

pytestmark = pytest.mark.bench

ANCHOR = date(2026, 11, 25)  # the demo's "today", a Wednesday
RUNS = 20
# Indexes keep each action's reads to the rows it touches, so two years of history cost little
# more than a month: measured at 1.0 to 1.3 times; the bound leaves room for a noisy machine.
RATIO = 2.5
BASELINE = "the same on a month-old clinic"


def books_with_history(folder: Path, size: DemoSize) -> Path:
    path = folder / "clinic.sqlite3"
    db = open_database(path)
    build_demo_clinic(db, ANCHOR, size)
    add_till_history(db)
    db.close()
    return path


@pytest.fixture(scope="module")
def history_files(tmp_path_factory) -> tuple[Path, Path]:
    return (
        books_with_history(tmp_path_factory.mktemp("years"), DemoSize(clients=5000, past_days=730)),
        books_with_history(tmp_path_factory.mktemp("month"), DemoSize(clients=300, past_days=30)),
    )


@pytest.fixture
def desks(history_files, tmp_path):
    """A desk over a copy of each: years of history, then a month."""
    with desks_over_copies(history_files, tmp_path, desk_at_noon) as opened:
        yield opened


def scanning(desk):
    cart = walk_in_cart(desk)

    def scan():
        cart.add(scanned_line(desk, "SKN-004"))
        settle(cart)

    return scan


def test_adding_a_scanned_line_costs_no_more_with_years_of_history(desks):
    big, small = desks
    measured = side_by_side(
        "add a scanned line", [scanning(big)] * (RUNS + 1), [scanning(small)] * (RUNS + 1), BASELINE
    )
    assert measured.ratio < RATIO, str(measured)


def test_completing_a_sale_costs_no_more_with_years_of_history(desks):
    big, small = desks
    measured = side_by_side(
        "complete a sale",
        [lambda: sell(big)] * (RUNS + 1),
        [lambda: sell(small)] * (RUNS + 1),
        BASELINE,
    )
    assert measured.ratio < RATIO, str(measured)


@pytest.mark.parametrize("layout", ["roll", "letter"])
def test_a_receipt_renders_no_slower_with_years_of_history(desks, layout):
    big, small = desks
    big_number, small_number = sell(big).receipt_number, sell(small).receipt_number
    measured = side_by_side(
        f"receipt data + {layout} PDF",
        [lambda: receipt_document(big, big_number, layout)] * (RUNS + 1),
        [lambda: receipt_document(small, small_number, layout)] * (RUNS + 1),
        BASELINE,
    )
    assert measured.ratio < RATIO, str(measured)


def measure_by_hand(path: Path) -> None:
    """Time the till's actions on `path` (a COPY: this writes to it) beside a month-old clinic."""
    db = open_database(path)
    if db.engine.connect().exec_driver_sql("SELECT count(*) FROM sale").scalar() == 0:
        print(f"added {add_till_history(db):,} sales of history")
    db.close()
    with tempfile.TemporaryDirectory() as folder:
        desks = [
            desk_at_noon(path),
            desk_at_noon(books_with_history(Path(folder), DemoSize(clients=300, past_days=30))),
        ]
        numbers = [sell(desk).receipt_number for desk in desks]

        def actions(desk, number):
            return (
                scanning(desk),
                lambda: sell(desk),
                lambda: receipt_document(desk, number, "roll"),
                lambda: receipt_document(desk, number, "letter"),
                lambda: day_totals(desk, local_date(desk.clock.now(), desk.settings.zone)),
            )

        names = ("add a scanned line", "complete a sale", "receipt data + roll PDF",
                 "receipt data + letter PDF", "day totals (today)")  # fmt: skip
        for name, big, small in zip(
            names, actions(desks[0], numbers[0]), actions(desks[1], numbers[1])
        ):
            side_by_side(name, [big] * (RUNS + 1), [small] * (RUNS + 1), BASELINE)
        for desk in desks:
            desk.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m benchmarks.test_till_speed COPY-OF-A-DATABASE.sqlite3")
    measure_by_hand(Path(sys.argv[1]))
