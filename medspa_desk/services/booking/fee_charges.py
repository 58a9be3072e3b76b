"""Fees charged to the card on file: the terminal's approval code, and the worklist of charges
still to run.

A late-cancellation or no-show fee that the rules send to the card on file is run at the card
terminal; the desk types the approval code the terminal printed. Until it does, the fee stays
"to charge" (ClientFee.card_approval_code is empty) and is listed by fees_to_charge(), so no
charge is said to have moved money that the terminal's batch does not show.

Decisions where the clinic's policy is silent:
- An approval code is 4 to 8 letters and digits (terminals print 6; some print fewer or more),
  kept in capitals as printed. Anything else is refused: it is surely a typing slip, and a card
  number can never pass as one.
- A fee waived before its charge was run leaves the worklist: there is nothing to charge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from medspa_desk.domain.day_totals import FeeToCharge  # a value the Z report prints too
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Appointment, CardOnFile, Client, ClientFee, Service

_APPROVAL_CODE = re.compile(r"[A-Z0-9]{4,8}")


class ApprovalCodeRefused(DeskRefusal):
    """The approval code is not one a terminal prints; nothing was saved."""


@dataclass(frozen=True)
class FeeCharged:
    fee_id: int
    charge_cents: int
    approval_code: str
    message: str


def approval_code(text: str) -> str:
    """The approval code as kept ('ab12cd ' -> 'AB12CD'), or ApprovalCodeRefused saying why."""
    code = text.strip().upper()
    if not code:
        raise ApprovalCodeRefused("Enter the approval code the card terminal printed.")
    if not _APPROVAL_CODE.fullmatch(code):
        raise ApprovalCodeRefused(
            "An approval code is 4 to 8 letters and digits, as the card terminal printed it."
        )
    return code


def optional_approval_code(text: str) -> str:
    """As approval_code(), except that nothing typed is "" (the charge stays to be run)."""
    return approval_code(text) if text.strip() else ""


def record_approval(session: Session, desk: Desk, fee: ClientFee, code: str, now: datetime) -> None:
    """Keep a checked approval code with the fee's card charge, in the caller's transaction."""
    fee.card_approval_code = code
    fee.card_approved_at = now
    fee.card_approved_by_id = desk.staff_id


def fees_to_charge(desk: Desk) -> list[FeeToCharge]:
    """Every fee sent to a card whose charge has no approval code yet, oldest first."""
    with desk.db.reading() as session:
        return awaiting_approval_on(session, desk)


def awaiting_approval_on(
    session: Session, desk: Desk, before: datetime | None = None
) -> list[FeeToCharge]:
    """As fees_to_charge(), in the caller's session: those made before `before`, with no code
    then (a code entered later does not rewrite an earlier day's list) and not waived."""
    zone = desk.settings.zone
    still = [ClientFee.card_charge_cents > 0, ClientFee.waived_at.is_(None)]
    if before is None:
        still.append(ClientFee.card_approval_code == "")
    else:
        still += [
            ClientFee.created_at < before,
            or_(ClientFee.card_approval_code == "", ClientFee.card_approved_at >= before),
        ]
    rows = session.execute(
        select(ClientFee, Client, CardOnFile, Appointment.starts_at, Service.name)
        .join(Client, Client.id == ClientFee.client_id)
        .join(CardOnFile, CardOnFile.id == ClientFee.charged_to_card_id)
        .join(Appointment, Appointment.id == ClientFee.appointment_id)
        .join(Service, Service.id == Appointment.service_id)
        .where(*still)
        .order_by(ClientFee.created_at, ClientFee.id)
    ).all()
    return [
        FeeToCharge(
            fee.id,
            client.id,
            f"{client.first_name} {client.last_name}",
            f"{fee.kind.label}: {service}, {day_and_time(starts_at, zone)}",
            f"{card.brand} ending {card.last4}",
            fee.card_charge_cents,
            fee.created_at,
        )
        for fee, client, card, starts_at, service in rows
    ]


def enter_approval_code(desk: Desk, fee_id: int, code_text: str) -> FeeCharged:
    """The desk ran a fee's charge at the terminal: keep its approval code; the fee leaves the
    worklist. One transaction; a bad code or a fee not waiting for one saves nothing."""
    code = approval_code(code_text)
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.SELL)
        fee = session.get(ClientFee, fee_id)
        if fee is None:
            raise DeskRefusal(f"There is no fee number {fee_id} on record.")
        if not fee.card_charge_cents:
            raise DeskRefusal("This fee was not sent to a card: there is nothing to charge.")
        if fee.waived_at is not None:
            raise DeskRefusal("This fee was waived: there is nothing to charge.")
        if fee.card_approval_code:
            raise DeskRefusal(
                f"This fee's charge already has approval code {fee.card_approval_code}."
            )
        record_approval(session, desk, fee, code, now)
        # A fee sent to a card names it (the card stays on record when taken off file).
        card = session.get_one(CardOnFile, fee.charged_to_card_id)
        record_audit(
            session,
            desk.staff_id,
            "fee.card_charged",
            f"appointment:{fee.appointment_id}",
            {"fee_id": fee.id, "card_charge_cents": fee.card_charge_cents, "approval": code},
            now,
        )
        message = (
            f"{format_cents(fee.card_charge_cents)} charged to {card.brand} ending {card.last4}, "
            f"approval {code}."
        )
        return FeeCharged(fee.id, fee.card_charge_cents, code, message)
