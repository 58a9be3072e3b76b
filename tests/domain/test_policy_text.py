import re
from datetime import date

import pytest

from medspa_desk.domain import policy_text
from medspa_desk.domain.policy_text import (
    POLICY_VERSION,
    PUBLISHED_POLICIES,
    PolicySection,
    policy_section,
    split_into_sections,
    version_label,
    version_of,
)

QUOTED = {
    "LATE_ARRIVAL": PolicySection.APPOINTMENT,
    "STRIKE_PREPAYMENT": PolicySection.APPOINTMENT,
    "PREPAYMENT_FORFEITED": PolicySection.APPOINTMENT,
    "RESCHEDULE_CREDIT": PolicySection.APPOINTMENT,
    "AGREEMENT": PolicySection.APPOINTMENT,
    "LATE_CANCELLATION_FEE": PolicySection.CANCELATION,
    "CONFIRMATION": PolicySection.CANCELATION,
}


@pytest.mark.parametrize(("name", "section"), QUOTED.items())
def test_every_quoted_sentence_is_published_word_for_word_in_its_section(name, section):
    assert getattr(policy_text, name) in policy_section(section)


def test_every_section_is_found_under_the_clinics_spelling():
    assert policy_section("Cancelation Policy").startswith("In the event of a no-show")
    assert policy_section(PolicySection.CANCELATION).endswith(
        "The safety and health of our patients and staff is our top priority."
    )
    assert policy_section("Appointment Policy").startswith("Arriving late will deprive you")
    assert policy_section("Appointment Policy").endswith(
        "By scheduling an appointment, you are agreeing to our cancellation/no-show policy."
    )
    assert policy_section("Refund Policy").startswith(
        "We do not offer refunds on any services rendered."
    )
    assert policy_section("Refund Policy").endswith(
        "No refund on Gift Certificates/Card purchases."
    )
    assert policy_section("Children & Pet Policy").startswith(
        "Here at 406MedicalSpa, we love babies"
    )


def test_sections_do_not_run_into_each_other():
    assert "Refund" not in policy_section(PolicySection.APPOINTMENT)
    assert "$75" not in policy_section(PolicySection.CHILDREN_AND_PETS)


def test_the_privacy_policy_keeps_its_sub_headings_and_drops_its_repeated_title():
    privacy = policy_section(PolicySection.PRIVACY)
    assert privacy.startswith("This Privacy Policy describes")
    assert "\n\nContact Us\n\n" in privacy
    assert "Changes to this Privacy Policy" in privacy
    assert "PRIVACY POLICY" not in privacy


def test_paragraphs_are_separated_by_one_blank_line():
    appointment = policy_section(PolicySection.APPOINTMENT)
    assert len(appointment.split("\n\n")) == 4
    assert "\n\n\n" not in appointment


def test_an_unknown_heading_is_refused():
    with pytest.raises(ValueError):
        policy_section("Cancellation Policy")  # the clinic spells it with one l


def test_sections_of_any_text():
    text = "Refund Policy\n\nNone.\n\n\nCancelation Policy\n  Call us.  \nOr email.\n"
    assert split_into_sections(text) == {
        PolicySection.REFUND: "None.",
        PolicySection.CANCELATION: "Call us.\n\nOr email.",
    }


def test_the_version_names_exactly_this_text():
    assert re.fullmatch(r"sha256:[0-9a-f]{12}", POLICY_VERSION)
    assert len(POLICY_VERSION) <= 40  # appointment.policy_version is a String(40)
    assert POLICY_VERSION == version_of(PUBLISHED_POLICIES)
    assert version_of(PUBLISHED_POLICIES.replace("$75", "$85")) != POLICY_VERSION


def test_the_version_does_not_depend_on_line_endings_on_disk(tmp_path):
    crlf = tmp_path / "published-policies.txt"
    crlf.write_bytes(PUBLISHED_POLICIES.replace("\n", "\r\n").encode("utf-8"))
    assert version_of(crlf.read_text(encoding="utf-8")) == POLICY_VERSION


def test_a_version_is_named_for_the_client_by_the_day_it_came_in_force():
    assert version_label(date(2026, 11, 25)) == "Policies of November 25, 2026"
    assert version_label(date(2027, 3, 1)) == "Policies of March 1, 2027"  # no leading zero
    assert version_label(None) == "Policies as published today"
