"""José Núñez's history, added to the small clinic of tests/ui/conftest, for the Clients view:
visits past and to come (three of them no-shows or late cancels, so prepayment is required), a
$75 fee still owed, a card on file that expired last month, account credit, two sales (one
voided), a yes to marketing emails, and the Clients view itself, on its own.

Rows go in directly, not through the booking and checkout services, so these tests depend only
on the tables. tests/ui/conftest.py offers its fixtures (`jose`, `clients_view`)
to every UI test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest
from sqlalchemy import update

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.storage.models import (
    AccountCreditEntry,
    CardOnFile,
    ClientFee,
    Counter,
    MarketingConsent,
)
from medspa_desk.storage.till_models import Sale, SaleLine
from medspa_desk.ui.background_work import run_at_once
from medspa_desk.ui.clients.client_list import ClientListView
from tests.ui.conftest import ZONE, book, named


@dataclass(frozen=True)
class JoseHistory:
    client_id: int
    next_visit: int  # Wed Dec 2, 2026 at 11:00, booked
    no_show: int  # Oct 14: the fee for it is still owed
    sale: int  # receipt #1, Sep 9: Neurotoxin $450
    voided_sale: int  # receipt #2, Sep 9: a serum, voided


@pytest.fixture
def jose(db, clinic) -> JoseHistory:
    client_id = clinic.clients["José Núñez"]
    ava, neurotoxin = clinic.staff["Ava Thompson"], clinic.services["Neurotoxin"]

    def visit(day: date, status: AppointmentStatus, starts: time = time(11)) -> int:
        return book(
            db,
            client=client_id,
            provider=ava,
            service=neurotoxin,
            day=day,
            starts=starts,
            minutes=45,
            status=status,
        )

    completed = visit(date(2026, 9, 9), AppointmentStatus.COMPLETED)
    no_show = visit(date(2026, 10, 14), AppointmentStatus.NO_SHOW)
    visit(date(2026, 8, 5), AppointmentStatus.NO_SHOW)
    visit(date(2026, 7, 1), AppointmentStatus.LATE_CANCELLED)
    next_visit = visit(date(2026, 12, 2), AppointmentStatus.BOOKED)
    with db.writing() as session:
        session.add_all(
            [
                ClientFee(
                    client_id=client_id,
                    appointment_id=no_show,
                    kind="no_show",
                    amount_cents=7500,
                    owed_cents=7500,
                    created_at=_at(date(2026, 10, 14), 12),
                ),
                CardOnFile(
                    client_id=client_id,
                    brand="Visa",
                    last4="4242",
                    expiry_month=10,
                    expiry_year=2026,
                    cardholder_name="Jose Nunez",
                    terminal_reference="tok_jose_4242",
                    added_at=_at(date(2025, 1, 6), 9),
                ),
                AccountCreditEntry(
                    client_id=client_id,
                    amount_cents=2500,
                    at=_at(date(2026, 9, 9), 12),
                    reason="Goodwill",
                ),
                MarketingConsent(
                    client_id=client_id,
                    channel="email",
                    granted=True,
                    at=_at(date(2025, 1, 6), 9),
                    source="form",
                ),
            ]
        )
        sale = _sale(session, 1, client_id, completed, 45_000, "Neurotoxin: forehead")
        voided = _sale(session, 2, client_id, None, 4_200, "Hydrating serum")
        voided.voided_at = _at(date(2026, 9, 9), 15)
        voided.void_reason = "Rung up twice"
        session.execute(
            update(Counter).where(Counter.name == "receipt_number").values(next_value=3)
        )
    return JoseHistory(client_id, next_visit, no_show, sale.id, voided.id)


@pytest.fixture
def clients_view(qtbot, desk) -> ClientListView:
    """The Clients view on its own, its long work done at once rather than on a worker."""
    view = ClientListView(desk)
    named(view, "Privacy actions").runner = run_at_once
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.setFocus()
    return view


def _at(day: date, hour: int) -> datetime:
    return at_local(day, time(hour), ZONE)


def _sale(
    session, receipt_number: int, client_id: int, appointment_id, total_cents: int, what: str
) -> Sale:
    day = date(2026, 9, 9)
    sale = Sale(
        receipt_number=receipt_number,
        business_day=day,
        completed_at=_at(day, 12),
        client_id=client_id,
        appointment_id=appointment_id,
        subtotal_cents=total_cents,
        discount_cents=0,
        tax_cents=0,
        tip_cents=0,
        total_cents=total_cents,
        refund_policy_version="test",
    )
    session.add(sale)
    session.flush()
    session.add(
        SaleLine(
            sale_id=sale.id,
            kind="service" if appointment_id else "retail",
            description=what,
            appointment_id=appointment_id,
            quantity=1,
            unit_price_cents=total_cents,
            total_cents=total_cents,
        )
    )
    return sale
