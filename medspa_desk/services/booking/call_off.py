"""Calling a booking off: what it would mean (the dialog's preview) and the cancellation.

A client's call-off with less than the policy's notice is a late one, with its fee (or its
prepayment forfeited); the clinic's costs the client nothing. The money part is call_off_money's;
what the changes share is in booking_change.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from medspa_desk.domain.cancellation_policy import (
    CallOff,
    CallOffOutcome,
    PrepaymentFate,
    call_off_outcome,
)
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.booking.booking_change import (
    ChangeResult,
    appointment_subject,
    require_still_ahead,
    settled_result,
)
from medspa_desk.services.booking.call_off_money import BookingOnFile, settle_call_off
from medspa_desk.services.booking.fee_charges import optional_approval_code
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import refuse_card_number, required_text
from medspa_desk.services.staff_access.permissions import require


def preview_call_off(desk: Desk, appointment_id: int, call_off: CallOff) -> CallOffOutcome:
    """What calling the booking off now would mean (status, fee, prepayment, wording), for the
    dialog to show before the desk confirms. A move the clinic asks for is priced as
    CLINIC_CANCELS (see services.booking.reschedule)."""
    now = desk.clock.now()
    with desk.db.reading() as session:
        booking = BookingOnFile.load(session, desk, appointment_id, now)
        require_still_ahead(booking, "called off")
        return call_off_outcome(booking.policy_facts(), call_off, now, desk.settings)


def cancel(
    desk: Desk,
    appointment_id: int,
    *,
    by_clinic: bool,
    reason: str,
    prepayment_choice: PrepaymentFate | None = None,
    card_approval_code: str = "",
) -> ChangeResult:
    """Cancel the booking; `reason` is required. With less than 24 hours' notice a client's
    cancellation is a late one, with its fee (or its prepayment forfeited); the clinic's costs
    the client nothing. `prepayment_choice` answers StaffDecisionNeeded."""
    reason = required_text(reason, "Say why the appointment is cancelled.")
    refuse_card_number(reason, "Reason")
    code = optional_approval_code(card_approval_code)
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BOOK)
        call_off = CallOff.CLINIC_CANCELS if by_clinic else CallOff.CLIENT_CANCELS
        return cancel_in(
            session, desk, appointment_id, call_off, now, reason, prepayment_choice, code
        )


def cancel_in(
    session: Session,
    desk: Desk,
    appointment_id: int,
    call_off: CallOff,
    now: datetime,
    reason: str,
    prepayment_choice: PrepaymentFate | None = None,
    card_approval_code: str = "",
) -> ChangeResult:
    """cancel() within a transaction already open (and its permission checked): a client's
    data deleted cancels their bookings to come in the same transaction."""
    booking = BookingOnFile.load(session, desk, appointment_id, now)
    require_still_ahead(booking, "cancelled")
    outcome = call_off_outcome(booking.policy_facts(), call_off, now, desk.settings)
    settled = settle_call_off(
        session, desk, booking, outcome, now, reason, prepayment_choice, card_approval_code
    )
    detail = settled.detail | {"call_off": call_off.value}
    record_audit(
        session,
        desk.staff_id,
        "appointment.cancelled",
        appointment_subject(booking.appointment),
        detail,
        now,
    )
    return settled_result(settled, booking.appointment.id, settled.money_sentence())
