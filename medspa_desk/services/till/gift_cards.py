"""Gift cards: their codes, their balances, and the entries that move them.

A balance is the sum of the card's entries (+ when sold, - when spent, + back when a sale that
spent it is voided); entries are never edited, and no entry may take a balance below zero.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.money import format_cents
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.till_models import GiftCard, GiftCardEntry

# No 0/O or 1/I/L: a code is read off a card and typed in, and those pairs get mixed up.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_GROUPS, _GROUP_LENGTH = 4, 4


@dataclass(frozen=True)
class GiftCardBalance:
    gift_card_id: int
    code: str
    balance_cents: int
    issued_at: datetime


def gift_card_balance(desk: Desk, code: str) -> GiftCardBalance:
    """What is left on the card with this code (as typed: case, spaces and dashes do not matter)."""
    with desk.db.reading() as session:
        card = card_by_code(session, code)
        return GiftCardBalance(card.id, card.code, balance(session, card.id), card.issued_at)


def normalised_code(text: str) -> str:
    """'abcd efgh-jkmn pqrs' -> 'ABCD-EFGH-JKMN-PQRS'; other text comes back cleaned, unchanged."""
    plain = "".join(text.split()).replace("-", "").upper()
    if len(plain) != _GROUPS * _GROUP_LENGTH:
        return plain
    return "-".join(plain[i : i + _GROUP_LENGTH] for i in range(0, len(plain), _GROUP_LENGTH))


def last_group(code: str) -> str:
    """The part of a code a receipt may show for a card that paid: its last four characters."""
    return code[-_GROUP_LENGTH:]


def card_by_code(session: Session, code: str) -> GiftCard:
    card = session.scalars(select(GiftCard).where(GiftCard.code == normalised_code(code))).first()
    if card is None:
        raise DeskRefusal(f"No gift card has the code {code.strip()!r}: check it against the card.")
    return card


def balance(session: Session, gift_card_id: int) -> int:
    total = session.scalar(
        select(func.sum(GiftCardEntry.amount_cents)).where(
            GiftCardEntry.gift_card_id == gift_card_id
        )
    )
    return total or 0


def issue(session: Session, amount_cents: int, now: datetime, sale_id: int) -> GiftCard:
    """A new card loaded with `amount_cents`, sold on sale `sale_id`."""
    code = _new_code()
    while session.scalar(select(GiftCard.id).where(GiftCard.code == code)) is not None:
        code = _new_code()
    card = GiftCard(code=code, issued_at=now, initial_cents=amount_cents)
    session.add(card)
    session.flush()
    session.add(
        GiftCardEntry(gift_card_id=card.id, amount_cents=amount_cents, at=now, sale_id=sale_id)
    )
    return card


def spend(session: Session, card: GiftCard, amount_cents: int, now: datetime, sale_id: int) -> None:
    """Take `amount_cents` off the card, or refuse if it does not hold that much."""
    left = balance(session, card.id)
    if amount_cents > left:
        raise DeskRefusal(
            f"Gift card ending {last_group(card.code)} has {format_cents(left)} left, "
            f"not {format_cents(amount_cents)}."
        )
    session.add(
        GiftCardEntry(gift_card_id=card.id, amount_cents=-amount_cents, at=now, sale_id=sale_id)
    )


def put_back(
    session: Session, gift_card_id: int, amount_cents: int, now: datetime, sale_id: int
) -> None:
    """Return to the card what a voided sale took from it (a new entry; the old one stays)."""
    session.add(
        GiftCardEntry(gift_card_id=gift_card_id, amount_cents=amount_cents, at=now, sale_id=sale_id)
    )


def take_back(session: Session, card: GiftCard, now: datetime, sale_id: int) -> None:
    """Empty a card whose sale is being voided; refused once any of it has been spent."""
    left = balance(session, card.id)
    if left != card.initial_cents:
        raise DeskRefusal(
            f"Gift card {card.code}, sold on this sale, has already been used "
            f"({format_cents(card.initial_cents - left)} spent): the sale cannot be voided."
        )
    session.add(GiftCardEntry(gift_card_id=card.id, amount_cents=-left, at=now, sale_id=sale_id))


def _new_code() -> str:
    return "-".join(
        "".join(secrets.choice(_ALPHABET) for _ in range(_GROUP_LENGTH)) for _ in range(_GROUPS)
    )
