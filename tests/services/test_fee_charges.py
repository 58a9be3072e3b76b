"""A fee charged to the card on file records the terminal's approval code, or waits on the "to
charge" worklist until the desk enters it; a code no terminal prints is refused, saving nothing."""

import json
from datetime import timedelta

import pytest

from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.check_in import mark_no_show
from medspa_desk.services.booking.fee_charges import (
    ApprovalCodeRefused,
    enter_approval_code,
    fees_to_charge,
)
from medspa_desk.services.booking.fee_waiver import waive_fee
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import AuditEntry, ClientFee
from tests.approvals import as_manager
from tests.services.conftest import TOMORROW, at, one, row_counts

TEN = at(TOMORROW, 10)


def late_cancelled(desk, clinic, code="", *, client=None):
    appointment_id = book(
        desk, BookingRequest(client or clinic.emma, clinic.kelsey, clinic.botox, TEN)
    )
    desk.clock.set(TEN - timedelta(hours=2))
    result = cancel(
        desk, appointment_id, by_clinic=False, reason="Client called", card_approval_code=code
    )
    return appointment_id, result


def test_a_fee_charged_with_the_terminals_code_is_not_on_the_worklist(desk, clinic):
    appointment_id, result = late_cancelled(desk, clinic, "0a9z7Q")
    assert (
        result.message == "Late-cancelled: $75.00 fee charged to Visa ending 4242, approval 0A9Z7Q."
    )
    fee = one(desk, ClientFee, appointment_id=appointment_id)
    assert (fee.card_charge_cents, fee.card_approval_code) == (7500, "0A9Z7Q")
    assert fees_to_charge(desk) == []


def test_without_the_code_the_fee_stays_to_charge_until_it_is_entered(desk, clinic):
    appointment_id, result = late_cancelled(desk, clinic)
    assert result.message == "Late-cancelled: $75.00 fee to charge to Visa ending 4242."
    [waiting] = fees_to_charge(desk)
    assert (waiting.fee_id, waiting.client_name, waiting.card_label, waiting.charge_cents) == (
        result.fee_id,
        "Emma Sanders",
        "Visa ending 4242",
        7500,
    )
    assert waiting.what == "Late-cancellation fee: Botox: frown lines, Thu Jun 11 at 10:00 AM"

    desk.clock.advance(minutes=20)
    charged = enter_approval_code(desk, result.fee_id, " 731204 ")

    assert charged.message == "$75.00 charged to Visa ending 4242, approval 731204."
    assert fees_to_charge(desk) == []
    fee = one(desk, ClientFee, appointment_id=appointment_id)
    assert (fee.card_approval_code, fee.card_approved_at, fee.card_approved_by_id) == (
        "731204",
        TEN - timedelta(hours=1, minutes=40),
        clinic.riley,
    )
    entry = one(desk, AuditEntry, action="fee.card_charged")
    assert json.loads(entry.detail) == {
        "fee_id": fee.id,
        "card_charge_cents": 7500,
        "approval": "731204",
    }
    with pytest.raises(DeskRefusal, match="already has approval code 731204"):
        enter_approval_code(desk, result.fee_id, "999999")


@pytest.mark.parametrize("bad", ["12", "ABC-123", "4242424242424242", "ÅBCDEF", "123456789"])
def test_a_bad_code_is_refused_and_nothing_is_saved(desk, clinic, bad):
    appointment_id = book(desk, BookingRequest(clinic.emma, clinic.kelsey, clinic.botox, TEN))
    desk.clock.set(TEN - timedelta(hours=2))
    before = row_counts(desk)
    with pytest.raises(ApprovalCodeRefused, match="An approval code is 4 to 8 letters and digits"):
        cancel(
            desk, appointment_id, by_clinic=False, reason="Client called", card_approval_code=bad
        )
    assert row_counts(desk) == before

    result = cancel(desk, appointment_id, by_clinic=False, reason="Client called")
    before = row_counts(desk)
    with pytest.raises(ApprovalCodeRefused, match="An approval code is 4 to 8 letters and digits"):
        enter_approval_code(desk, result.fee_id, bad)
    with pytest.raises(
        ApprovalCodeRefused, match="Enter the approval code the card terminal printed."
    ):
        enter_approval_code(desk, result.fee_id, "   ")
    assert row_counts(desk) == before
    assert one(desk, ClientFee, id=result.fee_id).card_approval_code == ""
    assert len(fees_to_charge(desk)) == 1


def test_a_no_show_fee_takes_the_code_too(desk, clinic):
    appointment_id = book(desk, BookingRequest(clinic.emma, clinic.kelsey, clinic.botox, TEN))
    desk.clock.set(TEN + timedelta(minutes=15))
    result = mark_no_show(desk, appointment_id, card_approval_code="NS4242")
    assert result.message == "No-show: $75.00 fee charged to Visa ending 4242, approval NS4242."


def test_a_fee_owed_on_the_account_or_waived_is_not_to_charge(desk, clinic):
    _, owed = late_cancelled(desk, clinic, client=clinic.noah)  # no card on file
    assert owed.message.endswith("owed on the account (no card on file).")
    assert fees_to_charge(desk) == []
    with pytest.raises(DeskRefusal, match="not sent to a card"):
        enter_approval_code(desk, owed.fee_id, "123456")

    second = book(desk, BookingRequest(clinic.emma, clinic.kelsey, clinic.botox, at(TOMORROW, 15)))
    to_charge = cancel(desk, second, by_clinic=False, reason="Client called")
    assert [fee.fee_id for fee in fees_to_charge(desk)] == [to_charge.fee_id]
    waived = waive_fee(as_manager(desk), to_charge.fee_id, reason="Family emergency")
    assert waived.message == (
        "$75.00 fee waived. The $75.00 charge to Visa ending 4242 was not run yet: do not run it."
    )
    assert fees_to_charge(desk) == []
    with pytest.raises(DeskRefusal, match="was waived"):
        enter_approval_code(desk, to_charge.fee_id, "123456")
