import pytest
from hypothesis import given
from hypothesis import strategies as st

from medspa_desk.domain.card_numbers import contains_card_number, passes_luhn

# Test numbers the card networks publish for exactly this purpose.
VISA = "4242424242424242"
AMEX = "378282246310005"
MASTERCARD = "5555555555554444"


@pytest.mark.parametrize("number", [VISA, AMEX, MASTERCARD, "4000056655665556"])
def test_published_test_numbers_pass_luhn(number):
    assert passes_luhn(number)


@pytest.mark.parametrize(
    "text",
    [
        VISA,
        "4242 4242 4242 4242",
        "4242-4242-4242-4242",
        "3782 822463 10005",
        f"client paid with {MASTERCARD} yesterday",
    ],
)
def test_card_numbers_are_found_however_written(text):
    assert contains_card_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "4242424242424241",  # fails Luhn
        "Call (406) 287-6565 after 2pm",
        "+1 406 287 6565",
        "Visa ending 4242, exp 12/28",
        "Allergic to lidocaine",
        "123456789012",  # 12 digits: too short to be a card
        "42424242424242424242",  # 20 digits: too long to be one
        "",
    ],
)
def test_ordinary_text_is_not_a_card_number(text):
    assert not contains_card_number(text)


@given(st.text(alphabet="abcdefghij ,.()-+/", max_size=60))
def test_text_without_a_long_digit_run_is_never_a_card(text):
    assert not contains_card_number(text)


@given(st.lists(st.integers(0, 9), min_size=12, max_size=18))
def test_every_number_with_its_luhn_check_digit_is_caught(body):
    digits = "".join(map(str, body))
    check = next(d for d in "0123456789" if passes_luhn(digits + d))
    assert contains_card_number(digits + check)
