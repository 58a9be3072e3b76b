"""Moving in: clients from the old system's export, on a real SQLite file.

Each file is made by the test in a shape a real export has; the import is judged by what the
books hold afterwards, and by what a second import of the same file changes (nothing)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from medspa_desk.domain.import_columns import ImportKind, guess_mapping
from medspa_desk.domain.import_problems import ProblemKind, Resolution
from medspa_desk.domain.marketing_consent import ConsentChannel, ConsentSource
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.records import ClientEdit, create_client
from medspa_desk.services.moving_in.import_files import FileUnreadable, read_import_file
from medspa_desk.services.moving_in.import_plan import ImportChoices, RowAction, report_csv
from medspa_desk.services.moving_in.imports import preview_import, run_import
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.storage.models import (
    AuditEntry,
    Client,
    ClientChange,
    ImportBatch,
    ImportedRecord,
    MarketingConsent,
)
from tests.services.conftest import count_rows, fetch, one
from tests.services.export_files import write_csv, write_xlsx

MINDBODY_HEADERS = [
    "Client ID",
    "First Name",
    "Last Name",
    "Mobile Phone",
    "Home Phone",
    "Email Address",
    "Birthday",
    "Address Line 1",
    "City",
    "State",
    "Zip",
    "Notes",
    "Email Opt In",
    "SMS Opt In",
    "Date Added",
]


@pytest.fixture
def manager(desk, clinic):
    return replace(desk, staff_id=clinic.amber)


def _import(desk, path, **resolutions):
    table = read_import_file(path)
    choices = ImportChoices(
        guess_mapping(ImportKind.CLIENTS, table.headers),
        {ProblemKind(kind.replace("_", "-")): Resolution(r) for kind, r in resolutions.items()},
    )
    return table, choices, run_import(desk, ImportKind.CLIENTS, table, choices)


def _client(desk, **where) -> Client:
    return one(desk, Client, **where)


def test_a_mindbody_export_comes_in_as_clients_of_this_desk(manager, tmp_path):
    path = write_csv(
        tmp_path / "clients.csv",
        MINDBODY_HEADERS,
        [
            [
                "MB-1001",
                "Zoë",
                "Núñez",
                "(406) 555-0142",
                "406.555.0199",
                "Zoe@Example.com",
                "3/4/1985",
                "12 Main St",
                "Kalispell",
                "MT",
                "59901",
                "Prefers mornings\nSensitive skin",
                "Yes",
                "No",
                "06/15/2019",
            ],
            [
                "MB-1002",
                "Renée",
                "O'Brien",
                "+1 406 555 0177",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "opted in",
                "",
            ],
        ],  # fmt: skip
        bom=True,
    )
    _table, _choices, result = _import(manager, path)
    assert result.summary == "2 added, 0 merged, 0 already imported, 0 skipped"
    zoe = _client(manager, email="Zoe@example.com")
    assert (zoe.first_name, zoe.last_name, zoe.phone_e164) == ("Zoë", "Núñez", "+14065550142")
    assert zoe.birthday == date(1985, 3, 4)
    assert zoe.address == "12 Main St, Kalispell, MT 59901"
    assert zoe.notes == "Prefers mornings\nSensitive skin\nOther phone: 406.555.0199"
    assert zoe.created_at.date() == date(2019, 6, 15)
    assert zoe.search_name == "zoe nunez"
    consents = {c.channel: c for c in fetch(manager, MarketingConsent, client_id=zoe.id)}
    assert {channel: c.granted for channel, c in consents.items()} == {
        ConsentChannel.EMAIL: True,
        ConsentChannel.SMS: False,
    }
    email = consents[ConsentChannel.EMAIL]
    assert email.source is ConsentSource.IMPORTED
    assert email.note == "imported from clients.csv on 2026-06-10"
    renee = _client(manager, last_name="O'Brien")
    assert renee.phone_e164 == "+14065550177" and renee.email is None
    assert [c.channel for c in fetch(manager, MarketingConsent, client_id=renee.id)] == [
        ConsentChannel.SMS
    ]  # an empty opt-in column is not a no: nothing recorded for email
    batch = one(manager, ImportBatch)
    assert (batch.kind, batch.rows_read, batch.rows_added, batch.file_name) == (
        ImportKind.CLIENTS, 2, 2, "clients.csv",
    )  # fmt: skip
    audit = fetch(manager, AuditEntry, action="import.clients")
    assert len(audit) == 1 and audit[0].subject == f"import_batch:{batch.id}"
    assert "Zo" not in audit[0].detail and "555" not in audit[0].detail  # ids only


def test_the_same_export_imported_again_changes_nothing(manager, tmp_path):
    rows = [
        [f"{n}", f"First{n}", "Last", f"(406) 555-{n:04d}", f"c{n}@example.com"]
        for n in range(1, 40)
    ]
    path = write_csv(tmp_path / "clients.csv", ["ID", "First", "Last", "Phone", "Email"], rows)
    _import(manager, path)
    before = {
        model: count_rows(manager, model)
        for model in (Client, ImportBatch, ImportedRecord, AuditEntry)
    }
    _table, _choices, again = _import(manager, path)
    assert again.batch_id is None
    assert again.summary == "0 added, 0 merged, 39 already imported, 0 skipped"
    after = {model: count_rows(manager, model) for model in before}
    assert after == before


def test_a_fresher_export_brings_in_only_the_new_clients(manager, tmp_path):
    headers = ["Client ID", "First Name", "Last Name", "Email"]
    first = [["7", "Ada", "Lovelace", "ada@example.com"]]
    _import(manager, write_csv(tmp_path / "monday.csv", headers, first))
    fresher = first + [["8", "Grace", "Hopper", "grace@example.com"]]
    _table, _choices, result = _import(
        manager, write_csv(tmp_path / "friday.csv", headers, fresher)
    )
    assert result.summary == "1 added, 0 merged, 1 already imported, 0 skipped"
    assert [c.first_name for c in fetch(manager, Client, last_name="Lovelace")] == ["Ada"]


def test_a_file_without_ids_is_recognised_again_by_its_people(manager, tmp_path):
    path = write_csv(tmp_path / "c.csv", ["Full Name", "Phone"], [["Núñez, Zoë", "4065550142"]])
    _import(manager, path)
    _table, _choices, again = _import(manager, path)
    assert again.summary == "0 added, 0 merged, 1 already imported, 0 skipped"
    assert _client(manager, phone_e164="+14065550142").first_name == "Zoë"


def test_windows_1252_semicolons_and_blank_lines(manager, tmp_path):
    path = write_csv(
        tmp_path / "old-pc.csv",
        ["Client ID", "Full Name", "Cell", "Birthdate"],
        [
            ["1", "Zoë Núñez", "406-555-0142", "1985-03-04"],
            ["2", "François Lefèvre", "4065550143", "12/25/1970"],
            ["3", "Siobhán Ó Briain", "(406)5550144", "1/2/03"],
        ],  # fmt: skip
        encoding="cp1252",
        delimiter=";",
        blank_lines=True,
    )
    table = read_import_file(path)
    assert table.encoding == "cp1252" and len(table.rows) == 3
    assert manager.client_index.search("nunez") == []  # read before the import
    _table, _choices, result = _import(manager, path)
    assert result.summary == "3 added, 0 merged, 0 already imported, 0 skipped"
    names = {(c.first_name, c.last_name) for c in fetch(manager, Client) if c.phone_e164}
    assert names == {("Zoë", "Núñez"), ("François", "Lefèvre"), ("Siobhán Ó", "Briain")}
    assert _client(manager, first_name="Siobhán Ó").birthday == date(2003, 1, 2)
    assert [hit.name for hit in manager.client_index.search("nunez")] == ["Zoë Núñez"]


def test_an_excel_workbook_with_date_and_number_cells(manager, tmp_path):
    path = write_xlsx(
        tmp_path / "clients.xlsx",
        ["Customer ID", "First Name", "Last Name", "Mobile", "Date of Birth", "Client Since"],
        [[501, "Ava", "Moreau", 4065550150, date(1990, 7, 1), date(2018, 2, 3)]],
    )
    table = read_import_file(path)
    assert table.rows[0][:4] == ("501", "Ava", "Moreau", "4065550150")
    _import(manager, path)
    ava = _client(manager, last_name="Moreau")
    assert (ava.phone_e164, ava.birthday, ava.created_at.date()) == (
        "+14065550150", date(1990, 7, 1), date(2018, 2, 3),
    )  # fmt: skip
    assert one(manager, ImportedRecord).old_id == "501"


def _problem_file(tmp_path):
    return write_csv(
        tmp_path / "problems.csv",
        [
            "Client ID",
            "First Name",
            "Last Name",
            "Mobile Phone",
            "Email",
            "Birthday",
            "Notes",
            "Email Opt In",
        ],
        [
            ["1", "Good", "Row", "4065550101", "good@example.com", "1980-01-01", "", "yes"],
            ["2", "Bad", "Phone", "123", "badphone@example.com", "", "", ""],
            ["3", "Bad", "Email", "", "not-an-email@", "", "", ""],
            ["4", "Card", "Note", "", "", "", "paid with 4111 1111 1111 1111", ""],
            ["5", "Bad", "Birthday", "", "", "31/31/1990", "", ""],
            ["6", "Future", "Birthday", "", "", "2030-01-01", "", ""],
            ["7", "Good", "Row", "4065550101", "", "", "", ""],  # row 2's person again
            ["8", "", "", "4065550199", "", "", "", ""],
            ["9", "Emma", "Here", "", "emma.here@example.com", "", "", "maybe"],
        ],
    )


def test_every_problem_is_listed_row_by_row_before_anything_is_written(manager, tmp_path):
    create_client(manager, ClientEdit("Emma", "Here", email="emma.here@example.com"))
    table = read_import_file(_problem_file(tmp_path))
    choices = ImportChoices(guess_mapping(ImportKind.CLIENTS, table.headers))
    before = count_rows(manager, Client)
    plan = preview_import(manager, ImportKind.CLIENTS, table, choices)
    assert count_rows(manager, Client) == before
    found = {(p.row_number, p.kind, p.field) for p in plan.problems}
    assert found == {
        (3, ProblemKind.INVALID_PHONE, "phone"),
        (4, ProblemKind.INVALID_EMAIL, "email"),
        (5, ProblemKind.CARD_NUMBER, "notes"),
        (6, ProblemKind.UNREADABLE_DATE, "birthday"),
        (7, ProblemKind.UNREADABLE_DATE, "birthday"),
        (8, ProblemKind.DUPLICATE_IN_FILE, ""),
        (9, ProblemKind.MISSING_NAME, "first_name"),
        (10, ProblemKind.ALREADY_A_CLIENT, ""),
        (10, ProblemKind.UNREADABLE_CONSENT, "consent_email"),
    }
    actions = {row.row_number: row.action for row in plan.rows}
    # The defaults: a wrong field is left out, a person seen before is merged, no name skips.
    assert actions == {
        2: RowAction.ADD, 3: RowAction.ADD, 4: RowAction.ADD, 5: RowAction.ADD,
        6: RowAction.ADD, 7: RowAction.ADD, 8: RowAction.MERGE, 9: RowAction.SKIP,
        10: RowAction.MERGE,
    }  # fmt: skip
    card_row = next(row for row in plan.rows if row.row_number == 5)
    assert card_row.stored["notes"] == ""  # never shown back, never stored
    assert "4111" not in str(plan)


def test_the_chosen_resolutions_are_what_is_written(manager, tmp_path):
    emma_id = create_client(manager, ClientEdit("Emma", "Here", email="emma.here@example.com"))
    _table, _choices, result = _import(
        manager,
        _problem_file(tmp_path),
        invalid_phone="skip",
        duplicate_in_file="import-anyway",
        already_a_client="merge",
    )
    assert result.summary == "6 added, 1 merged, 0 already imported, 2 skipped"
    assert fetch(manager, Client, last_name="Phone") == []  # skipped, as chosen
    assert _client(manager, last_name="Email").email is None  # imported without it
    assert _client(manager, last_name="Note").notes == ""
    assert len(fetch(manager, Client, last_name="Row")) == 2  # added as two, as chosen
    assert len(fetch(manager, Client, first_name="Emma", last_name="Here")) == 1
    assert not any("4111" in (c.notes or "") for c in fetch(manager, Client))
    report = list(csv.reader(io.StringIO(report_csv(result.plan).decode("utf-8-sig"))))
    assert report[0] == ["Row", "Outcome", "Problem", "Field", "What was found", "What was done"]
    by_row = {line[0]: line for line in report[1:]}
    assert by_row["3"][1:3] == ["Skipped", "Phone number not valid"]
    assert by_row["4"][1] == "Added" and by_row["4"][5] == "Imported without this field."
    assert (
        by_row["10"][1] == "Merged" and by_row["10"][5] == f"Merged with client number {emma_id}."
    )
    assert "4111" not in report_csv(result.plan).decode("utf-8-sig")


def test_merging_fills_in_what_the_client_here_lacks_and_overwrites_nothing(manager, tmp_path):
    kept = create_client(
        manager, ClientEdit("Emma", "Here", email="emma.here@example.com", notes="VIP")
    )
    path = write_csv(
        tmp_path / "c.csv",
        ["Client ID", "First Name", "Last Name", "Email", "Mobile", "Birthday", "Notes"],
        [["E1", "Emma", "Here", "emma.here@example.com", "4065550111", "1979-05-06", "old note"]],
    )
    _import(manager, path)
    emma = _client(manager, id=kept)
    assert (emma.phone_e164, emma.birthday, emma.notes) == ("+14065550111", date(1979, 5, 6), "VIP")
    changes = {
        c.field: (c.old_value, c.new_value) for c in fetch(manager, ClientChange, client_id=kept)
    }
    assert changes == {"phone": ("", "+14065550111"), "birthday": ("", "1979-05-06")}
    assert one(manager, ImportedRecord).record_id == kept
    _table, _choices, again = _import(manager, path)
    assert again.summary == "0 added, 0 merged, 1 already imported, 0 skipped"


def test_only_a_manager_imports_and_a_refusal_saves_nothing(desk, tmp_path):
    path = write_csv(tmp_path / "c.csv", ["First Name"], [["Ada"]])
    before = count_rows(desk, Client)
    with pytest.raises(PermissionNeeded, match="Only a manager can import records"):
        _import(desk, path)
    assert count_rows(desk, Client) == before and count_rows(desk, ImportBatch) == 0


def test_a_file_that_cannot_name_its_clients_is_refused(manager, tmp_path):
    path = write_csv(tmp_path / "c.csv", ["Email"], [["a@example.com"]])
    with pytest.raises(Exception, match="needs a column for First Name or Full Name"):
        _import(manager, path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\xff\xfe\x00" * 10, "not a CSV"),
        (b"PK\x03\x04junk", "not an Excel"),
    ],
)
def test_files_that_are_not_exports_are_refused_in_words(tmp_path, content, message):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(FileUnreadable, match=message):
        read_import_file(path)


def test_a_quoted_note_with_line_breaks_and_delimiters_stays_one_field(tmp_path):
    path = write_csv(
        tmp_path / "c.csv",
        ["First Name", "Notes"],
        [["Ada", "line one; with a semicolon\nline two, with a comma"], ["Bo", ""]],
    )
    table = read_import_file(path)
    assert table.rows == (("Ada", "line one; with a semicolon\nline two, with a comma"), ("Bo", ""))
    assert table.row_numbers == (2, 3)


def test_an_anonymized_client_leaves_no_old_id_behind(manager, tmp_path, clinic):
    _import(manager, write_csv(tmp_path / "c.csv", ["Client ID", "First Name"], [["MB-77", "Ada"]]))
    ada = _client(manager, first_name="Ada")
    anonymize_client(manager, ada.id, reason="Asked by email")
    with manager.db.reading() as session:
        assert session.scalars(select(ImportedRecord.old_id)).all() == []
