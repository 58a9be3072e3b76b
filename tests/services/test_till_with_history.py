"""The till on books with history: a line scanned, a sale completed and its receipt drawn on a
database that already holds a sale for every past visit, with each past day closed.

How fast these are is a benchmark (benchmarks/test_till_speed.py, on two years of visits); here,
on two months, that they do the right thing.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.documents.receipt import receipt_pdf
from medspa_desk.domain.sale_math import settle
from medspa_desk.services.till.cart import walk_in_cart
from medspa_desk.services.till.receipts import receipt_data
from medspa_desk.services.till.retail_stock import scanned_line
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import Product
from medspa_desk.storage.till_models import Sale
from tests.pdf_text import pdf_text
from tests.services.till_history import add_till_history, desk_at_noon, sell

ANCHOR = date(2026, 11, 25)  # the demo's "today", a Wednesday


@pytest.fixture(scope="module")
def history_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("till_history") / "clinic.sqlite3"
    db = open_database(path)
    build_demo_clinic(db, ANCHOR, DemoSize(clients=300, past_days=60, future_days=7))
    assert add_till_history(db) > 50  # enough past sales for the receipt numbers to follow on
    db.close()
    return path


@pytest.fixture
def busy_desk(history_file, tmp_path):
    path = tmp_path / "clinic.sqlite3"
    shutil.copyfile(history_file, path)
    desk = desk_at_noon(path)
    yield desk
    desk.close()


def test_a_scanned_line_is_added_at_the_shelf_price(busy_desk):
    with busy_desk.db.reading() as session:
        price = session.scalar(select(Product.price_cents).where(Product.sku == "SKN-004"))
    cart = walk_in_cart(busy_desk)
    cart.add(scanned_line(busy_desk, "SKN-004"))
    cart.add(scanned_line(busy_desk, "SKN-004"))
    assert {line.unit_price_cents for line in cart.lines} == {price}
    assert sum(line.quantity for line in cart.lines) == 2
    assert settle(cart).subtotal_cents == 2 * price


def test_a_sale_takes_the_receipt_number_after_the_history(busy_desk):
    with busy_desk.db.reading() as session:
        last = session.scalar(select(func.max(Sale.receipt_number)))
    assert [sell(busy_desk).receipt_number for _ in range(3)] == [last + 1, last + 2, last + 3]


@pytest.mark.parametrize("layout", ["roll", "letter"])
def test_the_receipt_of_a_sale_on_busy_books_names_its_number_and_total(busy_desk, layout):
    sold = sell(busy_desk)
    data = receipt_data(busy_desk, sold.receipt_number)
    text = pdf_text(receipt_pdf(data, layout))
    assert f"Receipt {sold.receipt_number}" in text
    assert "Gift card" in text and "4242" in text
