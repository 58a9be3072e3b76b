"""The client picked for a booking, told apart from anyone of the same name: phone, email and
date of birth, what the desk should notice (the profile's alerts), and the records that may be
the same person (search.possible_duplicates), so two "Zoë Åberg" are never confused."""

from __future__ import annotations

from dataclasses import dataclass

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.services.clients.profile import (
    ClientAlert,
    ClientDetails,
    client_alerts,
    client_details,
)
from medspa_desk.services.clients.search import ClientMatch, possible_duplicates
from medspa_desk.services.clients.standing import ClientStanding, standing_in
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Client


@dataclass(frozen=True)
class ClientSummary:
    details: ClientDetails
    standing: ClientStanding
    alerts: tuple[ClientAlert, ...]
    duplicates: tuple[ClientMatch, ...]  # other records that may be this person, with why


def client_summary(desk: Desk, client_id: int) -> ClientSummary:
    with desk.db.reading() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise DeskRefusal(f"There is no client number {client_id} in the records.")
        details = client_details(client)
        standing = standing_in(session, desk, client_id)
    today = local_date(desk.clock.now(), desk.settings.zone)
    duplicates = possible_duplicates(
        desk,
        details.first_name,
        details.last_name,
        phone=details.phone_e164 or "",
        email=details.email or "",
        exclude_id=client_id,
    )
    return ClientSummary(
        details=details,
        standing=standing,
        alerts=tuple(client_alerts(details, standing, today, desk)),
        duplicates=tuple(duplicates),
    )
