import pytest
from hypothesis import given
from hypothesis import strategies as st

from medspa_desk.domain.money import format_cents, parse_cents


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "$0.00"),
        (7500, "$75.00"),
        (5, "$0.05"),
        (123456789, "$1,234,567.89"),
        (-7500, "-$75.00"),
    ],
)
def test_format(cents, text):
    assert format_cents(cents) == text


@pytest.mark.parametrize(
    ("text", "cents"), [("75", 7500), ("$75.00", 7500), ("75.5", 7550), (" 0.05 ", 5)]
)
def test_parse(text, cents):
    assert parse_cents(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "75.555", "-5", "1e3", "$"])
def test_parse_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValueError, match="not an amount"):
        parse_cents(text)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_format_and_parse_round_trip(cents):
    assert parse_cents(format_cents(cents).replace(",", "")) == cents
