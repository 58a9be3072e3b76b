"""What becomes of a client's bookings still to come when their personal data is deleted at
their request: the desk says, every time (a booking kept shows "Anonymized client #N" on the
calendar; one cancelled frees its slot)."""

from __future__ import annotations

from enum import StrEnum


class UpcomingBookings(StrEnum):
    CANCEL = "cancel"  # as the clinic's cancellation: no fee, no strike, a prepayment credited
    KEEP = "keep"

    @property
    def label(self) -> str:
        return {
            UpcomingBookings.CANCEL: "Cancel them (no fee: the clinic cancels)",
            UpcomingBookings.KEEP: "Keep them (they show as the anonymized client)",
        }[self]
