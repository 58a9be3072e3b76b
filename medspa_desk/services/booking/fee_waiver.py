"""The late-cancellation or no-show fee a booking left: reading it, and waiving it with a reason.

Waiving does not take away the strike: that is the appointment's status (domain.strikes).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from medspa_desk.domain.booking_payments import BookingPaymentKind, BookingPaymentOutcome
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.fees import FeeKind
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number, required_text
from medspa_desk.services.staff_access.permissions import ManagerApproval, require
from medspa_desk.storage.models import AccountCreditEntry, BookingPayment, CardOnFile, ClientFee


@dataclass(frozen=True)
class WaivedFee:
    fee_id: int
    amount_cents: int
    credited_cents: int  # the part taken from a deposit, given back as account credit
    message: str


@dataclass(frozen=True)
class FeeOnFile:
    """The late-cancellation or no-show fee a booking left, as the desk sees it."""

    fee_id: int
    kind: FeeKind
    amount_cents: int
    waived: bool


def fee_on_file(desk: Desk, appointment_id: int) -> FeeOnFile | None:
    with desk.db.reading() as session:
        row = session.execute(
            select(ClientFee.id, ClientFee.kind, ClientFee.amount_cents, ClientFee.waived_at)
            .where(ClientFee.appointment_id == appointment_id)
            .order_by(ClientFee.id.desc())
            .limit(1)
        ).one_or_none()
    if row is None:
        return None
    return FeeOnFile(row.id, row.kind, row.amount_cents, row.waived_at is not None)


def waive_fee(
    desk: Desk, fee_id: int, *, reason: str, approval: ManagerApproval | None = None
) -> WaivedFee:
    """Waive a late-cancellation or no-show fee, with the reason: it is no longer owed.

    A manager waives, signed in or approving for the front desk (`approval`); the record says
    who waived and who was signed in. The part a deposit paid becomes account credit again; the part charged
    to the card has to be reversed at the terminal, and the message says so. Waiving does not
    take away the strike: that is the appointment's status (domain.strikes).
    """
    reason = required_text(reason, "Say why the fee is waived.")
    refuse_card_number(reason, "Reason")
    now = desk.clock.now()
    with desk.db.writing() as session:
        manager_id = require(session, desk, DeskPermission.WAIVE_FEE, approval)
        fee = session.get(ClientFee, fee_id)
        if fee is None:
            raise DeskRefusal(f"There is no fee number {fee_id} on record.")
        if fee.waived_at is not None:
            raise DeskRefusal(
                f"This fee was already waived on {day_and_time(fee.waived_at, desk.settings.zone)}."
            )
        fee.waived_at = now
        fee.waived_by_id = manager_id
        fee.waived_reason = reason
        sentences = [f"{format_cents(fee.amount_cents)} fee waived."]
        if fee.from_deposit_cents:
            deposit_id = session.scalar(
                select(BookingPayment.id)
                .where(
                    BookingPayment.appointment_id == fee.appointment_id,
                    BookingPayment.kind == BookingPaymentKind.DEPOSIT,
                    BookingPayment.outcome == BookingPaymentOutcome.APPLIED_TO_FEE,
                )
                .order_by(BookingPayment.id)
                .limit(1)
            )
            session.add(
                AccountCreditEntry(
                    client_id=fee.client_id,
                    amount_cents=fee.from_deposit_cents,
                    at=now,
                    by_staff_id=desk.staff_id,
                    reason="Deposit given back as credit: the fee it paid was waived",
                    appointment_id=fee.appointment_id,
                    booking_payment_id=deposit_id,
                )
            )
            sentences.append(
                f"{format_cents(fee.from_deposit_cents)} of deposit credited to the account."
            )
        if fee.card_charge_cents:
            card = session.get_one(CardOnFile, fee.charged_to_card_id)
            charge = (
                f"{format_cents(fee.card_charge_cents)} charge to {card.brand} ending {card.last4}"
            )
            if fee.card_approval_code:
                sentences.append(f"Reverse the {charge} at the terminal.")
            else:  # still on the Fees to charge list: it was never run, and now it never will be
                sentences.append(f"The {charge} was not run yet: do not run it.")
        record_audit(
            session,
            desk.staff_id,
            "fee.waived",
            f"appointment:{fee.appointment_id}",
            {
                "fee_id": fee.id,
                "amount_cents": fee.amount_cents,
                "credited_cents": fee.from_deposit_cents,
                "manager_id": manager_id,
            },
            now,
        )
        return WaivedFee(fee.id, fee.amount_cents, fee.from_deposit_cents, " ".join(sentences))
