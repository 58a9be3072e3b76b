"""The clinic's own words for its emails: a manager's template used from the next message on,
a placeholder the desk does not fill refused by name, a preview before saving."""

import pytest

from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.mail.confirmation_email import preview_confirmation
from medspa_desk.services.mail.mail_templates import (
    mail_templates,
    save_template,
    shipped_template,
)
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.storage.models import Client, OutgoingMessage
from tests.approvals import as_front_desk, as_manager
from tests.services.booked_visits import booked
from tests.services.conftest import one

OURS = "Hi $first_name! See you $day at $time for $service.\n\n$cancellation_policy\n"


def test_the_shipped_templates_until_the_clinic_writes_its_own(desk):
    assert [(t.name, t.shipped) for t in mail_templates(desk)] == [
        ("confirmation.txt", True),
        ("confirmation.html", True),
    ]


def test_a_managers_template_is_used_for_the_next_message(desk, clinic):
    save_template(as_manager(desk), "confirmation.txt", OURS)
    with desk.db.writing() as session:
        session.get(Client, clinic.emma).email = "emma@example.com"
    appointment_id = booked(desk, clinic)

    text = one(desk, OutgoingMessage, appointment_id=appointment_id).text_body
    assert text.startswith("Hi Emma! See you Thu Jun 11 at 10:00 AM for Botox: frown lines.")
    assert "$75 late cancellation fee" in text
    assert not mail_templates(desk)[0].shipped


def test_an_empty_template_brings_the_shipped_one_back(desk):
    manager = as_manager(desk)
    save_template(manager, "confirmation.txt", OURS)
    save_template(manager, "confirmation.txt", "")
    assert mail_templates(desk)[0].text == shipped_template("confirmation.txt")


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Hello $firstname", r"The desk does not fill \$firstname"),
        ("Costs $ 75", r"A \$ must start a placeholder"),
        ("Pay with 4111 1111 1111 1111", "card number"),
    ],
)
def test_what_could_not_be_filled_is_refused_and_nothing_kept(desk, text, sentence):
    with pytest.raises(DeskRefusal, match=sentence):
        save_template(as_manager(desk), "confirmation.txt", text)
    assert mail_templates(desk)[0].shipped


def test_the_front_desk_cannot_change_the_templates(desk):
    with pytest.raises(PermissionNeeded):
        save_template(as_front_desk(desk), "confirmation.txt", OURS)


def test_a_preview_fills_a_made_up_booking_and_escapes_the_html(desk):
    text, html = preview_confirmation(
        desk, OURS, "<p>$first_name &amp; $clinic_name</p>$late_policy"
    )
    assert text.startswith("Hi Sarah! See you ")
    assert html.startswith("<p>Sarah &amp; 406MedicalSpa</p><p>Arriving late")
    with pytest.raises(DeskRefusal, match=r"\$nme"):
        preview_confirmation(desk, "$nme", "")
