"""When a card on file can no longer be charged."""

from __future__ import annotations

from datetime import date


def card_expired(expiry_month: int, expiry_year: int, today: date) -> bool:
    """A card is good through the last day of its expiry month ("12/28": all of December 2028).

    `today` is the clinic's local date: the terminal that charges the card stands in the clinic.
    """
    return (today.year, today.month) > (expiry_year, expiry_month)
