"""Clinic set-up's Moving in page: a real export chosen in a file dialog, its columns guessed,
its first rows and every problem shown before anything is written, a choice per kind of
problem made with the keys, old names matched to this clinic's, imported or cancelled."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QPushButton, QTableWidget, QTabWidget
from sqlalchemy import func, select

from medspa_desk.services.moving_in.books_export import ExportFormat, ExportKind
from medspa_desk.storage.models import Appointment, Client, ImportBatch
from medspa_desk.ui.background_work import run_at_once
from medspa_desk.ui.clinic_setup.moving_in_page import MovingInPage
from medspa_desk.ui.desk_actions import DeskActions
from tests.services.export_files import write_csv
from tests.ui.conftest import find, named

CLIENTS = ["Client ID", "First Name", "Last Name", "Mobile Phone", "Email"]


def _clients_file(tmp_path):
    return write_csv(
        tmp_path / "clients.csv",
        CLIENTS,
        [
            ["C1", "Zoë", "Adler", "(406) 555-0101", "zoe@example.com"],
            ["C2", "Bad", "Phone", "123", ""],
            ["C3", "José", "Núñez", "", "jose.nunez@example.com"],  # already a client here
        ],
        encoding="cp1252",
        delimiter=";",
    )


def _page(qtbot, desk, runner=run_at_once):
    actions = DeskActions()
    page = MovingInPage(desk, actions, runner=runner)
    qtbot.addWidget(page)
    page.resize(1240, 640)
    page.show()
    return page, actions


def _cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _count(desk, model) -> int:
    with desk.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_the_page_is_in_clinic_set_up(qtbot, window):
    qtbot.mouseClick(find(window, "Clinic set-up"), Qt.MouseButton.LeftButton)
    dialog = find(window, "Clinic set-up", QDialog)
    tabs = find(dialog, "Clinic set-up pages", QTabWidget)
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    tabs.setCurrentIndex(titles.index("Moving in"))
    assert find(dialog, "Moving in").isVisible()


def test_a_file_chosen_in_the_dialog_is_read_and_its_first_rows_shown(
    qtbot, desk, clinic, tmp_path
):
    desk.staff_id = clinic.staff["Nora Quinn"]
    page, _actions = _page(qtbot, desk)
    path = _clients_file(tmp_path)
    before = _count(desk, Client)
    qtbot.mouseClick(named(page, "Choose file", QPushButton), Qt.MouseButton.LeftButton)
    chooser = page.findChild(QFileDialog)
    # open(), not exec(): the dialog is shown and the test, like the window, goes on.
    assert chooser is not None and chooser.isVisible()
    chooser.selectFile(str(path))
    chooser.accept()

    assert page.file_name.text() == "clients.csv: 3 rows (cp1252)"
    column_for_phone = find(page, "Column for Mobile Phone", QComboBox)
    assert column_for_phone.currentText() == "Mobile Phone"
    preview = _cells(find(page, "Import preview", QTableWidget))
    assert preview[0][:4] == ["2", "Added", "Zoë", "Adler"]
    assert preview[1][1] == "Added" and preview[1][-1] == "Phone number not valid"
    assert preview[2][1] == "Merged" and preview[2][-1] == "Already a client here"
    kinds = [row[:2] for row in _cells(find(page, "Problem choices", QTableWidget))]
    assert kinds == [["Phone number not valid", "1"], ["Already a client here", "1"]]
    assert find(page, "Import", QPushButton).text() == "Import 2 new"
    assert _count(desk, Client) == before  # nothing written by looking


def test_a_choice_made_with_the_keys_plans_again_and_the_import_keeps_it(
    qtbot, desk, clinic, tmp_path
):
    desk.staff_id = clinic.staff["Nora Quinn"]
    page, actions = _page(qtbot, desk)
    notices = []
    actions.books_changed.connect(notices.append)
    page.open_file(_clients_file(tmp_path))
    choice = find(page, "What to do: Phone number not valid", QComboBox)
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)  # "Import without that field" -> "Skip the row"
    assert choice.currentText() == "Skip the row"
    assert _cells(find(page, "Import preview", QTableWidget))[1][1] == "Skipped"

    qtbot.mouseClick(find(page, "Import", QPushButton), Qt.MouseButton.LeftButton)

    assert (
        find(page, "Import message")
        .text()
        .startswith("Imported clients.csv: 1 added, 1 merged, 0 already imported, 1 skipped")
    )
    with desk.db.reading() as session:
        names = {tuple(row) for row in session.execute(select(Client.first_name, Client.last_name))}
    assert ("Zoë", "Adler") in names and ("Bad", "Phone") not in names
    assert len(notices) == 1 and notices[0].clinic_set_up


def test_cancelling_an_import_saves_nothing_of_it(qtbot, desk, clinic, tmp_path):
    desk.staff_id = clinic.staff["Nora Quinn"]
    page = None

    def cancel_then_run(work, done, failed):
        if page is not None and page.cancel.isVisible():
            qtbot.mouseClick(page.cancel, Qt.MouseButton.LeftButton)
        run_at_once(work, done, failed)

    page, _actions = _page(qtbot, desk, runner=cancel_then_run)
    page.open_file(_clients_file(tmp_path))
    before = _count(desk, Client)
    qtbot.mouseClick(find(page, "Import", QPushButton), Qt.MouseButton.LeftButton)
    assert find(page, "Import message").text() == "Import cancelled: nothing of the file was saved."
    assert _count(desk, Client) == before and _count(desk, ImportBatch) == 0


def test_the_front_desk_sees_the_plan_but_cannot_import(qtbot, desk, tmp_path):
    page, _actions = _page(qtbot, desk)  # Lena Ross, front desk
    page.open_file(_clients_file(tmp_path))
    start = named(page, "Import", QPushButton)
    assert not start.isEnabled() and "manager" in start.toolTip()
    assert not named(page, "Export", QPushButton).isEnabled()
    assert _cells(find(page, "Import preview", QTableWidget))[0][1] == "Added"


def test_old_names_are_matched_to_this_clinics_and_the_bookings_come_in(
    qtbot, desk, clinic, tmp_path, clock
):
    desk.staff_id = clinic.staff["Nora Quinn"]
    page, _actions = _page(qtbot, desk)
    page.open_file(_clients_file(tmp_path))
    qtbot.mouseClick(find(page, "Import", QPushButton), Qt.MouseButton.LeftButton)
    when = (clock.now().date() + timedelta(days=7)).strftime("%m/%d/%Y")
    bookings = write_csv(
        tmp_path / "bookings.csv",
        ["Appointment ID", "Client ID", "Staff", "Service", "Date", "Time"],
        [["A1", "C1", "Dr. A", "Tox", when, "10:00 AM"]],
    )
    kind = find(page, "What the file holds", QComboBox)
    kind.setCurrentIndex(kind.findText("Future appointments"))
    page.open_file(bookings)
    assert _cells(find(page, "Name mapping", QTableWidget)) == [["Dr. A", ""], ["Tox", ""]]
    for name, own in (("provider for Dr. A", "Ava Thompson"), ("service for Tox", "Neurotoxin")):
        combo = find(page, f"This clinic's {name}", QComboBox)
        combo.setCurrentIndex(combo.findText(own))
    assert _cells(find(page, "Import preview", QTableWidget))[0][1] == "Added"
    qtbot.mouseClick(find(page, "Import", QPushButton), Qt.MouseButton.LeftButton)
    with desk.db.reading() as session:
        provider, service = session.execute(
            select(Appointment.provider_id, Appointment.service_id)
            .join(Client, Client.id == Appointment.client_id)
            .where(Client.first_name == "Zoë", Client.last_name == "Adler")
        ).one()
    assert (provider, service) == (clinic.staff["Ava Thompson"], clinic.services["Neurotoxin"])


def test_the_books_are_exported_where_the_manager_says(qtbot, desk, clinic, tmp_path):
    desk.staff_id = clinic.staff["Nora Quinn"]
    page, _actions = _page(qtbot, desk)
    out = tmp_path / "clients.xlsx"
    page.export_to(ExportKind.CLIENTS, ExportFormat.XLSX, out)
    assert find(page, "Import message").text().endswith("clients exported to clients.xlsx.")
    assert out.read_bytes()[:2] == b"PK" and out.stat().st_mode & 0o077 == 0
