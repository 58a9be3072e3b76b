"""The confirmation worklist: a day's bookings and where each stands with its confirmation, each
attempt to reach the client recorded, and the unconfirmed cancelled by the clinic once their
deadline has passed (the rules are domain.confirmations').

Confirmations are not marketing: the list shows every client's phone and email whatever their
marketing consent says. Cancelling for want of a confirmation is always a person's action: the
app lists who may be cancelled, the desk decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.cancellation_policy import CallOff
from medspa_desk.domain.clinic_time import local_day_bounds_utc
from medspa_desk.domain.confirmations import (
    ATTEMPT_WORDS,
    ConfirmationOutcome,
    ConfirmationStanding,
    confirmation_standing,
    day_confirmation_deadline,
    next_day_to_confirm,
)
from medspa_desk.domain.contact_details import phone_for_display
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.domain.time_wording import clock_time, weekday_and_date
from medspa_desk.services.booking.booking_change import ChangeResult, appointment_subject
from medspa_desk.services.booking.call_off import cancel_in
from medspa_desk.services.books.audit_trail import change_status, record_audit
from medspa_desk.services.clinic.bookable_time import clinic_days
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Appointment, Client, ConfirmationAttempt, Service, Staff

# What the desk records a cancellation under this rule with, on the booking's history.
UNCONFIRMED_REASON = "Not confirmed by the end of business on the day before (cancellation policy)"


@dataclass(frozen=True)
class AttemptMade:
    """One attempt, as the worklist says it: 'Call · No answer · Tue Dec 1, 2:15 PM · Lena Ross'."""

    at: datetime
    channel: ConsentChannel
    outcome: ConfirmationOutcome
    by: str  # the staff member's name, "" when unknown
    note: str

    def text(self, zone: ZoneInfo) -> str:
        local = self.at.astimezone(zone)
        when = f"{weekday_and_date(local.date())}, {clock_time(local, zone)}"
        parts = [ATTEMPT_WORDS[self.channel], self.outcome.label, when, self.by, self.note]
        return " · ".join(part for part in parts if part)


@dataclass(frozen=True)
class ToConfirm:
    """One booking of the day, with what the desk needs to reach its client."""

    appointment_id: int
    client_id: int
    client_name: str
    phone: str  # as the desk dials it, "" when none
    email: str  # "" when none
    preferred: ConsentChannel | None
    service_name: str
    provider_name: str
    starts_at: datetime
    standing: ConfirmationStanding
    attempts: tuple[AttemptMade, ...]  # oldest first

    @property
    def last_attempt(self) -> AttemptMade | None:
        return self.attempts[-1] if self.attempts else None


@dataclass(frozen=True)
class ConfirmationList:
    day: date
    deadline: datetime  # for the day's bookings: the end of business on the day before
    bookings: tuple[ToConfirm, ...]  # by start time

    def standing(self, standing: ConfirmationStanding) -> list[ToConfirm]:
        return [booking for booking in self.bookings if booking.standing is standing]


def day_to_confirm(desk: Desk) -> date:
    """The day whose bookings the desk confirms today: the clinic's next open day."""
    today = desk.clock.now().astimezone(desk.settings.zone).date()
    with desk.db.reading() as session:
        clinic = clinic_days(session, desk.settings, today, today + timedelta(days=15))
    return next_day_to_confirm(today, clinic)


def confirmation_list(desk: Desk, day: date) -> ConfirmationList:
    """The bookings of `day` still ahead, with where each stands now, by start time."""
    now = desk.clock.now()
    zone = desk.settings.zone
    starts, ends = local_day_bounds_utc(day, zone)
    with desk.db.reading() as session:
        clinic = clinic_days(session, desk.settings, day - timedelta(days=1), day)
        rows = session.execute(
            select(Appointment, Client, Service.name, Staff.display_name)
            .join(Client, Client.id == Appointment.client_id)
            .join(Service, Service.id == Appointment.service_id)
            .join(Staff, Staff.id == Appointment.provider_id)
            .where(
                Appointment.starts_at >= starts,
                Appointment.starts_at < ends,
                Appointment.status.in_([Status.BOOKED, Status.CONFIRMED]),
            )
            .order_by(Appointment.starts_at, Appointment.id)
        ).all()
        attempts = _attempts_of(session, [appointment.id for appointment, *_rest in rows])
    bookings = []
    for appointment, client, service_name, provider_name in rows:
        standing = confirmation_standing(
            appointment.starts_at, appointment.status, appointment.created_at, now, clinic
        )
        if standing is None:
            continue  # started: whether the client came is the check-in's question
        bookings.append(
            ToConfirm(
                appointment.id,
                client.id,
                f"{client.first_name} {client.last_name}",
                phone_for_display(client.phone_e164) if client.phone_e164 else "",
                client.email or "",
                client.preferred_channel,
                service_name,
                provider_name,
                appointment.starts_at,
                standing,
                attempts.get(appointment.id, ()),
            )
        )
    return ConfirmationList(day, day_confirmation_deadline(day, clinic), tuple(bookings))


