"""The prepayment the strike rule asks for at booking ("no shown and/or late canceled 3 times …
required to prepay in full"): the tender taken, a manager's override, and the refusal when
neither is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from medspa_desk.domain.booking_payments import BOOKING_TENDERS, BookingPaymentKind
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import TenderKind
from medspa_desk.domain.strikes import PrepaymentRequirement
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.booking.booking_checks import BookingRefused
from medspa_desk.services.clients.standing import credit_balance
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import refuse_card_number, required_text
from medspa_desk.services.staff_access.permissions import ManagerApproval, require
from medspa_desk.storage.models import AccountCreditEntry, Appointment, BookingPayment

_LAST4 = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class PrepaymentTender:
    """The prepayment taken at booking. A card is recorded as the terminal printed it (brand,
    last four digits, approval code), never by its number."""

    amount_cents: int
    tender: TenderKind  # one of BOOKING_TENDERS
    card_brand: str = ""
    card_last4: str = ""
    approval_code: str = ""


@dataclass(frozen=True)
class ManagerOverride:
    """A manager lets a client who must prepay book without prepaying, signed in or approving
    for the front desk (`approval`); the reason is kept. `authorised_by` is the manager, once
    checked."""

    reason: str
    approval: ManagerApproval | None = None
    authorised_by: int | None = None


class PrepaymentNeeded(BookingRefused):
    """The strike rule asks for prepayment in full, and neither it nor an override was given.

    `credit_cents` is the account credit that could pay it: the client's balance, and for a
    reschedule that balance with the old booking's prepayment credited, as the move would do.
    """

    def __init__(self, requirement: PrepaymentRequirement, client_name: str, credit_cents: int):
        self.requirement = requirement
        self.credit_cents = credit_cents
        super().__init__(
            f"{client_name} must prepay the full {format_cents(requirement.amount_cents)} to "
            f"book: {requirement.reason} A manager can override this with a reason."
        )


def checked_override(session: Session, desk: Desk, override: ManagerOverride) -> ManagerOverride:
    reason = required_text(
        override.reason, "A manager's override needs a reason, for the record.", BookingRefused
    )
    refuse_card_number(reason, "Override reason", BookingRefused)
    manager_id = require(session, desk, DeskPermission.OVERRIDE_PREPAYMENT, override.approval)
    return ManagerOverride(reason, override.approval, manager_id)


def check_tender(
    session: Session, tender: PrepaymentTender, price_cents: int, client_id: int, client_name: str
) -> None:
    if tender.tender not in BOOKING_TENDERS:
        raise ValueError(f"unknown tender {tender.tender!r}: one of {', '.join(BOOKING_TENDERS)}")
    if price_cents == 0:
        raise BookingRefused("This service is free: there is nothing to prepay.")
    if tender.amount_cents != price_cents:
        raise BookingRefused(
            f"The prepayment is the full price, {format_cents(price_cents)}, not "
            f"{format_cents(tender.amount_cents)}."
        )
    if tender.tender == TenderKind.CARD:
        required_text(
            tender.card_brand, "Say which card paid (Visa, Mastercard, ...).", BookingRefused
        )
        if not _LAST4.fullmatch(tender.card_last4):
            raise BookingRefused("Enter the last four digits of the card, exactly 4 digits.")
        required_text(
            tender.approval_code,
            "Enter the approval code the terminal printed for the prepayment.",
            BookingRefused,
        )
        refuse_card_number(tender.card_brand, "Card brand", BookingRefused)
        refuse_card_number(tender.approval_code, "Approval code", BookingRefused)
    elif tender.tender == TenderKind.ACCOUNT_CREDIT:
        balance = credit_balance(session, client_id)
        if balance < tender.amount_cents:
            raise BookingRefused(
                f"{client_name} has {format_cents(balance)} of account credit; the prepayment "
                f"is {format_cents(tender.amount_cents)}."
            )


def take_prepayment(
    session: Session,
    desk: Desk,
    appointment: Appointment,
    tender: PrepaymentTender,
    service_name: str,
    now: datetime,
) -> BookingPayment:
    by_card = tender.tender == TenderKind.CARD
    payment = BookingPayment(
        appointment_id=appointment.id,
        client_id=appointment.client_id,
        kind=BookingPaymentKind.PREPAYMENT,
        amount_cents=tender.amount_cents,
        tender=TenderKind(tender.tender),
        card_brand=tender.card_brand.strip() if by_card else "",
        card_last4=tender.card_last4 if by_card else "",
        approval_code=tender.approval_code.strip() if by_card else "",
        paid_at=now,
        taken_by_id=desk.staff_id,
        outcome=None,  # held until the visit or the call-off
    )
    session.add(payment)
    session.flush()
    if tender.tender == TenderKind.ACCOUNT_CREDIT:
        when = day_and_time(appointment.starts_at, desk.settings.zone)
        session.add(
            AccountCreditEntry(
                client_id=appointment.client_id,
                amount_cents=-tender.amount_cents,
                at=now,
                by_staff_id=desk.staff_id,
                reason=f"Prepaid {service_name} on {when}",
                appointment_id=appointment.id,
                booking_payment_id=payment.id,
            )
        )
    return payment
