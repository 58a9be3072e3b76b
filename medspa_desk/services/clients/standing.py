"""A client's standing with the clinic: strikes, account credit, fees owed, the card on file.

The booking dialog and the client's profile show it; the booking and cancellation actions read
the same figures inside their own transactions through the session-level functions below.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select, union_all
from sqlalchemy.orm import Session

from medspa_desk.domain.card_expiry import card_expired
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.fees import FeeKind
from medspa_desk.domain.strikes import STRIKE_STATUSES, prepayment_required, strike_count
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    CardOnFile,
    Client,
    ClientFee,
    PastVisit,
)
from medspa_desk.storage.till_models import Sale, SaleLine


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
    with desk.db.reading() as session:
        if session.get(Client, client_id) is None:
            raise DeskRefusal(f"There is no client number {client_id} in the records.")
        return standing_in(session, desk, client_id)


def standing_in(session: Session, desk: Desk, client_id: int) -> ClientStanding:
    """The standing of a client known to exist, read in `session` (a profile's read)."""
    strikes = client_strikes(session, client_id)
    return ClientStanding(
        client_id=client_id,
        strikes=strikes,
        prepayment_required=prepayment_required(strikes, desk.settings),
        credit_cents=credit_balance(session, client_id),
        fees_owed_cents=fees_owed(session, client_id),
        card=current_card(session, client_id, local_date(desk.clock.now(), desk.settings.zone)),
    )


# The reads below run for every profile, late panel, booking and sale: each statement is built
# once, with its client as a parameter, rather than built and keyed again on every call.

# Only the strike rows are read (a regular's other visits are not), and the domain counts them.
# A no-show the old system recorded (an imported past visit) is a strike here too.
_STRIKE_STATUSES = union_all(
    select(Appointment.status).where(
        Appointment.client_id == bindparam("client_id"),
        Appointment.status.in_([status.value for status in STRIKE_STATUSES]),
    ),
    select(PastVisit.outcome).where(
        PastVisit.client_id == bindparam("client_id"),
        PastVisit.outcome.in_([status.value for status in STRIKE_STATUSES]),
    ),
)
_CREDIT = select(func.sum(AccountCreditEntry.amount_cents)).where(
    AccountCreditEntry.client_id == bindparam("client_id")
)
_CURRENT_CARD = (
    select(
        CardOnFile.id,
        CardOnFile.brand,
        CardOnFile.last4,
        CardOnFile.expiry_month,
        CardOnFile.expiry_year,
    )
    .where(CardOnFile.client_id == bindparam("client_id"), CardOnFile.removed_at.is_(None))
    .order_by(CardOnFile.added_at.desc(), CardOnFile.id.desc())
    .limit(1)
)


def client_strikes(session: Session, client_id: int) -> int:
    return strike_count(session.scalars(_STRIKE_STATUSES, {"client_id": client_id}))


def credit_balance(session: Session, client_id: int) -> int:
    return session.scalar(_CREDIT, {"client_id": client_id}) or 0


@dataclass(frozen=True)
class UnpaidFee:
    fee_id: int
    client_id: int
    kind: FeeKind
    visit_starts_at: datetime  # of the visit missed
    left_cents: int  # what is left to collect at checkout


def unpaid_fees(
    session: Session, *, client_id: int | None = None, fee_ids: Collection[int] | None = None
) -> list[UnpaidFee]:
    """The one reading of what is owed in fees: those not waived with something left to collect,
    of one client or of the fees named, oldest visit first.

    ClientFee.owed_cents is what the fee left to collect after any deposit or card charge; a fee
    is paid at checkout by a sale line that names it, and a voided sale paid nothing.
    """
    statement = _unpaid_fees(by_client=client_id is not None, by_fee=fee_ids is not None)
    parameters = {"client_id": client_id, "fee_ids": None if fee_ids is None else list(fee_ids)}
    rows = session.execute(statement, parameters)
    return [UnpaidFee(*row) for row in rows if row.left_cents > 0]


@cache
def _unpaid_fees(*, by_client: bool, by_fee: bool) -> Select[int, int, FeeKind, datetime, int]:
    """unpaid_fees' statement, of one client, of the fees named, or both (built once each)."""
    paid = (
        select(func.coalesce(func.sum(SaleLine.total_cents), 0))
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(SaleLine.fee_id == ClientFee.id, Sale.voided_at.is_(None))
        .scalar_subquery()
    )
    left = (ClientFee.owed_cents - paid).label("left_cents")
    statement = (
        select(ClientFee.id, ClientFee.client_id, ClientFee.kind, Appointment.starts_at, left)
        .join(Appointment, Appointment.id == ClientFee.appointment_id)
        .where(ClientFee.waived_at.is_(None))
        .order_by(Appointment.starts_at, ClientFee.id)
    )
    if by_client:
        statement = statement.where(ClientFee.client_id == bindparam("client_id"))
    if by_fee:
        statement = statement.where(ClientFee.id.in_(bindparam("fee_ids", expanding=True)))
    return statement


def fees_owed(session: Session, client_id: int) -> int:
    """What is left for checkout to collect from the client, in all: the sum of unpaid_fees."""
    return sum(fee.left_cents for fee in unpaid_fees(session, client_id=client_id))


def current_card(session: Session, client_id: int, today: date) -> CardSummary | None:
    """The card added last and not removed, or None; `today` is the clinic's local date."""
    card = session.execute(_CURRENT_CARD, {"client_id": client_id}).first()
    if card is None:
        return None
    card_id, brand, last4, month, year = card
    return CardSummary(
        card_id=card_id,
        brand=brand,
        last4=last4,
        expiry_month=month,
        expiry_year=year,
        expired=card_expired(month, year, today),
    )
