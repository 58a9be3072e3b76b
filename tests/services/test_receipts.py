"""What a receipt says: assembled from the books, with the refund policy the sale was made under."""

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.policy_text import POLICY_VERSION, PolicySection, policy_section, version_of
from medspa_desk.domain.sale_math import Tender
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import gift_card_line, walk_in_cart
from medspa_desk.services.till.receipts import receipt_data, record_receipt_print
from medspa_desk.services.till.retail_stock import exchange_defective, scanned_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.services.till.sale_void import void_sale
from medspa_desk.storage.models import PolicyText
from medspa_desk.storage.till_models import ReceiptPrint, Sale, SaleLine
from tests.approvals import manager_approval
from tests.services.checkout_fixtures import HOA, NOW, hoa_checkout


def test_a_receipt_says_who_what_how_paid_and_what_is_left(till):
    done = hoa_checkout(till)
    data = receipt_data(till.desk, done.receipt_number)
    assert (data.receipt_number, data.client_name, data.staff_name) == (1, HOA, "Riley Chen")
    assert (data.clinic_name, data.address_line, data.phone) == (
        "406MedicalSpa",
        "13115 US Hwy 2 W",
        "406-287-6565",
    )
    assert data.sold_at == NOW and data.sold_at.utcoffset() is not None
    assert [(line.description, line.note, line.discount_reason) for line in data.lines] == [
        ("Neurotoxin, one area", "With Ava Thompson", ""),
        ("C E Ferulic serum 30 ml (SkinCeuticals)", "", "Staff pick 10%"),
    ]
    assert [(tip.label, tip.amount_cents) for tip in data.tips] == [("Tip for Ava Thompson", 4_000)]
    assert [(t.label, t.detail, t.amount_cents) for t in data.tenders] == [
        ("Deposit", "Paid Oct 26", 10_000),
        ("Gift card ending PQRS", "", 6_000),
        ("Visa ending 4242", "Approval A1B2C3", data.total_cents - 10_000 - 6_000 - 3_000),
        ("Cash", "Given $50.00", 3_000),
    ]
    assert data.change_cents == 2_000
    assert [(b.label, b.amount_cents) for b in data.balances] == [
        ("Gift card ending PQRS left", 4_000)
    ]
    assert data.refund_policy == policy_section(PolicySection.REFUND)
    assert (
        "Defective products may be exchanged within 14 days for the same product only."
        in data.refund_policy
    )
    assert data.refund_policy_version == POLICY_VERSION
    assert not data.voided and not data.reprint


def test_a_gift_card_sold_shows_its_code_and_credit_spent_shows_what_is_left(till):
    cart = walk_in_cart(till.desk, till.ids.jose)
    cart.add(gift_card_line(2_500))
    done = complete_sale(till.desk, cart, [Tender.account_credit(2_000), Tender.cash(500)])
    data = receipt_data(till.desk, done.receipt_number)
    code = done.gift_cards[0].code
    assert data.lines[0].note == f"Code {code}"
    assert [(b.label, b.amount_cents) for b in data.balances] == [
        (f"Gift card ending {code[-4:]} left", 2_500),
        ("Account credit left", 3_000),
    ]


def test_the_copy_after_the_first_on_paper_is_a_reprint_and_each_is_recorded(till):
    done = hoa_checkout(till)
    first = receipt_data(till.desk, done.receipt_number)
    record_receipt_print(till.desk, first, "letter", on_paper=False)  # a PDF, not handed over
    assert not receipt_data(till.desk, done.receipt_number).reprint
    record_receipt_print(till.desk, first, "roll", on_paper=True)  # the original
    again = receipt_data(till.desk, done.receipt_number)
    assert again.reprint
    record_receipt_print(till.desk, again, "letter", on_paper=False)
    columns = (
        ReceiptPrint.layout,
        ReceiptPrint.on_paper,
        ReceiptPrint.reprint,
        ReceiptPrint.refund_policy_version,
    )
    with till.db.reading() as session:
        prints = session.execute(select(*columns).order_by(ReceiptPrint.id)).all()
    assert prints == [
        ("letter", False, False, POLICY_VERSION),
        ("roll", True, False, POLICY_VERSION),
        ("letter", False, True, POLICY_VERSION),
    ]
    with pytest.raises(ValueError, match="roll, letter"):
        record_receipt_print(till.desk, first, "a4", on_paper=True)


def test_a_voided_sale_prints_void_with_its_balances_as_they_were_after_the_sale(till):
    done = hoa_checkout(till)
    till.clock.advance(minutes=2)
    void_sale(
        till.desk,
        done.sale_id,
        approval=manager_approval(till.desk, till.ids.amber, DeskPermission.VOID_SALE),
        reason="Wrong client",
    )
    data = receipt_data(till.desk, done.receipt_number)
    assert data.voided and data.void_reason == "Wrong client"
    assert [(b.label, b.amount_cents) for b in data.balances] == [
        ("Gift card ending PQRS left", 4_000)
    ]


def test_exchanges_show_on_the_original_receipt(till):
    done = hoa_checkout(till)
    with till.db.reading() as session:
        line_id = session.scalar(
            select(SaleLine.id).where(SaleLine.sale_id == done.sale_id, SaleLine.kind == "retail")
        )
    till.clock.advance(days=3)
    exchange_defective(till.desk, done.receipt_number, line_id, quantity=1, reason="Cracked bottle")
    assert receipt_data(till.desk, done.receipt_number).exchanges == (
        "Nov 28: 1 x C E Ferulic serum 30 ml (SkinCeuticals) exchanged (defective)",
    )


LAST_YEAR = datetime(2025, 3, 15, 2, 30, tzinfo=UTC)  # 8:30 PM on March 14 in Kalispell


def test_a_reprint_states_the_refund_policy_the_sale_was_made_under(till):
    old_text = "Refund Policy\n\nAll sales final.\n\nCancelation Policy\n\nCall us."
    old_version = version_of(old_text)
    done = hoa_checkout(till)
    with till.db.writing() as session:
        session.add(PolicyText(version=old_version, text=old_text, first_used_at=LAST_YEAR))
        session.get(Sale, done.sale_id).refund_policy_version = old_version
    data = receipt_data(till.desk, done.receipt_number)
    assert (data.refund_policy, data.refund_policy_version) == ("All sales final.", old_version)
    assert data.refund_policy_label == "Policies of March 14, 2025"  # the day it came in force


def test_an_unknown_receipt_number_is_refused(till):
    with pytest.raises(DeskRefusal, match="no receipt number 404"):
        receipt_data(till.desk, 404)


def test_the_till_services_load_neither_reportlab_nor_qt():
    probe = (
        "import sys, medspa_desk.services.till.receipts, medspa_desk.services.till.cart, "
        "medspa_desk.services.till.sale_completion, medspa_desk.services.till.sale_void, "
        "medspa_desk.services.till.day_close, medspa_desk.services.till.retail_stock; "
        "print(sorted(m for m in ('reportlab', 'PySide6') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_a_receipt_of_a_cash_sale_to_nobody(till):
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-004"))
    done = complete_sale(till.desk, cart, [Tender.cash(5_000)])
    data = receipt_data(till.desk, done.receipt_number)
    assert (data.client_name, data.balances, data.change_cents) == ("", (), 800)
