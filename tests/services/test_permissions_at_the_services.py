"""Every manager-only action is refused to a front-desk sign-in by the service itself (not only
by a hidden button), and done with a manager's approval given on the spot: one use, for that
kind of action only, for five minutes, recorded with both ids."""

import pytest
from sqlalchemy import select

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.booking.new_booking import book
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.card_number_redaction import redact_card_numbers
from medspa_desk.services.clients.records import merge_clients
from medspa_desk.services.clinic.closures import add_closure
from medspa_desk.services.clinic.published_policies import current_policies, publish_policies
from medspa_desk.services.clinic.settings import save_settings
from medspa_desk.services.staff_access.accounts import disable_sign_in, unlock
from medspa_desk.services.staff_access.permissions import PermissionNeeded, approve, may
from medspa_desk.services.staff_access.sign_in import SignInRefused
from medspa_desk.storage.models import AuditEntry, Staff
from tests.approvals import MANAGER_PASSWORD, give_password, manager_approval, signed_in
from tests.refusals import refused
from tests.services.booking_requests import request
from tests.services.conftest import TOMORROW

MANAGER_ONLY = {
    "merge two clients": lambda desk, c: merge_clients(desk, c.emma, c.noah, reason="Same"),
    "anonymize a client": lambda desk, c: anonymize_client(desk, c.ava, reason="Asked"),
    "remove a card number": lambda desk, c: redact_card_numbers(desk, c.emma),
    "publish the clinic's policy": lambda desk, c: publish_policies(
        desk, current_policies(desk).text
    ),
    "change the clinic's settings": lambda desk, c: save_settings(
        desk, {"late_cancel_fee_cents": 9000}
    ),
    "change the clinic's set-up": lambda desk, c: add_closure(desk, TOMORROW, "Holiday"),
    "change sign-in accounts": lambda desk, c: disable_sign_in(desk, c.kelsey),
}


@pytest.mark.parametrize("what", MANAGER_ONLY)
def test_a_front_desk_sign_in_is_refused_by_the_service(desk, clinic, what):
    assert desk.staff_id == clinic.riley
    refused(
        desk.db, lambda: MANAGER_ONLY[what](desk, clinic), "Only a manager can", PermissionNeeded
    )


@pytest.mark.parametrize("what", MANAGER_ONLY)
def test_nobody_signed_in_is_refused_everything(desk, clinic, what):
    desk.staff_id = None
    refused(desk.db, lambda: MANAGER_ONLY[what](desk, clinic), "Sign in first", PermissionNeeded)


def test_nobody_signed_in_cannot_book(desk, clinic):
    desk.staff_id = None
    refused(desk.db, lambda: book(desk, request(clinic)), "Sign in first", PermissionNeeded)


def test_a_provider_sees_and_checks_in_but_sells_only_where_the_clinic_allows(desk, clinic):
    from dataclasses import replace

    signed_in(desk, clinic.kelsey)
    assert may(desk, DeskPermission.CHECK_IN) and may(desk, DeskPermission.SEE_CALENDAR)
    assert not may(desk, DeskPermission.SELL) and not may(desk, DeskPermission.BOOK)
    desk.settings = replace(desk.settings, providers_may_sell=True)
    assert may(desk, DeskPermission.SELL)


def test_an_approval_does_the_action_once_and_records_both_people(desk, clinic):
    approval = manager_approval(desk, clinic.amber, DeskPermission.MERGE_CLIENTS)
    merge_clients(desk, clinic.emma, clinic.noah, reason="Same person", approval=approval)
    with desk.db.reading() as session:
        granted = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "approval.granted")
        ).one()
        merged = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "client.merged")
        ).one()
    assert (granted.staff_id, granted.subject) == (clinic.riley, f"staff:{clinic.amber}")
    assert merged.staff_id == clinic.riley  # signed in; the approval names the manager
    again = lambda: merge_clients(  # noqa: E731
        desk, clinic.emma, clinic.olivia, reason="Same again", approval=approval
    )
    refused(desk.db, again, "Only a manager can merge two clients", PermissionNeeded)


