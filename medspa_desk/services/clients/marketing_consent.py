"""Marketing consent: whether the clinic may send a client newsletters and offers, per channel.

The Privacy Policy: clients "may opt out of receiving any, or all, of these communications ...
by contacting us, or by responding STOP or UNSUBSCRIBE to any SMS message we send". Each yes or
no is a row with its date and source (said at the desk, written on a form, or a STOP reply); the
newest row per channel stands, and rows are never deleted: they are the clinic's evidence.

No row means no: the clinic markets to those who said yes (opt-in). Asking first is the safe
default, since a message sent to someone who never agreed cannot be taken back, while a client
who was never asked loses nothing by not getting offers.

Appointment confirmations and reminders are not marketing: they are part of the booking (the
Appointment Policy says the clinic confirms "via email, phone call, and text"), so no consent
row, yes or no, ever stops them; see confirmations_allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.marketing_consent import ConsentChannel, ConsentSource, ConsentStanding
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clients.usable_client import current_client
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Client, MarketingConsent

# A text reply that opts out, once case, spaces and punctuation are set aside. The policy names
# STOP and UNSUBSCRIBE; the others are the carriers' standard opt-out words (and the FCC's list
# of ways to revoke consent), which carriers act on themselves, so the desk honours them too.
# CANCEL to a confirmation text may mean the appointment: it still opts out of marketing (no
# harm done), and the desk, which sees the reply, calls about the appointment.
OPT_OUT_REPLIES = frozenset(
    {"stop", "unsubscribe", "stopall", "end", "quit", "cancel", "revoke", "optout"}
)


@dataclass(frozen=True)
class ConsentState:
    channel: ConsentChannel
    state: ConsentStanding  # UNKNOWN when never recorded (not allowed)
    at: datetime | None
    source: ConsentSource | Literal[""]  # "" when unknown
    note: str


def record_consent(
    desk: Desk,
    client_id: int,
    channel: ConsentChannel,
    *,
    granted: bool,
    source: ConsentSource,
    note: str = "",
) -> int:
    """Record a yes (`granted`) or a no to marketing on `channel`; the new row's id."""
    _known(channel)
    if source not in tuple(ConsentSource):
        raise DeskRefusal(f"A consent comes from {', '.join(ConsentSource)}, not {source!r}.")
    if source == ConsentSource.STOP_REPLY and (granted or channel != ConsentChannel.SMS):
        raise DeskRefusal("A STOP reply can only opt a client out of marketing texts.")
    note = note.strip()
    refuse_card_number(note, "Note")
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.EDIT_CLIENTS)
        client = current_client(session, client_id)
        if granted and client.anonymized_at is not None:
            raise DeskRefusal(
                "This client's personal data was deleted at their request: there is nobody to "
                "send marketing to."
            )
        row = MarketingConsent(
            client_id=client_id,
            channel=ConsentChannel(channel),
            granted=granted,
            at=now,
            source=ConsentSource(source),
            by_staff_id=desk.staff_id,
            note=note,
        )
        session.add(row)
        session.flush()
        detail = {"consent_id": row.id, "channel": channel, "granted": granted, "source": source}
        record_audit(session, desk.staff_id, "consent.recorded", f"client:{client_id}", detail, now)
        return row.id


def record_sms_reply(desk: Desk, client_id: int, reply: str) -> bool:
    """Act on a client's reply to a text: an opt-out word ("STOP", " Unsubscribe ", "stop!")
    opts them out of marketing texts, noting the reply as received. Whether it did.

    Only the whole reply counts, as carriers read it: "stop by at 3?" is a message for a person
    to read, and nothing is recorded for it. Confirmations keep coming either way.
    """
    if "".join(char for char in reply.casefold() if char.isalpha()) not in OPT_OUT_REPLIES:
        return False
    record_consent(
        desk,
        client_id,
        ConsentChannel.SMS,
        granted=False,
        source=ConsentSource.STOP_REPLY,
        note=reply.strip(),
    )
    return True


def marketing_allowed(desk: Desk, client_id: int, channel: ConsentChannel) -> bool:
    """Whether the client said yes to marketing on `channel`, and has not said no since."""
    _known(channel)
    with desk.db.reading() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise DeskRefusal(f"There is no client number {client_id} in the records.")
        if client.anonymized_at is not None or client.merged_into_id is not None:
            return False  # nobody left to write to; a merged record's consents moved with it
        return consent_states(session, client_id)[channel].state is ConsentStanding.GRANTED


def confirmations_allowed(desk: Desk, client_id: int, channel: ConsentChannel) -> bool:
    """Whether an appointment confirmation can go to the client on `channel`: only whether the
    record holds the address or number it needs. Marketing consent plays no part."""
    _known(channel)
    with desk.db.reading() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise DeskRefusal(f"There is no client number {client_id} in the records.")
    contact = client.email if channel == ConsentChannel.EMAIL else client.phone_e164
    return bool(contact) and client.anonymized_at is None


def consent_states(session: Session, client_id: int) -> dict[ConsentChannel, ConsentState]:
    """The standing yes or no on every channel, by channel, in ConsentChannel order."""
    rows = session.scalars(
        select(MarketingConsent)
        .where(MarketingConsent.client_id == client_id)
        .order_by(MarketingConsent.at, MarketingConsent.id)
    )
    newest = {row.channel: row for row in rows}  # later rows overwrite earlier ones
    states = {}
    for channel in ConsentChannel:
        row = newest.get(channel)
        if row is None:
            states[channel] = ConsentState(channel, ConsentStanding.UNKNOWN, None, "", "")
        else:
            state = ConsentStanding.GRANTED if row.granted else ConsentStanding.WITHDRAWN
            states[channel] = ConsentState(channel, state, row.at, row.source, row.note)
    return states


def _known(channel: str) -> None:
    if channel not in tuple(ConsentChannel):
        raise DeskRefusal(
            f"Marketing consent is kept for {', '.join(ConsentChannel)}, not {channel!r}."
        )
