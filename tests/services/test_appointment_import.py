"""Moving in the bookings still to come: matched to this clinic's clients, providers and
services, each checked as the calendar would check it, and brought in once."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.import_columns import ImportKind, guess_mapping
from medspa_desk.domain.import_problems import ProblemKind, Resolution
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.moving_in.import_files import read_import_file
from medspa_desk.services.moving_in.import_plan import ImportChoices, RowAction
from medspa_desk.services.moving_in.imports import preview_import, run_import
from medspa_desk.storage.models import (
    Appointment,
    AppointmentStatusChange,
    Client,
    OutgoingMessage,
)
from tests.services.conftest import NEXT_WEEK, TODAY, at, count_rows, fetch
from tests.services.export_files import write_csv

HEADERS = [
    "Appointment ID",
    "Client ID",
    "Staff",
    "Service",
    "Date",
    "Time",
    "Duration",
    "Status",
    "Notes",
]


@pytest.fixture
def manager(desk, clinic):
    return replace(desk, staff_id=clinic.amber)


@pytest.fixture
def clients_imported(manager, tmp_path):
    path = write_csv(
        tmp_path / "clients.csv",
        ["Client ID", "First Name", "Last Name"],
        [["C1", "Ada", "Lovelace"], ["C2", "Grace", "Hopper"]],
    )
    table = read_import_file(path)
    run_import(
        manager,
        ImportKind.CLIENTS,
        table,
        ImportChoices(guess_mapping(ImportKind.CLIENTS, table.headers)),
    )


def _table(tmp_path, rows):
    return read_import_file(write_csv(tmp_path / "bookings.csv", HEADERS, rows))


def _choices(table, **more):
    return ImportChoices(guess_mapping(ImportKind.APPOINTMENTS, table.headers), **more)


DAY = NEXT_WEEK.strftime("%m/%d/%Y")


def test_bookings_to_come_are_on_the_calendar_as_the_old_one_had_them(
    manager, clinic, clients_imported, tmp_path
):
    table = _table(
        tmp_path,
        [
            [
                "A1",
                "C1",
                "Kelsey Brandt",
                "Botox: frown lines",
                DAY,
                "10:00 AM",
                "30",
                "Confirmed",
                "Left side",
            ],
            ["A2", "C2", "kelsey", "signature hydrafacial", DAY, "11:00", "", "Booked", ""],
        ],
    )
    # "kelsey" is the one provider whose name starts so; the HydraFacial is Maya's on this
    # menu, but the old calendar had it with Kelsey: it comes in as booked.
    result = run_import(manager, ImportKind.APPOINTMENTS, table, _choices(table))
    assert result.summary == "2 added, 0 merged, 0 already imported, 0 skipped"
    booked = fetch(manager, Appointment, notes="Left side")[0]
    assert (booked.provider_id, booked.service_id) == (clinic.kelsey, clinic.botox)
    assert (booked.starts_at, booked.ends_at) == (at(NEXT_WEEK, 10), at(NEXT_WEEK, 10, 30))
    assert booked.status is AppointmentStatus.CONFIRMED and booked.price_cents == 30000
    history = [
        c.to_status for c in fetch(manager, AppointmentStatusChange, appointment_id=booked.id)
    ]
    assert history == [AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED]
    second = fetch(manager, Appointment, service_id=clinic.hydrafacial)[-1]
    assert second.ends_at - second.starts_at == timedelta(minutes=45)  # the menu's length
    assert count_rows(manager, OutgoingMessage) == 0  # confirmed by the old system already
    day = day_schedule(manager.db, NEXT_WEEK, manager.settings)
    on_the_calendar = {(slot.appointment_id, slot.provider_id) for slot in day.appointments}
    assert on_the_calendar == {(booked.id, clinic.kelsey), (second.id, clinic.kelsey)}
    again = run_import(manager, ImportKind.APPOINTMENTS, table, _choices(table))
    assert again.batch_id is None and again.plan.count(RowAction.UNCHANGED) == 2


def test_every_kind_of_booking_problem_is_listed(manager, clinic, clients_imported, tmp_path):
    yesterday = (TODAY - timedelta(days=1)).strftime("%m/%d/%Y")
    table = _table(
        tmp_path,
        [
            ["B1", "C404", "Kelsey Brandt", "Botox: frown lines", DAY, "9:00", "30", "", ""],
            ["B2", "C1", "Dr. Nobody", "Botox: frown lines", DAY, "9:00", "30", "", ""],
            ["B3", "C1", "Kelsey Brandt", "Unicorn facial", DAY, "9:00", "30", "", ""],
            ["B4", "C1", "Kelsey Brandt", "Botox: frown lines", yesterday, "9:00", "30", "", ""],
            ["B5", "C1", "Kelsey Brandt", "Botox: frown lines", DAY, "soon", "30", "", ""],
            ["B6", "C1", "Kelsey Brandt", "Botox: frown lines", DAY, "13:00", "30", "", ""],
            ["B7", "C2", "Kelsey Brandt", "Botox: frown lines", DAY, "13:15", "30", "", ""],
            ["B8", "C2", "Kelsey Brandt", "Botox: frown lines", DAY, "23:00", "30", "", ""],
            [
                "B9",
                "C2",
                "Kelsey Brandt",
                "Botox: frown lines",
                DAY,
                "15:00",
                "30",
                "Cancelled",
                "",
            ],
            [
                "B10",
                "C2",
                "Kelsey Brandt",
                "Botox: frown lines",
                DAY,
                "16:00",
                "30",
                "",
                "card 4111 1111 1111 1111",
            ],
        ],
    )
    plan = preview_import(manager, ImportKind.APPOINTMENTS, table, _choices(table))
    found = {(p.row_number, p.kind) for p in plan.problems}
    assert found == {
        (2, ProblemKind.UNKNOWN_CLIENT),
        (3, ProblemKind.UNKNOWN_PROVIDER),
        (4, ProblemKind.UNKNOWN_SERVICE),
        (5, ProblemKind.IN_THE_PAST),
        (6, ProblemKind.UNREADABLE_VALUE),
        (8, ProblemKind.OVERLAP),  # Kelsey has row 7 at 13:00-13:30
        (9, ProblemKind.OUTSIDE_HOURS),
        (11, ProblemKind.CARD_NUMBER),
    }
    actions = {row.row_number: row.action for row in plan.rows}
    assert [n for n, a in actions.items() if a is RowAction.ADD] == [7, 9, 11]
    assert "cancelled" in next(r.why for r in plan.rows if r.row_number == 10)
    assert "4111" not in str(plan)


def test_an_old_name_mapped_by_the_person_and_a_chosen_overlap(
    manager, clinic, clients_imported, tmp_path
):
    table = _table(
        tmp_path,
        [
            ["M1", "C1", "Dr. K", "Tox 20u", DAY, "13:00", "30", "", ""],
            ["M2", "C2", "Dr. K", "Tox 20u", DAY, "13:00", "30", "", ""],
        ],
    )
    choices = _choices(
        table,
        providers={fold_for_search("Dr. K"): clinic.kelsey},
        services={fold_for_search("Tox 20u"): clinic.botox},
        resolutions={ProblemKind.OVERLAP: Resolution.IMPORT_ANYWAY},
    )
    result = run_import(manager, ImportKind.APPOINTMENTS, table, choices)
    assert result.summary == "2 added, 0 merged, 0 already imported, 0 skipped"
    assert [a.provider_id for a in fetch(manager, Appointment, starts_at=at(NEXT_WEEK, 13))] == [
        clinic.kelsey,
        clinic.kelsey,
    ]


def test_a_booking_outside_the_hours_is_recorded_as_booked_there_by_whoever_imported(
    manager, clinic, clients_imported, tmp_path
):
    table = _table(
        tmp_path,
        [["O1", "C1", "Kelsey Brandt", "Botox: frown lines", DAY, "11:00 PM", "30", "", ""]],
    )
    run_import(manager, ImportKind.APPOINTMENTS, table, _choices(table))
    (booked,) = fetch(manager, Appointment, starts_at=at(NEXT_WEEK, 23))
    assert booked.availability_override_by_id == clinic.amber
    assert "old system" in booked.availability_override_reason


def test_bookings_exported_come_back_in_as_the_same_bookings(manager, clinic, tmp_path, template):
    from medspa_desk.services.booking.new_booking import BookingRequest, book
    from medspa_desk.services.moving_in.books_export import ExportFormat, ExportKind, export_books

    made = [
        book(manager, BookingRequest(clinic.emma, clinic.kelsey, clinic.botox, at(NEXT_WEEK, 9))),
        book(
            manager, BookingRequest(clinic.noah, clinic.maya, clinic.hydrafacial, at(NEXT_WEEK, 10))
        ),
    ]
    for kind in ("clients", "appointments"):
        content, _count = export_books(manager, ExportKind(kind), ExportFormat.CSV)
        (tmp_path / f"{kind}.csv").write_bytes(content)
    other = _other_books(template, tmp_path, manager)
    for kind in (ImportKind.CLIENTS, ImportKind.APPOINTMENTS):
        table = read_import_file(tmp_path / f"{kind.value}.csv")
        run_import(other, kind, table, _choices_for(kind, table))

    def to_come(desk):
        with desk.db.reading() as session:
            rows = session.execute(
                select(Client.first_name, Appointment.provider_id, Appointment.service_id,
                       Appointment.starts_at, Appointment.ends_at, Appointment.status)
                .join(Client, Client.id == Appointment.client_id)
                .where(Appointment.starts_at > manager.clock.now())
            )  # fmt: skip
            return sorted(tuple(row) for row in rows)

    assert len(made) == 2 and to_come(other) == to_come(manager)


def _choices_for(kind, table):
    return ImportChoices(guess_mapping(kind, table.headers))


def _other_books(template, tmp_path, manager):
    """Another copy of the same clinic: its staff and menu, none of the bookings made here."""
    import shutil

    from medspa_desk.services.desk import Desk
    from medspa_desk.storage.database import open_database

    path = tmp_path / "other.sqlite3"
    shutil.copyfile(template[0], path)
    db = open_database(path)
    return Desk(db, manager.settings, manager.clock, staff_id=manager.staff_id)
