"""The privacy rights: everything held about a client, exported as JSON and CSV (portability),
and anonymization (deletion, subject to legal obligations) that keeps the books adding up."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from medspa_desk.domain.card_numbers import contains_card_number
from medspa_desk.domain.data_deletion import UpcomingBookings
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.data_export import (
    client_data_csv,
    client_data_json,
    client_data_pdf,
    record_client_export,
)
from medspa_desk.services.clients.held_data import client_data
from medspa_desk.services.clients.records import ClientEdit, merge_clients, update_client
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.receipts import receipt_data
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    AppointmentStatusChange,
    AuditEntry,
    BookingPayment,
    CardOnFile,
    Client,
    ClientChange,
    ClientFee,
    MarketingConsent,
)
from medspa_desk.storage.till_models import Sale, SaleLine
from tests.approvals import as_manager
from tests.services.client_fixtures import CLOSED_DAY, EMAIL, EMERGENCY, FIRST, LAST, PHONE
from tests.services.conftest import fetch, one, row_counts

# --- Access and portability ---------------------------------------------------------------------


def test_the_json_export_holds_everything_and_no_card_number(desk, hoa):
    text = client_data_json(desk, hoa.client_id)
    data = json.loads(text)

    (client,) = data["client"]
    assert (client["first_name"], client["last_name"], client["phone"], client["email"]) == (
        FIRST,
        LAST,
        PHONE,
        EMAIL,
    )
    assert client["birthday"] == "1988-06-10"
    assert [a["appointment_id"] for a in data["appointments"]] == [
        hoa.no_show,
        hoa.completed,
        hoa.upcoming,
    ]
    no_show = data["appointments"][0]
    assert no_show["starts_at"] == {
        "utc": "2026-04-07T16:00:00Z",
        "local": "2026-04-07T10:00:00-06:00",
    }
    assert [step["to_status"] for step in no_show["status_history"]] == ["booked", "no_show"]
    assert [(f["fee_id"], f["amount_cents"], f["owed_cents"]) for f in data["fees"]] == [
        (hoa.fee, 7500, 7500)
    ]
    assert [(p["kind"], p["amount_cents"]) for p in data["booking_payments"]] == [
        ("deposit", 10000)
    ]
    assert [c["amount_cents"] for c in data["account_credit"]] == [2500]
    assert data["cards_on_file"] == [
        {
            "brand": "Visa",
            "last4": "4242",
            "expiry_month": 12,
            "expiry_year": 2028,
            "cardholder_name": f"{FIRST} {LAST}",
            "added_at": {"utc": "2025-03-04T16:00:00Z", "local": "2025-03-04T09:00:00-07:00"},
            "removed_at": None,
        }
    ]
    assert [(s["receipt_number"], s["total_cents"], len(s["lines"])) for s in data["sales"]] == [
        (1, 40000, 2),
        (2, 4200, 1),
    ]
    assert data["sales"][0]["payments"] == [
        {"kind": "card", "amount_cents": 40000, "card_brand": "Visa", "card_last4": "4242"}
    ]
    assert data["sales"][1]["voided_at"] is not None
    assert data["gift_cards_bought"] == [
        {
            "code_ending": "PQRS",
            "issued_at": {"utc": "2026-05-05T17:00:00Z", "local": "2026-05-05T11:00:00-06:00"},
            "initial_cents": 10000,
            "balance_cents": 7500,
        }
    ]
    assert [(c["channel"], c["granted"], c["source"]) for c in data["marketing_consent"]] == [
        ("email", True, "form"),
        ("sms", True, "desk"),
    ]
    assert [(c["field"], c["old_value"]) for c in data["record_changes"]] == [
        ("phone", "+14065550999")
    ]
    assert "tok_hoa_4242" not in text and "ABCD-EFGH" not in text  # the token, the gift card's code
    assert not contains_card_number(text)
    assert "audit" not in text


def flattened_json(data) -> list[tuple[str, str, str, str]]:
    """The rows the CSV should hold, worked out independently of the service."""
    rows = []

    def walk(section, record, path, value):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(section, record, f"{path}.{key}" if path else key, item)
        elif isinstance(value, list):
            for number, item in enumerate(value, 1):
                walk(section, record, f"{path}.{number}", item)
        else:
            text = (
                ""
                if value is None
                else ("true" if value is True else "false" if value is False else str(value))
            )
            rows.append((section, str(record), path, text))

    for section, records in data.items():
        for number, record in enumerate(records, 1):
            walk(section, number, "", record)
    return rows


def test_the_csv_export_holds_the_same_records(desk, hoa):
    rows = list(csv.reader(io.StringIO(client_data_csv(desk, hoa.client_id))))
    assert rows[0] == ["section", "record", "field", "value"]
    body = [tuple(row) for row in rows[1:]]
    assert body == flattened_json(client_data(desk, hoa.client_id))
    assert ("client", "1", "last_name", LAST) in body
    assert ("cards_on_file", "1", "last4", "4242") in body
    assert ("appointments", "2", "status_history.2.to_status", "completed") in body
    assert ("sales", "1", "lines.2.total_cents", "10000") in body
    assert ("marketing_consent", "1", "granted", "true") in body
    assert {row[0] for row in body} >= {
        "appointments",
        "fees",
        "booking_payments",
        "account_credit",
        "sales",
    }


def test_the_export_of_a_kept_record_includes_the_records_merged_into_it(desk, clinic, hoa):
    merge_clients(as_manager(desk), clinic.emma, hoa.client_id, reason="Same person")
    data = client_data(desk, clinic.emma)
    assert [record["client_id"] for record in data["merged_records"]] == [hoa.client_id]
    assert [sale["receipt_number"] for sale in data["sales"]] == [1, 2]  # filed under the other
    assert len(data["appointments"]) == 3
    with pytest.raises(DeskRefusal, match=f"merged into client number {clinic.emma}"):
        client_data(desk, hoa.client_id)


def test_the_pdf_holds_the_same_data_with_her_name_spelled_right(desk, hoa):
    pages = PdfReader(io.BytesIO(client_data_pdf(desk, hoa.client_id))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    for expected in (
        f"{FIRST} {LAST}, client number {hoa.client_id}",
        "Minh Trần",
        "Status: No-show",
        "Code ending: PQRS",
    ):
        assert expected in text, expected
    assert "tok_hoa_4242" not in text


def test_an_export_is_recorded_without_personal_data(desk, hoa):
    record_client_export(desk, hoa.client_id, "pdf")
    entry = one(desk, AuditEntry, action="client.exported")
    assert (entry.subject, json.loads(entry.detail)) == (
        f"client:{hoa.client_id}",
        {"format": "pdf"},
    )


# --- Anonymization ------------------------------------------------------------------------------


def books(desk) -> dict:
    """What the clinic must keep adding up: money, visits and what the calendar shows."""
    with desk.db.reading() as session:
        totals = {
            model.__tablename__: session.execute(
                select(func.count(), func.coalesce(func.sum(column), 0))
            ).one()
            for model, column in (
                (Sale, Sale.total_cents),
                (SaleLine, SaleLine.total_cents),
                (ClientFee, ClientFee.amount_cents),
                (BookingPayment, BookingPayment.amount_cents),
                (AccountCreditEntry, AccountCreditEntry.amount_cents),
            )
        }
        totals["appointments by status"] = sorted(
            session.execute(
                select(Appointment.status, func.count()).group_by(Appointment.status)
            ).all()
        )
        totals["sales"] = [
            (s.receipt_number, s.client_id, s.total_cents, s.voided_at)
            for s in session.scalars(select(Sale))
        ]
    for day in (CLOSED_DAY, date(2026, 6, 17)):
        slots = day_schedule(desk.db, day, desk.settings).appointments
        totals[day] = [(s.appointment_id, s.client_id, s.status, s.starts_at) for s in slots]
    return totals


def database_text(desk) -> str:
    """Every row of every table, as SQL text (the audit log too)."""
    with sqlite3.connect(desk.db.path) as connection:
        return "\n".join(connection.iterdump())


def file_bytes(desk) -> bytes:
    """The database file as it lies on the disk, once the write-ahead log is copied into it."""
    with sqlite3.connect(desk.db.path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return desk.db.path.read_bytes()


IDENTIFIERS = (
    FIRST,
    LAST,
    "Hoa",
    PHONE,
    "406-555-0123",
    "4065550123",
    EMAIL,
    *EMERGENCY,
    "4065550188",
    "tok_hoa_4242",
    "+14065550999",
)
# What the desk wrote about her: her notes, and the note beside her consent to texts.
NOTES = ("Prefers afternoons", "Said yes to texts")


def test_anonymization_keeps_the_books_and_removes_the_person_everywhere(desk, clinic, hoa):
    before = books(desk)
    assert all(identifier in database_text(desk) for identifier in IDENTIFIERS)
    assert all(text.encode() in file_bytes(desk) for text in IDENTIFIERS + NOTES)
    receipt_before = receipt_data(desk, 1)

    ids = anonymize_client(
        as_manager(desk),
        hoa.client_id,
        reason=f"{FIRST} {LAST} emailed on June 1 asking to be deleted",
        upcoming=UpcomingBookings.KEEP,
    )

    assert ids == [hoa.client_id]
    assert books(desk) == before
    text = database_text(desk)
    assert [identifier for identifier in IDENTIFIERS if identifier in text] == []
    on_disk = file_bytes(desk)  # freed space is zeroed too, not left holding the old values
    assert [text for text in IDENTIFIERS + NOTES if text.encode() in on_disk] == []
    client = one(desk, Client, id=hoa.client_id)
    assert (client.first_name, client.last_name) == ("Anonymized", f"client #{hoa.client_id}")
    assert (client.phone_e164, client.email, client.birthday, client.notes) == (
        None,
        None,
        None,
        "",
    )
    assert client.anonymized_at is not None
    (slot,) = [
        s
        for s in day_schedule(desk.db, CLOSED_DAY, desk.settings).appointments
        if s.appointment_id == hoa.completed
    ]
    assert slot.client_name == f"Anonymized client #{hoa.client_id}"
    receipt_after = receipt_data(desk, 1)
    assert receipt_after.total_cents == receipt_before.total_cents
    assert receipt_after.client_name == f"Anonymized client #{hoa.client_id}"


def test_what_is_kept_of_the_history_says_when_not_what(desk, clinic, hoa):
    anonymize_client(
        as_manager(desk),
        hoa.client_id,
        reason=f"{FIRST} emailed from {EMAIL}",
        upcoming=UpcomingBookings.KEEP,
    )
    changes = [
        (c.field, c.old_value, c.new_value)
        for c in fetch(desk, ClientChange, client_id=hoa.client_id)
    ]
    assert changes[0] == ("phone", "[removed]", "[removed]")
    assert changes[1][0] == "anonymized_at"
    assert changes[2] == ("anonymization_reason", "", "[removed] [removed] emailed from [removed]")
    notes = [
        (c.channel, c.granted, c.note)
        for c in fetch(desk, MarketingConsent, client_id=hoa.client_id)
    ]
    assert notes == [("email", True, ""), ("sms", True, "[removed]")]
    card = one(desk, CardOnFile, id=hoa.card)
    assert (card.brand, card.last4, card.cardholder_name, card.terminal_reference) == (
        "Visa",
        "4242",
        "",
        "",
    )
    assert card.removed_at is not None
    visit = one(desk, Appointment, id=hoa.completed)
    assert visit.notes == "[removed] asked to be called on [removed] after."
    reasons = {
        step.reason for step in fetch(desk, AppointmentStatusChange, appointment_id=hoa.completed)
    }
    assert reasons == {"Booked by phone", ""}
    audit = one(desk, AuditEntry, action="client.anonymized")
    assert (audit.subject, json.loads(audit.detail)) == (
        f"client:{hoa.client_id}",
        {"client_ids": [hoa.client_id]},
    )


def test_records_merged_into_the_client_are_anonymized_with_it(desk, clinic, hoa):
    update_client(
        desk, clinic.emma, ClientEdit("Emma", "Sanders", "406 555 0111", "emma@example.com")
    )
    merge_clients(
        as_manager(desk), hoa.client_id, clinic.emma, reason="Emma is the name she books under"
    )
    assert anonymize_client(
        as_manager(desk), hoa.client_id, reason="Asked by email", upcoming=UpcomingBookings.KEEP
    ) == [
        hoa.client_id,
        clinic.emma,
    ]
    emma = one(desk, Client, id=clinic.emma)
    assert (emma.first_name, emma.last_name, emma.email) == (
        "Anonymized",
        f"client #{clinic.emma}",
        None,
    )
    assert "emma@example.com" not in database_text(desk)


@pytest.mark.parametrize("reason", ["", "   ", "paid with 4242 4242 4242 4242"])
def test_anonymization_needs_a_reason(desk, hoa, reason):
    before = row_counts(desk)
    with pytest.raises(DeskRefusal):
        anonymize_client(
            as_manager(desk), hoa.client_id, reason=reason, upcoming=UpcomingBookings.KEEP
        )
    assert row_counts(desk) == before
    assert one(desk, Client, id=hoa.client_id).anonymized_at is None


def test_anonymization_is_refused_twice_and_for_a_merged_record(desk, clinic, hoa):
    anonymize_client(
        as_manager(desk), hoa.client_id, reason="Asked by email", upcoming=UpcomingBookings.KEEP
    )
    with pytest.raises(DeskRefusal, match="anonymized already"):
        anonymize_client(
            as_manager(desk), hoa.client_id, reason="Asked again", upcoming=UpcomingBookings.KEEP
        )
    merge_clients(as_manager(desk), clinic.emma, clinic.noah, reason="Same person")
    with pytest.raises(DeskRefusal, match=f"merged into client number {clinic.emma}"):
        anonymize_client(as_manager(desk), clinic.noah, reason="Asked by email")
