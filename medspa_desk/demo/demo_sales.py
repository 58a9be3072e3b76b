"""The demo's past sales: each paid visit checked out through the till's write_settled_sales.

The till writes them as it writes a sale at the desk (the receipt number from its counter, the
policy version in force, tip and tender, the visit's step to completed, the audit entry), at
the moment and by the desk staff member the visit's history says, so the demo's books cannot
drift from the real ones and pass `medspa-desk check`. The demo chooses only what a client
would: the tip, and card or cash. It skips complete_sale's checks: its sales are valid as it
makes them (a visit in service, on the menu, by a provider, on a day still open).
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from medspa_desk.demo.clinic_catalog import MenuItem
from medspa_desk.demo.demo_ids import SERVICE_IDS
from medspa_desk.demo.visit_history import Step
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.sale_math import Cart, CartLine, LineKind, TaxRates, Tender, Tip, settle
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.clinic.published_policies import policy_in_force
from medspa_desk.services.desk import Desk
from medspa_desk.services.till.sale_completion import (
    SettledSale,
    take_receipt_numbers,
    write_settled_sales,
)
from medspa_desk.storage.database import Database
from medspa_desk.storage.models import Appointment

_CARD_BRANDS = ("Visa", "Visa", "Mastercard", "Amex", "Discover")
_TIP_SHARES = (0, 0, 15, 18, 20, 20)  # percent of the service: one visit in three tips nothing
_CASH_SHARE = 0.15


class _Checkout(NamedTuple):
    at: datetime
    appointment_id: int
    client_id: int
    provider_id: int
    service: MenuItem
    desk_id: int


class DemoTill:
    """Checks out the demo's paid visits, in the order they were paid, inside the build's
    transaction: receipt numbers follow that order, as the till's counter gives them."""

    def __init__(self, rng: random.Random, db: Database, settings: ClinicSettings) -> None:
        self.rng = rng
        self.db = db
        self.settings = settings
        self.tax_rates = TaxRates.from_settings(settings)
        self.waiting: list[_Checkout] = []

    def ring_up(
        self, appointment_id: int, client_id: int, provider_id: int, service: MenuItem, paid: Step
    ) -> None:
        """A visit to check out at `paid`'s moment, once its appointment row is written."""
        self.waiting.append(
            _Checkout(paid.at, appointment_id, client_id, provider_id, service, paid.by_staff_id)
        )

    def flush(self, session: Session) -> None:
        """Write the waiting checkouts through the till's write_settled_sales, all at once: what
        complete_sale looks up per sale (a receipt number, the policy in force, the visit) is
        taken here in one go for them all."""
        in_order_paid = sorted(self.waiting, key=lambda checkout: checkout[:2])
        self.waiting = []
        if not in_order_paid:
            return
        numbers = take_receipt_numbers(session, len(in_order_paid))
        version = policy_in_force(session, in_order_paid[0].at)
        visits = [checkout.appointment_id for checkout in in_order_paid]
        # Only what checking a visit out reads of it: its status (a month is ~900 rows).
        appointments = {
            row.id: row
            for row in session.scalars(
                select(Appointment)
                .options(load_only(Appointment.status))
                .where(Appointment.id.in_(visits))
            )
        }
        sales = []
        for checkout, number in zip(in_order_paid, numbers):
            cart, tender = self._cart(checkout)
            desk = Desk(self.db, self.settings, FixedClock(checkout.at), checkout.desk_id)
            visit = appointments[checkout.appointment_id]
            settlement = settle(cart, [tender])
            sales.append(SettledSale(desk, cart, settlement, checkout.at, number, version, visit))
        write_settled_sales(session, sales)

    def _cart(self, checkout: _Checkout) -> tuple[Cart, Tender]:
        """The visit's cart as services.till.cart.cart_for_appointment makes it (the demo's
        clients owe no fees and hold no deposits), with the client's tip and payment."""
        service = checkout.service
        cart = Cart(
            self.tax_rates, client_id=checkout.client_id, appointment_id=checkout.appointment_id
        )
        cart.add(
            CartLine(
                LineKind.SERVICE,
                service.name,
                service.price_cents,
                provider_id=checkout.provider_id,
                service_id=SERVICE_IDS[service.name],
                appointment_id=checkout.appointment_id,
            )
        )
        tip = service.price_cents * self.rng.choice(_TIP_SHARES) // 100 // 100 * 100  # dollars
        cart.tip = Tip(amount_cents=tip)
        total = service.price_cents + tip
        if self.rng.random() < _CASH_SHARE:
            return cart, Tender.cash(-(-total // 2000) * 2000)  # in twenties
        brand = self.rng.choice(_CARD_BRANDS)
        last4 = f"{self.rng.randrange(10000):04d}"
        return cart, Tender.card(total, brand, last4, f"{self.rng.randrange(16**6):06X}")
