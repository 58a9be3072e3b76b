"""Client records at the desk: adding and editing a client, their card on file, and merging
two records of one person.

Bad input is refused with the fields it concerns, each with its own sentence, so the form can
say it next to each field, and nothing is saved. Phones and emails are checked by
domain.contact_details; card numbers are refused wherever they are typed (domain.card_numbers):
a card on file is its brand, last four digits, expiry and the terminal's reference, never its
number. Every edit leaves one ClientChange row per field changed (the history the right of
rectification asks for); the audit log names the fields, never their values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import cast

from sqlalchemy import CursorResult, select, update

from medspa_desk.domain.card_expiry import card_expired
from medspa_desk.domain.card_numbers import CARD_NUMBER_REFUSAL, contains_card_number
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.contact_details import ContactRefused, normalized_email, phone_in_e164
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clients.usable_client import usable_client
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import (
    DeskRefusal,
    FieldsRefused,
    refuse_card_number,
    required_text,
)
from medspa_desk.services.staff_access.permissions import ManagerApproval, require
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    BookingPayment,
    CardOnFile,
    Client,
    ClientChange,
    ClientFee,
    ImportedRecord,
    MarketingConsent,
    PastVisit,
    WaitingListEntry,
)

_LAST4 = re.compile(r"[0-9]{4}")
_LONGEST_NAME = 80  # the name columns' width
_EARLIEST_BIRTHDAY = date(1900, 1, 1)


@dataclass(frozen=True)
class NewClient:
    first_name: str
    last_name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ClientEdit:
    """Every field of the client form as typed; an empty phone, email or birthday is none."""

    first_name: str
    last_name: str
    phone: str = ""
    email: str = ""
    birthday: date | None = None
    notes: str = ""
    emergency_contact_name: str = ""
    emergency_contact_phone: str = ""
    # How the client likes to be reached about bookings; None: not said.
    preferred_channel: ConsentChannel | None = None


# Where each field of the form is kept on the client row.
_COLUMNS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "phone": "phone_e164",
    "email": "email",
    "birthday": "birthday",
    "notes": "notes",
    "emergency_contact_name": "emergency_contact_name",
    "emergency_contact_phone": "emergency_contact_phone",
    "preferred_channel": "preferred_channel",
}


class ClientRefused(FieldsRefused):
    """Fields of a client record are not right (`problems`, by ClientEdit's field names)."""


@dataclass(frozen=True)
class ClientsMerged:
    kept_id: int
    merged_id: int
    moved: dict[str, int]  # rows moved to the kept record, by table
    filled: list[str]  # the kept record's empty fields filled from the other one


def create_client(desk: Desk, new: NewClient | ClientEdit) -> int:
    """Add a client (the booking dialog gives a NewClient, the client form a ClientEdit); the
    new client's id."""
    if isinstance(new, NewClient):
        new = ClientEdit(new.first_name, new.last_name, new.phone, new.email)
    now = desk.clock.now()
    values = _checked(new, local_date(now, desk.settings.zone))
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.EDIT_CLIENTS)
        client = Client(
            **{_COLUMNS[field]: value for field, value in values.items()},
            search_name=fold_for_search(f"{values['first_name']} {values['last_name']}"),
            created_at=now,
        )
        session.add(client)
        session.flush()
        # Ids only: the audit log can never be edited, so it holds no personal data.
        detail = {
            "with_phone": client.phone_e164 is not None,
            "with_email": client.email is not None,
        }
        record_audit(session, desk.staff_id, "client.created", f"client:{client.id}", detail, now)
    return client.id


def update_client(desk: Desk, client_id: int, edit: ClientEdit) -> list[str]:
    """Save the client form; the fields that changed (none: nothing is written).

    Every field is checked before anything is saved, and all the wrong ones are reported at once
    (ClientRefused.problems).
    """
    now = desk.clock.now()
    values = _checked(edit, local_date(now, desk.settings.zone))
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.EDIT_CLIENTS)
        client = usable_client(session, client_id)
        changed = []
        for field, value in values.items():
            old = getattr(client, _COLUMNS[field])
            if old == value:
                continue
            session.add(
                ClientChange(
                    client_id=client_id,
                    at=now,
                    by_staff_id=desk.staff_id,
                    field=field,
                    old_value=_as_text(old),
                    new_value=_as_text(value),
                )
            )
            setattr(client, _COLUMNS[field], value)
            changed.append(field)
        if not changed:
            return []
        client.search_name = fold_for_search(f"{client.first_name} {client.last_name}")
        record_audit(
            session,
            desk.staff_id,
            "client.updated",
            f"client:{client_id}",
            {"fields": changed},
            now,
        )
    return changed


