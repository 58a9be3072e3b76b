"""Starting a cart: what an appointment brings to the till, and finding a product on the shelf."""

import pytest

from medspa_desk.domain.sale_math import Tender, settle
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import cart_for_appointment
from medspa_desk.services.till.retail_stock import find_product, scanned_line
from medspa_desk.services.till.sale_completion import complete_sale
from tests.refusals import database_state
from tests.services.till_sales import card

# --- Starting a cart ------------------------------------------------------------------------------


def test_an_appointment_brings_its_service_the_clients_fees_and_its_deposit(till):
    cart = cart_for_appointment(till.desk, till.ids.jose_visit)
    assert [(line.kind, line.unit_price_cents) for line in cart.lines] == [
        ("service", 19_900),
        ("fee", 7_500),
    ]
    assert cart.lines[0].provider_id == till.ids.mia
    assert cart.lines[1].description == "Late-cancellation fee (Wed Nov 11 visit)"
    assert cart.offered_tenders == []

    hoa = cart_for_appointment(till.desk, till.ids.visit)
    assert hoa.offered_tenders == [Tender.deposit(till.ids.deposit, 10_000)]
    assert hoa.client_id == till.ids.hoa and hoa.appointment_id == till.ids.visit


def test_a_visit_already_checked_out_cannot_be_checked_out_again(till):
    cart = cart_for_appointment(till.desk, till.ids.jose_visit)
    complete_sale(till.desk, cart, [card(settle(cart).total_cents)])
    with pytest.raises(DeskRefusal, match="already checked out on receipt 1"):
        cart_for_appointment(till.desk, till.ids.jose_visit)


def test_a_visit_on_a_later_day_is_checked_out_on_the_day(till):
    with pytest.raises(DeskRefusal, match="checked out on the day"):
        cart_for_appointment(till.desk, till.ids.jose_next)


def test_find_product_takes_the_exact_sku_first_then_words_of_the_name(till):
    assert [p.sku for p in find_product(till.desk, "skn-012")] == ["SKN-012"]
    assert [p.sku for p in find_product(till.desk, "skinceuticals")] == ["SKN-001", "SKN-004"]
    assert [p.sku for p in find_product(till.desk, "uv fusion")] == ["SKN-004"]
    assert find_product(till.desk, "  ") == []


def test_an_unknown_sku_is_refused_in_words(till):
    before = database_state(till.db)
    with pytest.raises(
        DeskRefusal, match="No product on the shelf has the SKU, barcode or name 'SKN-999'"
    ):
        scanned_line(till.desk, "SKN-999\n")
    with pytest.raises(DeskRefusal, match="matches 2 products"):
        scanned_line(till.desk, "SkinCeuticals")
    assert database_state(till.db) == before
