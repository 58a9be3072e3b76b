import json
from datetime import date

import pytest

from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.records import (
    ClientEdit,
    ClientRefused,
    NewClient,
    add_card_on_file,
    create_client,
    merge_clients,
    update_client,
)
from medspa_desk.services.clients.search import search_clients
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
    Sale,
)
from tests.refusals import refused
from tests.services.client_fixtures import EMAIL, FIRST, PHONE
from tests.services.conftest import NOW, count_rows, fetch, one, row_counts

CARD = dict(
    brand="Amex",
    last4="0005",
    expiry_month=6,
    expiry_year=2026,
    cardholder_name="Zoe O'Brien",
    terminal_reference="tok_9f2c",
)


def field_refused(desk, field, sentence, action, *args, **kwargs):
    """`action` refuses with `sentence` about the one `field`, and saves nothing."""
    refusal = refused(desk.db, lambda: action(desk, *args, **kwargs), sentence, ClientRefused)
    assert refusal.field == field
    assert refusal.problems == {field: str(refusal)}


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
    assert [match.client_id for match in search_clients(desk.db, "obrien")] == [client_id]
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


# --- Editing a client: every field checked, every change kept ------------------------------------


def emma_edit(**changes) -> ClientEdit:
    fields = dict(first_name="Emma", last_name="Sanders", phone="", email="")
    return ClientEdit(**{**fields, **changes})


def test_an_edit_saves_the_changed_fields_and_their_history(desk, clinic):
    edit = emma_edit(
        last_name="Sanders-Núñez",
        phone="406 555 0101",
        birthday=date(1990, 2, 28),
        notes="Prefers mornings",
        emergency_contact_name="Tom Sanders",
        emergency_contact_phone="(406) 555-0102",
    )
    changed = update_client(desk, clinic.emma, edit)

    assert changed == [
        "last_name",
        "phone",
        "birthday",
        "notes",
        "emergency_contact_name",
        "emergency_contact_phone",
    ]
    client = one(desk, Client, id=clinic.emma)
    assert (client.last_name, client.search_name, client.phone_e164) == (
        "Sanders-Núñez",
        "emma sandersnunez",
        "+14065550101",
    )
    assert (client.birthday, client.emergency_contact_phone) == (date(1990, 2, 28), "+14065550102")
    history = [
        (c.field, c.old_value, c.new_value, c.at, c.by_staff_id)
        for c in fetch(desk, ClientChange, client_id=clinic.emma)
    ]
    assert history == [
        ("last_name", "Sanders", "Sanders-Núñez", NOW, clinic.riley),
        ("phone", "", "+14065550101", NOW, clinic.riley),
        ("birthday", "", "1990-02-28", NOW, clinic.riley),
        ("notes", "", "Prefers mornings", NOW, clinic.riley),
        ("emergency_contact_name", "", "Tom Sanders", NOW, clinic.riley),
        ("emergency_contact_phone", "", "+14065550102", NOW, clinic.riley),
    ]
    audit = one(desk, AuditEntry, action="client.updated")
    assert (audit.subject, json.loads(audit.detail)) == (
        f"client:{clinic.emma}",
        {"fields": changed},
    )
    assert "Sanders" not in audit.detail and "0101" not in audit.detail  # names of fields only
    assert [m.client_id for m in search_clients(desk.db, "nunez")] == [clinic.emma]


def test_an_edit_back_and_forth_is_two_changes_and_saving_unchanged_is_none(desk, clinic):
    update_client(desk, clinic.emma, emma_edit(email="emma@example.com"))
    update_client(desk, clinic.emma, emma_edit(email=""))
    before = row_counts(desk)
    assert update_client(desk, clinic.emma, emma_edit(email="  ")) == []
    assert row_counts(desk) == before and count_rows(desk, ClientChange) == 2
    values = [(c.old_value, c.new_value) for c in fetch(desk, ClientChange, client_id=clinic.emma)]
    assert values == [("", "emma@example.com"), ("emma@example.com", "")]


def test_every_wrong_field_is_reported_at_once_and_nothing_saved(desk, clinic):
    edit = ClientEdit(
        first_name=" ",
        last_name="Sanders",
        phone="287-65",
        email="emma@",
        birthday=date(2026, 6, 11),
        notes="Card 4111 1111 1111 1111 for fees",
        emergency_contact_name="Tom",
        emergency_contact_phone="12",
    )
    before = row_counts(desk)
    with pytest.raises(ClientRefused) as raised:
        update_client(desk, clinic.emma, edit)
    refusal = raised.value
    assert list(refusal.problems) == [
        "first_name",
        "phone",
        "email",
        "birthday",
        "notes",
        "emergency_contact_phone",
    ]
    assert refusal.field == "first_name" and str(refusal) == refusal.problems["first_name"]
    assert "future" in refusal.problems["birthday"] and "card number" in refusal.problems["notes"]
    assert row_counts(desk) == before and count_rows(desk, ClientChange) == 0
    assert one(desk, Client, id=clinic.emma).phone_e164 is None


