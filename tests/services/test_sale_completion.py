"""Completing a sale: what it writes and moves, and what it refuses without writing anything."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sale_math import SaleInputError, Tender, Tip, settle
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.services.till.cart import (
    cart_for_appointment,
    fee_lines,
    gift_card_line,
    prepayment_line,
    service_line,
    walk_in_cart,
)
from medspa_desk.services.till.day_close import close_day
from medspa_desk.services.till.gift_cards import gift_card_balance
from medspa_desk.services.till.retail_stock import scanned_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.models import (
    Appointment,
    AppointmentStatusChange,
    AuditEntry,
    BookingPayment,
    Counter,
)
from medspa_desk.storage.till_models import Sale, SaleLine, SaleTender, SaleTip, StockMovement
from tests.approvals import manager_approval, signed_in
from tests.refusals import refused
from tests.services.checkout_fixtures import DAY, GIFT_CARD_CODE
from tests.services.till_sales import card, credit, sell_serum, stock

# --- Completing -----------------------------------------------------------------------------------


def test_a_checkout_writes_the_whole_sale_and_completes_the_visit(till):
    ids = till.ids
    cart = cart_for_appointment(till.desk, ids.visit)
    cart.add(scanned_line(till.desk, "SKN-001"))
    cart.change(0, discount_cents=3_500, discount_reason="Loyalty")
    cart.tip = Tip(percent_basis_points=2_000)  # 20 % of 315.00
    due = settle(cart, cart.offered_tenders).balance_due_cents
    done = complete_sale(
        till.desk, cart, [*cart.offered_tenders, card(due - 1_000), Tender.cash(2_000)]
    )

    assert (done.receipt_number, done.total_cents, done.change_due_cents) == (
        1,
        31_500 + 18_200 + 6_300,
        1_000,
    )
    with till.db.reading() as session:
        sale = session.get(Sale, done.sale_id)
        assert (sale.subtotal_cents, sale.discount_cents, sale.tip_cents, sale.business_day) == (
            53_200,
            3_500,
            6_300,
            DAY,
        )
        assert sale.refund_policy_version.startswith("sha256:")
        lines = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id)).all()
        assert [(line.kind, line.total_cents, line.discount_reason) for line in lines] == [
            ("service", 31_500, "Loyalty"),
            ("retail", 18_200, ""),
        ]
        tips = session.execute(select(SaleTip.provider_id, SaleTip.amount_cents)).all()
        assert tips == [(ids.ava, 6_300)]
        tenders = session.execute(
            select(
                SaleTender.kind,
                SaleTender.amount_cents,
                SaleTender.cash_given_cents,
                SaleTender.card_last4,
            )
        ).all()
        assert tenders == [
            ("deposit", 10_000, 0, ""),
            ("card", due - 1_000, 0, "4242"),
            ("cash", 1_000, 2_000, ""),
        ]
        assert session.get(BookingPayment, ids.deposit).outcome == "used_at_checkout"
        visit = session.get(Appointment, ids.visit)
        assert visit.status == "completed"
        step = session.scalars(
            select(AppointmentStatusChange).where(
                AppointmentStatusChange.appointment_id == ids.visit
            )
        ).one()
        assert (step.from_status, step.to_status, step.reason) == (
            "checked_in",
            "completed",
            "Checked out on receipt 1",
        )
        movement = session.scalars(select(StockMovement)).one()
        assert (movement.quantity, movement.reason, movement.sale_id) == (-1, "sale", sale.id)
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "sale.completed")
        ).one()
        assert audit.subject == f"sale:{sale.id}"
        assert "Nguy" not in audit.detail and "Thompson" not in audit.detail
    assert stock(till, ids.serum) == 13


def test_fee_credit_and_gift_card_are_paid_down_and_a_gift_card_sold(till):
    ids = till.ids
    cart = cart_for_appointment(till.desk, ids.jose_visit)  # 199.00 + 75.00 fee
    cart.add(gift_card_line(5_000))
    total = settle(cart).total_cents
    done = complete_sale(
        till.desk,
        cart,
        [
            Tender.gift_card("abcd efgh jkmn pqrs", 10_000),
            Tender.account_credit(5_000),
            card(total - 15_000),
        ],
    )
    assert gift_card_balance(till.desk, GIFT_CARD_CODE).balance_cents == 0
    assert credit(till, ids.jose) == 0
    assert client_standing(till.desk, ids.jose).fees_owed_cents == 0
    assert fee_lines(till.desk, ids.jose) == []
    (sold,) = done.gift_cards
    assert sold.amount_cents == 5_000
    assert gift_card_balance(till.desk, sold.code.lower().replace("-", " ")).balance_cents == 5_000


def test_a_fee_paid_in_part_leaves_the_same_amount_owed_in_the_standing_and_at_the_till(till):
    ids = till.ids
    cart = walk_in_cart(till.desk, ids.jose)
    (fee,) = fee_lines(till.desk, ids.jose)
    cart.add(fee)
    cart.change(0, unit_price_cents=2_500)  # the client pays part of it today
    complete_sale(till.desk, cart, [card(2_500)])
    assert client_standing(till.desk, ids.jose).fees_owed_cents == 7_500 - 2_500
    assert [line.unit_price_cents for line in fee_lines(till.desk, ids.jose)] == [7_500 - 2_500]


def test_a_deposit_larger_than_the_sale_credits_the_rest(till):
    cart = cart_for_appointment(till.desk, till.ids.visit)
    cart.change(0, discount_cents=27_000, discount_reason="Touch-up, manager approved")  # 80.00 due
    approval = manager_approval(till.desk, till.ids.amber, DeskPermission.DISCOUNT_BEYOND_LIMIT)
    complete_sale(till.desk, cart, [Tender.deposit(till.ids.deposit, 8_000)], approval)
    assert credit(till, till.ids.hoa) == 2_000


def test_the_last_unit_on_the_count_can_be_sold_below_zero_with_a_recount_warning(till):
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-012"))
    cart.add(scanned_line(till.desk, "SKN-012"))
    done = complete_sale(till.desk, cart, [card(32_000)])
    assert stock(till, till.ids.last_one) == -1
    assert len(done.recount_warnings) == 1 and "recount" in done.recount_warnings[0]


def test_a_prepayment_is_held_for_the_booking(till):
    cart = walk_in_cart(till.desk, till.ids.jose)
    cart.add(prepayment_line(till.desk, till.ids.jose_next))
    complete_sale(till.desk, cart, [card(19_900)])
    with till.db.reading() as session:
        payment = session.scalars(
            select(BookingPayment).where(BookingPayment.appointment_id == till.ids.jose_next)
        ).one()
    assert (payment.amount_cents, payment.tender, payment.card_last4, payment.outcome) == (
        19_900,
        "card",
        "4242",
        None,
    )
    with pytest.raises(DeskRefusal, match="already has money held"):
        prepayment_line(till.desk, till.ids.jose_next)


def test_an_add_on_service_comes_from_the_menu(till):
    line = service_line(till.desk, till.ids.facial, till.ids.mia)
    assert (line.unit_price_cents, line.provider_id) == (19_900, till.ids.mia)
    with pytest.raises(DeskRefusal, match="not a provider"):
        service_line(till.desk, till.ids.facial, till.ids.riley)


def test_a_sale_with_nothing_to_pay_completes_without_tenders(till):
    cart = walk_in_cart(till.desk)
    cart.add(service_line(till.desk, till.ids.facial, till.ids.mia))
    cart.change(0, discount_cents=19_900, discount_reason="Complimentary, model day")
    assert complete_sale(signed_in(till.desk, till.ids.amber), cart, []).total_cents == 0


def test_a_discount_beyond_the_limit_needs_a_manager(till):
    cart = walk_in_cart(till.desk)
    cart.add(service_line(till.desk, till.ids.facial, till.ids.mia))
    limit = till.desk.settings.discount_limit_percent  # 20 % unless the clinic says otherwise
    at_limit = cart.lines[0].gross_cents * limit // 100
    cart.change(0, discount_cents=at_limit + 1, discount_reason="Birthday")
    pay = [Tender.cash(cart.lines[0].gross_cents)]
    refused(
        till.db,
        lambda: complete_sale(till.desk, cart, pay),
        "Only a manager can give a discount beyond the limit",
        PermissionNeeded,
    )
    cart.change(0, discount_cents=at_limit, discount_reason="Birthday")  # the limit itself: fine
    assert complete_sale(till.desk, cart, pay).total_cents > 0


# --- Refusals change nothing ---------------------------------------------------------------------


def test_an_unpaid_sale_is_refused(till):
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-004"))
    refused(till.db, lambda: complete_sale(till.desk, cart, [card(2_000)]), r"\$22.00 is still due")
    refused(
        till.db,
        lambda: complete_sale(till.desk, walk_in_cart(till.desk), []),
        "nothing on this sale",
    )


def test_over_tender_on_a_card_is_refused(till):
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-004"))
    refused(
        till.db,
        lambda: complete_sale(till.desk, cart, [card(5_000)]),
        "more than the",
        SaleInputError,
    )


def test_gift_card_overspend_is_refused(till):
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-001"))  # 182.00
    tenders = [Tender.gift_card(GIFT_CARD_CODE, 12_000), card(6_200)]
    refused(
        till.db, lambda: complete_sale(till.desk, cart, tenders), r"ending PQRS has \$100.00 left"
    )
    # Two tenders on one card add up.
    tenders = [
        Tender.gift_card(GIFT_CARD_CODE, 6_000),
        Tender.gift_card(GIFT_CARD_CODE, 6_000),
        card(6_200),
    ]
    refused(till.db, lambda: complete_sale(till.desk, cart, tenders), "left")
    refused(
        till.db,
        lambda: complete_sale(
            till.desk, cart, [Tender.gift_card("ZZZZ-ZZZZ-ZZZZ-ZZZZ", 100), card(18_100)]
        ),
        "No gift card",
    )


def test_spending_more_credit_than_the_client_has_is_refused(till):
    cart = walk_in_cart(till.desk, till.ids.jose)
    cart.add(scanned_line(till.desk, "SKN-001"))
    tenders = [Tender.account_credit(6_000), card(12_200)]
    refused(
        till.db,
        lambda: complete_sale(till.desk, cart, tenders),
        r"has \$50.00 of account credit, not \$60.00",
    )
    anonymous = walk_in_cart(till.desk)
    anonymous.add(scanned_line(till.desk, "SKN-004"))
    refused(
        till.db,
        lambda: complete_sale(till.desk, anonymous, [Tender.account_credit(1_000), card(3_200)]),
        "choose the client",
    )


def test_a_deposit_for_another_visit_or_already_used_is_refused(till):
    cart = cart_for_appointment(till.desk, till.ids.jose_visit)
    total = settle(cart).total_cents
    refused(
        till.db,
        lambda: complete_sale(
            till.desk, cart, [Tender.deposit(till.ids.deposit, 10_000), card(total - 10_000)]
        ),
        "not held for this visit",
    )


def test_a_fee_paid_twice_is_refused(till):
    first = walk_in_cart(till.desk, till.ids.jose)
    first.add(fee_lines(till.desk, till.ids.jose)[0])
    second = walk_in_cart(till.desk, till.ids.jose)
    second.add(fee_lines(till.desk, till.ids.jose)[0])
    complete_sale(till.desk, first, [card(7_500)])
    refused(till.db, lambda: complete_sale(till.desk, second, [card(7_500)]), "not owed")


def test_a_tip_for_someone_who_is_not_a_provider_is_refused(till):
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-004"))
    cart.tip = Tip(amount_cents=500, provider_id=till.ids.riley)
    refused(
        till.db,
        lambda: complete_sale(till.desk, cart, [card(4_700)]),
        f"Staff number {till.ids.riley} is not a provider",
    )


def test_a_sale_on_a_closed_day_is_refused_in_words(till):
    close_day(till.desk, DAY, counted_cash_cents=0)
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-004"))
    refused(
        till.db, lambda: complete_sale(till.desk, cart, [card(4_200)]), "Wed Nov 25 has been closed"
    )


def test_a_failed_sale_takes_no_receipt_number(till):
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-004"))
    with pytest.raises(DeskRefusal):
        complete_sale(till.desk, cart, [Tender.gift_card("ZZZZ-ZZZZ-ZZZZ-ZZZZ", 4_200)])
    assert sell_serum(till).receipt_number == 1
    assert sell_serum(till).receipt_number == 2
    with till.db.reading() as session:
        assert session.get(Counter, "receipt_number").next_value == 3


def test_receipt_numbers_are_not_row_ids(till):
    sell_serum(till)
    with till.db.writing() as session:
        session.get(Counter, "receipt_number").next_value = 1000  # a clinic that started at 1000
    assert sell_serum(till).receipt_number == 1000
    assert sell_serum(till).receipt_number == 1001


def test_the_clock_decides_the_business_day(till):
    till.clock.advance(hours=14)  # 00:12 the next morning, local
    assert sell_serum(till).business_day == DAY + timedelta(days=1)
