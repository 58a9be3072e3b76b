"""The clinic's published policies, as the desk quotes them and as each booking records them.

The text ships inside the package (resources/clinic/published-policies.txt, found through
importlib.resources), so the desk shows the words the client agreed to: "By scheduling an
appointment, you are agreeing to our cancellation/no-show policy." POLICY_VERSION names that
exact text, so a booking can record which version it was made under.

The sentences below are what the rules show staff. They are kept here word for word, spelling
and all; tests/domain/test_policy_text.py checks that each one still appears in the published
text, so an edit by the clinic cannot leave the desk quoting words that are no longer published.
"""

from __future__ import annotations

import hashlib
from datetime import date
from enum import StrEnum
from importlib.resources import files


class PolicySection(StrEnum):
    """The headings of the published text, spelled as the clinic spells them."""

    PRIVACY = "Privacy Policy"
    APPOINTMENT = "Appointment Policy"
    REFUND = "Refund Policy"
    CHILDREN_AND_PETS = "Children & Pet Policy"
    CANCELATION = "Cancelation Policy"


LATE_ARRIVAL = (
    "Arriving late will deprive you of valuable treatment time. Although we aim to complete your "
    "entire session within the allotted time, tardiness of more than 10 minutes could result in "
    "rescheduling. For detailed information on fees, please consult our cancellation policy."
)
LATE_CANCELLATION_FEE = (
    "In the event of a no-show or cancellation with less than 24 hours notice ahead of your "
    "scheduled appointment, 406MedicalSpa reserves the right to charge a $75 late cancellation "
    "fee to the credit card on file, or to apply any booking deposit made on the account towards "
    "this fee."
)
STRIKE_PREPAYMENT = (
    "If a client has no shown and/or late canceled 3 times, client will then be required to "
    "prepay in full for future services at time of booking appointment."
)
PREPAYMENT_FORFEITED = (
    "The amount pre-paid for is nonrefundable if the no-show/cancellation policy is violated."
)
RESCHEDULE_CREDIT = (
    "If appointment is rescheduled prior to 48 hours of the appointment time, the amount paid "
    "will be credited for future services at 406MedicalSpa."
)
CONFIRMATION = (
    "We confirm appointments up to 24 hours in advance via email, phone call, and text to the "
    "contact information provided by you. If we do not receive a response from you by the end of "
    "business day on the day before your appointment, 406MedicalSpa reserves the right to cancel "
    "your scheduled appointment to ensure we have adequate space for other clients."
)
AGREEMENT = "By scheduling an appointment, you are agreeing to our cancellation/no-show policy."


def split_into_sections(text: str) -> dict[PolicySection, str]:
    """Each section's paragraphs, without its heading, keyed by heading.

    A heading is a line that is one of the PolicySection titles, in any case (the privacy policy
    repeats its own as "PRIVACY POLICY"); a section runs to the next such line. Sub-headings
    inside the privacy policy ("Contact Us", "Changes to this Privacy Policy") are not section
    titles, so they stay inside their section.
    """
    titles = {section.value.casefold(): section for section in PolicySection}
    found: dict[PolicySection, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.casefold() in titles:
            current = found.setdefault(titles[stripped.casefold()], [])
        elif current is not None and stripped:
            current.append(stripped)
    return {section: "\n\n".join(paragraphs) for section, paragraphs in found.items()}


def policy_section(section: PolicySection | str) -> str:
    """One section of the published text, its paragraphs separated by blank lines.

    Raises ValueError for a title that is not one of the clinic's headings.
    """
    return _PUBLISHED_SECTIONS[PolicySection(section)]


def version_of(text: str) -> str:
    """A short name for exactly this text: "sha256:" and the first 12 hex digits of its hash.

    The hash is of the text (UTF-8, newlines as read in text mode), not of the file's bytes, so a
    checkout that stores the file with Windows line endings names the same version.
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def version_label(in_force_since: date | None) -> str:
    """The version as a client reads it on a receipt: "Policies of November 25, 2026", the day
    the text was first used at this clinic. (The hash, version_of, is what the books keep.)"""
    if in_force_since is None:  # a text no longer kept: the receipt states today's
        return "Policies as published today"
    return f"Policies of {in_force_since:%B} {in_force_since.day}, {in_force_since.year}"


PUBLISHED_POLICIES = (
    files("medspa_desk.resources") / "clinic" / "published-policies.txt"
).read_text(encoding="utf-8")
POLICY_VERSION = version_of(PUBLISHED_POLICIES)
_PUBLISHED_SECTIONS = split_into_sections(PUBLISHED_POLICIES)