def merge_clients(
    desk: Desk,
    keep_id: int,
    merge_away_id: int,
    *,
    reason: str,
    approval: ManagerApproval | None = None,
) -> ClientsMerged:
    """Make two records of one person one: everything the other record holds moves to `keep_id`.

    Appointments, fees, booking payments, account credit, cards, consents and the change history
    move to the kept record; its empty fields are filled from the other (each fill a change in
    its history). The other record stays, empty of bookings, marked as merged into the kept one:
    nothing is deleted, and a record merged into it earlier now points at the kept one too.

    Sales stay filed under the record they were rung up on, since a closed day's sales cannot
    change (not even their client); the profile, exports and anonymization read the sales of
    the kept record and of every record merged into it.
    """
    reason = required_text(reason, "Say why these two records are the same person.")
    refuse_card_number(reason, "Reason")
    if keep_id == merge_away_id:
        raise DeskRefusal("A client record cannot be merged into itself.")
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.MERGE_CLIENTS, approval)
        kept = usable_client(session, keep_id)
        away = usable_client(session, merge_away_id)
        filled = []
        for field, column in _COLUMNS.items():
            value = getattr(away, column)
            if getattr(kept, column) in ("", None) and value not in ("", None):
                setattr(kept, column, value)
                filled.append(field)
        moved = {}
        for model in (
            ClientChange,
            Appointment,
            ClientFee,
            BookingPayment,
            AccountCreditEntry,
            CardOnFile,
            MarketingConsent,
            WaitingListEntry,
            PastVisit,
        ):
            # An UPDATE's result is a CursorResult (with its rowcount); Session.execute is
            # typed as returning any Result.
            result = cast(
                "CursorResult[()]",
                session.execute(
                    update(model).where(model.client_id == merge_away_id).values(client_id=keep_id),
                    execution_options={"synchronize_session": False},
                ),
            )
            moved[model.__tablename__] = result.rowcount
        session.execute(  # a fresh export's row for either finds the one kept
            update(ImportedRecord)
            .where(
                ImportedRecord.kind == ImportKind.CLIENTS,
                ImportedRecord.record_id == merge_away_id,
            )
            .values(record_id=keep_id),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            update(Client)
            .where(Client.merged_into_id == merge_away_id)
            .values(merged_into_id=keep_id),
            execution_options={"synchronize_session": False},
        )
        away.merged_into_id = keep_id
        history = [(field, "", _as_text(getattr(kept, _COLUMNS[field]))) for field in filled]
        history += [("merged_from_id", "", str(merge_away_id)), ("merge_reason", "", reason)]
        session.add_all(
            ClientChange(
                client_id=keep_id,
                at=now,
                by_staff_id=desk.staff_id,
                field=field,
                old_value=old,
                new_value=new,
            )
            for field, old, new in history
        )
        detail = {"merged_client_id": merge_away_id, "moved": moved, "filled": filled}
        record_audit(session, desk.staff_id, "client.merged", f"client:{keep_id}", detail, now)
    return ClientsMerged(keep_id, merge_away_id, moved, filled)


