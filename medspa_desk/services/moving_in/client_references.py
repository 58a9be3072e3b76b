"""The client a row of a bookings, credit or visits file belongs to: by the old system's client
id (as the clients import remembered it), else by email, else by phone."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.contact_details import ContactRefused, normalized_email, phone_in_e164
from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.services.moving_in.import_records import imported_ids
from medspa_desk.storage.models import Client


class ClientFinder:
    """Read once per import: every current client's email and phone, and the old ids."""

    def __init__(self, session: Session) -> None:
        self._old_ids = imported_ids(session, ImportKind.CLIENTS)
        self._by_email: dict[str, int] = {}
        self._by_phone: dict[str, int] = {}
        current = session.execute(
            select(Client.id, Client.email, Client.phone_e164).where(
                Client.merged_into_id.is_(None), Client.anonymized_at.is_(None)
            )
        )
        for client_id, email, phone in current:
            if email:
                self._by_email.setdefault(email.casefold(), client_id)
            if phone:
                self._by_phone.setdefault(phone, client_id)

    def find(self, old_id: str, email: str, phone: str) -> int | None:
        if old_id and old_id in self._old_ids:
            return self._old_ids[old_id]
        if email:
            try:
                found = self._by_email.get(normalized_email(email).casefold())
            except ContactRefused:
                found = None
            if found is not None:
                return found
        if phone:
            try:
                return self._by_phone.get(phone_in_e164(phone))
            except ContactRefused:
                return None
        return None

    @staticmethod
    def described(old_id: str, email: str, phone: str) -> str:
        """How the row names its client, for the problem list: 'client ID MB-1', 'email …'."""
        said = [
            f"{what} {value}"
            for what, value in (("client ID", old_id), ("email", email), ("phone", phone))
            if value
        ]
        return " or ".join(said) or "no client at all"
