"""What a calendar card warns of about its client: a new client (no visit done before this one),
fees owed, the strike rule's prepayment, a card on file expired by the visit's day. Read for a
day's (or a week's) clients at once: four reads (five with fees owed) whatever the number of
bookings; some 3 ms on the ten-year demo's busiest day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import BindParameter, bindparam, func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.card_expiry import card_expired
from medspa_desk.domain.client_alerts import ClientAlertKind
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.domain.strikes import STRIKE_STATUSES, prepayment_required
from medspa_desk.services.clients.standing import unpaid_fees
from medspa_desk.storage.models import Appointment, CardOnFile, ClientFee, PastVisit

if TYPE_CHECKING:  # day_schedule calls this module: the slot's type only, for the annotations
    from medspa_desk.services.booking.day_schedule import BookedSlot


_CLIENTS: BindParameter[list[int]] = bindparam("clients", expanding=True)
_COUNTED = [AppointmentStatus.COMPLETED.value, *(status.value for status in STRIKE_STATUSES)]
_STRIKES = [status.value for status in STRIKE_STATUSES]
# Built once; run on the session's connection (the ORM's handling of a statement costs more
# than these reads). Per client, grouped in SQL (a regular's ten years of visits are not sent
# over row by row): the first visit done, and the strikes (domain.strikes counts these statuses).
_HISTORY = (
    select(
        Appointment.client_id,
        func.min(Appointment.starts_at).filter(
            Appointment.status == AppointmentStatus.COMPLETED.value
        ),
        func.count(Appointment.id).filter(Appointment.status.in_(_STRIKES)),
    )
    .where(Appointment.client_id.in_(_CLIENTS), Appointment.status.in_(_COUNTED))
    .group_by(Appointment.client_id)
)
# The visits the old system recorded (imported): a client with one done is no new client, and
# its no-shows are strikes.
_PAST_HISTORY = (
    select(
        PastVisit.client_id,
        func.min(PastVisit.visited_on).filter(
            PastVisit.outcome == AppointmentStatus.COMPLETED.value
        ),
        func.count(PastVisit.id).filter(PastVisit.outcome.in_(_STRIKES)),
    )
    .where(PastVisit.client_id.in_(_CLIENTS), PastVisit.outcome.in_(_COUNTED))
    .group_by(PastVisit.client_id)
)
_FEES_OWED = select(ClientFee.id).where(ClientFee.client_id.in_(_CLIENTS), ClientFee.owed_cents > 0)
_CARDS = (
    select(CardOnFile.client_id, CardOnFile.expiry_month, CardOnFile.expiry_year)
    .where(CardOnFile.client_id.in_(_CLIENTS), CardOnFile.removed_at.is_(None))
    .order_by(CardOnFile.client_id, CardOnFile.added_at.desc(), CardOnFile.id.desc())
)


def with_client_alerts(
    session: Session, settings: ClinicSettings, slots: list[BookedSlot]
) -> list[BookedSlot]:
    clients = {"clients": sorted({slot.client_id for slot in slots})}
    if not clients["clients"]:
        return slots
    reads = session.connection()
    first_visit: dict[int, datetime] = {}
    strikes: dict[int, int] = {}
    for client_id, first, counted in reads.execute(_HISTORY, clients):
        if first is not None:
            first_visit[client_id] = first
        strikes[client_id] = counted
    for client_id, day, counted in reads.execute(_PAST_HISTORY, clients):
        if day is not None:  # before any visit here: the old system's came first
            first_visit[client_id] = at_local(date.fromisoformat(str(day)), time(), settings.zone)
        strikes[client_id] = strikes.get(client_id, 0) + counted
    must_prepay = {
        client_id for client_id, count in strikes.items() if prepayment_required(count, settings)
    }
    fee_ids = reads.scalars(_FEES_OWED, clients).all()
    owing = {fee.client_id for fee in unpaid_fees(session, fee_ids=fee_ids)} if fee_ids else set()
    cards: dict[int, tuple[int, int]] = {}
    for client_id, month, year in reads.execute(_CARDS, clients):
        cards.setdefault(client_id, (month, year))  # the current card: added last

    def alerts(slot: BookedSlot) -> frozenset[ClientAlertKind]:
        found = set()
        first = first_visit.get(slot.client_id)
        if first is None or first >= slot.starts_at:
            found.add(ClientAlertKind.NEW_CLIENT)
        if slot.client_id in owing:
            found.add(ClientAlertKind.FEES_OWED)
        if slot.client_id in must_prepay:
            found.add(ClientAlertKind.PREPAYMENT_REQUIRED)
        card = cards.get(slot.client_id)
        if card is not None and card_expired(*card, local_date(slot.starts_at, settings.zone)):
            found.add(ClientAlertKind.CARD_EXPIRED)
        return frozenset(found)

    marked = []
    for slot in slots:
        found = alerts(slot)
        marked.append(replace(slot, alerts=found) if found else slot)  # most have none
    return marked
