"""Confirming appointments: when a booking's confirmation is due, and when the clinic may cancel it.

The Cancelation Policy: "We confirm appointments up to 24 hours in advance via email, phone call,
and text to the contact information provided by you. If we do not receive a response from you by
the end of business day on the day before your appointment, 406MedicalSpa reserves the right to
cancel your scheduled appointment to ensure we have adequate space for other clients."

Where the text is silent, these rules decide:
- "The day before" is the calendar day before the appointment's local date, and its "end of
  business day" is the clinic's closing time on that weekday (the opening hours), placed on that
  local day, so it keeps its wall-clock time across a DST change.
- When the clinic is closed that day (a closed weekday or a closure), there is no business day to
  end sooner: the client has until the end of the calendar day, midnight before the appointment's
  day. The lenient reading: a client who answers an email on a Sunday has confirmed a Monday visit.
- A booking made after its own deadline was confirmed by the act of booking.
- The right to cancel lasts from the deadline until the appointment starts; from its start the
  question is whether the client came, which is the no-show rule's.
- "Reserves the right": the desk cancels, never the app on its own; a cancellation under this rule
  is the clinic's (no fee, no strike, any prepayment credited: cancellation_policy).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.availability import ClinicDays
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.marketing_consent import ConsentChannel


class ConfirmationOutcome(StrEnum):
    """What came of one attempt to reach the client about a booking."""

    CONFIRMED = "confirmed"
    LEFT_MESSAGE = "left_message"
    NO_ANSWER = "no_answer"
    WANTS_RESCHEDULE = "wants_reschedule"
    WANTS_CANCEL = "wants_cancel"
    EMAIL_SENT = "email_sent"  # the confirmation email went out (recorded by the outbox)

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    ConfirmationOutcome.CONFIRMED: "Confirmed",
    ConfirmationOutcome.LEFT_MESSAGE: "Left a message",
    ConfirmationOutcome.NO_ANSWER: "No answer",
    ConfirmationOutcome.WANTS_RESCHEDULE: "Wants to reschedule",
    ConfirmationOutcome.WANTS_CANCEL: "Wants to cancel",
    ConfirmationOutcome.EMAIL_SENT: "Email sent",
}


# How the desk says an attempt on each channel: 'Call', 'Text', 'Email'.
ATTEMPT_WORDS = {
    ConsentChannel.PHONE: "Call",
    ConsentChannel.SMS: "Text",
    ConsentChannel.EMAIL: "Email",
}


class ConfirmationStanding(StrEnum):
    """Where a booking still ahead stands with its confirmation."""

    CONFIRMED = "confirmed"
    TO_CONFIRM = "to_confirm"  # not yet, and the deadline is still ahead
    MAY_BE_CANCELLED = "may_be_cancelled"  # the deadline passed without an answer

    @property
    def label(self) -> str:
        return _STANDING_LABELS[self]


_STANDING_LABELS = {
    ConfirmationStanding.CONFIRMED: "Confirmed",
    ConfirmationStanding.TO_CONFIRM: "To confirm",
    ConfirmationStanding.MAY_BE_CANCELLED: "May be cancelled",
}


def confirmation_deadline(starts_at: datetime, clinic: ClinicDays) -> datetime:
    """The end of business on the day before the appointment, as a UTC instant."""
    return day_confirmation_deadline(local_date(starts_at, clinic.zone), clinic)


def day_confirmation_deadline(appointment_day: date, clinic: ClinicDays) -> datetime:
    """The deadline of every booking on `appointment_day`: the day before's closing time, or
    midnight before `appointment_day` when the clinic is closed the day before."""
    day_before = appointment_day - timedelta(days=1)
    hours = clinic.hours.get(day_before.weekday())
    if hours is None or day_before in clinic.closures:
        return at_local(appointment_day, time(0), clinic.zone)
    return at_local(day_before, hours.closes, clinic.zone)


def confirmation_standing(
    starts_at: datetime,
    status: AppointmentStatus,
    booked_at: datetime,
    now: datetime,
    clinic: ClinicDays,
) -> ConfirmationStanding | None:
    """Where the booking stands, or None when confirming no longer concerns it (called off, the
    client arrived, or the appointment has started)."""
    if not status.awaiting_arrival or _utc(now) >= _utc(starts_at):
        return None
    deadline = confirmation_deadline(starts_at, clinic)
    if status is AppointmentStatus.CONFIRMED or _utc(booked_at) > deadline:
        return ConfirmationStanding.CONFIRMED
    # A reply at closing time itself is "by the end of business day".
    if _utc(now) > deadline:
        return ConfirmationStanding.MAY_BE_CANCELLED
    return ConfirmationStanding.TO_CONFIRM


def next_day_to_confirm(today: date, clinic: ClinicDays) -> date:
    """The day whose bookings the desk confirms today: the next day the clinic is open (Monday,
    on a Saturday before a closed Sunday). Tomorrow when no open day comes within a fortnight."""
    for ahead in range(1, 15):
        day = today + timedelta(days=ahead)
        if day.weekday() in clinic.hours and day not in clinic.closures:
            return day
    return today + timedelta(days=1)


def _utc(instant: datetime) -> datetime:
    # Python compares datetimes that share a zone by their wall clocks, an hour off across a DST
    # change; in UTC, wall clock and elapsed time agree.
    if instant.tzinfo is None:
        raise ValueError("the confirmation rules need timezone-aware instants")
    return instant.astimezone(UTC)
