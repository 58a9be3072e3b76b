"""Moving in the visits made before this desk: history on the profile, strikes for the rule,
no longer a "new client" on the calendar; never a sale of this till."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.client_alerts import ClientAlertKind
from medspa_desk.domain.import_columns import ImportKind, guess_mapping
from medspa_desk.domain.import_problems import ProblemKind
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.clients.profile import client_profile
from medspa_desk.services.clients.standing import client_standing
from medspa_desk.services.moving_in.import_files import read_import_file
from medspa_desk.services.moving_in.import_plan import ImportChoices, RowAction
from medspa_desk.services.moving_in.imports import run_import
from medspa_desk.storage.models import Client, ImportedRecord
from medspa_desk.storage.till_models import Sale
from tests.services.conftest import TOMORROW, at, count_rows, one
from tests.services.export_files import write_csv


@pytest.fixture
def manager(desk, clinic):
    return replace(desk, staff_id=clinic.amber)


def _import(desk, kind, path):
    table = read_import_file(path)
    return run_import(desk, kind, table, ImportChoices(guess_mapping(kind, table.headers)))


@pytest.fixture
def regulars(manager, tmp_path):
    """Two clients of the old system: Ada, a regular; Bo, who did not turn up three times."""
    clients = write_csv(
        tmp_path / "clients.csv",
        ["Client ID", "First Name", "Last Name"],
        [["C1", "Ada", "Lovelace"], ["C2", "Bo", "Missing"]],
    )
    _import(manager, ImportKind.CLIENTS, clients)
    visits = write_csv(
        tmp_path / "visits.csv",
        ["Visit ID", "Client ID", "Visit Date", "Staff", "Service", "Total", "Status"],
        [
            ["V1", "C1", "2024-03-02", "Jess Old", "Botox 20 units", "$300.00", "Completed"],
            ["V2", "C1", "5/6/2025 2:30 PM", "Kelsey", "Lip filler", "750", ""],
            ["V3", "C2", "2025-01-10", "Kelsey", "Consultation", "", "No Show"],
            ["V4", "C2", "2025-02-10", "Kelsey", "Consultation", "", "no-show"],
            ["V5", "C2", "2025-03-10", "Kelsey", "Consultation", "", "Late Cancel"],
            ["V6", "C404", "2025-03-10", "Kelsey", "Consultation", "", ""],
            ["V7", "C1", "2031-01-01", "Kelsey", "Consultation", "", ""],
            ["V2", "C1", "5/6/2025", "Kelsey", "Lip filler", "750", ""],
        ],
    )
    result = _import(manager, ImportKind.PAST_VISITS, visits)
    ids = {c.first_name: c.id for c in (one(manager, Client, first_name=n) for n in ("Ada", "Bo"))}
    return result, ids, visits


def test_past_visits_are_history_on_the_profile_and_never_sales(manager, regulars):
    result, ids, _path = regulars
    assert result.summary == "5 added, 0 merged, 0 already imported, 3 skipped"
    problems = {(p.row_number, p.kind) for p in result.plan.problems}
    assert problems == {
        (7, ProblemKind.UNKNOWN_CLIENT),
        (8, ProblemKind.UNREADABLE_VALUE),  # after today: not a past visit
        (9, ProblemKind.DUPLICATE_IN_FILE),
    }
    assert count_rows(manager, Sale) == 0
    past = client_profile(manager, ids["Ada"]).past
    assert [
        (v.imported, v.starts_at.date(), v.service_name, v.provider_name, v.price_cents)
        for v in past
    ] == [
        (True, date(2025, 5, 6), "Lip filler", "Kelsey", 75000),
        (True, date(2024, 3, 2), "Botox 20 units", "Jess Old", 30000),
    ]
    assert {v.status for v in past} == {AppointmentStatus.COMPLETED}


def test_the_old_systems_no_shows_are_strikes_here(manager, regulars):
    _result, ids, _path = regulars
    standing = client_standing(manager, ids["Bo"])
    assert standing.strikes == 3 and standing.prepayment_required
    assert client_standing(manager, ids["Ada"]).strikes == 0


def test_a_regular_of_the_old_system_is_no_new_client_on_the_calendar(manager, regulars, clinic):
    _result, ids, _path = regulars
    booked = book(
        manager, BookingRequest(ids["Ada"], clinic.kelsey, clinic.consultation, at(TOMORROW, 10))
    )
    first_timer = book(
        manager, BookingRequest(clinic.noah, clinic.kelsey, clinic.consultation, at(TOMORROW, 11))
    )
    slots = {
        s.appointment_id: s
        for s in day_schedule(manager.db, TOMORROW, manager.settings).appointments
    }
    assert ClientAlertKind.NEW_CLIENT not in slots[booked].alerts
    assert ClientAlertKind.NEW_CLIENT in slots[first_timer].alerts


def test_past_visits_imported_again_change_nothing(manager, regulars):
    _result, _ids, path = regulars
    before = count_rows(manager, ImportedRecord)
    again = _import(manager, ImportKind.PAST_VISITS, path)
    assert again.batch_id is None and again.plan.count(RowAction.UNCHANGED) == 6
    assert count_rows(manager, ImportedRecord) == before
