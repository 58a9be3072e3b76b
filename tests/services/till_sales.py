"""A sale rung up at the services' test till (tests/services/checkout_fixtures), and what the
cart, sale-completion and void tests read back about it: stock on the shelf, a client's credit."""

from __future__ import annotations

from medspa_desk.domain.sale_math import Tender, settle
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.till.cart import walk_in_cart
from medspa_desk.services.till.retail_stock import find_product, retail_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.models import Product


def card(amount, last4="4242"):
    return Tender.card(amount, "Visa", last4, "A1B2C3")


def stock(till, product_id):
    with till.db.reading() as session:
        return session.get(Product, product_id).stock_quantity


def credit(till, client_id):
    return client_standing(till.desk, client_id).credit_cents


def sell_serum(till, quantity=1):
    cart = walk_in_cart(till.desk)
    cart.add(retail_line(find_product(till.desk, "SKN-001")[0], quantity))
    return complete_sale(till.desk, cart, [card(settle(cart).total_cents)])
