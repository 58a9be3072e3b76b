"""What the client profile's alert chips warn about. Each alert carries its own sentence (a date,
an amount); the kind says which warning it is, for the chip's style and for tests."""

from __future__ import annotations

from enum import StrEnum


class ClientAlertKind(StrEnum):
    ANONYMIZED = "anonymized"
    MERGED = "merged"
    STRIKES = "strikes"
    CARD_EXPIRED = "card_expired"
    FEES_OWED = "fees_owed"
    BIRTHDAY = "birthday"
    CREDIT = "credit"  # account credit to spend: a note rather than a warning
    NEW_CLIENT = "new_client"  # no visit done before this one (the calendar's card says so)
    PREPAYMENT_REQUIRED = "prepayment_required"  # the strike rule: books only prepaid


# The calendar card's marks for what the desk must notice about the booking's client, in the
# order they are shown, each with the words its details (tooltip, screen reader) say.
CARD_ALERTS = {
    ClientAlertKind.NEW_CLIENT: ("★", "New client"),
    ClientAlertKind.FEES_OWED: ("$", "Fees owed"),
    ClientAlertKind.PREPAYMENT_REQUIRED: ("⚑", "Must prepay"),
    ClientAlertKind.CARD_EXPIRED: ("⌛", "Card on file expired"),
}
