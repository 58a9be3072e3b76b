"""The demo clinic itself: its one stored setting, staff, service menu and retail shelf.

Staff, menu and shelf are written through the same writers the clinic's own set-up uses
(services.clinic.staff, services.clinic.service_menu, services.till.shelf and retail_stock), each
checked as the set-up forms check them, so the demo can never hold what the app could not write.
Nobody is signed in while the demo is built. The staff are audited as by nobody, as the first
start writes its manager (the books have no one to name until they are written); the menu and
the shelf as by the manager, as the calendar's set-up is (demo.clinic_calendar).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from medspa_desk.demo import clinic_catalog as catalog
from medspa_desk.demo.demo_ids import (
    ANCHOR_KEY,
    DESK_IDS,
    MANAGER_ID,
    PRODUCT_IDS,
    PROVIDER_IDS,
    SERVICE_IDS,
)
from medspa_desk.domain.staff_roles import StaffRole
from medspa_desk.domain.tax_categories import TaxCategory
from medspa_desk.services.clinic.service_menu import ServiceDetails, write_new_service
from medspa_desk.services.clinic.staff import StaffDetails, checked_new_staff, write_new_staff
from medspa_desk.services.till.retail_stock import write_received_stock
from medspa_desk.services.till.shelf import ProductDetails, write_new_product
from medspa_desk.storage.models import ClinicSetting

OPENING_STOCK_NOTE = "Opening stock"


def write_clinic(session: Session, today: date, set_up_at: datetime) -> None:
    """The demo's anchor, staff, menu and shelf, as a manager would have entered them at
    `set_up_at` (before the demo's first booking). The ids come out as PROVIDER_IDS, DESK_IDS,
    SERVICE_IDS and PRODUCT_IDS say: the tables are empty, so SQLite numbers the rows 1..n in
    the order they are written."""
    # The clinic's name, address and hours are ClinicSettings' defaults: nothing else to store.
    session.execute(insert(ClinicSetting), [{"key": ANCHOR_KEY, "value": today.isoformat()}])
    for staff_id, details in zip(PROVIDER_IDS + DESK_IDS, staff_details(), strict=True):
        written = write_new_staff(session, checked_new_staff(session, details), None, set_up_at)
        _expect_id("staff member", details.name, written, staff_id)
    for item, details in zip(catalog.MENU, service_details(), strict=True):
        written = write_new_service(session, details, MANAGER_ID, set_up_at)
        _expect_id("service", item.name, written, SERVICE_IDS[item.name])
    for item, product in zip(catalog.SHELF, product_details(), strict=True):
        written = write_new_product(session, product, MANAGER_ID, set_up_at)
        _expect_id("product", item.sku, written, PRODUCT_IDS[item.sku])
        if item.stock_quantity:
            write_received_stock(
                session, written, item.stock_quantity, MANAGER_ID, set_up_at, OPENING_STOCK_NOTE
            )


def staff_details() -> list[StaffDetails]:
    """The staff as the set-up's staff form would give them, providers first, in id order. A
    provider's services are given from the menu's side (write_new_service), which comes after."""
    providers = [
        StaffDetails(
            who.display_name, StaffRole.PROVIDER, who.colour, calendar_order=order, title=who.role
        )
        for order, who in zip(PROVIDER_IDS, catalog.PROVIDERS)
    ]
    desk = [
        StaffDetails(
            who.display_name,
            StaffRole.MANAGER if who.is_manager else StaffRole.FRONT_DESK,
            catalog.DESK_COLOUR,
            calendar_order=order,
            title=who.role,
        )
        for order, who in zip(DESK_IDS, catalog.FRONT_DESK)
    ]
    return providers + desk


def service_details() -> list[ServiceDetails]:
    """The menu as the service form would give it, in id order: no cleanup time, no deposit,
    performed by every provider whose categories hold it."""
    return [
        ServiceDetails(
            item.name,
            item.category,
            item.duration_minutes,
            buffer_minutes=0,
            price_cents=item.price_cents,
            deposit_cents=0,
            provider_ids=tuple(
                staff_id
                for staff_id, profile in zip(PROVIDER_IDS, catalog.PROVIDERS)
                if item.category in profile.categories
            ),
        )
        for item in catalog.MENU
    ]


def product_details() -> list[ProductDetails]:
    """The shelf as the product form would give it, in id order: no barcode, no cost, no
    reorder level, taxed as retail."""
    return [
        ProductDetails(
            item.sku,
            barcode="",
            name=item.name,
            brand=item.brand,
            price_cents=item.price_cents,
            cost_cents=0,
            tax_category=TaxCategory.RETAIL,
            reorder_level=0,
        )
        for item in catalog.SHELF
    ]


def _expect_id(kind: str, name: str, written: int, expected: int) -> None:
    # Other demo modules and the tests name these rows by id: a build numbering them otherwise
    # (a table not empty, a changed order) must stop rather than hand them the wrong rows.
    if written != expected:
        raise RuntimeError(f"the demo's {kind} {name!r} was written as {written}, not {expected}")
