"""Waiving a fee: no longer owed, the deposit given back, once and with a reason."""

from datetime import timedelta

import pytest

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.fee_waiver import waive_fee
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import ClientFee
from tests.approvals import as_manager, manager_approval
from tests.services.booked_visits import TEN, add_deposit, audit, booked
from tests.services.conftest import one

# --- Waiving a fee -----------------------------------------------------------------------------


def late_cancelled_with_fee(desk, clinic, client):
    appointment_id = booked(desk, clinic, client=client)
    desk.clock.set(TEN - timedelta(hours=2))
    return appointment_id, cancel(
        desk, appointment_id, by_clinic=False, reason="Client called"
    ).fee_id


def test_a_waived_fee_is_no_longer_owed(desk, clinic):
    appointment_id, fee_id = late_cancelled_with_fee(desk, clinic, clinic.noah)
    assert client_standing(desk, clinic.noah).fees_owed_cents == 7500

    approval = manager_approval(desk, clinic.amber, DeskPermission.WAIVE_FEE)  # Riley signed in
    waived = waive_fee(desk, fee_id, reason="Hospital emergency, note shown", approval=approval)

    assert waived.message == "$75.00 fee waived."
    fee = one(desk, ClientFee, id=fee_id)
    assert (fee.waived_at, fee.waived_by_id, fee.waived_reason) == (
        desk.clock.now(),
        clinic.amber,
        "Hospital emergency, note shown",
    )
    assert client_standing(desk, clinic.noah).fees_owed_cents == 0
    # The strike stays: it is the appointment's status (domain.strikes).
    assert client_standing(desk, clinic.noah).strikes == 1
    assert audit(desk, appointment_id, "fee.waived")["fee_id"] == fee_id
    assert audit(desk, appointment_id, "fee.waived")["manager_id"] == clinic.amber


def test_waiving_a_charged_fee_says_to_reverse_it_and_gives_back_the_deposit(desk, clinic):
    appointment_id = booked(desk, clinic)
    add_deposit(desk, appointment_id, clinic.emma, 5000)
    desk.clock.set(TEN - timedelta(hours=2))
    fee_id = cancel(
        desk, appointment_id, by_clinic=False, reason="Client called", card_approval_code="RUN001"
    ).fee_id

    waived = waive_fee(as_manager(desk), fee_id, reason="Manager's call")

    assert waived.message == (
        "$75.00 fee waived. $50.00 of deposit credited to the account. "
        "Reverse the $25.00 charge to Visa ending 4242 at the terminal."
    )
    assert client_standing(desk, clinic.emma).credit_cents == 5000


def test_a_fee_is_waived_once_and_with_a_reason(desk, clinic):
    _, fee_id = late_cancelled_with_fee(desk, clinic, clinic.noah)
    with pytest.raises(DeskRefusal, match="Say why"):
        waive_fee(as_manager(desk), fee_id, reason="")
    waive_fee(as_manager(desk), fee_id, reason="First time")
    with pytest.raises(DeskRefusal, match="already waived"):
        waive_fee(as_manager(desk), fee_id, reason="Second time")


def test_the_front_desk_cannot_waive_a_fee_without_a_manager(desk, clinic):
    from medspa_desk.services.staff_access.permissions import PermissionNeeded
    from tests.refusals import refused

    _appointment_id, fee_id = late_cancelled_with_fee(desk, clinic, clinic.noah)
    assert desk.staff_id == clinic.riley
    refused(
        desk.db,
        lambda: waive_fee(desk, fee_id, reason="Asked nicely"),
        "Only a manager can waive a fee",
        PermissionNeeded,
    )
