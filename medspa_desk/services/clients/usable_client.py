"""The one way an action loads the client it acts for, and the one sentence for each record it
refuses: a number nobody has, a record merged into another (the desk is told which to use), a
record whose personal data was deleted at the client's request.

Booking, selling at the till, editing the record, adding a card and merging take
usable_client(). The privacy rights (anonymizing, removing a card number, recording a marketing
no) also act on an anonymized record, so they take current_client(), which refuses the first two
only; reading a profile shows any record, merged or anonymized, as it is.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Client


class ClientUnusable(DeskRefusal):
    """The client record cannot be acted on; nothing was saved."""


class ClientNotFound(ClientUnusable):
    """No client has this number."""


class ClientMergedAway(ClientUnusable):
    """The record was merged into another: the sentence names the one to use."""


class ClientAnonymized(ClientUnusable):
    """The client's personal data was deleted at their request."""


def current_client(session: Session, client_id: int) -> Client:
    """The client's row, refused if there is none or it was merged into another record."""
    client = session.get(Client, client_id)
    if client is None:
        raise ClientNotFound(f"There is no client number {client_id} in the records.")
    if client.merged_into_id is not None:
        raise ClientMergedAway(
            f"Client number {client_id} was merged into client number {client.merged_into_id}: "
            "use that record."
        )
    return client


def usable_client(session: Session, client_id: int) -> Client:
    """The row of a client who can be booked, sold to or edited: current and not anonymized."""
    client = current_client(session, client_id)
    if client.anonymized_at is not None:
        raise ClientAnonymized(
            f"Client number {client_id} was anonymized: their personal data was deleted at "
            "their request, so the record cannot be booked, sold to or changed."
        )
    return client
