"""Editing a client: every field checked, every change kept."""

import json
from datetime import date

import pytest

from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.records import (
    ClientEdit,
    ClientRefused,
    add_card_on_file,
    create_client,
    merge_clients,
    update_client,
)
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import AuditEntry, Client, ClientChange
from tests.approvals import as_manager
from tests.services.client_record_inputs import CARD, emma_edit, field_refused
from tests.services.conftest import NOW, count_rows, fetch, one, row_counts

# --- Editing a client: every field checked, every change kept ------------------------------------


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
    assert [m.client_id for m in desk.client_index.search("nunez")] == [clinic.emma]


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
        (dict(preferred_channel=ConsentChannel.EMAIL), "preferred_channel", "an email address"),
        (dict(preferred_channel=ConsentChannel.SMS), "preferred_channel", "a phone number"),
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
    merge_clients(as_manager(desk), clinic.emma, clinic.noah, reason="Same person")
    with pytest.raises(DeskRefusal, match=f"merged into client number {clinic.emma}"):
        update_client(desk, clinic.noah, ClientEdit("Noah", "Reed"))
    anonymize_client(as_manager(desk), clinic.ava, reason="Asked by phone")
    with pytest.raises(DeskRefusal, match="deleted at their request"):
        update_client(desk, clinic.ava, ClientEdit("Ava", "Kowalski"))
    with pytest.raises(DeskRefusal, match="deleted at their request"):
        add_card_on_file(desk, clinic.ava, **CARD)
    with pytest.raises(DeskRefusal, match="no client number 999"):
        update_client(desk, 999, ClientEdit("No", "Body"))


def test_the_channel_a_client_prefers_is_kept_with_its_history_and_gone_when_anonymized(
    desk, clinic
):
    edit = emma_edit(phone="(406) 555-1234", preferred_channel=ConsentChannel.SMS)

    assert update_client(desk, clinic.emma, edit) == ["phone", "preferred_channel"]

    assert one(desk, Client, id=clinic.emma).preferred_channel is ConsentChannel.SMS
    change = one(desk, ClientChange, client_id=clinic.emma, field="preferred_channel")
    assert (change.old_value, change.new_value) == ("", "sms")
    assert update_client(desk, clinic.emma, emma_edit(phone="(406) 555-1234")) == [
        "preferred_channel"
    ]  # back to "not said"
    update_client(desk, clinic.emma, edit)
    anonymize_client(as_manager(desk), clinic.emma, reason="Asked by email")
    assert one(desk, Client, id=clinic.emma).preferred_channel is None
