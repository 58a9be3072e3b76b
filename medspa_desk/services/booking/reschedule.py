"""Moving a booking to another time or provider: the old one is called off and points at a new
booking made through every check of new_booking.

A move the clinic asks for is priced as a clinic cancellation (no fee, no strike, prepayment
credited) but recorded RESCHEDULED, pointing at its replacement: the domain has a CLINIC_CANCELS
call-off and no clinic reschedule. A late client moved to another time (the late-arrival
decision, check_in) is the client's move after the start: a late cancellation of the old slot.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.cancellation_policy import CallOff, PrepaymentFate, call_off_outcome
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.booking.availability_checks import AvailabilityOverride
from medspa_desk.services.booking.booking_change import (
    ChangeResult,
    appointment_subject,
    require_still_ahead,
    settled_result,
)
from medspa_desk.services.booking.booking_prepayment import ManagerOverride, PrepaymentTender
from medspa_desk.services.booking.call_off_money import BookingOnFile, settle_call_off
from medspa_desk.services.booking.check_in import arrival, late_note
from medspa_desk.services.booking.fee_charges import optional_approval_code
from medspa_desk.services.booking.new_booking import BookingRequest, make_booking
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number
from medspa_desk.services.staff_access.permissions import require


def reschedule(
    desk: Desk,
    appointment_id: int,
    *,
    new_starts_at: datetime,
    new_provider_id: int | None = None,
    by_clinic: bool = False,
    reason: str = "",
    prepayment_choice: PrepaymentFate | None = None,
    late_choice: LateArrivalChoice | None = None,
    prepayment: PrepaymentTender | None = None,
    override: ManagerOverride | None = None,
    availability_override: AvailabilityOverride | None = None,
    card_approval_code: str = "",
) -> ChangeResult:
    """Move the booking: the old one is called off (RESCHEDULED, or LATE_CANCELLED when the
    client moves it with less than 24 hours' notice) and points at a new booking made through
    every check of book().

    A prepayment the rule credits becomes account credit; if the client must prepay the new
    booking too, the desk pays it with `prepayment` (account credit, say) or a manager's
    `override`, as for book(); a time outside the provider's availability needs a manager's
    `availability_override`, as for book(). `late_choice=RESCHEDULE` moves a late client (a client's move
    after the start: a late cancellation of the old slot).
    """
    if late_choice not in (None, LateArrivalChoice.RESCHEDULE):
        raise ValueError("reschedule takes late_choice=RESCHEDULE or None")
    if late_choice is not None and by_clinic:
        raise ValueError("moving a late client is the client's reschedule, not the clinic's")
    reason = reason.strip()
    refuse_card_number(reason, "Reason")
    code = optional_approval_code(card_approval_code)
    now = desk.clock.now()
    zone = desk.settings.zone
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BOOK)
        booking = BookingOnFile.load(session, desk, appointment_id, now)
        require_still_ahead(booking, "moved")
        old = booking.appointment
        provider_id = new_provider_id if new_provider_id is not None else old.provider_id
        if provider_id == old.provider_id and new_starts_at == old.starts_at:
            raise DeskRefusal("That is the time the appointment is already booked for.")
        if by_clinic:
            # Priced as the clinic's cancellation, recorded as the move it is (module docstring).
            outcome = replace(
                call_off_outcome(
                    booking.policy_facts(), CallOff.CLINIC_CANCELS, now, desk.settings
                ),
                status=Status.RESCHEDULED,
            )
        else:
            outcome = call_off_outcome(
                booking.policy_facts(), CallOff.CLIENT_RESCHEDULES, now, desk.settings
            )
        history = reason
        late = arrival(old.id, old.starts_at, now, desk) if late_choice is not None else None
        if late is not None and late.late:
            history = late_note(late.late_minutes, "rescheduled", reason)
        settled = settle_call_off(
            session, desk, booking, outcome, now, history, prepayment_choice, code
        )
        # After the old slot's status is written: a late move is a strike, and the new booking's
        # prepayment requirement counts it.
        new = make_booking(
            session,
            desk,
            BookingRequest(old.client_id, provider_id, old.service_id, new_starts_at, old.notes),
            now,
            prepayment=prepayment,
            override=override,
            availability_override=availability_override,
            moved_from=old.id,
            history_reason=f"Moved from appointment {old.id}",
        )
        old.rescheduled_to_id = new.id
        detail = settled.detail | {"new_appointment_id": new.id, "by_clinic": by_clinic}
        if late is not None:
            detail |= {
                "late_minutes": late.late_minutes,
                "choice": LateArrivalChoice.RESCHEDULE.value,
            }
        record_audit(
            session, desk.staff_id, "appointment.rescheduled", appointment_subject(old), detail, now
        )
        moved = f"Moved to {day_and_time(new.starts_at, zone)}"
        if outcome.status is Status.LATE_CANCELLED:
            moved += "; the old slot counts as a late cancellation"
        money = settled.money_sentence(prefix=moved)
        return replace(settled_result(settled, old.id, money), new_appointment_id=new.id)
