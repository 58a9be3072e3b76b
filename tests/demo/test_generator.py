"""The demo clinic: the same every time, its people, menu and clients as a real clinic's."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, time

import pytest
from sqlalchemy import select

from medspa_desk.demo.demo_ids import demo_anchor_date
from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.storage.database import open_database
from medspa_desk.storage.models import (
    Client,
    Product,
    Service,
    Staff,
)
from tests.demo.demo_books import DENVER, SETTINGS, SMALL, WEDNESDAY, build, rows, table_contents

# --- Deterministic ------------------------------------------------------------------------------


def test_the_same_seed_and_day_give_identical_databases(tmp_path):
    build(tmp_path / "one.sqlite3", WEDNESDAY).close()
    build(tmp_path / "two.sqlite3", WEDNESDAY).close()

    one, two = table_contents(tmp_path / "one.sqlite3"), table_contents(tmp_path / "two.sqlite3")

    assert one.keys() == two.keys()
    for table in one:
        assert one[table] == two[table], table
    assert len(one["appointment"]) > 500
    assert len(one["client"]) == SMALL.clients


def test_another_seed_gives_another_clinic(tmp_path):
    build(tmp_path / "one.sqlite3", WEDNESDAY).close()
    build(tmp_path / "two.sqlite3", WEDNESDAY, seed=1).close()

    one, two = table_contents(tmp_path / "one.sqlite3"), table_contents(tmp_path / "two.sqlite3")

    assert one["staff"] == two["staff"] and one["service"] == two["service"]
    assert one["appointment"] != two["appointment"]
    assert one["client"] != two["client"]


def test_a_build_reports_its_progress(tmp_path):
    calls = []
    build(tmp_path / "demo.sqlite3", WEDNESDAY, progress=lambda *call: calls.append(call)).close()

    stages = {stage for stage, _done, _total in calls}
    assert {"clients", "appointments"} <= stages
    assert ("clients", SMALL.clients, SMALL.clients) in calls
    last_appointments = [call for call in calls if call[0] == "appointments"][-1]
    assert last_appointments[1] == last_appointments[2]


# --- The clinic ---------------------------------------------------------------------------------


def test_the_staff_are_six_providers_and_two_at_the_front_desk(demo):
    with demo.reading() as session:
        staff = session.scalars(select(Staff)).all()
        providers = [member for member in staff if member.is_provider]
        desk = [member for member in staff if not member.is_provider]

        assert len(providers) == 6
        assert len({member.colour for member in providers}) == 6
        assert all(re.fullmatch(r"#[0-9a-f]{6}", member.colour) for member in providers)
        assert sorted(member.calendar_order for member in providers) == [1, 2, 3, 4, 5, 6]
        assert len(desk) == 2
        assert [member.is_manager for member in desk].count(True) == 1
        assert all(member.services for member in providers)
        assert not any(member.services for member in desk)


def test_the_menu_and_shelf_are_priced_in_cents(demo):
    services, products = rows(demo, Service), rows(demo, Product)

    assert 18 <= len(services) <= 25
    assert all(service.duration_minutes % SETTINGS.slot_minutes == 0 for service in services)
    assert all(isinstance(service.price_cents, int) for service in services)
    consultations = [service for service in services if service.category == "Consultation"]
    assert consultations and all(service.price_cents == 0 for service in consultations)
    assert len(products) == 15
    assert all(re.fullmatch(r"SKN-\d{3}", product.sku) for product in products)
    assert sum(product.stock_quantity <= 2 for product in products) >= 2


def test_the_clinic_is_the_real_one_and_only_the_anchor_is_stored(demo):
    with sqlite3.connect(demo.path) as connection:
        stored = connection.execute("SELECT key, value FROM clinic_setting").fetchall()

    assert stored == [("demo_anchor_date", "2026-11-25")]
    assert ClinicSettings().with_stored(dict(stored)) == ClinicSettings()


def test_demo_anchor_date_is_the_day_the_demo_was_built_for(demo, tmp_path):
    assert demo_anchor_date(demo) == WEDNESDAY

    fresh = open_database(tmp_path / "fresh.sqlite3")
    assert demo_anchor_date(fresh) is None
    fresh.close()


def test_a_database_that_is_not_empty_is_refused_and_left_alone(tmp_path):
    db = build(tmp_path / "demo.sqlite3", WEDNESDAY)
    before = table_contents(db.path)

    with pytest.raises(ValueError, match="empty database"):
        build_demo_clinic(db, WEDNESDAY, SMALL)

    assert table_contents(db.path) == before
    db.close()


# --- Clients ------------------------------------------------------------------------------------


def test_the_featured_clients_are_there_once_spelled_exactly(demo):
    with demo.reading() as session:
        for first, last, folded in (
            ("José", "Núñez", "jose nunez"),
            ("Zoë", "O'Brien", "zoe obrien"),
            ("Thị Hoa", "Nguyễn", "thi hoa nguyen"),
        ):
            named = select(Client.search_name).where(
                Client.first_name == first, Client.last_name == last
            )
            found = session.execute(named).all()
            assert found == [(folded,)]


def test_clients_look_like_a_real_client_list(demo):
    clients = rows(demo, Client)

    assert len(clients) == DemoSize().clients
    accented = [
        client for client in clients if not (client.first_name + client.last_name).isascii()
    ]
    assert len(accented) > 50
    assert all(client.search_name.isascii() for client in clients)  # "nguyen" finds "Nguyễn"
    emails = [client.email for client in clients if client.email]
    phones = [client.phone_e164 for client in clients if client.phone_e164]
    assert all(re.fullmatch(r"[a-z0-9.]+@example\.(com|net|org)", email) for email in emails)
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"\+1\d{3}555\d{4}", phone) for phone in phones)
    assert sum(phone.startswith("+1406") for phone in phones) > 0.7 * len(phones)
    assert len(emails) < len(clients) and len(phones) < len(clients)
    assert all(client.email or client.phone_e164 for client in clients)
    assert any(client.birthday for client in clients) and any(client.notes for client in clients)
    midnight = datetime.combine(WEDNESDAY, time(0), DENVER)
    assert all(client.created_at < midnight for client in clients)
