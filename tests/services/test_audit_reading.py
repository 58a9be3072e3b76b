"""The manager's reading of the audit trail: each filter alone and together, keyset pages that
neither repeat nor skip entries written in the same second, the CSV (the owner's file alone,
its leaving itself audited), and nobody but a manager reading it.

The trail refusing UPDATE and DELETE is tests/storage/test_database.py's."""

from __future__ import annotations

import csv
import json
import stat
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import event, select

from medspa_desk.domain.audit_kinds import AuditKind
from medspa_desk.services.books.audit_reading import (
    CSV_COLUMNS,
    AuditFilter,
    audit_page,
    write_audit_csv,
)
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.storage.models import AuditEntry
from tests.services.conftest import NOW, TODAY, ZONE, at, one

YESTERDAY = TODAY - timedelta(days=1)


def _write(desk, staff_id, action, subject, when, detail=None) -> int:
    with desk.db.writing() as session:
        record_audit(session, staff_id, action, subject, detail or {}, when)
        session.flush()
        return session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))


@pytest.fixture
def trail(desk, clinic):
    """A few days of the desk's entries, by whom, about what; the manager at the desk."""
    entries = {
        "amber books emma": _write(
            desk, clinic.amber, "appointment.booked", f"client:{clinic.emma}", at(YESTERDAY, 9)
        ),
        "riley checks emma in": _write(
            desk,
            clinic.riley,
            "appointment.checked_in",
            f"client:{clinic.emma}",
            at(YESTERDAY, 10),
        ),
        "riley sells": _write(desk, clinic.riley, "sale.completed", "sale:1", at(YESTERDAY, 11)),
        "riley views noah": _write(
            desk, clinic.riley, "client.viewed", f"client:{clinic.noah}", at(TODAY, 7)
        ),
        "amber edits noah": _write(
            desk, clinic.amber, "client.updated", f"client:{clinic.noah}", at(TODAY, 7, 30)
        ),
        "the system": _write(desk, None, "day.closed", "day:2026-06-09", at(TODAY, 7, 45)),
    }
    desk.staff_id = clinic.amber
    return entries


def _ids(page) -> list[int]:
    return [row.entry_id for row in page.rows]


def test_with_no_filter_every_entry_is_read_newest_first_with_who_did_it(desk, clinic, trail):
    page = audit_page(desk, AuditFilter())
    assert _ids(page) == list(reversed(trail.values()))
    assert not page.has_older
    newest, booking = page.rows[0], page.rows[-1]
    assert (newest.staff_name, newest.action, newest.kind_label) == (
        None,
        "day.closed",
        "Sales, voids and exchanges",
    )
    assert (booking.staff_name, booking.subject) == ("Amber Holt", f"client:{clinic.emma}")
    assert booking.at == at(YESTERDAY, 9).astimezone(ZONE)
    assert booking.at.utcoffset() == timedelta(hours=-6)  # shown in the clinic's zone (MDT)
    assert booking.workstation == desk.db.workstation


def test_each_filter_alone(desk, clinic, trail):
    def read(**where) -> set[int]:
        return set(_ids(audit_page(desk, AuditFilter(**where))))

    assert read(staff_id=clinic.riley) == {
        trail["riley checks emma in"],
        trail["riley sells"],
        trail["riley views noah"],
    }
    assert read(client_id=clinic.noah) == {trail["riley views noah"], trail["amber edits noah"]}
    # A kind is exactly its actions: the check-in is not also a booking.
    assert read(kind=AuditKind.BOOKINGS) == {trail["amber books emma"]}
    assert read(kind=AuditKind.CHECK_INS) == {trail["riley checks emma in"]}
    assert read(kind=AuditKind.CLIENTS) == {trail["amber edits noah"]}
    assert read(kind=AuditKind.PROFILES_OPENED) == {trail["riley views noah"]}
    # An action's text: a prefix, or one action.
    assert read(kind="appointment.") == {trail["amber books emma"], trail["riley checks emma in"]}
    assert read(kind="client.viewed") == {trail["riley views noah"]}
    assert read(from_day=TODAY) == {
        trail["riley views noah"],
        trail["amber edits noah"],
        trail["the system"],
    }
    assert read(to_day=YESTERDAY) == {
        trail["amber books emma"],
        trail["riley checks emma in"],
        trail["riley sells"],
    }


def test_filters_together_narrow_to_what_all_of_them_allow(desk, clinic, trail):
    both = AuditFilter(staff_id=clinic.riley, client_id=clinic.emma)
    assert _ids(audit_page(desk, both)) == [trail["riley checks emma in"]]
    riley_today = AuditFilter(staff_id=clinic.riley, from_day=TODAY, to_day=TODAY)
    assert _ids(audit_page(desk, riley_today)) == [trail["riley views noah"]]
    none = AuditFilter(staff_id=clinic.amber, kind=AuditKind.SALES, from_day=YESTERDAY)
    assert _ids(audit_page(desk, none)) == []


def test_a_clinic_day_runs_from_local_midnight_to_midnight(desk, clinic, trail):
    # 11:30 PM in Denver is already the next day in UTC: it belongs to the clinic day it was.
    late = _write(
        desk, clinic.riley, "sale.completed", "sale:2", datetime.combine(TODAY, time(23, 30), ZONE)
    )
    early = _write(
        desk,
        clinic.riley,
        "sale.completed",
        "sale:3",
        datetime.combine(TODAY + timedelta(days=1), time(0, 0), ZONE),
    )
    today = set(_ids(audit_page(desk, AuditFilter(from_day=TODAY, to_day=TODAY))))
    assert late in today
    assert early not in today


