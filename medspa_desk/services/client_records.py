"""Adding a client at the desk (the book dialog does it inline) and keeping their card on file.

Bad input is refused with the field it concerns, so the dialog can say it next to that field,
and nothing is saved. Phones and emails are checked by domain.contact_details; card numbers
are refused wherever they are typed (domain.card_numbers): a card on file is its brand, last
four digits, expiry and the terminal's reference, never its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from medspa_desk.domain.card_expiry import card_expired
from medspa_desk.domain.card_numbers import CARD_NUMBER_REFUSAL, contains_card_number
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.contact_details import ContactRefused, normalized_email, phone_in_e164
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import CardOnFile, Client

_LAST4 = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class NewClient:
    first_name: str
    last_name: str
    phone: str = ""
    email: str = ""


class ClientRefused(DeskRefusal):
    """A field of a client record is not right; `field` names it (the dataclass field's name)."""

    def __init__(self, field: str, sentence: str):
        self.field = field
        super().__init__(sentence)


def create_client(desk: Desk, new: NewClient) -> int:
    """Add a client with a name and, if given, a phone and an email; the new client's id."""
    first = _name(new.first_name, "first_name", "Enter the client's first name.")
    last = _name(new.last_name, "last_name", "Enter the client's last name.")
    phone = _contact(new.phone, "phone", phone_in_e164)
    email = _contact(new.email, "email", normalized_email)
    now = desk.clock.now()
    with desk.db.writing() as session:
        client = Client(
            first_name=first,
            last_name=last,
            search_name=fold_for_search(f"{first} {last}"),
            phone_e164=phone,
            email=email,
            notes="",
            created_at=now,
        )
        session.add(client)
        session.flush()
        # Ids only: the audit log can never be edited, so it holds no personal data.
        detail = {"with_phone": phone is not None, "with_email": email is not None}
        record_audit(session, desk.staff_id, "client.created", f"client:{client.id}", detail, now)
        return client.id


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
        if session.get(Client, client_id) is None:
            raise DeskRefusal(f"There is no client number {client_id} in the records.")
        replaced = session.scalars(
            select(CardOnFile).where(CardOnFile.client_id == client_id, CardOnFile.removed_at.is_(None))
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


def _name(text: str, field: str, missing: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise ClientRefused(field, missing)
    if contains_card_number(name):
        raise ClientRefused(field, CARD_NUMBER_REFUSAL)
    return name


def _contact(text: str, field: str, normalized) -> str | None:
    """The phone or email as kept, None when left empty, or a refusal naming the field."""
    if not text.strip():
        return None
    try:
        return normalized(text.strip())
    except ContactRefused as problem:
        raise ClientRefused(field, str(problem)) from None
