"""Marketing consent and the privacy rights on the profile: opt-in and opt-out, a STOP reply,
the client's data saved as JSON, CSV or PDF, and the deletion of their personal data."""

import csv
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.services.clients.marketing_consent import marketing_allowed
from medspa_desk.storage.models import Appointment
from tests.pdf_text import pdf_text
from tests.ui.conftest import NOW, approve_in_prompt, find, named
from tests.ui.gestures import go_to


@pytest.fixture
def profile(clients_view, jose):
    clients_view.open_client(jose.client_id)
    return clients_view


def _click(qtbot, root: QWidget, name: str) -> None:
    go_to(qtbot, named(root, name, QPushButton))  # its tab first, as a person would
    qtbot.mouseClick(find(root, name, QPushButton), Qt.MouseButton.LeftButton)


def _consent(view, channel: str) -> str:
    return named(view, f"{channel} consent", QLabel).text()


def test_consent_shows_each_channel_with_its_date_and_source(profile):
    assert _consent(profile, "Email") == "Yes, since Jan 6, 2025 (on a signed form)"
    assert _consent(profile, "SMS") == "Never asked: no marketing until they say yes"
    assert _consent(profile, "Phone") == "Never asked: no marketing until they say yes"


def test_an_opt_out_at_the_desk_changes_the_consent_shown(qtbot, profile, desk, jose):
    _click(qtbot, profile, "Email opt out")
    assert _consent(profile, "Email") == "No, since Nov 25, 2026 (said at the desk)"
    assert not marketing_allowed(desk, jose.client_id, "email")


def test_an_opt_in_on_a_form_is_recorded_as_from_the_form(qtbot, profile, desk, jose):
    go_to(qtbot, named(profile, "Consent source", QComboBox))
    find(profile, "Consent source", QComboBox).setCurrentIndex(1)
    _click(qtbot, profile, "Phone opt in")
    assert _consent(profile, "Phone") == "Yes, since Nov 25, 2026 (on a signed form)"
    assert marketing_allowed(desk, jose.client_id, "phone")


def _reply(qtbot, view, text: str) -> QDialog:
    _click(qtbot, view, "Record SMS reply")
    dialog = find(view, "SMS reply", QDialog)
    qtbot.keyClicks(find(dialog, "Reply text", QLineEdit), text)
    _click(qtbot, dialog, "Record reply")
    return dialog


def test_a_stop_reply_opts_the_client_out_of_marketing_texts(qtbot, profile, desk, jose):
    _click(qtbot, profile, "SMS opt in")
    assert _consent(profile, "SMS").startswith("Yes")

    dialog = _reply(qtbot, profile, " Stop! ")
    assert not dialog.isVisible()
    assert _consent(profile, "SMS") == "No, since Nov 25, 2026 (replied “Stop!” to a text)"
    assert find(profile, "SMS consent", QLabel).toolTip() == "Recorded 10:12 AM: “Stop!”"
    assert not marketing_allowed(desk, jose.client_id, "sms")


def test_a_reply_that_is_not_an_opt_out_records_nothing(qtbot, profile):
    dialog = _reply(qtbot, profile, "stop by at 3?")
    assert dialog.isVisible()
    assert (
        find(dialog, "Reply problem", QLabel).text().startswith("“stop by at 3?” is not an opt-out")
    )
    assert _consent(profile, "SMS") == "Never asked: no marketing until they say yes"


def _export(qtbot, view, file_format: str, path) -> None:
    privacy = named(view, "Privacy actions")  # its file chooser answered by the test
    chosen = []

    def choose_save_path(suggested, name_filter, then):
        chosen.append((suggested.name, name_filter))
        then(path)

    privacy.choose_save_path = choose_save_path
    _click(qtbot, view, f"Export data ({file_format})")
    assert chosen == [(f"José Núñez - client data.{file_format.lower()}", chosen[0][1])]


def test_export_json_writes_the_clients_appointments(qtbot, profile, tmp_path, jose):
    out = tmp_path / "jose.json"
    _export(qtbot, profile, "JSON", out)

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["client"][0]["last_name"] == "Núñez"
    assert len(data["appointments"]) == 6
    assert jose.next_visit in [
        appointment["appointment_id"] for appointment in data["appointments"]
    ]
    assert find(profile, "Export status", QLabel).text() == f"Saved {out}"
    assert not out.with_name("jose.json.part").exists()


def test_export_csv_opens_in_a_spreadsheet_with_accents_intact(qtbot, profile, tmp_path):
    out = tmp_path / "jose.csv"
    _export(qtbot, profile, "CSV", out)
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["section", "record", "field", "value"]
    assert ["client", "1", "last_name", "Núñez"] in rows


