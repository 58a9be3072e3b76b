"""What each kind of import file holds, and which of its columns says what.

Exports from other booking systems (Mindbody, Boulevard, Vagaro, Square Appointments and the
like) name the same things differently: "Mobile Phone", "Cell", "Phone Number". Every field the
desk can take in lists the header names it is known by; `guess_mapping` matches a file's headers
to them with case, spaces and punctuation ignored, and the person fixes what it got wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class ImportKind(StrEnum):
    CLIENTS = "clients"
    APPOINTMENTS = "appointments"
    GIFT_CARDS = "gift-cards"
    CREDIT = "credit"
    PAST_VISITS = "past-visits"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ImportKind.CLIENTS: "Clients",
    ImportKind.APPOINTMENTS: "Future appointments",
    ImportKind.GIFT_CARDS: "Gift cards",
    ImportKind.CREDIT: "Account credit",
    ImportKind.PAST_VISITS: "Past visits",
}


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    headers: tuple[str, ...]  # the header names it is known by, the label's own first


def _field(key: str, label: str, *headers: str) -> ImportField:
    return ImportField(key, label, (label, *headers))


# The client a booking, a card, a credit or a visit belongs to, as other files name them.
_CLIENT_REFERENCE = (
    _field("client_old_id", "Client ID", "Customer ID", "Client Number", "Patient ID", "Guest ID"),
    _field("client_email", "Client Email", "Customer Email", "Email", "Email Address"),
    _field("client_phone", "Client Phone", "Customer Phone", "Phone", "Mobile Phone", "Mobile"),
    _field("client_name", "Client Name", "Client", "Customer", "Customer Name", "Guest", "Name"),
)

FIELDS: dict[ImportKind, tuple[ImportField, ...]] = {
    ImportKind.CLIENTS: (
        _field(
            "old_id", "Client ID", "ID", "Customer ID", "Client Number", "Patient ID", "Guest ID"
        ),
        _field("first_name", "First Name", "First", "Given Name", "Forename"),
        _field("last_name", "Last Name", "Last", "Surname", "Family Name"),
        _field("full_name", "Full Name", "Name", "Client Name", "Client", "Customer Name"),
        _field(
            "phone",
            "Mobile Phone",
            "Mobile",
            "Cell",
            "Cell Phone",
            "Mobile Number",
            "Phone",
            "Phone Number",
            "Primary Phone",
            "Telephone",
        ),
        _field("other_phone", "Home Phone", "Work Phone", "Other Phone", "Phone 2", "Landline"),
        _field("email", "Email", "Email Address", "E-mail", "Primary Email"),
        _field("birthday", "Birthday", "Date of Birth", "DOB", "Birth Date", "Birthdate"),
        _field("address", "Address", "Address Line 1", "Street", "Street Address", "Address 1"),
        _field("address_2", "Address Line 2", "Address 2", "Apt", "Suite"),
        _field("city", "City", "Town"),
        _field("region", "State", "Province", "Region", "State/Province"),
        _field("postal_code", "Zip", "ZIP Code", "Zip Code", "Postal Code", "Postcode"),
        _field("notes", "Notes", "Client Notes", "Comments", "Note"),
        _field("alerts", "Alerts", "Alert", "Client Alert", "Medical Alerts", "Warnings"),
        _field(
            "consent_email",
            "Email Marketing",
            "Email Opt In",
            "Marketing Email Opt-In",
            "Email Consent",
            "Accepts Email Marketing",
            "Subscribed to Email",
        ),
        _field(
            "consent_sms",
            "SMS Marketing",
            "Text Marketing",
            "SMS Opt In",
            "Marketing SMS Opt-In",
            "SMS Consent",
            "Accepts Text Marketing",
        ),
        _field("consent_phone", "Phone Marketing", "Call Opt In", "Phone Consent"),
        _field(
            "created",
            "Created",
            "Created Date",
            "Date Added",
            "Client Since",
            "First Visit",
            "Creation Date",
            "Member Since",
        ),
    ),
    ImportKind.APPOINTMENTS: (
        _field("old_id", "Appointment ID", "Booking ID", "ID", "Visit ID"),
        *_CLIENT_REFERENCE,
        _field("provider", "Provider", "Staff", "Staff Member", "Employee", "Practitioner", "With"),
        _field("service", "Service", "Service Name", "Treatment", "Appointment Type", "Item"),
        _field(
            "start",
            "Start",
            "Start Time",
            "Starts",
            "Date and Time",
            "Appointment Date",
            "Date",
            "Start Date",
        ),
        _field("start_time", "Time", "Appointment Time", "Start Hour"),
        _field("duration", "Duration", "Duration (min)", "Minutes", "Length", "Duration Minutes"),
        _field("end", "End", "End Time", "Ends"),
        _field("status", "Status", "Appointment Status", "Booking Status"),
        _field("notes", "Notes", "Appointment Notes", "Comments", "Note"),
    ),
    ImportKind.GIFT_CARDS: (
        _field("code", "Code", "Gift Card Code", "Card Number", "Gift Card Number", "Certificate"),
        _field("balance", "Balance", "Remaining Balance", "Current Balance", "Amount Remaining"),
        _field("issued", "Issued", "Issue Date", "Purchase Date", "Sold On", "Created"),
    ),
    ImportKind.CREDIT: (
        *_CLIENT_REFERENCE,
        _field(
            "balance",
            "Balance",
            "Account Balance",
            "Credit",
            "Account Credit",
            "Prepaid Balance",
            "Amount",
        ),
    ),
    ImportKind.PAST_VISITS: (
        _field("old_id", "Visit ID", "Appointment ID", "ID"),
        *_CLIENT_REFERENCE,
        _field("date", "Date", "Visit Date", "Appointment Date", "Start"),
        _field("provider", "Provider", "Staff", "Staff Member", "Employee", "Practitioner"),
        _field("service", "Service", "Service Name", "Treatment", "Item"),
        _field("amount", "Amount", "Price", "Total", "Paid", "Sale Amount"),
        _field("status", "Status", "Outcome", "Appointment Status"),
    ),
}

# Each kind's must-haves; a tuple inside is "one of these".
REQUIRED: dict[ImportKind, tuple[tuple[str, ...], ...]] = {
    ImportKind.CLIENTS: (("first_name", "full_name"),),
    ImportKind.APPOINTMENTS: (
        ("client_old_id", "client_email", "client_phone"),
        ("provider",),
        ("service",),
        ("start",),
    ),
    ImportKind.GIFT_CARDS: (("code",), ("balance",)),
    ImportKind.CREDIT: (("client_old_id", "client_email", "client_phone"), ("balance",)),
    ImportKind.PAST_VISITS: (
        ("client_old_id", "client_email", "client_phone"),
        ("date",),
        ("service",),
    ),
}


def header_key(text: str) -> str:
    """'E-mail Address ' -> 'emailaddress': a header as it is compared."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def field_named(kind: ImportKind, key: str) -> ImportField:
    return next(field for field in FIELDS[kind] if field.key == key)


def guess_mapping(kind: ImportKind, headers: Sequence[str]) -> dict[str, int]:
    """Which column holds each field (the field's key -> the column's index), as far as the
    headers say. A column is given to one field only: the field whose known names list it
    earliest wins it ("Phone" is a client file's mobile before its home phone), then the field
    listed first."""
    columns = {header_key(header): index for index, header in reversed(list(enumerate(headers)))}
    claims = sorted(
        (rank, order, field.key, columns[header_key(name)])
        for order, field in enumerate(FIELDS[kind])
        for rank, name in enumerate(field.headers)
        if header_key(name) in columns
    )
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for _rank, _order, key, column in claims:
        if key not in mapping and column not in taken:
            mapping[key] = column
            taken.add(column)
    return mapping


def missing_fields(kind: ImportKind, mapped: Sequence[str]) -> list[str]:
    """What the mapping lacks, one sentence per must-have: ["a column for First Name or Full
    Name"]; empty when the file can be read."""
    missing = []
    for one_of in REQUIRED[kind]:
        if not any(key in mapped for key in one_of):
            labels = " or ".join(field_named(kind, key).label for key in one_of)
            missing.append(f"a column for {labels}")
    return missing
