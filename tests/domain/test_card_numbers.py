import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from medspa_desk.domain.card_numbers import (
    CARD_NUMBER_REMOVED,
    contains_card_number,
    is_card_number,
    passes_luhn,
    without_card_numbers,
)

# Test numbers the card networks publish for exactly this purpose.
VISA = "4242424242424242"
VISA_TEST = "4111111111111111"
AMEX = "378282246310005"
MASTERCARD = "5555555555554444"
DISCOVER = "6011111111111117"
JCB = "3530111333300000"
TEST_CARDS = [VISA_TEST, MASTERCARD, AMEX, DISCOVER, JCB, VISA]

# What people type between digits: spaces (any count), tabs, no-break spaces, dashes of every
# width, dots, slashes, line breaks.
SEPARATORS = [
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\u202f",
    "-",
    "\u2013",
    "\u2014",
    ".",
    "/",
    "\n",
    "\r\n",
    " - ",
]


@pytest.mark.parametrize("number", [*TEST_CARDS, "4000056655665556"])
def test_published_test_numbers_are_card_numbers(number):
    assert passes_luhn(number)
    assert is_card_number(number)


@pytest.mark.parametrize(
    "text",
    [
        VISA,
        "4242 4242 4242 4242",
        "4242-4242-4242-4242",
        "3782 822463 10005",
        f"client paid with {MASTERCARD} yesterday",
        "4111  1111  1111  1111",
        "4111.1111.1111.1111",
        "4111/1111/1111/1111",
        "4111\u00a01111\u00a01111\u00a01111",
        "4111\n1111\n1111\n1111",
        "4111 1111 1111 1111 123",  # followed by the CVV
        "4111 1111 1111 1111 12/28",  # followed by the expiry
        "4111 1111 1111 1111 exp 12/28 cvv 123",
        "4242424242424242 4242",  # 20 digits: a card number with more typed after it
        "99 4111 1111 1111 1111",  # a number typed before it
        "4111111111111111 1",  # a lone digit after it: still the whole card, typed out
    ],
)
def test_card_numbers_are_found_however_written(text):
    assert contains_card_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "4242424242424241",  # fails Luhn
        "Order 4242 4242 4242 4241",  # an order number, grouped like a card
        "Call (406) 287-6565 after 2pm",
        "+1 406 287 6565",
        "+14062876565",
        "406-287-6565 12/28/2026",  # a phone and a date next to each other
        "Visa ending 4242, exp 12/28",
        "Allergic to lidocaine",
        "123456789012",  # 12 digits: too short to be a card
        "1234567890123452",  # passes Luhn, but no brand issues numbers starting with 1
        "42424242424242424242",  # 20 digits in one block: a reference, not a card typed
        "Mom 406 287 6565\nWork 406 555 1234",
        "Gift card ABCD-EFGH-JKMN-PQRS",
        "Receipt 1042 on 2026-11-25",
        "",
    ],
)
def test_ordinary_text_is_not_a_card_number(text):
    assert not contains_card_number(text)


def _split(number: str, cuts: list[int], separators: list[str]) -> str:
    """`number` with a separator put at each cut (positions inside the number)."""
    pieces, last = [], 0
    for cut, separator in zip(sorted(set(cuts)), separators):
        pieces += [number[last:cut], separator]
        last = cut
    pieces.append(number[last:])
    return "".join(pieces)


_cuts = st.lists(st.integers(1, 14), max_size=8)
_separators = st.lists(st.sampled_from(SEPARATORS), min_size=8, max_size=8)
_before = st.sampled_from(["", "Card ", "paid with ", "note:\n", "tel 406 287 6565, card "])
_after = st.sampled_from(
    ["", " 123", " 1234", " 12/28", " 12/2028", "/12/28", " exp 12/28", " cvv 123", ".\n"]
)


@given(st.sampled_from(TEST_CARDS), _cuts, _separators, _before, _after)
def test_a_test_card_split_by_any_separators_is_always_caught(
    number, cuts, separators, before, after
):
    text = before + _split(number, cuts, separators) + after
    assert contains_card_number(text)
    cleaned = without_card_numbers(text)
    assert not contains_card_number(cleaned)
    assert CARD_NUMBER_REMOVED in cleaned


@given(st.text(alphabet="0123456789", min_size=16, max_size=16), _cuts, _separators)
def test_a_16_digit_number_failing_luhn_is_never_caught_alone(digits, cuts, separators):
    assume(not passes_luhn(digits))
    assert not contains_card_number(_split(digits, cuts, separators))


@given(st.text(alphabet="abcdefghij ,.()-+/", max_size=60))
def test_text_without_a_long_digit_run_is_never_a_card(text):
    assert not contains_card_number(text)
    assert without_card_numbers(text) == text


@given(
    st.sampled_from(["4", "51", "2221", "34", "6011", "3528", "62"]),
    st.lists(st.integers(0, 9), min_size=14, max_size=14),
)
def test_every_brand_number_with_its_luhn_check_digit_is_caught(prefix, body):
    lengths = {"34": 15}
    digits = (prefix + "".join(map(str, body)))[: lengths.get(prefix, 16) - 1]
    check = next(d for d in "0123456789" if passes_luhn(digits + d))
    assert contains_card_number(digits + check)


@given(st.text(max_size=80), st.sampled_from(TEST_CARDS), st.text(max_size=80))
def test_removing_card_numbers_keeps_the_text_around_them(before, number, after):
    assume(not before[-1:].isdigit() and not after[:1].isdigit())
    if len(number) == 15:  # an Amex beside a lone digit is let through (see the module)
        assume(len(re.sub(r"\D", "", re.split(r"[^\d\s\-‐-―−./]", after)[0])) != 1)
    cleaned = without_card_numbers(before + number + after)
    assert not contains_card_number(cleaned)
    assert number not in cleaned


def test_removing_keeps_everything_but_the_card_number():
    assert without_card_numbers("Paid 4111 1111 1111 1111 exp 12/28, call 406-287-6565") == (
        f"Paid {CARD_NUMBER_REMOVED} exp 12/28, call 406-287-6565"
    )
    assert (
        without_card_numbers("4111 1111 1111 1111 123 is hers") == f"{CARD_NUMBER_REMOVED} is hers"
    )
    assert without_card_numbers(f"{VISA} and {MASTERCARD}") == (
        f"{CARD_NUMBER_REMOVED} and {CARD_NUMBER_REMOVED}"
    )