@pytest.mark.parametrize(
    "changes, field, sentence",
    [
        (dict(first_name=""), "first_name", "first name"),
        (dict(last_name="\t"), "last_name", "last name"),
        (dict(first_name="E" * 81), "first_name", "at most 80"),
        (dict(phone="555"), "phone", "phone number"),
        (dict(email="emma at example.com"), "email", "not an email address"),
        (dict(birthday=date(2026, 6, 11)), "birthday", "future"),
        (dict(birthday=date(1899, 12, 31)), "birthday", "before 1900"),
        (dict(emergency_contact_phone="call mum"), "emergency_contact_phone", "phone number"),
        (dict(notes="pays with 4242-4242-4242-4242"), "notes", "card number"),
        (dict(last_name="Sanders 5555 5555 5555 4444"), "last_name", "card number"),
        (
            dict(emergency_contact_name="Tom 378282246310005"),
            "emergency_contact_name",
            "card number",
        ),
    ],
)
def test_each_field_is_checked(desk, clinic, changes, field, sentence):
    field_refused(desk, field, sentence, update_client, clinic.emma, emma_edit(**changes))
    with pytest.raises(ClientRefused) as raised:
        create_client(desk, emma_edit(**changes))
    assert list(raised.value.problems) == [field]


@pytest.mark.parametrize(
    "notes",
    [
        "Call 406-287-6565 after 5",  # a phone number
        "Order 1234 5678 9012 3456",  # 16 digits failing the Luhn check: not a card
        "Born 1990-02-28, member since 2019",
        "Visa ending 4242",
    ],
)
def test_digits_that_are_not_a_card_number_are_kept(desk, clinic, notes):
    assert update_client(desk, clinic.emma, emma_edit(notes=notes)) == ["notes"]


def test_birthdays_today_and_in_1900_are_fine(desk, clinic):
    assert update_client(desk, clinic.emma, emma_edit(birthday=date(2026, 6, 10))) == ["birthday"]
    assert update_client(
        desk, clinic.noah, ClientEdit("Noah", "Reed", birthday=date(1900, 1, 1))
    ) == ["birthday"]
    assert one(desk, Client, id=clinic.emma).birthday == date(2026, 6, 10)
    assert one(desk, Client, id=clinic.noah).birthday == date(1900, 1, 1)


def test_a_new_client_can_be_created_with_every_field(desk):
    edit = ClientEdit(
        "Zoë",
        "O'Brien",
        "406 555 0142",
        "zoe@example.com",
        date(1985, 7, 4),
        "Likes quiet",
        "Sam O'Brien",
        "406-555-0143",
    )
    client = one(desk, Client, id=create_client(desk, edit))
    assert (client.birthday, client.notes, client.emergency_contact_name) == (
        date(1985, 7, 4),
        "Likes quiet",
        "Sam O'Brien",
    )
    assert client.emergency_contact_phone == "+14065550143"
    assert fetch(desk, ClientChange) == []  # creating is not a change


def test_merged_anonymized_and_unknown_records_are_not_edited(desk, clinic):
    merge_clients(desk, clinic.emma, clinic.noah, reason="Same person")
    with pytest.raises(DeskRefusal, match=f"merged into client number {clinic.emma}"):
        update_client(desk, clinic.noah, ClientEdit("Noah", "Reed"))
    anonymize_client(desk, clinic.ava, reason="Asked by phone")
    with pytest.raises(DeskRefusal, match="deleted at their request"):
        update_client(desk, clinic.ava, ClientEdit("Ava", "Kowalski"))
    with pytest.raises(DeskRefusal, match="deleted at their request"):
        add_card_on_file(desk, clinic.ava, **CARD)
    with pytest.raises(DeskRefusal, match="no client number 999"):
        update_client(desk, 999, ClientEdit("No", "Body"))


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
        desk, clinic.olivia, hoa.client_id, reason="Same person: Olivia is her English name"
    )

    assert merged.moved == {
        "client_change": 1,
        "appointment": 3,
        "client_fee": 1,
        "booking_payment": 1,
        "account_credit_entry": 1,
        "card_on_file": 1,
        "marketing_consent": 2,
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
        desk, clinic.emma, clinic.noah, reason="Same household account"
    ).filled == ["email"]
    emma = one(desk, Client, id=clinic.emma)
    assert (emma.first_name, emma.phone_e164, emma.email) == (
        "Emma",
        "+14065550101",
        "noah@example.com",
    )


def test_records_merged_earlier_follow_to_the_kept_record(desk, clinic):
    merge_clients(desk, clinic.noah, clinic.liam, reason="Same person")
    merge_clients(desk, clinic.emma, clinic.noah, reason="Same person")
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
    merge_clients(desk, clinic.ava, clinic.noah, reason="Same person")
    anonymize_client(desk, clinic.olivia, reason="Asked by email")
    before = row_counts(desk)
    with pytest.raises(DeskRefusal, match=sentence):
        merge_clients(desk, getattr(clinic, keep), getattr(clinic, away), reason="Why not")
    assert row_counts(desk) == before


@pytest.mark.parametrize("reason", ["", "  ", "card 4242 4242 4242 4242"])
def test_a_merge_needs_a_reason_without_a_card_number(desk, clinic, reason):
    with pytest.raises(DeskRefusal):
        merge_clients(desk, clinic.emma, clinic.noah, reason=reason)
    assert one(desk, Client, id=clinic.noah).merged_into_id is None
