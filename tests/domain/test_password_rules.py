import pytest

from medspa_desk.domain.password_rules import PasswordRefused, check_new_password


def test_ten_characters_are_enough_and_nine_are_not():
    check_new_password("a" * 9 + "b")
    with pytest.raises(PasswordRefused, match="at least 10 characters long"):
        check_new_password("a" * 9)


def test_a_password_longer_than_128_or_only_spaces_is_refused():
    check_new_password("x" * 128)
    with pytest.raises(PasswordRefused, match="at most 128 characters"):
        check_new_password("x" * 129)
    with pytest.raises(PasswordRefused, match="only spaces"):
        check_new_password(" " * 12)


def test_the_password_typed_twice_must_be_the_same_and_is_never_in_the_sentence():
    check_new_password("correct horse", "correct horse")
    with pytest.raises(PasswordRefused, match="not the same") as refused:
        check_new_password("correct horse", "correct house")
    assert "horse" not in str(refused.value) and "house" not in str(refused.value)
