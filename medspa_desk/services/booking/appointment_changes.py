"""What happens to a booking after it is made: check-in (with the late-arrival decision),
cancellation, no-show, reschedule, and waiving the fee one of them left.

Each action is one write transaction holding the status change, its history row, the fee, what
becomes of money held for the booking, the credit, and the audit entry; a refusal saves none of
it. The rules are domain.cancellation_policy's and domain.late_arrival's; this module reads the
facts they need and writes down their outcome (the money part in booking_money).

Where the domain has no word for a case, this module decides, and says so:
- A move the clinic asks for is priced as a clinic cancellation (no fee, no strike, prepayment
  credited) but the old booking is recorded RESCHEDULED, pointing at its replacement, since the
  domain has a CLINIC_CANCELS call-off and no clinic reschedule.
- Only a booking still ahead (booked or confirmed) can be checked in, called off or moved, and
  a no-show is marked only once the client is late (late_arrival.is_late).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.cancellation_policy import (
    CallOff,
    CallOffOutcome,
    FeeCollection,
    PrepaymentFate,
    call_off_outcome,
)
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.late_arrival import (
    LateArrivalChoice,
    is_late,
    late_flag_due_at,
    late_minutes,
)
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.policy_text import LATE_ARRIVAL
from medspa_desk.domain.time_wording import clock_time, day_and_time
from medspa_desk.services.booking.call_off_money import (  # StaffDecisionNeeded: the desk catches it here
    BookingOnFile,
    Settlement,
    StaffDecisionNeeded,  # noqa: F401 (re-exported)
    settle_call_off,
)
from medspa_desk.services.booking.fee_charges import optional_approval_code
from medspa_desk.services.booking.new_booking import (
    BookingRequest,
    ManagerOverride,
    PrepaymentTender,
    make_booking,
)
from medspa_desk.services.books.audit_trail import change_status, record_audit
from medspa_desk.services.clients.standing import client_strikes
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number, required_text
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    BookingPayment,
    CardOnFile,
    ClientFee,
)

# A booking can be checked in, called off or moved only while it is still ahead of the visit.
_STILL_AHEAD = frozenset({Status.BOOKED, Status.CONFIRMED})


@dataclass(frozen=True)
class AppointmentFacts:
    appointment_id: int
    client_id: int
    client_name: str
    provider_id: int
    provider_name: str
    service_name: str
    starts_at: datetime
    ends_at: datetime
    status: Status
    prepaid_cents: int  # held prepayment (strike rule)
    deposit_cents: int  # held deposit
    has_card_on_file: bool  # a current card that has not expired: a fee can be charged to it
    strikes: int


@dataclass(frozen=True)
class ArrivalCheck:
    appointment_id: int
    late: bool
    late_minutes: int
    wording: str  # the clinic's published sentence, to quote in the warning


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
    kind: str  # "late_cancel" | "no_show"
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


class LateDecisionNeeded(DeskRefusal):
    """The client is late: the desk must choose (see anyway, reschedule, no-show) and call again."""

    def __init__(self, check: ArrivalCheck, client_name: str, starts_at: str):
        self.check = check
        *others, last = [choice.label.lower() for choice in LateArrivalChoice]
        super().__init__(
            f"{client_name} is {_minutes(check.late_minutes)} late for {starts_at}: "
            f"{', '.join(others)} or {last}?"
        )


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
            service_name=booking.service_name,
            starts_at=appointment.starts_at,
            ends_at=appointment.ends_at,
            status=Status(appointment.status),
            prepaid_cents=booking.prepaid_cents,
            deposit_cents=booking.deposit_cents,
            has_card_on_file=booking.card_chargeable,
            strikes=client_strikes(session, appointment.client_id),
        )


def arrival_check(desk: Desk, appointment_id: int) -> ArrivalCheck:
    """Whether checking the client in now needs the late-arrival decision."""
    now = desk.clock.now()
    with desk.db.reading() as session:
        starts_at = session.scalar(
            select(Appointment.starts_at).where(Appointment.id == appointment_id)
        )
    if starts_at is None:
        raise DeskRefusal(f"There is no appointment number {appointment_id} in the book.")
    return _arrival(appointment_id, starts_at, now, desk)


def check_in(
    desk: Desk,
    appointment_id: int,
    *,
    late_choice: LateArrivalChoice | None = None,
    reason: str = "",
    card_approval_code: str = "",
) -> ChangeResult:
    """Check the client in. A late client needs `late_choice` (LateDecisionNeeded says so):
    SEE_ANYWAY checks in, NO_SHOW marks the no-show with its fee. A client moved to another time
    goes through reschedule(..., late_choice=RESCHEDULE). On time, `late_choice` is not needed
    and not used."""
    if late_choice is LateArrivalChoice.RESCHEDULE:
        raise ValueError("a late client is moved with reschedule(..., late_choice=RESCHEDULE)")
    reason = reason.strip()
    refuse_card_number(reason, "Reason")
    code = optional_approval_code(card_approval_code)
    now = desk.clock.now()
    with desk.db.writing() as session:
        booking = BookingOnFile.load(session, desk, appointment_id, now)
        _require_ahead(booking, "checked in")
        appointment = booking.appointment
        zone = desk.settings.zone
        if local_date(appointment.starts_at, zone) != local_date(now, zone):
            raise DeskRefusal(
                f"{booking.client_name}'s appointment is on "
                f"{day_and_time(appointment.starts_at, zone)}, not today."
            )
        check = _arrival(appointment_id, appointment.starts_at, now, desk)
        if check.late and late_choice is None:
            raise LateDecisionNeeded(
                check, booking.client_name, clock_time(appointment.starts_at, zone)
            )
        if check.late and late_choice is LateArrivalChoice.NO_SHOW:
            return _no_show(session, desk, booking, now, reason, late=check, code=code)
        history = reason
        detail: dict = {}
        if check.late:
            history = _late_note(check.late_minutes, "seen anyway", reason)
            detail = {"late_minutes": check.late_minutes, "choice": late_choice.value}
        history_id = change_status(
            session, desk.staff_id, appointment, Status.CHECKED_IN, history, now
        )
        detail["history_id"] = history_id
        record_audit(
            session, desk.staff_id, "appointment.checked_in", _subject(appointment), detail, now
        )
        message = "Checked in."
        if check.late:
            message = f"Checked in {_minutes(check.late_minutes)} late; seen anyway."
        return ChangeResult(appointment.id, Status.CHECKED_IN, message=message)


def preview_call_off(desk: Desk, appointment_id: int, call_off: CallOff) -> CallOffOutcome:
    """What calling the booking off now would mean (status, fee, prepayment, wording), for the
    dialog to show before the desk confirms. A move the clinic asks for is priced as
    CLINIC_CANCELS (see the module docstring)."""
    now = desk.clock.now()
    with desk.db.reading() as session:
        booking = BookingOnFile.load(session, desk, appointment_id, now)
        _require_ahead(booking, "called off")
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
        booking = BookingOnFile.load(session, desk, appointment_id, now)
        _require_ahead(booking, "cancelled")
        call_off = CallOff.CLINIC_CANCELS if by_clinic else CallOff.CLIENT_CANCELS
        outcome = call_off_outcome(booking.policy_facts(), call_off, now, desk.settings)
        settled = settle_call_off(
            session, desk, booking, outcome, now, reason, prepayment_choice, code
        )
        detail = settled.detail | {"call_off": call_off.value}
        record_audit(
            session,
            desk.staff_id,
            "appointment.cancelled",
            _subject(booking.appointment),
            detail,
            now,
        )
        return _result(settled, booking.appointment.id, settled.money_sentence())


def mark_no_show(
    desk: Desk, appointment_id: int, *, reason: str = "", card_approval_code: str = ""
) -> ChangeResult:
    """Record that the client did not come: the no-show fee, or the prepayment forfeited.

    Not before the client is late (start + grace): until then they may still arrive on time.
    `card_approval_code` is the terminal's code for a fee charged to the card on file; without
    it the charge stays on the "to charge" worklist (services.booking.fee_charges).
    """
    reason = reason.strip()
    refuse_card_number(reason, "Reason")
    code = optional_approval_code(card_approval_code)
    now = desk.clock.now()
    with desk.db.writing() as session:
        booking = BookingOnFile.load(session, desk, appointment_id, now)
        _require_ahead(booking, "marked as a no-show")
        starts_at = booking.appointment.starts_at
        if not is_late(starts_at, now, desk.settings):
            due = late_flag_due_at(starts_at, desk.settings)
            raise DeskRefusal(
                f"{booking.client_name} can still arrive on time for "
                f"{clock_time(starts_at, desk.settings.zone)}: a no-show can be marked from "
                f"{clock_time(due, desk.settings.zone)} on."
            )
        return _no_show(session, desk, booking, now, reason, late=None, code=code)


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
    card_approval_code: str = "",
) -> ChangeResult:
    """Move the booking: the old one is called off (RESCHEDULED, or LATE_CANCELLED when the
    client moves it with less than 24 hours' notice) and points at a new booking made through
    every check of book().

    A prepayment the rule credits becomes account credit; if the client must prepay the new
    booking too, the desk pays it with `prepayment` (account credit, say) or a manager's
    `override`, as for book(). `late_choice=RESCHEDULE` moves a late client (a client's move
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
        booking = BookingOnFile.load(session, desk, appointment_id, now)
        _require_ahead(booking, "moved")
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
        late = _arrival(old.id, old.starts_at, now, desk) if late_choice is not None else None
        if late is not None and late.late:
            history = _late_note(late.late_minutes, "rescheduled", reason)
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
            moved_from=old.id,
            history_reason=f"Moved from appointment {old.id}",
        )
        old.rescheduled_to_id = new.id
        detail = settled.detail | {"new_appointment_id": new.id, "by_clinic": by_clinic}
        if late is not None:
            detail |= {"late_minutes": late.late_minutes, "choice": late_choice.value}
        record_audit(session, desk.staff_id, "appointment.rescheduled", _subject(old), detail, now)
        moved = f"Moved to {day_and_time(new.starts_at, zone)}"
        if outcome.status is Status.LATE_CANCELLED:
            moved += "; the old slot counts as a late cancellation"
        money = settled.money_sentence(prefix=moved)
        return replace(_result(settled, old.id, money), new_appointment_id=new.id)


def waive_fee(desk: Desk, fee_id: int, *, reason: str) -> WaivedFee:
    """Waive a late-cancellation or no-show fee, with the reason: it is no longer owed.

    Any staff member at the desk may waive (the issue: "Staff can waive a fee with a reason");
    the record says who. The part a deposit paid becomes account credit again; the part charged
    to the card has to be reversed at the terminal, and the message says so. Waiving does not
    take away the strike: that is the appointment's status (domain.strikes).
    """
    reason = required_text(reason, "Say why the fee is waived.")
    refuse_card_number(reason, "Reason")
    now = desk.clock.now()
    with desk.db.writing() as session:
        fee = session.get(ClientFee, fee_id)
        if fee is None:
            raise DeskRefusal(f"There is no fee number {fee_id} on record.")
        if fee.waived_at is not None:
            raise DeskRefusal(
                f"This fee was already waived on {day_and_time(fee.waived_at, desk.settings.zone)}."
            )
        fee.waived_at = now
        fee.waived_by_id = desk.staff_id
        fee.waived_reason = reason
        sentences = [f"{format_cents(fee.amount_cents)} fee waived."]
        if fee.from_deposit_cents:
            deposit_id = session.scalar(
                select(BookingPayment.id)
                .where(
                    BookingPayment.appointment_id == fee.appointment_id,
                    BookingPayment.kind == "deposit",
                    BookingPayment.outcome == "applied_to_fee",
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
            card = session.get(CardOnFile, fee.charged_to_card_id)
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
            },
            now,
        )
        return WaivedFee(fee.id, fee.amount_cents, fee.from_deposit_cents, " ".join(sentences))


def _no_show(
    session: Session,
    desk: Desk,
    booking: BookingOnFile,
    now: datetime,
    reason: str,
    late: ArrivalCheck | None,
    code: str = "",
) -> ChangeResult:
    outcome = call_off_outcome(booking.policy_facts(), CallOff.NO_SHOW, now, desk.settings)
    history = _late_note(late.late_minutes, "marked no-show", reason) if late else reason
    # A no-show forfeits a prepayment by rule, never STAFF_DECIDES: no choice is asked for.
    settled = settle_call_off(session, desk, booking, outcome, now, history, None, code)
    detail = settled.detail
    if late is not None:
        detail |= {"late_minutes": late.late_minutes, "choice": LateArrivalChoice.NO_SHOW.value}
    record_audit(
        session, desk.staff_id, "appointment.no_show", _subject(booking.appointment), detail, now
    )
    return _result(settled, booking.appointment.id, settled.money_sentence())


def _require_ahead(booking: BookingOnFile, done: str) -> None:
    """Refuse an action on a booking that has started, ended or been called off."""
    status = Status(booking.appointment.status)
    if status in _STILL_AHEAD:
        return
    if status in (Status.CHECKED_IN, Status.IN_SERVICE):
        sentence = f"{booking.client_name} is already {status.label.lower()}."
        if done != "checked in":
            sentence += f" The appointment can no longer be {done}."
        raise DeskRefusal(sentence)
    raise DeskRefusal(
        f"{booking.client_name}'s appointment is {status.label.lower()}: it cannot be {done}."
    )


def _result(settled: Settlement, appointment_id: int, message: str) -> ChangeResult:
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


def _arrival(appointment_id: int, starts_at: datetime, now: datetime, desk: Desk) -> ArrivalCheck:
    return ArrivalCheck(
        appointment_id=appointment_id,
        late=is_late(starts_at, now, desk.settings),
        late_minutes=late_minutes(starts_at, now),
        wording=LATE_ARRIVAL,
    )


def _late_note(minutes: int, choice: str, reason: str) -> str:
    """The history's reason for a late client: '12 minutes late; seen anyway: <reason>'."""
    note = f"{_minutes(minutes)} late; {choice}"
    return f"{note}: {reason}" if reason else note


def _minutes(count: int) -> str:
    return f"{count} minute{'' if count == 1 else 's'}"


def _subject(appointment: Appointment) -> str:
    return f"appointment:{appointment.id}"
