"""End of day: the totals by tender, category and provider, expected cash, and the close."""

from datetime import timedelta

import pytest
import sqlalchemy.exc
from sqlalchemy import select

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sale_math import Tender, Tip, settle
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import (
    cart_for_appointment,
    gift_card_line,
    prepayment_line,
    walk_in_cart,
)
from medspa_desk.services.till.day_close import close_day, day_totals
from medspa_desk.services.till.retail_stock import scanned_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.services.till.sale_void import void_sale
from medspa_desk.storage.models import AuditEntry, BookingPayment, Service, Staff
from medspa_desk.storage.till_models import DayClose, Sale
from tests.approvals import manager_approval
from tests.refusals import database_state
from tests.services.checkout_fixtures import DAY, NOW


def a_day_of_sales(till):
    """Hoa's visit (deposit, card, cash with change, tip), José's visit and fee (cash), a voided
    sale, a prepayment sold at the till, and a prepayment taken in cash when booking."""
    ids = till.ids
    hoa = cart_for_appointment(till.desk, ids.visit)  # 350.00, 100.00 deposit held
    hoa.add(scanned_line(till.desk, "SKN-004"))  # 42.00
    hoa.tip = Tip(amount_cents=5_000)
    complete_sale(
        till.desk,
        hoa,
        [*hoa.offered_tenders, Tender.card(30_000, "Visa", "4242", "OK1"), Tender.cash(10_000)],
    )
    jose = cart_for_appointment(till.desk, ids.jose_visit)  # 199.00 + 75.00 fee
    complete_sale(till.desk, jose, [Tender.cash(30_000)])  # 26.00 change
    oops = walk_in_cart(till.desk)
    oops.add(gift_card_line(10_000))
    voided = complete_sale(till.desk, oops, [Tender.cash(10_000)])
    till.clock.advance(minutes=10)
    void_sale(
        till.desk,
        voided.sale_id,
        approval=manager_approval(till.desk, ids.amber, DeskPermission.VOID_SALE),
        reason="Rang up twice",
    )
    prepaid = walk_in_cart(till.desk, ids.jose)
    prepaid.add(prepayment_line(till.desk, ids.jose_next))
    complete_sale(till.desk, prepaid, [Tender.card(19_900, "Amex", "0005", "AX1")])
    with till.db.writing() as session:  # booking.book() taking a prepayment in cash
        session.add(
            BookingPayment(
                appointment_id=ids.jose_next,
                client_id=ids.jose,
                kind="prepayment",
                amount_cents=4_000,
                tender="cash",
                paid_at=NOW + timedelta(hours=1),
                taken_by_id=ids.riley,
            )
        )


def test_the_days_totals(till):
    a_day_of_sales(till)
    totals = day_totals(till.desk, DAY)
    assert totals.sales == 3
    assert totals.by_tender == {
        "deposit": 10_000,
        "card": 30_000 + 19_900,
        "cash": 4_200 + 27_400,
    }  # less 58.00 and 26.00 change
    assert totals.by_category == {
        "service": 35_000 + 19_900,
        "retail": 4_200,
        "fee": 7_500,
        "prepayment": 19_900,
    }
    assert totals.tip_cents == 5_000
    assert totals.total_cents == 44_200 + 27_400 + 19_900
    assert [(p.name, p.services_cents, p.tips_cents) for p in totals.by_provider] == [
        ("Ava Thompson", 35_000, 5_000),
        ("Mia Lopez", 19_900, 0),
    ]
    assert (totals.fees_collected, totals.fees_collected_cents) == (1, 7_500)
    assert [(v.receipt_number, v.total_cents, v.voided_by, v.reason) for v in totals.voids] == [
        (3, 10_000, "Amber Holt", "Rang up twice"),
    ]
    # The till's prepayment is in the sales; only the one taken when booking is listed apart.
    assert totals.taken_at_booking == {"cash": 4_000}
    assert totals.expected_cash_cents == 4_200 + 27_400 + 4_000
    assert totals.closed is None


