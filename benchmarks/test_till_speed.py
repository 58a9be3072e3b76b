"""The till answers at once with years of history: adding a line, completing a sale and rendering
its receipt each cost a few bare SQLite commits, measured side by side on the same file.

The database is the demo clinic with two years of visits (built once for the module), and a
sale for every completed visit in it, with a closed day behind each (tests/services/till_history.py).
The issue's budget is 50 ms an action on the desk's computer; the ratios hold on any machine.
By hand, against a copy of the ten-year benchmark file:
`python -m benchmarks.test_till_speed COPY.sqlite3` (it adds history and sells).
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from benchmarks.speed import side_by_side
from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.documents.receipt import receipt_pdf
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.sale_math import settle
from medspa_desk.services.checkout import walk_in_cart
from medspa_desk.services.day_close import day_totals
from medspa_desk.services.receipts import receipt_data
from medspa_desk.services.retail_stock import scanned_line
from medspa_desk.storage.database import open_database
from tests.services.till_history import add_till_history, desk_at_noon, sell

pytestmark = pytest.mark.bench

ANCHOR = date(2026, 11, 25)  # the demo's "today", a Wednesday
RUNS = 20
# A sale writes a dozen rows and reads the cart's prices and stock in one transaction; measured
# at 2 to 6 bare commits on a quiet laptop. The bounds leave room for a slow disk's fsync.
COMMITTING_ACTION_RATIO = 15
READING_ACTION_RATIO = 10  # a line scanned, a receipt drawn: no commit of their own


@pytest.fixture(scope="module")
def history_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("till_history") / "clinic.sqlite3"
    db = open_database(path)
    build_demo_clinic(db, ANCHOR, DemoSize(clients=5000, past_days=730))
    add_till_history(db)
    db.close()
    return path


@pytest.fixture
def busy_desk(history_file, tmp_path):
    path = tmp_path / "clinic.sqlite3"
    shutil.copyfile(history_file, path)
    desk = desk_at_noon(path)
    yield desk
    desk.close()


def test_adding_a_scanned_line_costs_less_than_a_few_commits(busy_desk):
    cart = walk_in_cart(busy_desk)

    def scan():
        cart.add(scanned_line(busy_desk, "SKN-004"))
        settle(cart)

    measured = side_by_side("add a scanned line", busy_desk.db.path, [scan] * (RUNS + 1))
    assert measured.ratio < READING_ACTION_RATIO, str(measured)


def test_completing_a_sale_costs_a_few_commits(busy_desk):
    measured = side_by_side(
        "complete a sale", busy_desk.db.path, [lambda: sell(busy_desk)] * (RUNS + 1)
    )
    assert measured.ratio < COMMITTING_ACTION_RATIO, str(measured)


@pytest.mark.parametrize("layout", ["roll", "letter"])
def test_a_receipt_renders_in_the_time_of_a_few_commits(busy_desk, layout):
    number = sell(busy_desk).receipt_number
    measured = side_by_side(
        f"receipt data + {layout} PDF",
        busy_desk.db.path,
        [lambda: receipt_pdf(receipt_data(busy_desk, number), layout)] * (RUNS + 1),
    )
    assert measured.ratio < READING_ACTION_RATIO, str(measured)


def measure_by_hand(path: Path) -> None:
    """Time the till's actions on `path` (a COPY: this writes to it)."""
    db = open_database(path)
    if db.engine.connect().exec_driver_sql("SELECT count(*) FROM sale").scalar() == 0:
        print(f"added {add_till_history(db):,} sales of history")
    db.close()
    desk = desk_at_noon(path)
    cart = walk_in_cart(desk)
    number = sell(desk).receipt_number

    def scan():
        cart.add(scanned_line(desk, "SKN-004"))
        settle(cart)

    for name, action in (
        ("add a scanned line", scan),
        ("complete a sale", lambda: sell(desk)),
        ("receipt data + roll PDF", lambda: receipt_pdf(receipt_data(desk, number), "roll")),
        ("receipt data + letter PDF", lambda: receipt_pdf(receipt_data(desk, number), "letter")),
        (
            "day totals (today)",
            lambda: day_totals(desk, local_date(desk.clock.now(), desk.settings.zone)),
        ),
    ):
        side_by_side(name, path, [action] * (RUNS + 1))
    desk.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m benchmarks.test_till_speed COPY-OF-A-DATABASE.sqlite3")
    measure_by_hand(Path(sys.argv[1]))
