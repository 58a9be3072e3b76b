import pytest

from medspa_desk.domain.password_rules import PasswordRefused
from medspa_desk.services.staff_access.secrets import password_hash, secret_matches


def test_a_password_is_kept_as_an_argon2id_hash_that_only_it_matches():
    kept = password_hash("correct horse battery")
    assert kept.startswith("$argon2id$")
    assert "correct horse battery" not in kept
    assert secret_matches(kept, "correct horse battery")
    assert not secret_matches(kept, "correct horse batterY")
    assert password_hash("correct horse battery") != kept  # salted


def test_a_short_password_gets_no_hash():
    with pytest.raises(PasswordRefused, match="at least 10 characters"):
        password_hash("short")


def test_a_damaged_hash_matches_nothing():
    assert not secret_matches("not a hash", "correct horse battery")
