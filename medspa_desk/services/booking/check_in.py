"""Checking a client in, with the late-arrival decision, and marking the no-show.

The clinic's rule ("tardiness of more than 10 minutes could result in rescheduling") is applied
here: a late client is seen anyway, marked a no-show (with its fee) or moved (reschedule). What
the changes share, and the cases the domain leaves to the desk, are in booking_change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.cancellation_policy import CallOff, CallOffOutcome, call_off_outcome
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.late_arrival import (
    LateArrivalChoice,
    is_late,
    late_flag_due_at,
    late_minutes,
)
from medspa_desk.domain.policy_text import LATE_ARRIVAL
from medspa_desk.domain.time_wording import clock_time, day_and_time
from medspa_desk.services.booking.booking_change import (
    ChangeResult,
    appointment_subject,
    minutes_text,
    require_still_ahead,
    settled_result,
)
from medspa_desk.services.booking.call_off_money import (
    BookingFound,
    BookingOnFile,
    settle_call_off,
)
from medspa_desk.services.booking.fee_charges import optional_approval_code
from medspa_desk.services.books.audit_trail import change_status, record_audit
from medspa_desk.services.clients.standing import CardSummary, client_strikes
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Appointment


@dataclass(frozen=True)
class ArrivalCheck:
    appointment_id: int
    late: bool
    late_minutes: int
    wording: str  # the clinic's published sentence, to quote in the warning


@dataclass(frozen=True)
class LateArrival:
    """What the desk needs to decide about a late client, read by the check-in that found them
    late: the booking, and what each choice would cost now: marking the no-show (the fee, or the
    prepayment forfeited, and the card a fee would go to) and moving it (the client's move after
    the start: a late cancellation), with the strikes the client has before either."""

    check: ArrivalCheck
    client_id: int
    client_name: str
    service_name: str
    provider_name: str
    starts_at: datetime
    no_show: CallOffOutcome
    reschedule: CallOffOutcome
    strikes: int  # before this booking is called off
    card: CardSummary | None  # the current card, expired or not (the fee's wording says which)


class LateDecisionNeeded(Exception):
    """The client is late: the desk must choose (see anyway, reschedule, no-show) and call again.

    A question for the desk, not a refusal, so deliberately not a DeskRefusal: the window's one
    path for an action (DeskActions.run) shows refusals and lets this through, and the calendar
    catches it to open the late-arrival panel with `late`, which holds all the panel shows (it
    reads nothing of its own). Nothing is written before it is raised. Its text asks the
    question, for a command with nobody to open a panel for.
    """

    def __init__(self, late: LateArrival, starts_at: str):
        self.late = late
        self.check = late.check
        *others, last = [choice.label.lower() for choice in LateArrivalChoice]
        super().__init__(
            f"{late.client_name} is {minutes_text(late.check.late_minutes)} late for "
            f"{starts_at}: {', '.join(others)} or {last}?"
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
    return arrival(appointment_id, starts_at, now, desk)


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
        require(session, desk, DeskPermission.CHECK_IN)
        # The money held and the card are read only for a late client's question or no-show.
        found = BookingFound.find(session, appointment_id)
        require_still_ahead(found, "checked in")
        appointment = found.appointment
        zone = desk.settings.zone
        if local_date(appointment.starts_at, zone) != local_date(now, zone):
            raise DeskRefusal(
                f"{found.client_name}'s appointment is on "
                f"{day_and_time(appointment.starts_at, zone)}, not today."
            )
        check = arrival(appointment_id, appointment.starts_at, now, desk)
        if check.late and late_choice is None:
            booking = found.with_money(session, desk, now)
            raise LateDecisionNeeded(
                _late_arrival(session, desk, booking, check, now),
                clock_time(appointment.starts_at, zone),
            )
        if check.late and late_choice is LateArrivalChoice.NO_SHOW:
            booking = found.with_money(session, desk, now)
            return _no_show(session, desk, booking, now, reason, late=check, code=code)
        history = reason
        detail: dict[str, object] = {}
        if check.late and late_choice is not None:
            history = late_note(check.late_minutes, "seen anyway", reason)
            detail = {"late_minutes": check.late_minutes, "choice": late_choice.value}
        history_id = change_status(
            session, desk.staff_id, appointment, Status.CHECKED_IN, history, now
        )
        detail["history_id"] = history_id
        record_audit(
            session,
            desk.staff_id,
            "appointment.checked_in",
            appointment_subject(appointment),
            detail,
            now,
        )
        message = "Checked in."
        if check.late:
            message = f"Checked in {minutes_text(check.late_minutes)} late; seen anyway."
        return ChangeResult(appointment.id, Status.CHECKED_IN, message=message)


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
        require(session, desk, DeskPermission.BOOK)
        booking = BookingOnFile.load(session, desk, appointment_id, now)
        require_still_ahead(booking, "marked as a no-show")
        starts_at = booking.appointment.starts_at
        if not is_late(starts_at, now, desk.settings):
            due = late_flag_due_at(starts_at, desk.settings)
            raise DeskRefusal(
                f"{booking.client_name} can still arrive on time for "
                f"{clock_time(starts_at, desk.settings.zone)}: a no-show can be marked from "
                f"{clock_time(due, desk.settings.zone)} on."
            )
        return _no_show(session, desk, booking, now, reason, late=None, code=code)


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
    history = late_note(late.late_minutes, "marked no-show", reason) if late else reason
    # A no-show forfeits a prepayment by rule, never STAFF_DECIDES: no choice is asked for.
    settled = settle_call_off(session, desk, booking, outcome, now, history, None, code)
    detail = settled.detail
    if late is not None:
        detail |= {"late_minutes": late.late_minutes, "choice": LateArrivalChoice.NO_SHOW.value}
    record_audit(
        session,
        desk.staff_id,
        "appointment.no_show",
        appointment_subject(booking.appointment),
        detail,
        now,
    )
    return settled_result(settled, booking.appointment.id, settled.money_sentence())


def _late_arrival(
    session: Session, desk: Desk, booking: BookingOnFile, check: ArrivalCheck, now: datetime
) -> LateArrival:
    appointment = booking.appointment
    facts, settings = booking.policy_facts(), desk.settings
    return LateArrival(
        check=check,
        client_id=appointment.client_id,
        client_name=booking.client_name,
        service_name=booking.service_name,
        provider_name=booking.provider_name,
        starts_at=appointment.starts_at,
        no_show=call_off_outcome(facts, CallOff.NO_SHOW, now, settings),
        reschedule=call_off_outcome(facts, CallOff.CLIENT_RESCHEDULES, now, settings),
        strikes=client_strikes(session, appointment.client_id),
        card=booking.card,
    )


def arrival(appointment_id: int, starts_at: datetime, now: datetime, desk: Desk) -> ArrivalCheck:
    return ArrivalCheck(
        appointment_id=appointment_id,
        late=is_late(starts_at, now, desk.settings),
        late_minutes=late_minutes(starts_at, now),
        wording=LATE_ARRIVAL,
    )


def late_note(minutes: int, choice: str, reason: str) -> str:
    """The history's reason for a late client: '12 minutes late; seen anyway: <reason>'."""
    note = f"{minutes_text(minutes)} late; {choice}"
    return f"{note}: {reason}" if reason else note
