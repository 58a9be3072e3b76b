"""Signing in: a PIN's rule, the lockout after wrong attempts in a row, and the idle lock's bound."""

from datetime import UTC, datetime, timedelta

import pytest

from medspa_desk.domain.sign_in_rules import (
    Lockout,
    PinRefused,
    after_wrong_attempt,
    check_new_pin,
    idle_lock_after,
    is_locked,
)

NOW = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("pin", ["2580", "13579", "904512345678"])
def test_four_to_twelve_digits_make_a_pin(pin):
    check_new_pin(pin, pin)


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("258", "4 to 12 digits"),
        ("9045123456789", "4 to 12 digits"),
        ("25a0", "digits only"),
        ("２５８０", "digits only"),  # full-width digits are digits to Python, not to a keypad
        ("1111", "too easy"),
    ],
)
def test_a_pin_is_refused_with_its_reason(pin, why):
    with pytest.raises(PinRefused, match=why):
        check_new_pin(pin)


def test_a_pin_typed_twice_differently_is_refused():
    with pytest.raises(PinRefused, match="not the same"):
        check_new_pin("2580", "2850")


def test_the_fifth_wrong_attempt_in_a_row_only_counts():
    after = after_wrong_attempt(4, NOW, Lockout())
    assert (after.failed_sign_ins, after.locked_until) == (5, None)


def test_the_sixth_wrong_attempt_locks_for_thirty_minutes_and_starts_the_count_again():
    after = after_wrong_attempt(5, NOW, Lockout())
    assert after.locked_until == NOW + timedelta(minutes=30)
    assert after.failed_sign_ins == 0


def test_a_stricter_lockout_from_the_settings():
    after = after_wrong_attempt(2, NOW, Lockout(attempts=3, minutes=60))
    assert after.locked_until == NOW + timedelta(minutes=60)


def test_locked_up_to_the_instant_it_opens():
    until = NOW + timedelta(minutes=30)
    assert is_locked(until, until - timedelta(microseconds=1))
    assert not is_locked(until, until)
    assert not is_locked(None, NOW)


@pytest.mark.parametrize(("setting", "minutes"), [(15, 15), (5, 5), (60, 15), (0, 1)])
def test_the_idle_lock_is_never_more_than_fifteen_minutes(setting, minutes):
    assert idle_lock_after(setting) == timedelta(minutes=minutes)
