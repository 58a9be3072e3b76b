"""Card numbers never enter the desk's records: spotting one in any text typed at the desk.

People type a card number grouped any way they like (spaces, dashes, dots, slashes, no-break
spaces, line breaks) and often run it into the CVV or the expiry ("4111 1111 1111 1111 123").
So digits with only such separators between them are joined into one run, and the windows of
13 to 19 digits in the run are checked. A window is a card number when it passes the Luhn check
(the checksum every payment card number carries), starts with a card brand's prefix (its IIN
range) and is a length that brand issues.

Checking windows lets chance in: one window in ten passes Luhn. So a window must also sit in the
run as typed: it begins and ends where the run does or at a separator (people type the card
apart from its CVV or expiry). And a window shorter than its run must be at least 15 digits, and
a 15-digit one must leave at least 2 others: otherwise a 16-digit order number failing Luhn
would often be caught through one of its shorter windows. The price: a 13- or 14-digit card (old
Visa, Diners) run into its CVV, and an Amex followed by a lone digit, are let through; alone
they are caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# What people type between the digits of a card number: any whitespace (tabs, line breaks,
# no-break spaces U+00A0 and U+202F included), dashes of every width, dots and slashes.
_SEPARATORS = "\\s\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212./"
_DIGIT_RUN = re.compile(f"[0-9](?:[{_SEPARATORS}]*[0-9])*")
_SHORTEST, _LONGEST = 13, 19
_SHORTEST_INSIDE_A_RUN = 15
_LONGEST_CVV = 4

# (first prefix, last prefix, lengths issued), prefixes of one width per row; the networks'
# published IIN ranges. Maestro issues from 12 digits, but 12 is too short to tell from a phone.
_BRANDS = (
    ("4", "4", (13, 16, 19)),  # Visa
    ("51", "55", (16,)),  # Mastercard
    ("2221", "2720", (16,)),  # Mastercard's 2-series
    ("34", "34", (15,)),  # American Express
    ("37", "37", (15,)),  # American Express
    ("6011", "6011", range(16, 20)),  # Discover
    ("644", "649", range(16, 20)),  # Discover
    ("65", "65", range(16, 20)),  # Discover
    ("622126", "622925", range(16, 20)),  # Discover (co-branded UnionPay)
    ("3528", "3589", range(16, 20)),  # JCB
    ("36", "36", range(14, 17)),  # Diners Club
    ("300", "305", range(14, 17)),  # Diners Club
    ("38", "39", range(14, 17)),  # Diners Club
    ("62", "62", range(16, 20)),  # UnionPay
    ("50", "50", range(13, 20)),  # Maestro
    ("56", "69", range(13, 20)),  # Maestro
)

CARD_NUMBER_REFUSAL = (
    "This looks like a card number. Card numbers are never stored: keep only the card's brand, "
    "last four digits and expiry, and the terminal's reference."
)
CARD_NUMBER_REMOVED = "[card number removed]"


def passes_luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def is_card_number(digits: str) -> bool:
    """Whether these digits (nothing else) are a number a card brand issues."""
    if not passes_luhn(digits):
        return False
    for low, high, lengths in _BRANDS:
        if len(digits) in lengths and low <= digits[: len(low)] <= high:
            return True
    return False


def contains_card_number(text: str) -> bool:
    return any(True for _ in card_number_spans(text))


def card_number_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each stretch of `text` that holds a card number, in order.

    A stretch runs from the first to the last digit of the card-number windows that overlap or
    touch in a run, and on to the run's end when no more than a CVV's 4 digits are left there;
    the separators inside it are included, the other digits around it are not.
    """
    for run in _DIGIT_RUN.finditer(text):
        positions = [run.start() + i for i, char in enumerate(run.group()) if char.isdigit()]
        if len(positions) < _SHORTEST:
            continue
        digits = "".join(text[p] for p in positions)
        # Where a window may begin or end: the run's ends and every separator.
        edges = {0, len(digits)}
        edges.update(i for i in range(1, len(digits)) if positions[i] != positions[i - 1] + 1)
        covered = [False] * len(digits)
        for start in sorted(edges):
            for end in sorted(edges):
                length = end - start
                if not _SHORTEST <= length <= _LONGEST:
                    continue
                if length < len(digits) and _too_likely_by_chance(length, len(digits) - length):
                    continue
                if is_card_number(digits[start:end]):
                    covered[start:end] = [True] * length
        index = 0
        while index < len(digits):
            if not covered[index]:
                index += 1
                continue
            end = index
            while end + 1 < len(digits) and covered[end + 1]:
                end += 1
            if len(digits) - 1 - end <= _LONGEST_CVV:
                end = len(digits) - 1  # the CVV typed after it goes too (or an expiry: harmless)
            yield positions[index], positions[end] + 1
            index = end + 1


def _too_likely_by_chance(length: int, others: int) -> bool:
    """Whether a window this long, in a run with this many other digits, is too often a card by
    chance: a 13- or 14-digit window, or a 15-digit one beside a lone digit (a 16-digit order
    number would otherwise fail one time in fifty)."""
    return length < _SHORTEST_INSIDE_A_RUN or (others < 2 and length < 16)


def without_card_numbers(text: str) -> str:
    """`text` with each card number in it replaced by CARD_NUMBER_REMOVED; the rest kept as is.

    The result never holds a card number: what is left of a run on either side of a removed
    stretch was checked as part of the run, and the replacement holds no digits.
    """
    kept, last = [], 0
    for start, end in card_number_spans(text):
        kept += [text[last:start], CARD_NUMBER_REMOVED]
        last = end
    kept.append(text[last:])
    return "".join(kept)
