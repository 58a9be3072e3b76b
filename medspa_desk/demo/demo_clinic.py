"""The demo clinic itself: its one stored setting, staff, service menu and retail shelf."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert
from sqlalchemy.orm import Session

from medspa_desk.demo import clinic_catalog as catalog
from medspa_desk.storage.models import ClinicSetting, Product, Service, Staff, service_provider

# The setting that marks a database as the demo, holding the `today` it was built for.
ANCHOR_KEY = "demo_anchor_date"

# Staff ids: providers first in calendar order, then the front desk.
PROVIDER_IDS = tuple(range(1, len(catalog.PROVIDERS) + 1))
DESK_IDS = tuple(range(len(PROVIDER_IDS) + 1, len(PROVIDER_IDS) + len(catalog.FRONT_DESK) + 1))
MANAGER_ID = next(
    staff_id for staff_id, desk in zip(DESK_IDS, catalog.FRONT_DESK) if desk.is_manager
)
# The front desk who is not a manager: --demo signs them in without a password.
FRONT_DESK_ID = next(
    staff_id for staff_id, desk in zip(DESK_IDS, catalog.FRONT_DESK) if not desk.is_manager
)
SERVICE_IDS = {item.name: service_id for service_id, item in enumerate(catalog.MENU, 1)}


def write_clinic(session: Session, today: date) -> None:
    # The clinic's name, address and hours are ClinicSettings' defaults: nothing else to store.
    session.execute(insert(ClinicSetting), [{"key": ANCHOR_KEY, "value": today.isoformat()}])
    session.execute(insert(Staff), _staff_rows())
    session.execute(insert(Service), _service_rows())
    session.execute(insert(service_provider), _service_provider_rows())
    session.execute(insert(Product), _product_rows())


def _staff_rows() -> list[dict]:
    providers = [
        _staff_row(staff_id, who.display_name, who.role, colour=who.colour, is_provider=True)
        for staff_id, who in zip(PROVIDER_IDS, catalog.PROVIDERS)
    ]
    desk = [
        _staff_row(
            staff_id,
            who.display_name,
            who.role,
            colour=catalog.DESK_COLOUR,
            is_manager=who.is_manager,
        )
        for staff_id, who in zip(DESK_IDS, catalog.FRONT_DESK)
    ]
    return providers + desk


def _staff_row(
    staff_id: int,
    name: str,
    role: str,
    *,
    colour: str,
    is_provider: bool = False,
    is_manager: bool = False,
) -> dict:
    return {
        "id": staff_id,
        "display_name": name,
        "role": role,
        "is_provider": is_provider,
        "is_manager": is_manager,
        "active": True,
        "calendar_order": staff_id,
        "colour": colour,
    }


def _service_rows() -> list[dict]:
    return [
        {
            "id": SERVICE_IDS[item.name],
            "name": item.name,
            "category": item.category,
            "duration_minutes": item.duration_minutes,
            "price_cents": item.price_cents,
            "active": True,
        }
        for item in catalog.MENU
    ]


def _service_provider_rows() -> list[dict]:
    return [
        {"service_id": SERVICE_IDS[item.name], "staff_id": staff_id}
        for item in catalog.MENU
        for staff_id, profile in zip(PROVIDER_IDS, catalog.PROVIDERS)
        if item.category in profile.categories
    ]


def _product_rows() -> list[dict]:
    return [
        {
            "id": product_id,
            "sku": item.sku,
            "name": item.name,
            "brand": item.brand,
            "price_cents": item.price_cents,
            "stock_quantity": item.stock_quantity,
            "active": True,
        }
        for product_id, item in enumerate(catalog.SHELF, 1)
    ]
