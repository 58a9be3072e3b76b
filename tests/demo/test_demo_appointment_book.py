"""The demo clinic's appointment book: busy on its day, and true to the desk's own rules."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from medspa_desk.demo.generator import (
    DemoSize,
    build_demo_clinic,
)
from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.policy_text import POLICY_VERSION, PUBLISHED_POLICIES
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import (
    Appointment,
    AppointmentStatusChange,
    Client,
    PolicyText,
    Service,
    service_provider,
)
from tests.demo.demo_books import (
    DENVER,
    OCCUPYING,
    SETTINGS,
    WEDNESDAY,
    build,
    local,
    providers_working,
    rows,
)


def test_a_client_is_on_the_books_before_their_first_booking(demo, appointments):
    with demo.reading() as session:
        since = dict(session.execute(select(Client.id, Client.created_at)).all())

    assert all(since[booking.client_id] < booking.created_at for booking in appointments)


def test_some_clients_have_several_strikes(appointments):
    strikes = Counter(
        booking.client_id
        for booking in appointments
        if booking.status in ("no_show", "late_cancelled")
    )

    assert sum(2 <= count <= 4 for count in strikes.values()) >= 10


# --- The calendar -------------------------------------------------------------------------------


def test_today_is_a_busy_day_for_every_provider_working(appointments):
    today = [booking for booking in appointments if local(booking.starts_at).date() == WEDNESDAY]
    working = providers_working(WEDNESDAY)

    assert {booking.provider_id for booking in today} == working
    assert len(working) >= 4
    assert len(today) >= 6 * len(working)
    assert {booking.status for booking in today} <= {"booked", "confirmed"}


def test_the_clinic_is_closed_on_sundays(appointments):
    assert not [booking for booking in appointments if local(booking.starts_at).weekday() == 6]


def test_anchored_on_a_sunday_today_is_closed_and_monday_is_full(tmp_path):
    sunday = date(2026, 11, 29)
    db = build(tmp_path / "demo.sqlite3", sunday)
    bookings = rows(db, Appointment)
    db.close()

    monday = sunday + timedelta(days=1)
    on_sunday = [booking for booking in bookings if local(booking.starts_at).date() == sunday]
    on_monday = {
        booking.provider_id for booking in bookings if local(booking.starts_at).date() == monday
    }
    assert on_sunday == []
    assert on_monday == providers_working(monday)


def test_bookings_span_the_past_and_future_days(appointments):
    days = sorted(local(booking.starts_at).date() for booking in appointments)
    first_day = WEDNESDAY - timedelta(days=DemoSize().past_days)
    last_day = WEDNESDAY + timedelta(days=DemoSize().future_days)

    assert first_day <= days[0] <= first_day + timedelta(days=3)
    assert last_day - timedelta(days=3) <= days[-1] <= last_day


def test_the_calendar_thins_out_further_ahead(appointments):
    def booked_minutes(first_day: date) -> int:
        week = {first_day + timedelta(days=offset) for offset in range(7)}
        return sum(
            (booking.ends_at - booking.starts_at).seconds // 60
            for booking in appointments
            if local(booking.starts_at).date() in week and booking.status in OCCUPYING
        )

    next_week = booked_minutes(WEDNESDAY + timedelta(days=1))
    eighth_week = booked_minutes(WEDNESDAY + timedelta(days=50))
    assert eighth_week * 2 < next_week


def test_nobody_is_in_two_places_at_once(appointments):
    by_provider, by_client = defaultdict(list), defaultdict(list)
    for booking in appointments:
        if booking.status in OCCUPYING:
            by_provider[booking.provider_id].append((booking.starts_at, booking.ends_at))
            by_client[booking.client_id].append((booking.starts_at, booking.ends_at))

    for schedule in (*by_provider.values(), *by_client.values()):
        schedule.sort()
        assert all(earlier[1] <= later[0] for earlier, later in zip(schedule, schedule[1:]))


def test_every_booking_is_a_service_its_provider_performs_at_the_menu_price(demo, appointments):
    with demo.reading() as session:
        pairs = select(service_provider.c.staff_id, service_provider.c.service_id)
        performs = set(session.execute(pairs).all())
    services = {service.id: service for service in rows(demo, Service)}

    for booking in appointments:
        service = services[booking.service_id]
        assert (booking.provider_id, booking.service_id) in performs
        assert booking.price_cents == service.price_cents
        assert booking.ends_at - booking.starts_at == timedelta(minutes=service.duration_minutes)
        assert booking.policy_version == POLICY_VERSION
        assert booking.created_at < booking.starts_at


def test_the_policy_text_the_bookings_were_made_under_is_kept_verbatim(demo):
    kept = rows(demo, PolicyText)
    assert [(text.version, text.text) for text in kept] == [(POLICY_VERSION, PUBLISHED_POLICIES)]


def test_bookings_keep_to_opening_hours_on_the_quarter_hour(appointments):
    for booking in appointments:
        starts, ends = local(booking.starts_at), local(booking.ends_at)
        assert starts.date() == ends.date()
        assert SETTINGS.opening_time <= starts.time() and ends.time() <= SETTINGS.closing_time
        assert starts.minute % SETTINGS.slot_minutes == 0 and starts.second == 0


def test_instants_are_stored_as_utc_text(demo):
    with sqlite3.connect(demo.path) as connection:
        stored = connection.execute(
            "SELECT starts_at, ends_at, created_at FROM appointment "
            "UNION ALL SELECT at, at, at FROM appointment_status_change "
            "UNION ALL SELECT created_at, created_at, created_at FROM client"
        ).fetchall()

    pattern = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
    assert all(pattern.fullmatch(text) for row in stored for text in row)


@pytest.mark.parametrize(
    ("today", "daylight_day", "standard_day"),
    [
        # Clocks fall back on Sunday 1 November 2026: Saturday before, Monday after.
        (date(2026, 11, 4), date(2026, 10, 31), date(2026, 11, 2)),
        # And spring forward on Sunday 8 March 2026: Monday after, Saturday before.
        (date(2026, 3, 11), date(2026, 3, 9), date(2026, 3, 7)),
    ],
)
def test_opening_hours_stay_local_across_a_dst_change(tmp_path, today, daylight_day, standard_day):
    db = build(tmp_path / "demo.sqlite3", today, DemoSize(clients=200, past_days=14, future_days=7))
    bookings = rows(db, Appointment)
    db.close()

    # Mountain daylight time is UTC-6 and standard time UTC-7: 08:00 local is 14:00 or 15:00 UTC.
    for day, utc_offset in ((daylight_day, 6), (standard_day, 7)):
        that_day = [booking for booking in bookings if local(booking.starts_at).date() == day]
        assert that_day
        opens = datetime.combine(day, time(8), UTC) + timedelta(hours=utc_offset)
        closes = datetime.combine(day, time(19), UTC) + timedelta(hours=utc_offset)
        assert all(opens <= booking.starts_at and booking.ends_at <= closes for booking in that_day)
        assert min(local(booking.starts_at).time() for booking in that_day) <= time(10)


# --- History ------------------------------------------------------------------------------------


def test_every_booking_has_a_history_from_its_creation_to_its_status(demo, appointments):
    history = defaultdict(list)
    for change in rows(demo, AppointmentStatusChange):
        history[change.appointment_id].append(change)
    doors_open = datetime.combine(WEDNESDAY, SETTINGS.opening_time, DENVER)

    for booking in appointments:
        steps = history[booking.id]
        assert (steps[0].from_status, steps[0].to_status) == (None, "booked")
        assert steps[0].at == booking.created_at
        assert steps[0].by_staff_id == booking.created_by_id
        assert steps[-1].to_status == booking.status
        for earlier, later in zip(steps, steps[1:]):
            assert later.from_status == earlier.to_status
            assert earlier.at <= later.at
        assert steps[-1].at <= doors_open


def test_past_bookings_mostly_happened(appointments):
    past = Counter(
        booking.status for booking in appointments if local(booking.starts_at).date() < WEDNESDAY
    )
    share = {status: count / sum(past.values()) for status, count in past.items()}

    assert 0.75 < share["completed"] < 0.88
    assert 0.02 < share["no_show"] < 0.07
    assert 0.03 < share["late_cancelled"] < 0.08
    assert 0.04 < share["cancelled"] < 0.09
    assert 0 < share["cancelled_by_clinic"] < 0.03
    assert 0.01 < share["rescheduled"] < 0.04
    assert not {"booked", "confirmed", "checked_in", "in_service"} & past.keys()


def test_future_bookings_are_booked_confirmed_or_cancelled(appointments):
    ahead = [booking for booking in appointments if local(booking.starts_at).date() > WEDNESDAY]
    statuses = Counter(booking.status for booking in ahead)
    confirmed_soon = [
        booking.status == "confirmed"
        for booking in ahead
        if local(booking.starts_at).date() <= WEDNESDAY + timedelta(days=2)
    ]

    assert statuses.keys() == {"booked", "confirmed", "cancelled"}
    assert statuses["cancelled"] < 0.06 * len(ahead)
    assert sum(confirmed_soon) / len(confirmed_soon) > statuses["confirmed"] / len(ahead)


def test_opened_mid_morning_today_has_happened_so_far_and_someone_is_late(tmp_path):
    now = datetime(2026, 11, 25, 10, 12, tzinfo=DENVER)
    db = open_database(tmp_path / "demo.sqlite3")
    build_demo_clinic(db, WEDNESDAY, DemoSize(clients=300, past_days=7, future_days=7), now=now)
    today = [a for a in rows(db, Appointment) if local(a.starts_at).date() == WEDNESDAY]
    history = rows(db, AppointmentStatusChange)
    db.close()
    waiting = {AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED}
    came = {AppointmentStatus.CHECKED_IN, AppointmentStatus.IN_SERVICE, AppointmentStatus.COMPLETED}
    due_long_ago = [
        a for a in today if a.starts_at <= now - timedelta(minutes=20) and a.status != "cancelled"
    ]
    assert due_long_ago and all(AppointmentStatus(a.status) in came for a in due_long_ago)
    assert any(AppointmentStatus(a.status) is AppointmentStatus.COMPLETED for a in due_long_ago)
    just_due = [a for a in today if now - timedelta(minutes=20) < a.starts_at <= now]
    assert just_due and all(
        AppointmentStatus(a.status) in waiting for a in just_due
    )  # late arrivals to be
    later = [a for a in today if a.starts_at > now and a.status != "cancelled"]
    assert later and all(AppointmentStatus(a.status) in waiting for a in later)
    assert max(change.at for change in history) <= now


def test_every_paid_visit_in_the_past_was_rung_up_and_the_books_check_out(demo, appointments):
    from medspa_desk.services.books.backups import check_books
    from medspa_desk.storage.models import Counter
    from medspa_desk.storage.till_models import Sale, SaleTender

    sales = rows(demo, Sale)
    tenders = {tender.sale_id: tender for tender in rows(demo, SaleTender)}
    paid_visits = {
        a.id
        for a in appointments
        if a.status == AppointmentStatus.COMPLETED
        and a.price_cents > 0
        and local(a.starts_at).date() < WEDNESDAY
    }
    assert sorted(sale.appointment_id for sale in sales) == sorted(paid_visits)
    in_order = sorted(sales, key=lambda sale: (sale.completed_at, sale.appointment_id))
    assert [sale.receipt_number for sale in in_order] == list(range(1, len(sales) + 1))
    assert all(tenders[sale.id].amount_cents == sale.total_cents for sale in sales)
    assert all(sale.change_cents >= 0 for sale in sales)
    assert rows(demo, Counter)[0].next_value == len(sales) + 1
    assert check_books(demo.path).ok
