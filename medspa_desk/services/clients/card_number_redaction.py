"""Taking out a card number that got into a client's record before the guard caught it.

The guard (domain.card_numbers) refuses card numbers wherever the desk types; one typed before
it caught that way of writing stays in the notes and, since every edit is kept, in the change
history for good. A manager can replace each one with "[card number removed]", in the record and
in every history entry of the client, in one transaction. The audit log says that a redaction
happened and how many places changed, never what was there.

The old text must not stay in the database file either: freed space is zeroed (secure_delete)
and the write-ahead log is checkpointed into the file and emptied once the redaction is saved.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.card_numbers import contains_card_number, without_card_numbers
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clients.usable_client import current_client
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Client, ClientChange

# The free text of a client's record the desk types; names and contacts are checked stricter.
_RECORD_TEXTS = ("notes", "emergency_contact_name")
_HISTORY_TEXTS = ("old_value", "new_value")


def card_number_places(desk: Desk, client_id: int) -> int:
    """How many texts of the client's record and history hold a card number (0: nothing to do)."""
    with desk.db.reading() as session:
        return len(_places(session, client_id))


def redact_card_numbers(desk: Desk, client_id: int) -> int:
    """Replace every card number in the client's record and change history; the places changed.

    Only a manager at the desk may do it (the history is evidence; changing it is theirs to
    decide). Nothing else in the texts changes.
    """
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.REDACT_CARD_NUMBER)
        # The old values are zeroed where they lay in the file, not left until the space is reused.
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        places = _places(session, client_id)
        if not places:
            raise DeskRefusal(
                f"Client number {client_id} has no card number in their record or history."
            )
        for row, attribute in places:
            setattr(row, attribute, without_card_numbers(getattr(row, attribute)))
        record_audit(
            session,
            desk.staff_id,
            "client.card_numbers_redacted",
            f"client:{client_id}",
            {
                "places": len(places),
                "client_ids": sorted({row.id for row, _a in places if isinstance(row, Client)}),
                "client_change_ids": sorted(
                    {row.id for row, _a in places if isinstance(row, ClientChange)}
                ),
            },
            now,
        )
    _empty_write_ahead_log(desk)
    return len(places)


def _places(session: Session, client_id: int) -> list[tuple[Client | ClientChange, str]]:
    """Each (row, attribute) holding a card number: the client's record, the records merged into
    it (they keep their notes), and the history, which a merge moved to this client."""
    records = [
        current_client(session, client_id),
        *session.scalars(
            select(Client).where(Client.merged_into_id == client_id).order_by(Client.id)
        ),
    ]
    history = session.scalars(
        select(ClientChange)
        .where(ClientChange.client_id.in_([r.id for r in records]))
        .order_by(ClientChange.id)
    )
    texts = [(record, attribute) for record in records for attribute in _RECORD_TEXTS]
    texts += [(row, attribute) for row in history for attribute in _HISTORY_TEXTS]
    return [
        (row, attribute)
        for row, attribute in texts
        if contains_card_number(getattr(row, attribute) or "")
    ]


def _empty_write_ahead_log(desk: Desk) -> None:
    """Move the redacted pages into the file and empty the log, where the old pages still were."""
    # On the driver's connection, outside any transaction: a checkpoint cannot run inside one.
    connection = desk.db.engine.raw_connection()
    try:
        connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
