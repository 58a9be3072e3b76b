"""Random sales against one till: whatever the cart, discounts, tip and split tenders, the books
add up to the cent, balances never go below zero, and receipt numbers run without a gap."""

import sqlite3
from contextlib import closing

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.domain.sale_math import (
    Cart,
    CartLine,
    SaleInputError,
    TaxRates,
    Tender,
    Tip,
    settle,
)
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import gift_card_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.services.till.sale_void import void_sale
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import AccountCreditEntry, Counter
from medspa_desk.storage.till_models import (
    GiftCard,
    GiftCardEntry,
    Sale,
    SaleLine,
    SaleTender,
    SaleTip,
)
from tests.approvals import manager_approval
from tests.refusals import database_state
from tests.services.checkout_fixtures import NOW


@pytest.fixture(scope="module")
def shared_till(till_template, tmp_path_factory):
    """One till for every example: the books it keeps grow from example to example."""
    template, ids = till_template
    path = tmp_path_factory.mktemp("properties") / "clinic.sqlite3"
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    db = open_database(path)
    yield Desk(db, load_settings(db), FixedClock(NOW), staff_id=ids.riley), ids
    db.close()


@st.composite
def sales(draw, ids):
    cart = Cart(
        TaxRates(draw(st.sampled_from([0, 500])), draw(st.sampled_from([0, 825])), 0),
        client_id=draw(st.sampled_from([None, ids.jose, ids.hoa])),
    )
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["service", "retail", "gift_card"]))
        if kind == "service":
            provider, service, price = draw(
                st.sampled_from([(ids.ava, ids.neurotoxin, 35_000), (ids.mia, ids.facial, 19_900)])
            )
            line = CartLine(
                LineKind.SERVICE,
                "Service",
                price,
                quantity=draw(st.integers(1, 3)),
                provider_id=provider,
                service_id=service,
            )
        elif kind == "retail":
            product, price = draw(
                st.sampled_from(
                    [(ids.serum, 18_200), (ids.sunscreen, 4_200), (ids.last_one, 16_000)]
                )
            )
            line = CartLine(
                LineKind.RETAIL,
                "Product",
                price,
                quantity=draw(st.integers(1, 4)),
                product_id=product,
            )
        else:
            line = gift_card_line(draw(st.integers(1, 30_000)))
        discount = draw(st.integers(0, line.gross_cents) | st.just(0))
        if discount:
            line = CartLine(
                **{**line.__dict__, "discount_cents": discount, "discount_reason": "Promotion"}
            )
        cart.lines.append(line)
    if any(line.kind is LineKind.SERVICE for line in cart.lines):
        cart.tip = draw(
            st.sampled_from([Tip(), Tip(amount_cents=1_001), Tip(percent_basis_points=1_800)])
        )
    return cart


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_sales_keep_the_books_exact(shared_till, data):
    desk, ids = shared_till
    cart = data.draw(sales(ids))
    due = settle(cart).total_cents
    with desk.db.reading() as session:
        codes = session.scalars(select(GiftCard.code)).all()
    tenders, left = [], due
    for kind in data.draw(st.lists(st.sampled_from(["card", "gift_card", "credit"]), max_size=3)):
        if left == 0:
            break
        amount = data.draw(st.integers(1, left))
        if kind == "card":
            tenders.append(Tender.card(amount, "Visa", "4242", "OK1"))
        elif kind == "gift_card":
            # An index, not sampled_from(codes): the draws must not depend on the books' state.
            tenders.append(
                Tender.gift_card(codes[data.draw(st.integers(0, 1_000)) % len(codes)], amount)
            )
        else:
            tenders.append(Tender.account_credit(amount))
        left -= amount
    if left:
        tenders.append(Tender.cash(left + data.draw(st.sampled_from([0, 1, 55, 10_000]))))

    void_it = data.draw(st.integers(0, 9)) == 0  # now and then a manager voids the sale
    before = database_state(desk.db)
    try:
        done = complete_sale(desk, cart, tenders)
    except (DeskRefusal, SaleInputError):
        event("refused")
        assert (
            database_state(desk.db) == before
        )  # refused (a card or credit short): nothing written
    else:
        event("completed")
        assert done.change_due_cents >= 0
        if void_it:
            try:
                void_sale(
                    desk,
                    done.sale_id,
                    approval=manager_approval(desk, ids.amber, DeskPermission.VOID_SALE),
                    reason="Property test",
                )
            except DeskRefusal:
                pass  # a gift card it sold was spent since
    _check_books(desk)


def _check_books(desk):
    with desk.db.reading() as session:
        numbers = session.scalars(select(Sale.receipt_number).order_by(Sale.receipt_number)).all()
        assert numbers == list(range(1, len(numbers) + 1))
        assert session.get(Counter, "receipt_number").next_value == len(numbers) + 1
        for sale in session.scalars(select(Sale)):
            lines = session.scalar(
                select(func.coalesce(func.sum(SaleLine.total_cents), 0)).where(
                    SaleLine.sale_id == sale.id
                )
            )
            tips = session.scalar(
                select(func.coalesce(func.sum(SaleTip.amount_cents), 0)).where(
                    SaleTip.sale_id == sale.id
                )
            )
            paid = session.scalar(
                select(func.coalesce(func.sum(SaleTender.amount_cents), 0)).where(
                    SaleTender.sale_id == sale.id
                )
            )
            cash_over = session.scalar(
                select(
                    func.coalesce(
                        func.sum(SaleTender.cash_given_cents - SaleTender.amount_cents), 0
                    )
                ).where(SaleTender.sale_id == sale.id, SaleTender.kind == "cash")
            )
            assert sale.total_cents == lines + tips == lines + sale.tip_cents
            assert (
                sale.total_cents
                == sale.subtotal_cents - sale.discount_cents + sale.tax_cents + sale.tip_cents
            )
            assert paid == sale.total_cents
            assert sale.change_cents == cash_over >= 0
        gift_cards = (
            session.execute(
                select(func.sum(GiftCardEntry.amount_cents)).group_by(GiftCardEntry.gift_card_id)
            )
            .scalars()
            .all()
        )
        assert min(gift_cards) >= 0
        credits = (
            session.execute(
                select(func.sum(AccountCreditEntry.amount_cents)).group_by(
                    AccountCreditEntry.client_id
                )
            )
            .scalars()
            .all()
        )
        assert min(credits) >= 0
