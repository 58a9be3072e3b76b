"""The life of an appointment, as the desk names it."""

from __future__ import annotations

from enum import StrEnum


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    IN_SERVICE = "in_service"
    COMPLETED = "completed"
    CANCELLED = "cancelled"  # by the client, with enough notice
    LATE_CANCELLED = "late_cancelled"
    NO_SHOW = "no_show"
    CANCELLED_BY_CLINIC = "cancelled_by_clinic"
    RESCHEDULED = "rescheduled"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def occupies_slot(self) -> bool:
        """It holds the provider's time and the client's: nobody else can be booked into it."""
        return self in _OCCUPYING

    @property
    def awaiting_arrival(self) -> bool:
        """Still ahead of the visit: the client can be checked in, and the booking called off,
        moved or given a deposit."""
        return self in _AWAITING_ARRIVAL

    @property
    def in_the_clinic(self) -> bool:
        """The client has arrived and the visit has not ended."""
        return self in _IN_THE_CLINIC

    @property
    def can_check_out(self) -> bool:
        """The visit can be rung up at the till: the client was checked in (check-in is where the
        lateness rule is applied, so checkout does not go round it), or the visit is completed
        (the till then refuses one that already has a sale)."""
        return self in _CHECKS_OUT

    @property
    def can_be_prepaid(self) -> bool:
        """Money can be taken ahead of the visit (a prepayment, a deposit): it is still to come."""
        return self in _AWAITING_ARRIVAL


def check_out_refusal(status: AppointmentStatus) -> str | None:
    """Why a visit in `status` cannot be checked out, in the desk's words; None when it can."""
    if status.can_check_out:
        return None
    if status.awaiting_arrival:
        # Short enough for the status bar beside its permanent fields at 1366 px.
        return "Check the client in first: a visit is checked out once they have arrived."
    return f"This appointment is {status.label.lower()}: there is nothing to check out."


_LABELS = {
    AppointmentStatus.BOOKED: "Booked",
    AppointmentStatus.CONFIRMED: "Confirmed",
    AppointmentStatus.CHECKED_IN: "Checked in",
    AppointmentStatus.IN_SERVICE: "In service",
    AppointmentStatus.COMPLETED: "Completed",
    AppointmentStatus.CANCELLED: "Cancelled",
    AppointmentStatus.LATE_CANCELLED: "Late-cancelled",
    AppointmentStatus.NO_SHOW: "No-show",
    AppointmentStatus.CANCELLED_BY_CLINIC: "Cancelled by clinic",
    AppointmentStatus.RESCHEDULED: "Rescheduled",
}

_OCCUPYING = frozenset(
    {
        AppointmentStatus.BOOKED,
        AppointmentStatus.CONFIRMED,
        AppointmentStatus.CHECKED_IN,
        AppointmentStatus.IN_SERVICE,
        AppointmentStatus.COMPLETED,
    }
)
_AWAITING_ARRIVAL = frozenset({AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED})
_IN_THE_CLINIC = frozenset({AppointmentStatus.CHECKED_IN, AppointmentStatus.IN_SERVICE})
_CHECKS_OUT = _IN_THE_CLINIC | {AppointmentStatus.COMPLETED}
