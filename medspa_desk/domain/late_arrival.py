"""Late arrivals: when a client counts as late, by how much, and what the desk can do about it.

The Appointment Policy: "Arriving late will deprive you of valuable treatment time. Although we
aim to complete your entire session within the allotted time, tardiness of more than 10 minutes
could result in rescheduling. For detailed information on fees, please consult our cancellation
policy."

"More than 10 minutes" is strict: for a 10:00 booking, a check-in at 10:10:00 is on time and
10:10:01 is late. The grace is settings.late_grace_minutes, never a literal here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum

from medspa_desk.domain.cancellation_policy import CallOff
from medspa_desk.domain.settings import ClinicSettings

# The finest step a datetime can take: the first instant after another one.
_RESOLUTION = timedelta(microseconds=1)


def late_minutes(starts_at: datetime, now: datetime) -> int:
    """Whole minutes since the start (rounded down), 0 before it: what the warning shows."""
    return max(0, (_utc(now) - _utc(starts_at)) // timedelta(minutes=1))


def is_late(starts_at: datetime, now: datetime, settings: ClinicSettings) -> bool:
    """Later than start + grace, strictly: "tardiness of more than 10 minutes"."""
    return _utc(now) - _utc(starts_at) > timedelta(minutes=settings.late_grace_minutes)


def booking_is_over(ends_at: datetime, now: datetime) -> bool:
    """The booking's time has run out, from its end on: a client still not checked in then is
    no longer "late" but did not arrive, and the desk is asked about a no-show."""
    return _utc(now) >= _utc(ends_at)


def late_flag_due_at(starts_at: datetime, settings: ClinicSettings) -> datetime:
    """The first instant (in UTC) at which a booking not yet checked in counts as late.

    That is start + grace + 1 microsecond (datetime's resolution): is_late is false at
    start + grace exactly and true from this instant on, so "flag when now >= this" and
    is_late always agree. A QTimer, counting whole milliseconds, should be set to the interval
    rounded up, and on firing ask is_late with the clock's now again: a coarse timer may fire a
    few milliseconds early, and then it is simply set again for the remainder.
    """
    return _utc(starts_at) + timedelta(minutes=settings.late_grace_minutes) + _RESOLUTION


def _utc(instant: datetime) -> datetime:
    # Python adds to, subtracts and compares datetimes that share a zone by their wall clocks,
    # an hour off across a DST change; in UTC, wall clock and elapsed time are the same.
    if instant.tzinfo is None:
        raise ValueError("the late-arrival rules need timezone-aware instants")
    return instant.astimezone(UTC)


class LateArrivalChoice(StrEnum):
    """What the desk may do with a client who checks in late: the clinic's three choices."""

    SEE_ANYWAY = "see_anyway"
    RESCHEDULE = "reschedule"
    NO_SHOW = "no_show"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def call_off(self) -> CallOff | None:
        """How the booking is called off by this choice; None when the client is seen.

        Rescheduling a late client moves the booking after its start, with no notice at all:
        the policy sends the desk to the cancellation policy for the fees ("For detailed
        information on fees, please consult our cancellation policy"), so it is a client's
        reschedule, and the cancellation rules make it a late one. Staff can waive the fee.
        """
        return _CALL_OFFS[self]


_LABELS = {
    LateArrivalChoice.SEE_ANYWAY: "See the client anyway",
    LateArrivalChoice.RESCHEDULE: "Reschedule",
    LateArrivalChoice.NO_SHOW: "Mark as no-show",
}

_CALL_OFFS = {
    LateArrivalChoice.SEE_ANYWAY: None,
    LateArrivalChoice.RESCHEDULE: CallOff.CLIENT_RESCHEDULES,
    LateArrivalChoice.NO_SHOW: CallOff.NO_SHOW,
}
