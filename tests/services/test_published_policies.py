"""The clinic edits its published policies: receipts state the text in force on the day of the sale."""

import pytest
from sqlalchemy import select

from medspa_desk.domain.policy_text import POLICY_VERSION, PUBLISHED_POLICIES
from medspa_desk.domain.sale_math import Tender, settle
from medspa_desk.services.clinic.published_policies import current_policies, publish_policies
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import walk_in_cart
from medspa_desk.services.till.receipts import receipt_data
from medspa_desk.services.till.retail_stock import scanned_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.models import AuditEntry
from medspa_desk.storage.till_models import Sale
from tests.services.checkout_fixtures import hoa_checkout

NEW_WORDING = "Unopened retail products may be exchanged within 30 days for store credit."


def edited_text() -> str:
    return PUBLISHED_POLICIES.replace(
        "Defective products may be exchanged within 14 days for the same product only.", NEW_WORDING
    )


def test_the_shipped_text_is_in_force_until_a_manager_publishes_another(till):
    in_force = current_policies(till.desk)
    assert (in_force.version, in_force.text, in_force.shipped) == (
        POLICY_VERSION,
        PUBLISHED_POLICIES,
        True,
    )


def test_only_a_manager_publishes(till):
    till.desk.staff_id = till.ids.riley
    with pytest.raises(DeskRefusal, match="Only a manager"):
        publish_policies(till.desk, edited_text())
    assert current_policies(till.desk).shipped


def test_a_text_without_the_refund_policy_is_refused(till):
    till.desk.staff_id = till.ids.amber
    with pytest.raises(DeskRefusal, match="Refund Policy is missing"):
        publish_policies(till.desk, PUBLISHED_POLICIES.replace("Refund Policy", "Our promise"))
    assert current_policies(till.desk).shipped


def test_receipts_state_the_text_in_force_when_the_sale_was_made(till):
    before = hoa_checkout(till)
    till.desk.staff_id = till.ids.amber
    published = publish_policies(till.desk, edited_text())
    assert not published.shipped and current_policies(till.desk).version == published.version
    till.desk.staff_id = till.ids.riley
    after = hoa_checkout_again(till)

    assert NEW_WORDING in receipt_data(till.desk, after.receipt_number).refund_policy
    old = receipt_data(till.desk, before.receipt_number)
    assert (
        NEW_WORDING not in old.refund_policy
        and "within 14 days for the same product only" in old.refund_policy
    )
    with till.db.reading() as session:
        versions = dict(
            session.execute(select(Sale.receipt_number, Sale.refund_policy_version)).all()
        )
        audit = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "policies.published")
        ).all()
    assert versions == {
        before.receipt_number: POLICY_VERSION,
        after.receipt_number: published.version,
    }
    assert audit == ["policies.published"]


def hoa_checkout_again(till):
    """A second, simple sale: one retail product paid in cash."""
    cart = walk_in_cart(till.desk)
    cart.add(scanned_line(till.desk, "SKN-004"))
    return complete_sale(till.desk, cart, [Tender.cash(settle(cart).total_cents)])
