"""The demo's staff, menu and shelf are what the clinic's own set-up could have saved: written
through its writers, with the ids the rest of the demo names them by, and accepted unchanged by
the set-up's edit forms."""

from __future__ import annotations

import sqlite3
from datetime import datetime, time

from medspa_desk.demo import clinic_catalog as catalog
from medspa_desk.demo.demo_clinic import (
    DESK_IDS,
    MANAGER_ID,
    OPENING_STOCK_NOTE,
    PRODUCT_IDS,
    PROVIDER_IDS,
    SERVICE_IDS,
)
from medspa_desk.demo.generator import DemoSize
from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.clinic.service_menu import edit_service, service_menu
from medspa_desk.services.clinic.settings import load_settings
from medspa_desk.services.clinic.staff import staff_records, update_staff
from medspa_desk.services.desk import Desk
from medspa_desk.services.till.shelf import edit_product, shelf_products
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
