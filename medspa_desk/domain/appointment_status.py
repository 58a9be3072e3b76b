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
