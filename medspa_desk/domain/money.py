"""Money is integer cents everywhere; these turn cents into text and back at the edges."""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"^\s*\$?\s*(?P<dollars>\d{1,7})(?:\.(?P<cents>\d{1,2}))?\s*$")


def format_cents(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}${dollars:,}.{rest:02d}"


def parse_cents(text: str) -> int:
    """'$75' is 7500 cents and '75.5' is 7550; anything else raises ValueError."""
    match = _AMOUNT.match(text)
    if not match:
        raise ValueError(f"{text!r} is not an amount of money like 75.00")
    cents = match["cents"] or "0"
    return int(match["dollars"]) * 100 + int(cents.ljust(2, "0"))
