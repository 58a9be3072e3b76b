"""A client's standing with the clinic: strikes, account credit, fees owed, the card on file.

The booking dialog and the client's profile show it; the booking and cancellation actions read
the same figures inside their own transactions through the session-level functions below.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.card_expiry import card_expired
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.strikes import STRIKE_STATUSES, prepayment_required, strike_count
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    CardOnFile,
    Client,
    ClientFee,
    Sale,
    SaleLine,
)


@dataclass(frozen=True)
class CardSummary:
    card_id: int
    brand: str
    last4: str
    expiry_month: int
    expiry_year: int
    expired: bool  # at the desk's clock: an expired card cannot take a fee

    @property
    def label(self) -> str:
        """'Visa ending 4242', as receipts and the status bar say it."""
        return f"{self.brand} ending {self.last4}"


@dataclass(frozen=True)
class ClientStanding:
    client_id: int
    strikes: int
    prepayment_required: bool
    credit_cents: int
    fees_owed_cents: int
    card: CardSummary | None  # the current card, shown even when expired (an alert)


def client_standing(desk: Desk, client_id: int) -> ClientStanding:
    today = local_date(desk.clock.now(), desk.settings.zone)
    with desk.db.reading() as session:
        if session.get(Client, client_id) is None:
            raise DeskRefusal(f"There is no client number {client_id} in the records.")
        strikes = client_strikes(session, client_id)
        return ClientStanding(
            client_id=client_id,
            strikes=strikes,
            prepayment_required=prepayment_required(strikes, desk.settings),
            credit_cents=credit_balance(session, client_id),
            fees_owed_cents=fees_owed(session, client_id),
            card=current_card(session, client_id, today),
        )


def client_strikes(session: Session, client_id: int) -> int:
    # Only the strike rows are read (a regular's other visits are not), and the domain counts them.
    statuses = session.scalars(
        select(Appointment.status).where(
            Appointment.client_id == client_id,
            Appointment.status.in_([status.value for status in STRIKE_STATUSES]),
        )
    )
    return strike_count(statuses)


def credit_balance(session: Session, client_id: int) -> int:
    total = session.scalar(
        select(func.sum(AccountCreditEntry.amount_cents)).where(
            AccountCreditEntry.client_id == client_id
        )
    )
    return total or 0


def fees_owed(session: Session, client_id: int) -> int:
    """What is left for checkout to collect: fees not charged to a card, not waived, not paid.

    A fee is paid at checkout by a sale line that names it; a voided sale paid nothing.
    """
    owed = select(func.sum(ClientFee.owed_cents)).where(
        ClientFee.client_id == client_id, ClientFee.waived_at.is_(None)
    )
    paid = (
        select(func.sum(SaleLine.total_cents))
        .join(Sale, Sale.id == SaleLine.sale_id)
        .join(ClientFee, ClientFee.id == SaleLine.fee_id)
        .where(
            ClientFee.client_id == client_id,
            ClientFee.waived_at.is_(None),
            Sale.voided_at.is_(None),
        )
    )
    return max(0, (session.scalar(owed) or 0) - (session.scalar(paid) or 0))


def current_card(session: Session, client_id: int, today: date) -> CardSummary | None:
    """The card added last and not removed, or None; `today` is the clinic's local date."""
    card = session.scalars(
        select(CardOnFile)
        .where(CardOnFile.client_id == client_id, CardOnFile.removed_at.is_(None))
        .order_by(CardOnFile.added_at.desc(), CardOnFile.id.desc())
        .limit(1)
    ).first()
    if card is None:
        return None
    return CardSummary(
        card_id=card.id,
        brand=card.brand,
        last4=card.last4,
        expiry_month=card.expiry_month,
        expiry_year=card.expiry_year,
        expired=card_expired(card.expiry_month, card.expiry_year, today),
    )
