"""What every change to a booking after it is made shares: the facts its dialogs show, the
result an action returns, and the refusal of a booking that is no longer ahead of the visit.

The changes themselves are check_in (with the late decision and the no-show), call_off,
reschedule and fee_waiver. Each is one write transaction holding the status change, its history
row, the fee, what becomes of money held for the booking, the credit, and the audit entry; a
refusal saves none of it. The rules are domain.cancellation_policy's and domain.late_arrival's;
these modules read the facts they need and write down their outcome (the money part in
call_off_money).

Where the domain has no word for a case, they decide, and say so:
- A move the clinic asks for is priced as a clinic cancellation (no fee, no strike, prepayment
  credited) but the old booking is recorded RESCHEDULED, pointing at its replacement, since the
  domain has a CLINIC_CANCELS call-off and no clinic reschedule (reschedule).
- Only a booking still ahead (awaiting arrival) can be checked in, called off or moved, and
  a no-show is marked only once the client is late (late_arrival.is_late).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.cancellation_policy import FeeCollection
from medspa_desk.services.booking.call_off_money import BookingFound, BookingOnFile, Settlement
from medspa_desk.services.clients.standing import client_strikes
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Appointment


@dataclass(frozen=True)
class AppointmentFacts:
    appointment_id: int
    client_id: int
    client_name: str
    provider_id: int
    provider_name: str
    service_id: int
    service_name: str
    starts_at: datetime
    ends_at: datetime
    status: Status
    prepaid_cents: int  # held prepayment (strike rule)
    deposit_cents: int  # held deposit
    has_card_on_file: bool  # a current card that has not expired: a fee can be charged to it
    strikes: int


@dataclass(frozen=True)
class ChangeResult:
    appointment_id: int
    status: Status  # the status the appointment acted on now has
    fee_id: int | None = None
    fee_cents: int = 0
    fee_collection: FeeCollection | None = None
    credited_cents: int = 0  # prepayment turned into account credit
    forfeited_cents: int = 0  # prepayment kept by the clinic
    new_appointment_id: int | None = None  # reschedule: the booking that replaces this one
    message: str = ""  # one sentence for the status bar


def appointment_facts(desk: Desk, appointment_id: int) -> AppointmentFacts:
    now = desk.clock.now()
    with desk.db.reading() as session:
        booking = BookingOnFile.load(session, desk, appointment_id, now)
        appointment = booking.appointment
        return AppointmentFacts(
            appointment_id=appointment.id,
            client_id=appointment.client_id,
            client_name=booking.client_name,
            provider_id=appointment.provider_id,
            provider_name=booking.provider_name,
            service_id=appointment.service_id,
            service_name=booking.service_name,
            starts_at=appointment.starts_at,
            ends_at=appointment.ends_at,
            status=Status(appointment.status),
            prepaid_cents=booking.prepaid_cents,
            deposit_cents=booking.deposit_cents,
            has_card_on_file=booking.card_chargeable,
            strikes=client_strikes(session, appointment.client_id),
        )


def require_still_ahead(booking: BookingFound, done: str) -> None:
    """Refuse an action on a booking that has started, ended or been called off."""
    status = Status(booking.appointment.status)
    if status.awaiting_arrival:
        return
    if status.in_the_clinic:
        sentence = f"{booking.client_name} is already {status.label.lower()}."
        if done != "checked in":
            sentence += f" The appointment can no longer be {done}."
        raise DeskRefusal(sentence)
    raise DeskRefusal(
        f"{booking.client_name}'s appointment is {status.label.lower()}: it cannot be {done}."
    )


def settled_result(settled: Settlement, appointment_id: int, message: str) -> ChangeResult:
    return ChangeResult(
        appointment_id=appointment_id,
        status=settled.status,
        fee_id=settled.fee.id if settled.fee else None,
        fee_cents=settled.fee.amount_cents if settled.fee else 0,
        fee_collection=settled.collection,
        credited_cents=settled.credited_cents,
        forfeited_cents=settled.forfeited_cents,
        message=message,
    )


def minutes_text(count: int) -> str:
    return f"{count} minute{'' if count == 1 else 's'}"


def appointment_subject(appointment: Appointment) -> str:
    """The audit trail's subject for an appointment."""
    return f"appointment:{appointment.id}"
