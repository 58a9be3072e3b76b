"""Card numbers never enter the desk's records: spotting one in any text typed at the desk.

A plausible card number is 13 to 19 digits, possibly grouped by spaces or dashes, that passes
the Luhn check (the checksum every payment card number carries). Phone numbers and dates are
far shorter; a 13-19 digit run that fails Luhn is let through, since it is not a card.
"""

from __future__ import annotations

import re

# Digits with single spaces or dashes between them, long enough to hold a card number.
_DIGIT_RUN = re.compile(r"\d(?:[ -]?\d){12,}")
CARD_NUMBER_REFUSAL = (
    "This looks like a card number. Card numbers are never stored: keep only the card's brand, "
    "last four digits and expiry, and the terminal's reference."
)


def passes_luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def contains_card_number(text: str) -> bool:
    # Whole runs only: testing every 13-19 digit window of a longer run would flag most long
    # reference numbers, since one window in ten passes Luhn by chance.
    for run in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"[ -]", "", run.group())
        if 13 <= len(digits) <= 19 and passes_luhn(digits):
            return True
    return False
