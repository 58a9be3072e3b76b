"""Adding and editing clients, their card on file, and merging two records of one person:
every problem said under its field, nothing saved while anything is wrong."""

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
)

from medspa_desk.domain.card_numbers import CARD_NUMBER_REFUSAL
from medspa_desk.services.clients.profile import client_profile
from tests.ui.conftest import approve_in_prompt, book, find, named

CARD_NUMBER = "4111 1111 1111 1111"  # Visa's test number: passes the Luhn check


def _click(qtbot, root, name: str) -> None:
    qtbot.mouseClick(find(root, name, QPushButton), Qt.MouseButton.LeftButton)


def _fill(qtbot, form, **fields: str) -> None:
    for name, text in fields.items():
        line = find(form, name.replace("_", " ").capitalize(), QLineEdit)
        line.clear()
        qtbot.keyClicks(line, text)


def _problem(form, name: str) -> str:
    label = named(form, f"{name} problem", QLabel)
    return label.text() if label.isVisible() else ""


def test_a_bad_phone_and_a_bad_email_are_both_said_and_nothing_is_saved(
    qtbot, clients_view, desk, jose
):
    clients_view.open_client(jose.client_id)
    form = clients_view.profile.edit_client()
    _fill(qtbot, form, first_name="Joseph", phone="555", email="jose@")
    _click(qtbot, form, "Save client")

    assert _problem(form, "Phone") == "“555” is not a valid phone number: check the digits."
    assert _problem(form, "Email").startswith("“jose@” is not an email address")
    assert _problem(form, "First name") == ""
    assert form.isVisible()
    details = client_profile(desk, jose.client_id).details
    assert (details.first_name, details.phone_e164, details.email) == (
        "José",
        "+14065551234",
        "jose.nunez@example.com",
    )


def test_a_card_number_in_the_notes_is_refused(qtbot, clients_view, desk, jose):
    clients_view.open_client(jose.client_id)
    form = clients_view.profile.edit_client(start_at="notes")
    notes = find(form, "Notes", QPlainTextEdit)
    qtbot.waitUntil(notes.hasFocus)
    qtbot.keyClicks(notes, f"Paid with {CARD_NUMBER}")
    _click(qtbot, form, "Save client")

    assert _problem(form, "Notes") == CARD_NUMBER_REFUSAL
    assert client_profile(desk, jose.client_id).details.notes == ""


def test_a_birthday_that_is_not_a_date_is_said_with_the_other_problems(qtbot, clients_view, jose):
    clients_view.open_client(jose.client_id)
    form = clients_view.profile.edit_client()
    _fill(qtbot, form, birthday="13/45/1990", last_name="")
    _click(qtbot, form, "Save client")
    assert (
        _problem(form, "Birthday")
        == "“13/45/1990” is not a date: write it as month/day/year, like 04/27/1988."
    )
    assert _problem(form, "Last name") == "Enter the client's last name."


def test_an_edit_is_saved_shown_and_kept_in_the_history(qtbot, clients_view, jose):
    clients_view.open_client(jose.client_id)
    qtbot.keyClick(
        find(clients_view, "Client results"), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
    )
    form = find(clients_view, "Edit client form", QDialog)
    _fill(qtbot, form, phone="406 555 0000", birthday="04/27/1988")
    _click(qtbot, form, "Save client")

    assert not form.isVisible()
    assert find(clients_view, "Client phone").text() == "(406) 555-0000"
    assert find(clients_view, "Client birthday").text() == "Apr 27, 1988 (age 38)"
    history = named(clients_view, "Changes to the record").model()
    rows = {
        history.data(history.index(row, 1)): (
            history.data(history.index(row, 2)),
            history.data(history.index(row, 3)),
        )
        for row in range(history.rowCount())
    }
    assert rows == {"Phone": ("(406) 555-1234", "(406) 555-0000"), "Birthday": ("", "Apr 27, 1988")}
    results = find(clients_view, "Client results").model()
    assert results.data(results.index(results.row_of(jose.client_id), 1)) == "(406) 555-0000"


def test_the_preferred_contact_is_chosen_saved_and_shown_again(qtbot, clients_view, desk, jose):
    clients_view.open_client(jose.client_id)
    form = clients_view.profile.edit_client()
    preferred = find(form, "Preferred contact", QComboBox)
    assert preferred.currentText() == "Not said"
    preferred.setFocus()
    qtbot.keyClicks(preferred, "Text")
    _click(qtbot, form, "Save client")

    assert not form.isVisible()
    assert client_profile(desk, jose.client_id).details.preferred_channel == "sms"
    again = clients_view.profile.edit_client()
    assert find(again, "Preferred contact", QComboBox).currentText() == "Text"


def test_email_preferred_without_an_email_is_said_under_it(qtbot, clients_view, desk, jose):
    clients_view.open_client(jose.client_id)
    form = clients_view.profile.edit_client()
    _fill(qtbot, form, email="")
    preferred = find(form, "Preferred contact", QComboBox)
    preferred.setFocus()
    qtbot.keyClicks(preferred, "Email")
    _click(qtbot, form, "Save client")

    assert _problem(form, "Preferred contact").startswith("Add an email address")
    assert client_profile(desk, jose.client_id).details.preferred_channel is None


