"""The retail shelf: receiving, the low-stock list, and defective exchanges against a receipt."""

import pytest
from sqlalchemy import select

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sale_math import Tender, settle
from medspa_desk.services.till.cart import gift_card_line, walk_in_cart
from medspa_desk.services.till.retail_stock import (
    exchange_defective,
    find_product,
    low_stock,
    receive_stock,
    retail_line,
    scanned_line,
)
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.services.till.sale_void import void_sale
from medspa_desk.storage.models import Product
from medspa_desk.storage.till_models import RetailExchange, SaleLine, StockMovement
from tests.approvals import manager_approval
from tests.refusals import refused


def card(amount):
    return Tender.card(amount, "Mastercard", "5454", "ZX9")


def buy(till, *lines):
    cart = walk_in_cart(till.desk)
    for line in lines:
        cart.add(line)
    done = complete_sale(till.desk, cart, [card(settle(cart).total_cents)])
    with till.db.reading() as session:
        line_ids = session.scalars(
            select(SaleLine.id).where(SaleLine.sale_id == done.sale_id).order_by(SaleLine.id)
        ).all()
    return done, line_ids


def stock(till, product_id):
    with till.db.reading() as session:
        return session.get(Product, product_id).stock_quantity


def test_receiving_adds_to_the_count_with_a_movement(till):
    assert receive_stock(till.desk, till.ids.last_one, 6, "Delivery from ZO") == 7
    with till.db.reading() as session:
        movement = session.scalars(select(StockMovement)).one()
    assert (movement.quantity, movement.reason, movement.note) == (
        6,
        "receiving",
        "Delivery from ZO",
    )
    refused(till.db, lambda: receive_stock(till.desk, till.ids.last_one, 0), "1 unit or more")
    refused(till.db, lambda: receive_stock(till.desk, 999, 1), "no product number 999")


def test_low_stock_lists_counts_at_or_below_three_emptiest_first(till):
    assert [p.sku for p in low_stock(till.desk)] == ["SKN-012"]
    receive_stock(till.desk, till.ids.last_one, 2)  # 3: still low
    assert [p.stock_quantity for p in low_stock(till.desk)] == [3]
    assert [p.sku for p in low_stock(till.desk, threshold=14)] == ["SKN-012", "SKN-001"]


@pytest.mark.parametrize("days_later", [0, 1, 14])
def test_a_defective_product_is_exchanged_within_14_days_counting_day_14(till, days_later):
    done, (line_id,) = buy(till, scanned_line(till.desk, "SKN-001"))
    till.clock.advance(days=days_later)
    result = exchange_defective(
        till.desk,
        done.receipt_number,
        line_id,
        quantity=1,
        reason="Pump broken",
        replacement_sku="skn-001",
    )
    assert (result.quantity, result.stock_quantity) == (1, 12)  # the defective unit is not resold
    with till.db.reading() as session:
        exchange = session.get(RetailExchange, result.exchange_id)
        assert (exchange.sale_line_id, exchange.reason) == (line_id, "Pump broken")
        movement = session.scalars(
            select(StockMovement).where(StockMovement.reason == "exchange")
        ).one()
        assert (movement.quantity, movement.sale_id) == (-1, done.sale_id)


def test_an_exchange_on_day_15_is_refused(till):
    done, (line_id,) = buy(till, scanned_line(till.desk, "SKN-001"))
    till.clock.advance(days=15)
    refused(
        till.db,
        lambda: exchange_defective(
            till.desk, done.receipt_number, line_id, quantity=1, reason="Broken"
        ),
        "15 days ago: defective products may be exchanged within 14 days",
    )


def test_an_exchange_for_a_different_product_is_refused(till):
    done, (line_id,) = buy(till, scanned_line(till.desk, "SKN-001"))
    refused(
        till.db,
        lambda: exchange_defective(
            till.desk,
            done.receipt_number,
            line_id,
            quantity=1,
            reason="Broken",
            replacement_sku="SKN-004",
        ),
        "for the same product only",
    )


def test_no_more_can_be_exchanged_than_was_bought(till):
    serum = scanned_line(till.desk, "SKN-001")
    done, (line_id,) = buy(till, serum, serum)  # one line, two units
    exchange_defective(till.desk, done.receipt_number, line_id, quantity=1, reason="Leaking")
    refused(
        till.db,
        lambda: exchange_defective(
            till.desk, done.receipt_number, line_id, quantity=2, reason="Leaking"
        ),
        r"has 1 of C E Ferulic serum 30 ml left to exchange \(2 bought, 1 exchanged already\); 2 asked",
    )
    exchange_defective(till.desk, done.receipt_number, line_id, quantity=1, reason="Leaking too")


def test_only_retail_is_exchanged_and_only_against_its_own_receipt(till):
    done, (card_line,) = buy(till, gift_card_line(5_000))
    refused(
        till.db,
        lambda: exchange_defective(
            till.desk, done.receipt_number, card_line, quantity=1, reason="x"
        ),
        "Only retail products are exchanged",
    )
    other, (serum_line,) = buy(till, scanned_line(till.desk, "SKN-001"))
    refused(
        till.db,
        lambda: exchange_defective(
            till.desk, done.receipt_number, serum_line, quantity=1, reason="x"
        ),
        "not on receipt 1",
    )
    refused(
        till.db,
        lambda: exchange_defective(till.desk, 77, serum_line, quantity=1, reason="x"),
        "no receipt number 77",
    )
    refused(
        till.db,
        lambda: exchange_defective(
            till.desk, other.receipt_number, serum_line, quantity=1, reason=" "
        ),
        "Say what",
    )


def test_a_voided_sale_has_nothing_to_exchange(till):
    done, (line_id,) = buy(till, retail_line(find_product(till.desk, "SKN-004")[0]))
    void_sale(
        till.desk,
        done.sale_id,
        approval=manager_approval(till.desk, till.ids.amber, DeskPermission.VOID_SALE),
        reason="Wrong product",
    )
    refused(
        till.db,
        lambda: exchange_defective(till.desk, done.receipt_number, line_id, quantity=1, reason="x"),
        "voided",
    )