def record_attempt(
    desk: Desk,
    appointment_id: int,
    channel: ConsentChannel,
    outcome: ConfirmationOutcome,
    note: str = "",
) -> ChangeResult:
    """Record one attempt to reach the client; a confirmation turns the booking Confirmed."""
    note = note.strip()
    refuse_card_number(note, "Note")
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BOOK)
        appointment = _booking_ahead(session, appointment_id, now)
        session.add(
            ConfirmationAttempt(
                appointment_id=appointment.id,
                at=now,
                by_staff_id=desk.staff_id,
                channel=channel,
                outcome=outcome,
                note=note,
            )
        )
        if outcome is ConfirmationOutcome.CONFIRMED and appointment.status is Status.BOOKED:
            change_status(
                session, desk.staff_id, appointment, Status.CONFIRMED,
                f"Confirmed by the client ({ATTEMPT_WORDS[channel].lower()})", now,
            )  # fmt: skip
        record_audit(
            session,
            desk.staff_id,
            "appointment.confirmation_attempt",
            appointment_subject(appointment),
            {"channel": channel.value, "outcome": outcome.value},
            now,
        )
        return ChangeResult(
            appointment.id, appointment.status, message=_attempt_sentence(outcome, channel)
        )


def cancel_unconfirmed(desk: Desk, appointment_ids: Iterable[int]) -> list[ChangeResult]:
    """Cancel these bookings as the clinic's cancellations, for want of a confirmation by their
    deadline: no fee, no strike, any prepayment credited. All or none: one still within its
    deadline, confirmed since or no longer ahead refuses the lot, saying which."""
    now = desk.clock.now()
    ids = list(dict.fromkeys(appointment_ids))
    if not ids:
        raise DeskRefusal("Choose the bookings to cancel.")
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BOOK)
        for appointment_id in ids:
            appointment = _booking_ahead(session, appointment_id, now)
            day = appointment.starts_at.astimezone(desk.settings.zone).date()
            clinic = clinic_days(session, desk.settings, day - timedelta(days=1), day)
            standing = confirmation_standing(
                appointment.starts_at, appointment.status, appointment.created_at, now, clinic
            )
            if standing is not ConfirmationStanding.MAY_BE_CANCELLED:
                client = session.get(Client, appointment.client_id)
                name = f"{client.first_name} {client.last_name}" if client else "the client"
                why = (
                    "is confirmed"
                    if standing is ConfirmationStanding.CONFIRMED
                    else "still has until the end of business on the day before to confirm"
                )
                raise DeskRefusal(f"Nothing was cancelled: {name}'s booking {why}.")
        results = [
            cancel_in(
                session, desk, appointment_id, CallOff.CLINIC_CANCELS, now, UNCONFIRMED_REASON
            )  # fmt: skip
            for appointment_id in ids
        ]
    count = len(results)
    sentence = (
        f"{count} unconfirmed booking{'' if count == 1 else 's'} cancelled by the clinic: "
        "no fee, no strike; the time is free to book."
    )
    return [_with_message(result, sentence) for result in results]


def _with_message(result: ChangeResult, sentence: str) -> ChangeResult:
    """The cancellation's own result, saying `sentence` before what became of its money."""
    money = f" {result.message}" if result.message else ""
    return replace(result, message=f"{sentence}{money}")


def _booking_ahead(session: Session, appointment_id: int, now: datetime) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise DeskRefusal(f"There is no appointment number {appointment_id}.")
    if not appointment.status.awaiting_arrival:
        raise DeskRefusal(
            f"This appointment is {appointment.status.label.lower()}: there is nothing to confirm."
        )
    if appointment.starts_at <= now:
        raise DeskRefusal("This appointment has started: check the client in or mark the no-show.")
    return appointment


def _attempts_of(session: Session, ids: list[int]) -> dict[int, tuple[AttemptMade, ...]]:
    if not ids:
        return {}
    found: dict[int, list[AttemptMade]] = {}
    for attempt, by in session.execute(
        select(ConfirmationAttempt, Staff.display_name)
        .outerjoin(Staff, Staff.id == ConfirmationAttempt.by_staff_id)
        .where(ConfirmationAttempt.appointment_id.in_(ids))
        .order_by(ConfirmationAttempt.at, ConfirmationAttempt.id)
    ):
        found.setdefault(attempt.appointment_id, []).append(
            AttemptMade(attempt.at, attempt.channel, attempt.outcome, by or "", attempt.note)
        )
    return {appointment_id: tuple(made) for appointment_id, made in found.items()}


def _attempt_sentence(outcome: ConfirmationOutcome, channel: ConsentChannel) -> str:
    if outcome is ConfirmationOutcome.CONFIRMED:
        return "Confirmed: the booking shows as confirmed on the calendar."
    if outcome is ConfirmationOutcome.WANTS_RESCHEDULE:
        return "Recorded: the client wants to reschedule; move the booking on the calendar."
    if outcome is ConfirmationOutcome.WANTS_CANCEL:
        return "Recorded: the client wants to cancel; cancel the booking on the calendar."
    return f"Recorded: {ATTEMPT_WORDS[channel].lower()}, {outcome.label.lower()}."
