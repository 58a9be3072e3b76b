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