def test_pages_of_entries_in_the_same_second_neither_repeat_nor_skip(desk, clinic):
    same_second = at(TODAY, 9)
    written = [
        _write(desk, clinic.riley, "sale.completed", f"sale:{n}", same_second) for n in range(7)
    ]
    written.append(
        _write(desk, clinic.riley, "sale.completed", "sale:7", same_second - timedelta(seconds=1))
    )
    desk.staff_id = clinic.amber
    read, before, pages = [], None, 0
    while True:
        page = audit_page(desk, AuditFilter(staff_id=clinic.riley), before=before, limit=3)
        read.extend(_ids(page))
        pages += 1
        if not page.has_older:
            break
        before = page.older
        # An entry written meanwhile is newer than every page: it is not in the pages to come.
        _write(desk, clinic.riley, "sale.completed", "sale:late", NOW + timedelta(hours=pages))
    assert pages == 3
    # Newest first; within the same second, the later entry (the higher id) first.
    assert read == [*reversed(written[:7]), written[7]]


def test_a_full_last_page_says_there_is_nothing_older(desk, clinic):
    for n in range(4):
        _write(desk, clinic.riley, "sale.completed", f"sale:{n}", at(TODAY, 9, n))
    desk.staff_id = clinic.amber
    first = audit_page(desk, AuditFilter(), limit=2)
    second = audit_page(desk, AuditFilter(), before=first.older, limit=2)
    assert (len(second.rows), second.has_older) == (2, False)


def test_each_filter_reads_down_an_index_without_sorting(desk, clinic, trail):
    plans: list[str] = []

    def explain(connection, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT") and "audit_entry" in statement:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            plans.append(" | ".join(row[-1] for row in rows))

    event.listen(desk.db.engine, "before_cursor_execute", explain)
    try:
        for where in (
            {},
            {"staff_id": clinic.riley},
            {"client_id": clinic.noah},
            {"kind": "client.viewed"},
            {"from_day": YESTERDAY, "to_day": TODAY},
        ):
            plans.clear()
            audit_page(desk, AuditFilter(**where), before=(NOW + timedelta(days=1), 10**9))
            (plan,) = plans
            assert plan.startswith("SEARCH audit_entry USING INDEX ix_audit_entry_"), (where, plan)
            assert "TEMP B-TREE" not in plan, (where, plan)  # no sort: the index's own order
    finally:
        event.remove(desk.db.engine, "before_cursor_execute", explain)


def test_the_csv_holds_every_matching_entry_and_is_the_owners_alone(desk, clinic, trail, tmp_path):
    path = tmp_path / "audit.csv"
    count = write_audit_csv(desk, AuditFilter(staff_id=clinic.riley), path)

    assert count == 3
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with path.open(encoding="utf-8-sig", newline="") as opened:
        rows = list(csv.reader(opened))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == [
        str(trail["riley views noah"]),
        str(trail["riley sells"]),
        str(trail["riley checks emma in"]),
    ]
    viewed = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert viewed == {
        "entry": str(trail["riley views noah"]),
        "at": "2026-06-10T07:00:00-06:00",
        "staff_id": str(clinic.riley),
        "staff": "Riley Chen",
        "kind": "Client profiles opened",
        "action": "client.viewed",
        "subject": f"client:{clinic.noah}",
        "detail": "{}",
        "workstation": desk.db.workstation,
    }


def test_the_export_is_itself_in_the_trail_with_its_filter_and_count(desk, clinic, trail, tmp_path):
    chosen = AuditFilter(
        staff_id=clinic.riley, kind=AuditKind.SALES, from_day=YESTERDAY, to_day=TODAY
    )
    assert write_audit_csv(desk, chosen, tmp_path / "sales.csv") == 1

    exported = one(desk, AuditEntry, action="audit.exported")
    assert (exported.staff_id, exported.subject, exported.at) == (
        clinic.amber,
        "audit:trail",
        NOW.astimezone(UTC),
    )
    assert json.loads(exported.detail) == {
        "staff_id": clinic.riley,
        "client_id": None,
        "kind": "SALES",
        "from_day": "2026-06-09",
        "to_day": "2026-06-10",
        "rows": 1,
    }
    # ... and a manager reading the trail next sees it, as an audit export.
    newest = audit_page(desk, AuditFilter(kind=AuditKind.AUDIT_EXPORTS)).rows
    assert [row.entry_id for row in newest] == [exported.id]


def test_only_a_manager_reads_or_exports_the_trail(desk, clinic, trail, tmp_path):
    for someone in (clinic.riley, clinic.kelsey, None):
        desk.staff_id = someone
        refusal = "Only a manager can read the audit trail" if someone else "Sign in first"
        with pytest.raises(PermissionNeeded, match=refusal):
            audit_page(desk, AuditFilter())
        with pytest.raises(PermissionNeeded):
            write_audit_csv(desk, AuditFilter(), tmp_path / "refused.csv")
    assert not (tmp_path / "refused.csv").exists()
    desk.staff_id = clinic.amber
    assert audit_page(desk, AuditFilter(kind=AuditKind.AUDIT_EXPORTS)).rows == ()


def test_a_day_with_nothing_reads_as_an_empty_page(desk, trail):
    page = audit_page(desk, AuditFilter(from_day=date(2020, 1, 1), to_day=date(2020, 1, 1)))
    assert (page.rows, page.has_older) == ((), False)
