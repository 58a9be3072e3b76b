"""Strikes: a client's no-shows and late cancellations, and the prepayment they lead to.

The Appointment Policy: "If a client has no shown and/or late canceled 3 times, client will then
be required to prepay in full for future services at time of booking appointment."

A strike is read from an appointment's status alone. Waiving the $75 fee does not change the
status, so a waived fee is still a strike; staff who mean to forgive the strike as well change the
status (say LATE_CANCELLED to CANCELLED, with a reason in the history). The text puts no time limit
on strikes, so every one on record counts. A reschedule with less than 24 hours' notice is
recorded as LATE_CANCELLED (see cancellation_policy), so it is a strike too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.policy_text import STRIKE_PREPAYMENT
from medspa_desk.domain.settings import ClinicSettings

STRIKE_STATUSES = frozenset({AppointmentStatus.NO_SHOW, AppointmentStatus.LATE_CANCELLED})


def counts_as_strike(status: AppointmentStatus | str) -> bool:
    """A no-show or a late cancellation; never a cancellation with notice or by the clinic.

    Takes the stored text of a status too, and refuses one the desk does not know (ValueError).
    """
    return AppointmentStatus(status) in STRIKE_STATUSES


def strike_count(statuses: Iterable[AppointmentStatus | str]) -> int:
    """How many of a client's appointments, given by their statuses, are strikes."""
    return sum(1 for status in statuses if counts_as_strike(status))


def prepayment_required(strikes: int, settings: ClinicSettings) -> bool:
    """From the strike limit on ("3 times": the third strike, not the second) prepay in full."""
    return strikes >= settings.strike_limit


@dataclass(frozen=True)
class PrepaymentRequirement:
    """What the booking flow must ask of this client before the booking is made.

    A manager's override is not decided here: the booking service records it, with its reason.
    """

    required: bool
    amount_cents: int  # the full price of the service when required, else 0
    strikes: int
    reason: str  # one line for the desk: the count and the limit
    wording: str = STRIKE_PREPAYMENT  # the clinic's sentence behind the rule, to show beside it


def prepayment_requirement(
    strikes: int, service_price_cents: int, settings: ClinicSettings
) -> PrepaymentRequirement:
    """Whether booking a service for a client with `strikes` strikes needs prepayment, and how much.

    "Prepay in full ... at time of booking": the amount is the whole price of the service booked.
    """
    if service_price_cents < 0:
        raise ValueError("a service price cannot be negative")
    required = prepayment_required(strikes, settings)
    reason = (
        f"{strikes} strike{'' if strikes == 1 else 's'} on record (no-shows and late "
        f"cancellations); prepayment in full at booking is required from {settings.strike_limit}."
    )
    return PrepaymentRequirement(
        required=required,
        amount_cents=service_price_cents if required else 0,
        strikes=strikes,
        reason=reason,
    )


@dataclass(frozen=True)
class StrikeEffect:
    """What a call-off does to the client's strikes, for the desk to see before confirming."""

    adds_strike: bool
    strikes_after: int  # the client's strikes once the call-off is recorded
    prepayment_required: bool  # from then on, booking needs prepayment in full


def call_off_strike_effect(
    strikes_before: int, adds_strike: bool, settings: ClinicSettings
) -> StrikeEffect:
    """A no-show or late cancellation adds one strike; the prepayment rule counts it."""
    after = strikes_before + 1 if adds_strike else strikes_before
    return StrikeEffect(adds_strike, after, adds_strike and prepayment_required(after, settings))
