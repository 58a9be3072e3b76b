"""Adding a client, and their card on file: checked before anything is kept."""

import json

import pytest

from medspa_desk.services.clients.records import NewClient, add_card_on_file, create_client
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.storage.models import AuditEntry, CardOnFile, Client
from tests.services.client_record_inputs import CARD, field_refused
from tests.services.conftest import NOW, fetch, one


def test_a_new_client_is_found_by_search_at_once(desk):
    client_id = create_client(
        desk, NewClient("  Zoë ", " O'Brien ", "(406) 287-6565", " Zoe@Example.com ")
    )

    client = one(desk, Client, id=client_id)
    assert (client.first_name, client.last_name, client.search_name) == (
        "Zoë",
        "O'Brien",
        "zoe obrien",
    )
    assert (client.phone_e164, client.email, client.created_at) == (
        "+14062876565",
        "Zoe@example.com",
        NOW,
    )
    assert [match.client_id for match in desk.client_index.search("obrien")] == [client_id]
    audit = one(desk, AuditEntry, subject=f"client:{client_id}")
    assert audit.action == "client.created"
    assert "Zo" not in audit.detail and "406" not in audit.detail  # no personal data in the log


def test_phone_and_email_may_be_left_empty(desk):
    client = one(desk, Client, id=create_client(desk, NewClient("Cher", "Bono")))
    assert (client.phone_e164, client.email) == (None, None)


@pytest.mark.parametrize(
    "new, field, sentence",
    [
        (NewClient(" ", "Sanders"), "first_name", "first name"),
        (NewClient("Emma", ""), "last_name", "last name"),
        (NewClient("Emma", "Sanders", phone="287-6565"), "phone", "phone number"),
        (NewClient("Emma", "Sanders", email="emma@example"), "email", "not an email address"),
        (NewClient("4242 4242 4242 4242", "Sanders"), "first_name", "card number"),
    ],
)
def test_a_wrong_field_is_named_and_nothing_saved(desk, new, field, sentence):
    field_refused(desk, field, sentence, create_client, new)


def test_a_card_on_file_replaces_the_previous_one(desk, clinic):
    old_card = client_standing(desk, clinic.emma).card.card_id
    card_id = add_card_on_file(desk, clinic.emma, **CARD)

    card = client_standing(desk, clinic.emma).card
    assert (card.card_id, card.label, card.expired) == (card_id, "Amex ending 0005", False)
    assert one(desk, CardOnFile, id=old_card).removed_at == NOW
    detail = json.loads(one(desk, AuditEntry, action="card.added").detail)
    assert detail == {"card_id": card_id, "replaced_card_ids": [old_card]}


@pytest.mark.parametrize(
    "field, value",
    [
        ("terminal_reference", "4242 4242 4242 4242"),
        ("cardholder_name", "Zoe 378282246310005"),
        ("brand", "5555-5555-5555-4444"),
        ("last4", "4242424242424242"),
    ],
)
def test_a_card_number_is_refused_wherever_it_is_typed(desk, clinic, field, value):
    field_refused(
        desk,
        field,
        "looks like a card number",
        add_card_on_file,
        clinic.emma,
        **dict(CARD, **{field: value}),
    )


@pytest.mark.parametrize(
    "changes, field",
    [
        (dict(last4="42"), "last4"),
        (dict(last4="42a4"), "last4"),
        (dict(brand=" "), "brand"),
        (dict(expiry_month=13), "expiry_month"),
        (dict(expiry_year=28), "expiry_year"),
        (dict(terminal_reference=""), "terminal_reference"),
        (dict(expiry_month=5, expiry_year=2026), "expiry_year"),  # expired at the end of May
    ],
)
def test_a_card_is_checked_before_it_is_kept(desk, clinic, changes, field):
    field_refused(desk, field, None, add_card_on_file, clinic.emma, **dict(CARD, **changes))
    assert len(fetch(desk, CardOnFile, client_id=clinic.emma)) == 1
