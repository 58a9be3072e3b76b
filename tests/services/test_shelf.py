"""The retail shelf kept by the clinic: products added, edited and retired by a manager, SKU and
barcode unique, the till finding a product by either, and the count moving only by stock
movements (a recount with its reason among them)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from medspa_desk.domain.sale_math import Cart, TaxRates, settle
from medspa_desk.domain.stock_movements import StockMovementReason
from medspa_desk.domain.tax_categories import TaxCategory
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.services.till.retail_stock import (
    correct_count,
    find_product,
    low_stock,
    receive_stock,
    scanned_line,
)
from medspa_desk.services.till.shelf import (
    ProductDetails,
    ProductRefused,
    add_product,
    edit_product,
    set_product_active,
    shelf_products,
)
from medspa_desk.storage.models import AuditEntry, Product
from medspa_desk.storage.till_models import StockMovement
from tests.refusals import refused
from tests.services.conftest import fetch, one


def balm(**changes) -> ProductDetails:
    details = ProductDetails(
        sku="SKN-020",
        barcode="0850012345678",
        name="Recovery balm 50 ml",
        brand="Alastin",
        price_cents=7_800,
        cost_cents=3_900,
        tax_category=TaxCategory.RETAIL,
        reorder_level=4,
    )
    return replace(details, **changes)


@pytest.fixture
def manager_till(till):
    till.desk.staff_id = till.ids.amber
    return till


def listed(till, product_id):
    return next(item for item in shelf_products(till.desk) if item.product_id == product_id)


def test_a_manager_adds_a_product_the_till_finds_by_barcode_and_sku(manager_till):
    till = manager_till
    product_id = add_product(till.desk, balm(name=" Recovery  balm 50 ml "))
    product = listed(till, product_id)
    assert product.details == balm() and product.stock_quantity == 0 and product.active
    for typed in ("0850012345678", "skn-020"):
        assert [match.product_id for match in find_product(till.desk, typed)] == [product_id]
    assert scanned_line(till.desk, "0850012345678").unit_price_cents == 7_800
    assert scanned_line(till.desk, "SKN-001").product_id == till.ids.serum  # SKUs still scan
    entry = one(till.desk, AuditEntry, action="shelf.product_added")
    assert entry.subject == f"product:{product_id}"
    assert json.loads(entry.detail)["barcode"] == "0850012345678"


def test_only_a_manager_changes_the_shelf(till):
    refused(
        till.db,
        lambda: add_product(till.desk, balm()),
        "Only a manager can change the clinic's set-up: a manager can approve it for you.",
        PermissionNeeded,
    )


def test_a_sku_or_barcode_in_use_is_refused_with_whose_it_is(manager_till):
    till = manager_till
    refusal = refused(
        till.db,
        lambda: add_product(till.desk, balm(sku="skn-001")),
        r"The SKU skn-001 is C E Ferulic serum 30 ml \(SKN-001\)'s already: SKUs are unique.",
        ProductRefused,
    )
    assert refusal.field == "sku"
    add_product(till.desk, balm())
    refusal = refused(
        till.db,
        lambda: add_product(till.desk, balm(sku="SKN-021")),
        r"The barcode 0850012345678 is Recovery balm 50 ml \(SKN-020\)'s already",
        ProductRefused,
    )
    assert refusal.field == "barcode"
    refused(
        till.db,
        lambda: add_product(till.desk, balm(sku="SKN-022", barcode="SKN-004")),
        "The barcode SKN-004 is Physical Fusion UV Defense SPF 50 .SKN-004.'s already",
        ProductRefused,
    )


def test_products_without_a_barcode_do_not_clash(manager_till):
    till = manager_till
    first = add_product(till.desk, balm(barcode=""))
    second = add_product(till.desk, balm(sku="SKN-021", barcode="  "))
    with till.db.reading() as session:
        assert [session.get(Product, i).barcode for i in (first, second)] == [None, None]


def test_every_wrong_field_is_named_with_its_sentence(manager_till):
    till = manager_till
    wrong = ProductDetails("", "12 34", "", "", -1, -1, TaxCategory.RETAIL, -2)
    refusal = refused(
        till.db, lambda: add_product(till.desk, wrong), "Give the product a SKU", ProductRefused
    )
    assert list(refusal.problems) == [
        "sku",
        "barcode",
        "name",
        "brand",
        "price_cents",
        "cost_cents",
        "reorder_level",
    ]
    assert refusal.problems["barcode"] == "No spaces: a scanner types it as one word."


def test_an_edit_changes_the_price_and_never_the_count(manager_till):
    till = manager_till
    serum = listed(till, till.ids.serum)
    changes = edit_product(
        till.desk,
        till.ids.serum,
        replace(serum.details, price_cents=19_000, cost_cents=9_100, reorder_level=5),
    )
    assert changes == {
        "price_cents": [18_200, 19_000],
        "cost_cents": [0, 9_100],
        "reorder_level": [0, 5],
    }
    assert listed(till, till.ids.serum).stock_quantity == 14
    assert fetch(till.desk, StockMovement, product_id=till.ids.serum) == []
    assert scanned_line(till.desk, "SKN-001").unit_price_cents == 19_000
    detail = json.loads(one(till.desk, AuditEntry, action="shelf.product_changed").detail)
    assert detail == changes
    assert edit_product(till.desk, till.ids.serum, listed(till, till.ids.serum).details) == {}


def test_a_product_keeps_its_own_sku_and_barcode_when_edited(manager_till):
    till = manager_till
    product_id = add_product(till.desk, balm())
    edit_product(till.desk, product_id, balm(brand="ALASTIN Skincare"))
    assert listed(till, product_id).details.brand == "ALASTIN Skincare"


def test_a_retired_product_leaves_the_till_and_comes_back(manager_till):
    till = manager_till
    set_product_active(till.desk, till.ids.last_one, False)
    assert find_product(till.desk, "SKN-012") == []
    assert till.ids.last_one not in [p.product_id for p in low_stock(till.desk)]
    assert not listed(till, till.ids.last_one).active
    assert shelf_products(till.desk)[-1].product_id == till.ids.last_one  # retired last
    refused(
        till.db,
        lambda: set_product_active(till.desk, till.ids.last_one, False),
        r"Daily Power Defense \(SKN-012\) is retired already.",
    )
    set_product_active(till.desk, till.ids.last_one, True)
    assert [p.product_id for p in find_product(till.desk, "SKN-012")] == [till.ids.last_one]


def test_a_recount_corrects_the_count_by_one_movement_with_its_reason(till):
    receive_stock(till.desk, till.ids.serum, 2)
    assert correct_count(till.desk, till.ids.serum, 12, "Two testers opened") == 12
    movement = fetch(till.desk, StockMovement, product_id=till.ids.serum)[-1]
    assert (movement.quantity, movement.reason, movement.note) == (
        -4,
        StockMovementReason.ADJUSTMENT,
        "Two testers opened",
    )
    assert movement.by_staff_id == till.ids.riley
    detail = json.loads(one(till.desk, AuditEntry, action="stock.counted").detail)
    assert detail == {"stock_quantity": [16, 12]}
    with till.db.reading() as session:
        assert session.get(Product, till.ids.serum).stock_quantity == 12


def test_a_recount_needs_a_reason_and_a_new_count(till):
    refused(
        till.db,
        lambda: correct_count(till.desk, till.ids.serum, 10, "  "),
        "Say why the count was wrong",
    )
    refused(
        till.db,
        lambda: correct_count(till.desk, till.ids.serum, 14, "Recount"),
        "C E Ferulic serum 30 ml is counted at 14 already: nothing to correct.",
    )
    refused(
        till.db,
        lambda: correct_count(till.desk, till.ids.serum, -1, "Recount"),
        "A count is 0 or more, not -1.",
        DeskRefusal,
    )


def test_an_amount_that_could_not_be_read_is_said_beside_its_field(manager_till):
    till = manager_till
    refusal = refused(
        till.db,
        lambda: add_product(till.desk, balm(price_cents=None, cost_cents=None)),
        "Give the price as an amount like 42.00.",
        ProductRefused,
    )
    assert list(refusal.problems) == ["price_cents", "cost_cents"]


def test_the_till_taxes_a_product_at_its_tax_category(manager_till):
    till = manager_till
    till.desk.settings = replace(
        till.desk.settings, tax_basis_points_retail=825, tax_basis_points_service=500
    )
    serum = listed(till, till.ids.serum).details
    rates = TaxRates.from_settings(till.desk.settings)

    def tax_on_a_serum() -> int:
        return settle(Cart(rates, lines=[scanned_line(till.desk, "SKN-001")])).tax_cents

    assert tax_on_a_serum() == 1_502  # 8.25 % of $182.00
    edit_product(till.desk, till.ids.serum, replace(serum, tax_category=TaxCategory.SERVICE))
    assert tax_on_a_serum() == 910  # 5 %