def test_a_duplicate_phone_is_pointed_out_before_the_client_is_added(
    qtbot, clients_view, desk, jose
):
    form = clients_view.open_new_client()
    _fill(qtbot, form, first_name="Joe", last_name="Smith", phone="(406) 555-1234")
    _click(qtbot, form, "Save client")

    duplicates = find(form, "Possible duplicates")
    assert duplicates.isVisible()
    table = find(form, "Possible duplicate records").model()
    assert [table.data(table.index(0, column)) for column in range(4)] == [
        "José Núñez",
        "(406) 555-1234",
        "jose.nunez@example.com",
        "same phone",
    ]
    assert [match.name for match in desk.client_index.search("smith")] == []  # nothing added yet

    _click(qtbot, form, "Create anyway")
    assert not form.isVisible()
    assert find(clients_view, "Client name").text() == "Joe Smith"
    assert [match.name for match in desk.client_index.search("smith")] == ["Joe Smith"]


def test_open_existing_opens_the_duplicate_instead_of_adding_one(qtbot, clients_view, desk, jose):
    form = clients_view.open_new_client()
    _fill(qtbot, form, first_name="Jose", last_name="Nunez", email="JOSE.NUNEZ@example.com")
    _click(qtbot, form, "Save client")
    _click(qtbot, form, "Open existing")

    assert not form.isVisible()
    assert find(clients_view, "Client name").text() == "José Núñez"
    assert [match.name for match in desk.client_index.search("nunez")] == ["José Núñez"]


def test_a_new_client_with_problems_saves_nothing(qtbot, clients_view, desk):
    form = clients_view.open_new_client()
    _fill(qtbot, form, first_name="Zoe", phone="12")
    _click(qtbot, form, "Save client")
    assert _problem(form, "Last name") == "Enter the client's last name."
    assert _problem(form, "Phone") != ""
    assert [match.name for match in desk.client_index.search("zoe")] == []


def _card_form(clients_view, jose):
    clients_view.open_client(jose.client_id)
    return clients_view.profile.add_card()


def test_a_card_added_shows_its_brand_and_last_four(qtbot, clients_view, jose):
    form = _card_form(clients_view, jose)
    brand = find(form, "Card brand", QComboBox)
    brand.setCurrentText("Mastercard")
    _fill(
        qtbot,
        form,
        last_four_digits="5454",
        cardholder_name="Jose Nunez",
        terminal_reference="tok_55",
    )
    find(form, "Expiry month", QComboBox).setCurrentText("08")
    find(form, "Expiry year", QComboBox).setCurrentText("2029")
    _click(qtbot, form, "Save card")

    assert not form.isVisible()
    assert find(clients_view, "Card on file").text() == "Mastercard ending 5454, expires 08/2029"
    assert all(
        "Card on file expired" not in chip.text()
        for chip in find(clients_view, "Client alerts").findChildren(QLabel)
    )


def test_a_card_number_typed_for_the_last_four_is_refused(qtbot, clients_view, jose):
    form = _card_form(clients_view, jose)
    find(form, "Card brand", QComboBox).setCurrentText("Visa")
    _fill(qtbot, form, last_four_digits=CARD_NUMBER, terminal_reference="tok_1")
    _click(qtbot, form, "Save card")

    assert _problem(form, "Last four digits") == CARD_NUMBER_REFUSAL
    assert find(clients_view, "Card on file").text() == "Visa ending 4242, expired 10/2026"


def test_a_card_without_expiry_says_so_under_the_expiry(qtbot, clients_view, jose):
    form = _card_form(clients_view, jose)
    find(form, "Card brand", QComboBox).setCurrentText("Visa")
    _fill(qtbot, form, last_four_digits="1111", terminal_reference="tok_1")
    _click(qtbot, form, "Save card")
    assert _problem(form, "Expiry") == "The expiry month is a number from 1 to 12."


def test_merging_a_duplicate_moves_its_visits_here(qtbot, clients_view, desk, db, clinic, jose):
    copy = _add_duplicate(qtbot, clients_view)
    book(
        db,
        client=copy,
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=date(2026, 12, 9),
        starts=time(9),
        minutes=60,
    )
    clients_view.open_client(jose.client_id)
    dialog = clients_view.profile.merge_duplicate()
    candidates = find(dialog, "Other record").model()
    assert candidates.client_id_at(0) == copy
    merge = find(dialog, "Merge", QPushButton)
    assert merge.text() == f"Merge #{copy} into #{jose.client_id}"

    _click(qtbot, dialog, "Merge")  # no reason yet
    assert _problem(dialog, "Merge") == "Say why these two records are the same person."
    assert dialog.isVisible()

    qtbot.keyClicks(find(dialog, "Merge reason", QLineEdit), "Same phone, same person; typed twice")
    _click(qtbot, dialog, "Merge")
    approve_in_prompt(qtbot, dialog)  # Lena is signed in: Nora approves
    assert not dialog.isVisible()
    assert [match.client_id for match in desk.client_index.search("jose")] == [jose.client_id]
    history = named(clients_view, "Changes to the record").model()
    assert "Merged in client #" in [
        history.data(history.index(row, 1)) for row in range(history.rowCount())
    ]
    assert find(clients_view, "Profile sections", QTabWidget).tabText(1) == "Appointments (7)"
    upcoming = named(clients_view, "Upcoming appointments").model()
    assert upcoming.data(upcoming.index(2, 2)) == "HydraFacial"


def _add_duplicate(qtbot, clients_view) -> int:
    form = clients_view.open_new_client()
    _fill(qtbot, form, first_name="Jose", last_name="Nunez", phone="406-555-1234")
    _click(qtbot, form, "Save client")
    _click(qtbot, form, "Create anyway")
    return clients_view.profile.client_id
