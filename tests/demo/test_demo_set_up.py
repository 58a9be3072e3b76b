"""The demo's staff, menu and shelf are what the clinic's own set-up could have saved: written
through its writers, with the ids the rest of the demo names them by, and accepted unchanged by
the set-up's edit forms."""

from __future__ import annotations

import sqlite3
from datetime import datetime, time
from pathlib import Path

from sqlalchemy import select

from medspa_desk.demo import clinic_catalog as catalog
from medspa_desk.demo.demo_accounts import MANAGER_PASSWORD, PINS
from medspa_desk.demo.demo_clinic import OPENING_STOCK_NOTE
from medspa_desk.demo.demo_ids import DESK_IDS, MANAGER_ID, PRODUCT_IDS, PROVIDER_IDS, SERVICE_IDS
from medspa_desk.demo.generator import DemoSize
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.sign_in_rules import SecretKind
from medspa_desk.services.clinic.service_menu import edit_service, service_menu
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.clinic.staff import staff_records, update_staff
from medspa_desk.services.desk import Desk
from medspa_desk.services.staff_access.secrets import secret_matches
from medspa_desk.services.till.shelf import edit_product, shelf_products
from medspa_desk.storage.models import Staff
from tests.demo.demo_books import DENVER, WEDNESDAY, build, table_contents

TINY = DemoSize(clients=60, past_days=3, future_days=3)


def test_the_demo_rows_have_the_ids_the_demo_names_them_by(demo):
    with sqlite3.connect(demo.path) as connection:
        staff = dict(connection.execute("SELECT id, display_name FROM staff"))
        services = dict(connection.execute("SELECT name, id FROM service"))
        products = dict(connection.execute("SELECT sku, id FROM product"))

    people = catalog.PROVIDERS + catalog.FRONT_DESK
    assert staff == {
        staff_id: who.display_name
        for staff_id, who in zip(PROVIDER_IDS + DESK_IDS, people, strict=True)
    }
    assert staff[MANAGER_ID] == "Amber Holt"
    assert services == SERVICE_IDS
    assert products == PRODUCT_IDS


def test_the_set_up_is_audited_as_the_set_up_pages_audit_it(demo):
    with sqlite3.connect(demo.path) as connection:
        audited = connection.execute(
            "SELECT action, count(*), count(DISTINCT subject), group_concat(DISTINCT staff_id) "
            "FROM audit_entry WHERE action IN "
            "('staff.added', 'menu.service_added', 'shelf.product_added', 'stock.received') "
            "GROUP BY action ORDER BY action"
        ).fetchall()
        # Each product's count is the sum of its stock movements, as the till keeps it.
        counts = connection.execute(
            "SELECT p.sku, p.stock_quantity, coalesce(sum(m.quantity), 0), "
            "group_concat(DISTINCT m.note) FROM product p "
            "LEFT JOIN stock_movement m ON m.product_id = p.id GROUP BY p.id"
        ).fetchall()

    staff, menu, shelf = len(PROVIDER_IDS + DESK_IDS), len(SERVICE_IDS), len(PRODUCT_IDS)
    stock = sum(1 for item in catalog.SHELF if item.stock_quantity)
    assert audited == [
        ("menu.service_added", menu, menu, str(MANAGER_ID)),
        ("shelf.product_added", shelf, shelf, str(MANAGER_ID)),
        ("staff.added", staff, staff, None),  # the books had nobody to name yet
        ("stock.received", stock, stock, str(MANAGER_ID)),
    ]
    on_shelf = {item.sku: item.stock_quantity for item in catalog.SHELF}
    assert {sku: (kept, moved) for sku, kept, moved, _note in counts} == {
        sku: (quantity, quantity) for sku, quantity in on_shelf.items()
    }
    assert {note for *_counts, note in counts} == {OPENING_STOCK_NOTE}


def test_each_demo_row_saved_unchanged_through_the_set_up_forms_is_accepted(tmp_path):
    db = build(tmp_path / "demo.sqlite3", WEDNESDAY, TINY)
    desk = Desk(
        db,
        load_settings(db),
        FixedClock(datetime.combine(WEDNESDAY, time(12), DENVER)),
        staff_id=MANAGER_ID,
    )
    before = table_contents(db.path)

    for record in staff_records(desk):
        update_staff(desk, record.staff_id, record.details)
    edited_services = [
        edit_service(desk, service.service_id, service.details) for service in service_menu(desk)
    ]
    edited_products = [
        edit_product(desk, product.product_id, product.details) for product in shelf_products(desk)
    ]

    assert len(edited_services) == len(SERVICE_IDS) and not any(edited_services)
    assert len(edited_products) == len(PRODUCT_IDS) and not any(edited_products)
    assert table_contents(db.path) == before  # no change, and so no audit entry either
    db.close()


def test_the_manager_has_a_password_and_everyone_else_a_pin(demo):
    with demo.reading() as session:
        staff = {row.id: row for row in session.scalars(select(Staff))}
        kinds = {
            row.id: (row.secret_kind, row.pin_allowed, row.must_change_secret)
            for row in staff.values()
        }
        riley = next(staff_id for staff_id in DESK_IDS if staff_id != MANAGER_ID)

        assert kinds == {
            staff_id: (
                (SecretKind.PASSWORD, False, False)
                if staff_id == MANAGER_ID
                else (SecretKind.PIN, True, False)
            )
            for staff_id in PROVIDER_IDS + DESK_IDS
        }
        assert secret_matches(staff[MANAGER_ID].password_hash, MANAGER_PASSWORD)
        assert secret_matches(staff[riley].password_hash, PINS[riley])
        assert secret_matches(staff[PROVIDER_IDS[0]].password_hash, PINS[PROVIDER_IDS[0]])
        assert not secret_matches(staff[PROVIDER_IDS[0]].password_hash, PINS[riley])
    assert len(set(PINS.values())) == len(PINS)


def test_the_readme_lists_each_demo_account_with_its_secret():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    accounts = readme.split("### Demo accounts", 1)[1].split("\n## ", 1)[0]
    people = catalog.PROVIDERS + catalog.FRONT_DESK
    names = dict(zip(PROVIDER_IDS + DESK_IDS, (who.display_name for who in people), strict=True))

    assert (
        f"| {names[MANAGER_ID]} | manager (front desk) | password `{MANAGER_PASSWORD}` |"
        in accounts
    )
    for staff_id, pin in PINS.items():
        assert any(
            line.startswith(f"| {names[staff_id]} |") and line.endswith(f"| PIN `{pin}` |")
            for line in accounts.splitlines()
        ), names[staff_id]
