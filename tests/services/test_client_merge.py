"""Merging two records of one person: the history moves to the kept record, or nothing does."""

import json

import pytest

from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.records import ClientEdit, merge_clients, update_client
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    AuditEntry,
    BookingPayment,
    CardOnFile,
    Client,
    ClientChange,
    ClientFee,
    MarketingConsent,
)
from medspa_desk.storage.till_models import Sale
from tests.approvals import as_manager
from tests.services.client_fixtures import EMAIL, FIRST, PHONE
from tests.services.client_record_inputs import emma_edit
from tests.services.conftest import fetch, one, row_counts

# --- Merging two records of one person -----------------------------------------------------------


def client_rows(desk, client_id) -> dict[str, int]:
    return {
        model.__tablename__: len(fetch(desk, model, client_id=client_id))
        for model in (
            Appointment,
            ClientFee,
            BookingPayment,
            AccountCreditEntry,
            CardOnFile,
            MarketingConsent,
            ClientChange,
            Sale,
        )
    }


def test_a_merge_moves_all_history_to_the_kept_record(desk, clinic, hoa):
    kept_before, away_before = client_rows(desk, clinic.olivia), client_rows(desk, hoa.client_id)
    counts_before = row_counts(desk)

    merged = merge_clients(
        as_manager(desk),
        clinic.olivia,
        hoa.client_id,
        reason="Same person: Olivia is her English name",
    )

    assert merged.moved == {
        "client_change": 1,
        "appointment": 3,
        "client_fee": 1,
        "booking_payment": 1,
        "account_credit_entry": 1,
        "card_on_file": 1,
        "marketing_consent": 2,
        "waiting_list_entry": 0,
        "past_visit": 0,
    }
    assert merged.filled == [
        "phone",
        "email",
        "birthday",
        "notes",
        "emergency_contact_name",
        "emergency_contact_phone",
    ]
    # Sales stay filed where they were rung up (one is on a closed day, which cannot change).
    assert client_rows(desk, hoa.client_id) == {**dict.fromkeys(away_before, 0), "sale": 2}
    new_history = len(merged.filled) + 2  # a change per filled field, the merge and its reason
    assert client_rows(desk, clinic.olivia) == {
        table: kept_before[table]
        + away_before[table]
        + (new_history if table == "client_change" else 0)
        for table in kept_before
        if table != "sale"
    } | {"sale": 0}
    # Nothing was deleted, only re-filed.
    counts_after = row_counts(desk)
    assert counts_after.pop("audit_entry") == counts_before.pop("audit_entry") + 1
    assert counts_after == counts_before

    kept, away = one(desk, Client, id=clinic.olivia), one(desk, Client, id=hoa.client_id)
    assert (kept.first_name, kept.phone_e164, kept.email) == ("Olivia", PHONE, EMAIL)
    assert (away.merged_into_id, away.first_name) == (clinic.olivia, FIRST)  # kept, pointing
    history = [
        (c.field, c.old_value, c.new_value)
        for c in fetch(desk, ClientChange, client_id=clinic.olivia)
    ]
    assert ("phone", "", PHONE) in history and ("merged_from_id", "", str(hoa.client_id)) in history
    assert ("merge_reason", "", "Same person: Olivia is her English name") in history
    standing = client_standing(desk, clinic.olivia)
    assert (standing.strikes, standing.credit_cents, standing.fees_owed_cents) == (
        3 + 1,
        40000 + 2500,
        7500,
    )
    audit = json.loads(one(desk, AuditEntry, action="client.merged").detail)
    assert audit == {
        "merged_client_id": hoa.client_id,
        "moved": merged.moved,
        "filled": merged.filled,
    }


def test_a_merge_keeps_the_kept_records_own_values(desk, clinic):
    update_client(desk, clinic.emma, emma_edit(phone="406 555 0101"))
    update_client(desk, clinic.noah, ClientEdit("Noah", "Reed", "406 555 0199", "noah@example.com"))
    assert merge_clients(
        as_manager(desk), clinic.emma, clinic.noah, reason="Same household account"
    ).filled == ["email"]
    emma = one(desk, Client, id=clinic.emma)
    assert (emma.first_name, emma.phone_e164, emma.email) == (
        "Emma",
        "+14065550101",
        "noah@example.com",
    )


def test_records_merged_earlier_follow_to_the_kept_record(desk, clinic):
    merge_clients(as_manager(desk), clinic.noah, clinic.liam, reason="Same person")
    merge_clients(as_manager(desk), clinic.emma, clinic.noah, reason="Same person")
    assert one(desk, Client, id=clinic.liam).merged_into_id == clinic.emma
    assert len(fetch(desk, Appointment, client_id=clinic.emma)) == 3


@pytest.mark.parametrize(
    "keep, away, sentence",
    [
        ("emma", "emma", "into itself"),
        ("emma", "noah", "merged into client number"),  # noah was merged into ava below
        ("noah", "emma", "merged into client number"),
        ("emma", "olivia", "anonymized"),
    ],
)
def test_a_merge_is_refused_when_it_cannot_be(desk, clinic, keep, away, sentence):
    merge_clients(as_manager(desk), clinic.ava, clinic.noah, reason="Same person")
    anonymize_client(as_manager(desk), clinic.olivia, reason="Asked by email")
    before = row_counts(desk)
    with pytest.raises(DeskRefusal, match=sentence):
        merge_clients(
            as_manager(desk), getattr(clinic, keep), getattr(clinic, away), reason="Why not"
        )
    assert row_counts(desk) == before


@pytest.mark.parametrize("reason", ["", "  ", "card 4242 4242 4242 4242"])
def test_a_merge_needs_a_reason_without_a_card_number(desk, clinic, reason):
    with pytest.raises(DeskRefusal):
        merge_clients(as_manager(desk), clinic.emma, clinic.noah, reason=reason)
    assert one(desk, Client, id=clinic.noah).merged_into_id is None