def test_an_approval_is_for_its_own_kind_of_action_only(desk, clinic):
    approval = manager_approval(desk, clinic.amber, DeskPermission.MERGE_CLIENTS)
    refused(
        desk.db,
        lambda: anonymize_client(desk, clinic.ava, reason="Asked", approval=approval),
        "Only a manager can anonymize",
        PermissionNeeded,
    )


def test_an_approval_lasts_five_minutes(desk, clinic):
    approval = manager_approval(desk, clinic.amber, DeskPermission.ANONYMIZE_CLIENT)
    desk.clock.advance(minutes=5)
    refused(
        desk.db,
        lambda: anonymize_client(desk, clinic.ava, reason="Asked", approval=approval),
        "Only a manager can anonymize",
        PermissionNeeded,
    )


def test_an_action_refused_for_another_reason_keeps_its_approval(desk, clinic):
    approval = manager_approval(desk, clinic.amber, DeskPermission.MERGE_CLIENTS)
    with pytest.raises(Exception, match="Say why"):
        merge_clients(desk, clinic.emma, clinic.noah, reason="  ", approval=approval)
    merge_clients(desk, clinic.emma, clinic.noah, reason="Same person", approval=approval)


def test_a_wrong_approval_secret_counts_toward_the_managers_lockout(desk, clinic):
    give_password(desk, clinic.amber)
    for _ in range(6):
        with pytest.raises(SignInRefused):
            approve(desk, clinic.amber, "guessing at it 1", DeskPermission.WAIVE_FEE)
    with pytest.raises(SignInRefused, match="locked"):
        approve(desk, clinic.amber, MANAGER_PASSWORD, DeskPermission.WAIVE_FEE)
    assert desk.staff_id == clinic.riley  # the desk stayed signed in as it was
    signed_in(desk, clinic.amber)
    unlock(desk, clinic.amber)
    assert approve(desk, clinic.amber, MANAGER_PASSWORD, DeskPermission.WAIVE_FEE)


def test_only_a_manager_approves(desk, clinic):
    give_password(desk, clinic.riley)
    with pytest.raises(SignInRefused, match="Riley Chen is not a manager"):
        approve(desk, clinic.riley, MANAGER_PASSWORD, DeskPermission.VOID_SALE)


def test_a_manager_disables_another_managers_account_never_their_own(desk, clinic):
    give_password(desk, clinic.amber)
    signed_in(desk, clinic.amber)
    with pytest.raises(Exception, match="your own account"):
        disable_sign_in(desk, clinic.amber)
    with desk.db.writing() as session:
        other = Staff(display_name="Second Manager", role="Manager", is_manager=True)
        session.add(other)
        session.flush()
        other_id = other.id
    give_password(desk, other_id)
    signed_in(desk, other_id)
    disable_sign_in(desk, clinic.amber)  # another manager can still sign in
    with desk.db.reading() as session:
        assert session.get(Staff, clinic.amber).sign_in_disabled


def test_a_provider_opens_the_profiles_of_their_own_clients_only(desk, clinic):
    from medspa_desk.services.clients.profile import client_profile
    from medspa_desk.storage.models import Appointment

    book(desk, request(clinic, client=clinic.emma, provider=clinic.kelsey))  # by Riley
    with desk.db.reading() as session:
        kelseys = set(
            session.scalars(
                select(Appointment.client_id).where(Appointment.provider_id == clinic.kelsey)
            )
        )
    stranger = next(
        c for c in (clinic.noah, clinic.ava, clinic.olivia, clinic.liam) if c not in kelseys
    )
    signed_in(desk, clinic.kelsey)
    assert client_profile(desk, clinic.emma).details.client_id == clinic.emma
    with pytest.raises(PermissionNeeded, match="their own clients only"):
        client_profile(desk, stranger)
    signed_in(desk, clinic.riley)  # the front desk sees everyone's
    assert client_profile(desk, stranger)
