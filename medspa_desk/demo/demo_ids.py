"""What marks a database as the demo, and the ids the demo's rows are written with.

Apart from the demo's writers (demo_clinic, generator) so that opening a demo already built for
today, as every `--demo` start but the first of a day does, loads none of them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from medspa_desk.demo import clinic_catalog as catalog
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import ClinicSetting

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
PRODUCT_IDS = {item.sku: product_id for product_id, item in enumerate(catalog.SHELF, 1)}


def demo_anchor_date(db: Database) -> date | None:
    """The `today` the demo in this database was built for, or None if it is not a demo."""
    with db.reading() as session:
        text = session.scalar(select(ClinicSetting.value).where(ClinicSetting.key == ANCHOR_KEY))
    return None if text is None else date.fromisoformat(text)