def test_closing_records_the_count_and_the_difference(till):
    a_day_of_sales(till)
    expected = day_totals(till.desk, DAY).expected_cash_cents
    closed = close_day(
        till.desk, DAY, counted_cash_cents=expected - 500, note="Short: drawer count twice"
    )
    assert closed.closed.difference_cents == -500
    assert (closed.closed.closed_by, closed.closed.expected_cash_cents) == ("Riley Chen", expected)
    assert closed.closed.closed_at.utcoffset() == timedelta(hours=-7)  # told in the clinic's zone
    assert day_totals(till.desk, DAY).closed == closed.closed
    with till.db.reading() as session:
        row = session.get(DayClose, DAY)
        assert (row.expected_cash_cents, row.counted_cash_cents) == (expected, expected - 500)
        assert (
            session.scalars(
                select(AuditEntry.subject).where(AuditEntry.action == "day.closed")
            ).one()
            == "day:2026-11-25"
        )


def test_a_day_is_closed_once_and_never_ahead(till):
    close_day(till.desk, DAY, counted_cash_cents=0)
    before = database_state(till.db)
    with pytest.raises(DeskRefusal, match="already closed"):
        close_day(till.desk, DAY, counted_cash_cents=0)
    with pytest.raises(DeskRefusal, match="has not happened yet"):
        close_day(till.desk, DAY + timedelta(days=1), counted_cash_cents=0)
    with pytest.raises(DeskRefusal, match="cannot be negative"):
        close_day(till.desk, DAY - timedelta(days=1), counted_cash_cents=-1)
    with pytest.raises(DeskRefusal, match="card number"):
        close_day(
            till.desk, DAY - timedelta(days=1), counted_cash_cents=0, note="4111 1111 1111 1111"
        )
    assert database_state(till.db) == before


def test_after_close_the_database_itself_refuses_to_change_the_days_sales(till):
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-004"))
    done = complete_sale(till.desk, cart, [Tender.cash(settle(cart).total_cents)])
    close_day(till.desk, DAY, counted_cash_cents=4_200)
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="that business day is closed"):
        with till.db.writing() as session:
            session.get(Sale, done.sale_id).void_reason = "sneaky"


def test_an_empty_day_totals_zero(till):
    totals = day_totals(till.desk, DAY - timedelta(days=3))
    assert (totals.sales, totals.total_cents, totals.expected_cash_cents, totals.by_provider) == (
        0,
        0,
        0,
        (),
    )


def test_the_rebook_rate_counts_the_visits_whose_client_booked_again_that_day(till):
    for visit in (till.ids.visit, till.ids.jose_visit):
        cart = cart_for_appointment(till.desk, visit)
        due = settle(cart).balance_due_cents
        complete_sale(till.desk, cart, [Tender.card(due, "Visa", "4242", "RB0001")] if due else [])
    assert day_totals(till.desk, DAY).rebooking.text() == "0 of 2 visits (0%)"  # José's next
    # booking was made two weeks ago: not a rebooking at this visit.
    till.clock.advance(minutes=50)  # Hoa, at the counter after her visit, books her next one
    with till.db.writing() as session:
        session.get(Staff, till.ids.ava).services = [session.get(Service, till.ids.neurotoxin)]
    book(
        till.desk,
        BookingRequest(
            client_id=till.ids.hoa,
            provider_id=till.ids.ava,
            service_id=till.ids.neurotoxin,
            starts_at=NOW.replace(minute=0) + timedelta(weeks=12),
        ),
    )
    totals = day_totals(till.desk, DAY)
    assert (totals.rebooking.visits, totals.rebooking.rebooked) == (2, 1)
    assert totals.rebooking.text() == "1 of 2 visits (50%)"
    assert day_totals(till.desk, DAY + timedelta(days=1)).rebooking.text() == "No visits"