def add_card_on_file(
    desk: Desk,
    client_id: int,
    *,
    brand: str,
    last4: str,
    expiry_month: int,
    expiry_year: int,
    cardholder_name: str,
    terminal_reference: str,
) -> int:
    """Keep the client's card as the terminal knows it; the new card's id.

    The new card replaces the one on file (it is kept, marked removed), so a fee is charged to
    the card the client gave last.
    """
    texts = {
        "brand": brand,
        "last4": last4,
        "cardholder_name": cardholder_name,
        "terminal_reference": terminal_reference,
    }
    for field, text in texts.items():
        if contains_card_number(text):
            raise ClientRefused(field, CARD_NUMBER_REFUSAL)
    brand = brand.strip()
    if not brand:
        raise ClientRefused("brand", "Say which card it is (Visa, Mastercard, ...).")
    if not _LAST4.fullmatch(last4):
        raise ClientRefused("last4", "Enter the last four digits of the card, exactly 4 digits.")
    if not 1 <= expiry_month <= 12:
        raise ClientRefused("expiry_month", "The expiry month is a number from 1 to 12.")
    if not 2000 <= expiry_year <= 2099:
        raise ClientRefused("expiry_year", "Enter the expiry year with four digits, like 2028.")
    reference = terminal_reference.strip()
    if not reference:
        raise ClientRefused(
            "terminal_reference", "Enter the reference the terminal gave for this card."
        )
    now = desk.clock.now()
    if card_expired(expiry_month, expiry_year, local_date(now, desk.settings.zone)):
        raise ClientRefused(
            "expiry_year", f"This card expired at the end of {expiry_month:02d}/{expiry_year}."
        )
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.EDIT_CLIENTS)
        usable_client(session, client_id)
        replaced = session.scalars(
            select(CardOnFile).where(
                CardOnFile.client_id == client_id, CardOnFile.removed_at.is_(None)
            )
        ).all()
        for card in replaced:
            card.removed_at = now
        card = CardOnFile(
            client_id=client_id,
            brand=brand,
            last4=last4,
            expiry_month=expiry_month,
            expiry_year=expiry_year,
            cardholder_name=cardholder_name.strip(),
            terminal_reference=reference,
            added_at=now,
        )
        session.add(card)
        session.flush()
        detail = {"card_id": card.id, "replaced_card_ids": [old.id for old in replaced]}
        record_audit(session, desk.staff_id, "card.added", f"client:{client_id}", detail, now)
        return card.id


def _preferred(edit: ClientEdit) -> ConsentChannel | None:
    """The channel preferred, if the record holds what it needs: an email to be emailed."""
    if edit.preferred_channel is None:
        return None
    channel = ConsentChannel(edit.preferred_channel)
    needed = edit.email if channel is ConsentChannel.EMAIL else edit.phone
    if not needed.strip():
        what = "an email address" if channel is ConsentChannel.EMAIL else "a phone number"
        raise _Wrong(f"Add {what} to be reached by {channel.label.lower()}, or choose another.")
    return channel


def _checked(edit: ClientEdit, today: date) -> dict[str, object]:
    """The form's values as they are kept, by field; or ClientRefused naming every wrong field."""
    checks: dict[str, Callable[[], object]] = {
        "first_name": lambda: _name(edit.first_name, "Enter the client's first name."),
        "last_name": lambda: _name(edit.last_name, "Enter the client's last name."),
        "phone": lambda: _contact(edit.phone, phone_in_e164),
        "email": lambda: _contact(edit.email, normalized_email),
        "birthday": lambda: _birthday(edit.birthday, today),
        "notes": lambda: _free_text(edit.notes.strip()),
        "emergency_contact_name": lambda: _free_text(" ".join(edit.emergency_contact_name.split())),
        # The column holds "" rather than NULL for none (schema 0003).
        "emergency_contact_phone": lambda: (
            _contact(edit.emergency_contact_phone, phone_in_e164) or ""
        ),
        "preferred_channel": lambda: _preferred(edit),
    }
    values: dict[str, object] = {}
    problems: dict[str, str] = {}
    for field in fields(ClientEdit):
        try:
            values[field.name] = checks[field.name]()
        except _Wrong as wrong:
            problems[field.name] = str(wrong)
    if problems:
        first = next(iter(problems))
        raise ClientRefused(first, problems[first], problems)
    return values


class _Wrong(ValueError):
    """One field's problem, collected by _checked."""


def _name(text: str, missing: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise _Wrong(missing)
    if len(name) > _LONGEST_NAME:
        raise _Wrong(f"A name can have at most {_LONGEST_NAME} characters.")
    return _free_text(name)


def _free_text(text: str) -> str:
    if contains_card_number(text):
        raise _Wrong(CARD_NUMBER_REFUSAL)
    return text


def _contact(text: str, normalized: Callable[[str], str]) -> str | None:
    """The phone or email as kept, None when left empty."""
    if not text.strip():
        return None
    try:
        return normalized(text.strip())
    except ContactRefused as problem:
        raise _Wrong(str(problem)) from None


def _birthday(day: date | None, today: date) -> date | None:
    if day is None:
        return None
    if not isinstance(day, date):
        raise _Wrong("Enter the birthday as a date.")
    if day > today:
        raise _Wrong("A birthday cannot be in the future.")
    if day < _EARLIEST_BIRTHDAY:
        raise _Wrong(f"A birthday before {_EARLIEST_BIRTHDAY.year} must be a typing mistake.")
    return day


def _as_text(value: object) -> str:
    """A field's value as the change history keeps it: dates as 2026-06-10, none as ""."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
