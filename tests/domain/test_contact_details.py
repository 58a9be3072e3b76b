import pytest

from medspa_desk.domain.contact_details import (
    ContactRefused,
    normalized_email,
    phone_for_display,
    phone_in_e164,
)


@pytest.mark.parametrize(
    "typed", ["4062876565", "(406) 287-6565", "406.287.6565", "+1 406 287 6565", "1-406-287-6565"]
)
def test_every_way_of_typing_the_clinic_number_is_one_number(typed):
    assert phone_in_e164(typed) == "+14062876565"


def test_a_number_abroad_keeps_its_country():
    assert phone_in_e164("+44 20 7946 0958") == "+442079460958"
    assert phone_for_display("+442079460958") == "+44 20 7946 0958"


def test_a_us_number_is_shown_the_american_way():
    assert phone_for_display("+14062876565") == "(406) 287-6565"


@pytest.mark.parametrize("typed", ["287-6565", "hello", "555", "+1 111 111 1111"])
def test_what_is_not_a_phone_number_is_refused(typed):
    with pytest.raises(ContactRefused, match="phone number"):
        phone_in_e164(typed)


def test_emails_are_checked_for_form_without_the_network():
    assert normalized_email(" Zoe.OBrien@Example.com ") == "Zoe.OBrien@example.com"
    assert normalized_email("josé@example.com") == "josé@example.com"


@pytest.mark.parametrize(
    "typed", ["zoe", "zoe@", "@example.com", "zoe@@example.com", "zoe@example"]
)
def test_what_is_not_an_email_is_refused(typed):
    with pytest.raises(ContactRefused, match="not an email"):
        normalized_email(typed)
