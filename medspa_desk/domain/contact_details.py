"""A client's phone number and email, checked and written one way.

Phones are kept in E.164 ("+14062876565") so that any way of typing a number finds the same
client; numbers without a country code are read as US numbers. Emails are checked for form
only: the desk works offline, so nothing asks the internet whether the domain takes mail.
"""

from __future__ import annotations

from medspa_desk.domain.desk_refusal import DeskRefusal

DEFAULT_REGION = "US"

# phonenumbers and email_validator are imported in the functions that use them: together they
# took 0.14 s of the window's start, which shows no phone number and checks no email.


class ContactRefused(DeskRefusal, ValueError):
    """The text is not a usable phone number or email; str() says why, for the desk."""


def phone_in_e164(text: str, region: str = DEFAULT_REGION) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise ContactRefused(f"“{text}” is not a phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise ContactRefused(f"“{text}” is not a valid phone number: check the digits.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_for_display(e164: str, region: str = DEFAULT_REGION) -> str:
    """'(406) 287-6565' for a number at home, '+44 20 7946 0958' for one abroad."""
    import phonenumbers

    number = phonenumbers.parse(e164, region)
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalized_email(text: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError as problem:
        raise ContactRefused(f"“{text}” is not an email address: {problem}") from None
