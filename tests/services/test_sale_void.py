"""Voiding a sale: a manager's, with a reason, on the day; its movements reversed by new entries.
There is no refund."""

from sqlalchemy import func, select

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sale_math import Tender, settle
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.till import cart as till_cart
from medspa_desk.services.till import sale_checks, sale_completion, sale_rows, sale_void
from medspa_desk.services.till.cart import cart_for_appointment, gift_card_line, walk_in_cart
from medspa_desk.services.till.day_close import close_day
from medspa_desk.services.till.gift_cards import gift_card_balance
from medspa_desk.services.till.retail_stock import scanned_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.services.till.sale_void import void_sale
from medspa_desk.storage.models import Appointment, BookingPayment
from medspa_desk.storage.till_models import Sale, StockMovement
from tests.approvals import manager_approval, signed_in
from tests.refusals import database_state, refused
from tests.services.checkout_fixtures import DAY, GIFT_CARD_CODE
from tests.services.till_sales import card, sell_serum, stock

# --- Voiding --------------------------------------------------------------------------------------


def test_a_manager_voids_a_sale_and_its_movements_are_reversed_by_new_entries(till):
    ids = till.ids
    cart = cart_for_appointment(till.desk, ids.visit)
    cart.add(scanned_line(till.desk, "SKN-001"))
    cart.add(gift_card_line(2_500))
    due = settle(cart, cart.offered_tenders).balance_due_cents
    done = complete_sale(
        till.desk,
        cart,
        [*cart.offered_tenders, Tender.gift_card(GIFT_CARD_CODE, 10_000), card(due - 10_000)],
    )
    till.clock.advance(minutes=3)
    entries_before = database_state(till.db)["gift_card_entry"]

    voided = void_sale(
        till.desk,
        done.sale_id,
        approval=manager_approval(till.desk, ids.amber, DeskPermission.VOID_SALE),
        reason="Wrong client",
    )
    assert voided.receipt_number == done.receipt_number
    assert stock(till, ids.serum) == 14
    assert gift_card_balance(till.desk, GIFT_CARD_CODE).balance_cents == 10_000
    assert gift_card_balance(till.desk, done.gift_cards[0].code).balance_cents == 0
    after = database_state(till.db)["gift_card_entry"]
    assert set(entries_before) <= set(after) and len(after) == len(entries_before) + 2
    with till.db.reading() as session:
        sale = session.get(Sale, done.sale_id)
        assert (sale.voided_by_id, sale.void_reason) == (ids.amber, "Wrong client")
        assert session.get(BookingPayment, ids.deposit).outcome is None  # held again for the visit
        assert session.get(Appointment, ids.visit).status == "completed"
        assert (
            session.scalar(
                select(func.count(StockMovement.id)).where(StockMovement.reason == "void")
            )
            == 1
        )
    # The visit can be checked out again, with its deposit.
    assert cart_for_appointment(till.desk, ids.visit).offered_tenders == [
        Tender.deposit(ids.deposit, 10_000)
    ]


def test_voiding_puts_back_credit_and_fees(till):
    ids = till.ids
    cart = cart_for_appointment(till.desk, ids.jose_visit)
    done = complete_sale(
        till.desk, cart, [Tender.account_credit(5_000), card(settle(cart).total_cents - 5_000)]
    )
    void_sale(
        till.desk,
        done.sale_id,
        approval=manager_approval(till.desk, ids.amber, DeskPermission.VOID_SALE),
        reason="Charged twice on the terminal",
    )
    standing = client_standing(till.desk, ids.jose)
    assert (standing.credit_cents, standing.fees_owed_cents) == (5_000, 7_500)


def test_void_by_a_non_manager_is_refused(till):
    done = sell_serum(till)
    refused(
        till.db,
        lambda: void_sale(signed_in(till.desk, till.ids.riley), done.sale_id, reason="Oops"),
        "Only a manager can void a sale",
    )


def test_void_needs_a_reason(till):
    done = sell_serum(till)
    refused(
        till.db,
        lambda: void_sale(signed_in(till.desk, till.ids.amber), done.sale_id, reason="  "),
        "Say why",
    )


def test_void_after_close_is_refused(till):
    done = sell_serum(till)
    close_day(till.desk, DAY, counted_cash_cents=0)
    refused(
        till.db,
        lambda: void_sale(signed_in(till.desk, till.ids.amber), done.sale_id, reason="Late void"),
        "has been closed",
    )


def test_void_of_yesterdays_sale_is_refused(till):
    done = sell_serum(till)
    till.clock.advance(days=1)
    refused(
        till.db,
        lambda: void_sale(signed_in(till.desk, till.ids.amber), done.sale_id, reason="x"),
        "only today's sales",
    )


def test_void_twice_is_refused(till):
    done = sell_serum(till)
    void_sale(
        till.desk,
        done.sale_id,
        approval=manager_approval(till.desk, till.ids.amber, DeskPermission.VOID_SALE),
        reason="Wrong item",
    )
    refused(
        till.db,
        lambda: void_sale(signed_in(till.desk, till.ids.amber), done.sale_id, reason="Again"),
        "already void",
    )


def test_a_sold_gift_card_already_spent_blocks_the_void(till):
    cart = walk_in_cart(till.desk)
    cart.add(gift_card_line(5_000))
    done = complete_sale(till.desk, cart, [card(5_000)])
    spend = walk_in_cart(till.desk)
    spend.add(scanned_line(till.desk, "SKN-004"))
    complete_sale(till.desk, spend, [Tender.gift_card(done.gift_cards[0].code, 4_200)])
    refused(
        till.db,
        lambda: void_sale(signed_in(till.desk, till.ids.amber), done.sale_id, reason="x"),
        "already been used",
    )


def test_no_refund_action_exists():
    assert not [
        f"{module.__name__}.{name}"
        for module in (till_cart, sale_checks, sale_completion, sale_rows, sale_void)
        for name in dir(module)
        if "refund" in name.lower() and callable(getattr(module, name))
    ]