def test_export_pdf_writes_a_pdf(qtbot, profile, tmp_path):
    out = tmp_path / "jose.pdf"
    _export(qtbot, profile, "PDF", out)
    text = pdf_text(out)
    assert "José Núñez" in text and "Neurotoxin" in text, text


def test_an_export_that_cannot_be_written_says_so(qtbot, profile, tmp_path):
    _export(qtbot, profile, "JSON", tmp_path / "no such folder" / "jose.json")
    assert find(profile, "Export problem", QLabel).text().startswith("The file could not be saved")
    assert find(profile, "Export data (JSON)", QPushButton).isEnabled()


def test_anonymizing_asks_for_the_reason_and_keeps_the_record_until_confirmed(qtbot, profile, desk):
    _click(qtbot, profile, "Anonymize client")
    dialog = find(profile, "Delete personal data", QDialog)
    _click(qtbot, dialog, "Anonymize")  # no reason given
    assert find(dialog, "Anonymization problem", QLabel).text().startswith("Say why")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert find(profile, "Client name").text() == "José Núñez"
    assert [match.name for match in desk.client_index.search("nunez")] == ["José Núñez"]


def test_anonymizing_removes_the_name_from_the_profile_and_the_search(qtbot, profile, desk, jose):
    _click(qtbot, profile, "Anonymize client")
    dialog = find(profile, "Delete personal data", QDialog)
    qtbot.keyClicks(find(dialog, "Anonymization reason", QLineEdit), "Asked by email on Nov 24")
    assert find(dialog, "Bookings to come", QLabel).text().startswith("2 bookings to come:")
    _click(qtbot, dialog, "Anonymize")
    approve_in_prompt(qtbot, dialog)  # Lena is signed in: Nora approves
    # Nothing is chosen for the desk: what becomes of the two bookings is asked first.
    assert find(dialog, "Anonymization problem", QLabel).text() == (
        "José Núñez has 2 bookings to come: say whether to cancel or keep them."
    )
    assert find(profile, "Client name").text() == "José Núñez"
    qtbot.mouseClick(find(dialog, "Keep bookings to come"), Qt.MouseButton.LeftButton)
    _click(qtbot, dialog, "Anonymize")
    approve_in_prompt(qtbot, dialog)

    assert not dialog.isVisible()
    assert find(profile, "Client name").text() == f"Anonymized client #{jose.client_id}"
    assert named(profile, "Client phone").text() == "—"
    alerts = [chip.text() for chip in find(profile, "Client alerts").findChildren(QLabel)]
    assert alerts[0] == "Personal data deleted at the client's request on November 25, 2026"
    assert not named(profile, "Edit client", QPushButton).isEnabled()
    assert not named(profile, "Anonymize client", QPushButton).isEnabled()
    upcoming = named(profile, "Upcoming appointments").model()
    assert upcoming.rowCount() == 2  # the visits stay, for the calendar and the books

    box = find(profile, "Search clients", QLineEdit)
    qtbot.keyClicks(box, "nunez")
    qtbot.waitUntil(lambda: find(profile, "Result count").text().startswith("No client matches"))
    assert desk.client_index.search("nunez") == []
    results = find(profile, "Client results").model()
    box.clear()
    qtbot.waitUntil(lambda: results.row_of(jose.client_id) is not None)
    assert (
        results.data(results.index(results.row_of(jose.client_id), 0))
        == f"Anonymized client #{jose.client_id}"
    )


def test_without_a_chooser_given_a_save_dialog_asks_where(qtbot, profile, tmp_path):
    _click(qtbot, profile, "Export data (JSON)")
    dialog = find(profile, "Save client data", QFileDialog)
    assert dialog.isVisible()
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert dialog.selectedFiles()[0].endswith("José Núñez - client data.json")
    dialog.reject()
    assert find(profile, "Export status", QLabel).text() == ""


def test_bookings_to_come_may_be_cancelled_with_the_deletion(qtbot, profile, db, jose):
    _click(qtbot, profile, "Anonymize client")
    dialog = find(profile, "Delete personal data", QDialog)
    qtbot.keyClicks(find(dialog, "Anonymization reason", QLineEdit), "Asked at the desk")
    qtbot.mouseClick(find(dialog, "Cancel bookings to come"), Qt.MouseButton.LeftButton)
    _click(qtbot, dialog, "Anonymize")
    approve_in_prompt(qtbot, dialog)
    assert not dialog.isVisible()
    with db.reading() as session:
        statuses = session.scalars(
            select(Appointment.status).where(
                Appointment.client_id == jose.client_id, Appointment.ends_at > NOW
            )
        ).all()
    assert statuses and set(statuses) == {AppointmentStatus.CANCELLED_BY_CLINIC}
    assert named(profile, "Upcoming appointments").model().rowCount() == 0
