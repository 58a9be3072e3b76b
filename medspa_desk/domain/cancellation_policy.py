"""Cancellations, reschedules and no-shows: the fee, the strike, and what becomes of a prepayment.

The Cancelation Policy: "In the event of a no-show or cancellation with less than 24 hours notice
ahead of your scheduled appointment, 406MedicalSpa reserves the right to charge a $75 late
cancellation fee to the credit card on file, or to apply any booking deposit made on the account
towards this fee."

The Appointment Policy, for bookings prepaid under the strike rule: "The amount pre-paid for is
nonrefundable if the no-show/cancellation policy is violated. If appointment is rescheduled prior
to 48 hours of the appointment time, the amount paid will be credited for future services at
406MedicalSpa."

Notice is elapsed time between two instants, never a difference of wall-clock readings: on the
DST Sundays a wall-clock day is 23 or 25 hours long, and it is the hours that count.

Where the text is silent, these rules decide, and say so where they do:
- Moving a booking with less than 24 hours' notice is a late cancellation of that slot. The
  policy exists because "Last-minute cancellations do not allow us time to fill those gaps", and a
  slot emptied by a move is as hard to fill; the 48-hour sentence also treats a reschedule as
  something the policy governs. The old slot is recorded as LATE_CANCELLED, so it is a strike.
- A prepaid booking that violates the policy forfeits the prepayment and is not charged the $75
  on top: the text applies money held ("any booking deposit") towards the fee rather than adding
  the fee to it, and charging both would punish one missed slot twice.
- "Rescheduled prior to 48 hours" includes exactly 48 hours (as exactly 24 hours is not "less
  than 24 hours notice"), and a cancellation that far ahead earns the same credit as a move.
- A prepaid booking called off with 24 to 48 hours' notice is neither: staff decide, shown the
  two sentences above (DESIGN.md: the app never silently picks).
- A cancellation by the clinic costs the client nothing: no fee, no strike, any prepayment
  credited in full.

The text "reserves the right" to charge: the rules say what the policy allows; waiving a fee is a
staff action in the services, recorded with its reason.

The same section's confirmation rule is domain.confirmations'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.policy_text import (
    LATE_CANCELLATION_FEE,
    PREPAYMENT_FORFEITED,
    RESCHEDULE_CREDIT,
)
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.domain.strikes import counts_as_strike


class CallOff(StrEnum):
    """How a booking came not to happen."""

    CLIENT_CANCELS = "client_cancels"
    CLIENT_RESCHEDULES = "client_reschedules"
    NO_SHOW = "no_show"
    CLINIC_CANCELS = "clinic_cancels"


@dataclass(frozen=True)
class CalledOffBooking:
    """The facts about a booking that the rules need: when it starts, and the money it holds.

    `deposit_cents` is a booking deposit, held against the late-cancellation fee.
    `prepaid_cents` is the price paid in advance under the strike rule. A booking holds one or
    the other, not both: the policy treats them differently.
    """

    starts_at: datetime
    deposit_cents: int = 0
    prepaid_cents: int = 0
    card_on_file: bool = False

    def __post_init__(self) -> None:
        if self.deposit_cents < 0 or self.prepaid_cents < 0:
            raise ValueError("a deposit or prepayment cannot be negative")
        if self.deposit_cents and self.prepaid_cents:
            raise ValueError("a booking holds a deposit or a prepayment, not both")


class PrepaymentFate(StrEnum):
    FORFEITED = "forfeited"  # kept by the clinic: the policy was violated
    CREDITED = "credited"  # becomes credit on the client's account for future services
    STAFF_DECIDES = "staff_decides"  # the text is silent: staff choose CREDITED or FORFEITED

    @property
    def label(self) -> str:
        return _FATE_LABELS[self]


_FATE_LABELS = {
    PrepaymentFate.FORFEITED: "Prepayment forfeited",
    PrepaymentFate.CREDITED: "Prepayment credited to account",
    PrepaymentFate.STAFF_DECIDES: "Staff decide: credit or forfeit",
}

# What staff may choose when the outcome is STAFF_DECIDES, in the order a dialog offers them.
STAFF_CHOICES = (PrepaymentFate.CREDITED, PrepaymentFate.FORFEITED)


@dataclass(frozen=True)
class FeeCollection:
    """Where the late-cancellation fee comes from; all zero when there is no fee.

    The deposit pays first ("apply any booking deposit made on the account towards this fee"),
    up to its amount; the rest goes to the card on file, or, with no card, is owed on the
    client's account.
    """

    from_deposit_cents: int = 0
    charge_card_cents: int = 0
    owed_on_account_cents: int = 0

    @property
    def total_cents(self) -> int:
        return self.from_deposit_cents + self.charge_card_cents + self.owed_on_account_cents

    @property
    def split(self) -> bool:
        """Paid more than one way (part from the deposit, part to the card, ...)."""
        paths = (self.from_deposit_cents, self.charge_card_cents, self.owed_on_account_cents)
        return sum(1 for cents in paths if cents) > 1


NO_FEE = FeeCollection()


@dataclass(frozen=True)
class CallOffOutcome:
    """What calling off a booking means for the client: status, fee, strike, prepayment."""

    status: Status  # the status the called-off booking takes
    fee: FeeCollection = NO_FEE
    prepayment: PrepaymentFate | None = None  # None: the booking held no prepayment
    prepaid_cents: int = 0  # the prepayment that `prepayment` applies to
    wording: tuple[str, ...] = ()  # the published sentences behind this outcome, to show staff

    @property
    def fee_cents(self) -> int:
        return self.fee.total_cents

    @property
    def counts_as_strike(self) -> bool:
        return counts_as_strike(self.status)


def notice(starts_at: datetime, called_off_at: datetime) -> timedelta:
    """Elapsed time from the call to the appointment; negative when called after the start."""
    return _utc(starts_at) - _utc(called_off_at)


def is_late_notice(starts_at: datetime, called_off_at: datetime, settings: ClinicSettings) -> bool:
    """Late when "less than 24 hours notice": exactly 24 hours is in time; 23:59:59 is late."""
    return notice(starts_at, called_off_at) < timedelta(hours=settings.late_cancel_window_hours)


def fee_collection(fee_cents: int, booking: CalledOffBooking) -> FeeCollection:
    """Split a fee between the booking's deposit, the card on file and the client's account."""
    from_deposit = min(fee_cents, booking.deposit_cents)
    rest = fee_cents - from_deposit
    if booking.card_on_file:
        return FeeCollection(from_deposit_cents=from_deposit, charge_card_cents=rest)
    return FeeCollection(from_deposit_cents=from_deposit, owed_on_account_cents=rest)


def call_off_outcome(
    booking: CalledOffBooking, call_off: CallOff, now: datetime, settings: ClinicSettings
) -> CallOffOutcome:
    """The outcome of calling off `booking` at `now` (the moment of the call; unused for a
    no-show, which is a violation whenever it is recorded, and for a clinic cancellation)."""
    prepaid = booking.prepaid_cents
    if call_off is CallOff.CLINIC_CANCELS:
        # The client did nothing wrong: a prepayment becomes credit in full.
        fate = PrepaymentFate.CREDITED if prepaid else None
        return CallOffOutcome(Status.CANCELLED_BY_CLINIC, prepayment=fate, prepaid_cents=prepaid)

    if call_off is CallOff.NO_SHOW or is_late_notice(booking.starts_at, now, settings):
        status = Status.NO_SHOW if call_off is CallOff.NO_SHOW else Status.LATE_CANCELLED
        if prepaid:
            # The forfeited prepayment takes the place of the fee (see the module docstring).
            forfeited = PrepaymentFate.FORFEITED
            return CallOffOutcome(
                status, prepayment=forfeited, prepaid_cents=prepaid, wording=(PREPAYMENT_FORFEITED,)
            )
        fee = fee_collection(settings.late_cancel_fee_cents, booking)
        return CallOffOutcome(status, fee=fee, wording=(LATE_CANCELLATION_FEE,))

    status = Status.RESCHEDULED if call_off is CallOff.CLIENT_RESCHEDULES else Status.CANCELLED
    if not prepaid:
        return CallOffOutcome(status)
    if notice(booking.starts_at, now) >= timedelta(hours=settings.reschedule_credit_hours):
        credited = PrepaymentFate.CREDITED
        return CallOffOutcome(
            status, prepayment=credited, prepaid_cents=prepaid, wording=(RESCHEDULE_CREDIT,)
        )
    return CallOffOutcome(
        status,
        prepayment=PrepaymentFate.STAFF_DECIDES,
        prepaid_cents=prepaid,
        wording=(RESCHEDULE_CREDIT, PREPAYMENT_FORFEITED),
    )


def _utc(instant: datetime) -> datetime:
    # Python subtracts and compares datetimes that share a zone by their wall clocks, an hour
    # off across a DST change; in UTC, wall clock and elapsed time are the same.
    if instant.tzinfo is None:
        raise ValueError("the cancellation rules need timezone-aware instants")
    return instant.astimezone(UTC)
