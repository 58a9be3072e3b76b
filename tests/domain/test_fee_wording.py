"""Where a fee goes, worded once for the call-off preview and the action's sentence."""

import pytest

from medspa_desk.domain.cancellation_policy import FeeCollection
from medspa_desk.domain.fee_wording import fee_destination

VISA = "Visa ending 4242"


def test_a_fee_to_come_is_charged_to_the_card():
    assert fee_destination(FeeCollection(charge_card_cents=7500), VISA) == f"charged to {VISA}"


def test_a_card_fee_run_at_the_terminal_carries_its_approval_code():
    fee = FeeCollection(charge_card_cents=7500)
    assert (
        fee_destination(fee, VISA, approval_code="AB12CD") == f"charged to {VISA}, approval AB12CD"
    )


def test_a_card_fee_not_run_yet_is_to_charge():
    fee = FeeCollection(charge_card_cents=7500)
    assert fee_destination(fee, VISA, approval_code="") == f"to charge to {VISA}"


def test_a_fee_from_the_deposit():
    assert fee_destination(FeeCollection(from_deposit_cents=7500), None) == "from the deposit"


@pytest.mark.parametrize(
    ("card", "why"), [(None, "no card on file"), (VISA, "the card on file has expired")]
)
def test_a_fee_owed_on_the_account_says_why(card, why):
    fee = FeeCollection(owed_on_account_cents=7500)
    assert fee_destination(fee, card) == f"owed on the account ({why})"


def test_a_split_fee_names_each_part_with_its_amount():
    fee = FeeCollection(from_deposit_cents=5000, charge_card_cents=2500)
    assert fee.split
    assert fee_destination(fee, VISA, approval_code="") == (
        f"$50.00 from the deposit and $25.00 to charge to {VISA}"
    )


def test_three_parts_are_listed_with_and_before_the_last():
    fee = FeeCollection(from_deposit_cents=2500, charge_card_cents=2500, owed_on_account_cents=2500)
    assert fee_destination(fee, VISA) == (
        f"$25.00 from the deposit, $25.00 charged to {VISA} and $25.00 owed on the account "
        "(the card on file has expired)"
    )


def test_one_part_is_not_split():
    assert not FeeCollection(charge_card_cents=7500).split
    assert not FeeCollection().split
