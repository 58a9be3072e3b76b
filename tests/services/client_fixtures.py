"""A client with a whole history, added to the services template clinic (tests/services/conftest):
visits past and future with their history, a fee owed, a deposit held, account credit, a card
on file, two sales (one on a closed day, with a gift card sold; one voided), marketing consents
and an earlier change to the record. Her name is one a plain ASCII desk would mangle, and the
desk typed her name and phone into a visit's notes, as desks do.

Rows go in directly, not through the booking and checkout services, so these tests depend only
on the tables. tests/services/conftest.py offers the
fixture (`hoa`) to every service and admin test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    AppointmentStatusChange,
    BookingPayment,
    CardOnFile,
    Client,
    ClientChange,
    ClientFee,
    Counter,
    MarketingConsent,
)
from medspa_desk.storage.till_models import (
    DayClose,
    GiftCard,
    GiftCardEntry,
    Sale,
    SaleLine,
    SaleTender,
)
from tests.services.conftest import TODAY, at

FIRST, LAST = "Thị Hoa", "Nguyễn"
PHONE = "+14065550123"
EMAIL = "hoa.nguyen@example.com"
EMERGENCY = ("Minh Trần", "+14065550188")
GIFT_CARD_CODE = "ABCD-EFGH-JKMN-PQRS"
CLOSED_DAY = date(2026, 5, 5)


@dataclass(frozen=True)
class Hoa:
    client_id: int
    completed: int  # May 5 2026 10:00, Botox, completed; her name and phone in its notes
    no_show: int  # Apr 7 2026, no-show: the $75 fee is still owed
    upcoming: int  # Jun 17 2026 10:00, booked, $100 deposit held
    fee: int
    deposit: int
    card: int  # Visa ending 4242, 12/2028
    sale: int  # receipt 1 on the closed day: Botox $300 + a $100 gift card, paid by card
    voided_sale: int  # receipt 2, May 20: a $42 serum, voided
    gift_card: int  # GIFT_CARD_CODE: $100 sold, $25 spent since


@pytest.fixture
def hoa(desk, clinic) -> Hoa:
    with desk.db.writing() as session:
        client = Client(
            first_name=FIRST,
            last_name=LAST,
            search_name=fold_for_search(f"{FIRST} {LAST}"),
            phone_e164=PHONE,
            email=EMAIL,
            birthday=date(1988, TODAY.month, TODAY.day),  # her birthday is today
            notes="Prefers afternoons. Sensitive skin.",
            created_at=at(date(2025, 3, 4), 9),
            emergency_contact_name=EMERGENCY[0],
            emergency_contact_phone=EMERGENCY[1],
        )
        session.add(client)
        session.flush()
        owner = client.id

        def visit(day, status, notes=""):
            starts = at(day, 10)
            row = Appointment(
                client_id=owner,
                provider_id=clinic.kelsey,
                service_id=clinic.botox,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=30),
                status=status.value,
                price_cents=30000,
                policy_version="test",
                notes=notes,
                created_at=starts - timedelta(days=7),
                created_by_id=clinic.riley,
            )
            session.add(row)
            session.flush()
            session.add(
                AppointmentStatusChange(
                    appointment_id=row.id,
                    at=row.created_at,
                    by_staff_id=clinic.riley,
                    from_status=None,
                    to_status="booked",
                    reason="Booked by phone",
                )
            )
            if status is not AppointmentStatus.BOOKED:
                session.add(
                    AppointmentStatusChange(
                        appointment_id=row.id,
                        at=starts + timedelta(minutes=30),
                        by_staff_id=clinic.riley,
                        from_status="booked",
                        to_status=status.value,
                        reason="",
                    )
                )
            return row

        completed = visit(
            CLOSED_DAY, AppointmentStatus.COMPLETED, "Hoa asked to be called on 406-555-0123 after."
        )
        no_show = visit(date(2026, 4, 7), AppointmentStatus.NO_SHOW)
        upcoming = visit(date(2026, 6, 17), AppointmentStatus.BOOKED)
        fee = ClientFee(
            client_id=owner,
            appointment_id=no_show.id,
            kind="no_show",
            amount_cents=7500,
            owed_cents=7500,
            created_at=at(date(2026, 4, 7), 11),
            created_by_id=clinic.riley,
        )
        deposit = BookingPayment(
            appointment_id=upcoming.id,
            client_id=owner,
            kind="deposit",
            amount_cents=10000,
            tender="card",
            card_brand="Visa",
            card_last4="4242",
            approval_code="A1",
            paid_at=upcoming.created_at,
            taken_by_id=clinic.riley,
        )
        card = CardOnFile(
            client_id=owner,
            brand="Visa",
            last4="4242",
            expiry_month=12,
            expiry_year=2028,
            cardholder_name=f"{FIRST} {LAST}",
            terminal_reference="tok_hoa_4242",
            added_at=at(date(2025, 3, 4), 9),
        )
        gift_card = GiftCard(code=GIFT_CARD_CODE, issued_at=at(CLOSED_DAY, 11), initial_cents=10000)
        session.add_all([fee, deposit, card, gift_card])
        session.add(
            AccountCreditEntry(
                client_id=owner, amount_cents=2500, at=at(CLOSED_DAY, 11), reason="Goodwill"
            )
        )
        session.flush()
        sale = _sale(session, 1, CLOSED_DAY, owner, completed.id, clinic, 40000)
        session.add_all(
            [
                SaleLine(
                    sale_id=sale.id,
                    kind="service",
                    description="Botox: frown lines",
                    service_id=clinic.botox,
                    appointment_id=completed.id,
                    provider_id=clinic.kelsey,
                    quantity=1,
                    unit_price_cents=30000,
                    total_cents=30000,
                ),
                SaleLine(
                    sale_id=sale.id,
                    kind="gift_card",
                    description="Gift card",
                    gift_card_id=gift_card.id,
                    quantity=1,
                    unit_price_cents=10000,
                    total_cents=10000,
                ),
                SaleTender(
                    sale_id=sale.id,
                    kind="card",
                    amount_cents=40000,
                    card_brand="Visa",
                    card_last4="4242",
                    approval_code="A2",
                ),
                GiftCardEntry(
                    gift_card_id=gift_card.id,
                    amount_cents=10000,
                    at=sale.completed_at,
                    sale_id=sale.id,
                ),
                GiftCardEntry(
                    gift_card_id=gift_card.id, amount_cents=-2500, at=at(date(2026, 5, 20), 12)
                ),
            ]
        )
        voided = _sale(session, 2, date(2026, 5, 20), owner, None, clinic, 4200)
        voided.voided_at = at(date(2026, 5, 20), 15)
        voided.voided_by_id = clinic.amber
        voided.void_reason = "Rung up twice"
        session.add(
            SaleLine(
                sale_id=voided.id,
                kind="retail",
                description="Hydrating serum",
                quantity=1,
                unit_price_cents=4200,
                total_cents=4200,
            )
        )
        session.execute(
            update(Counter).where(Counter.name == "receipt_number").values(next_value=3)
        )
        # The day of the first sale is closed: its sales can change no more (a trigger says so).
        session.add(
            DayClose(
                business_day=CLOSED_DAY,
                closed_at=at(CLOSED_DAY, 19),
                closed_by_id=clinic.amber,
                expected_cash_cents=0,
                counted_cash_cents=0,
            )
        )
        session.add_all(
            [
                MarketingConsent(
                    client_id=owner,
                    channel="email",
                    granted=True,
                    at=client.created_at,
                    source="form",
                ),
                MarketingConsent(
                    client_id=owner,
                    channel="sms",
                    granted=True,
                    at=client.created_at,
                    source="desk",
                    by_staff_id=clinic.riley,
                    note="Said yes to texts at her first visit",
                ),
                ClientChange(
                    client_id=owner,
                    at=at(date(2025, 9, 1), 9),
                    by_staff_id=clinic.riley,
                    field="phone",
                    old_value="+14065550999",
                    new_value=PHONE,
                ),
            ]
        )
        session.flush()
        return Hoa(
            client_id=owner,
            completed=completed.id,
            no_show=no_show.id,
            upcoming=upcoming.id,
            fee=fee.id,
            deposit=deposit.id,
            card=card.id,
            sale=sale.id,
            voided_sale=voided.id,
            gift_card=gift_card.id,
        )


def _sale(session, receipt_number, day, owner, appointment_id, clinic, total_cents) -> Sale:
    sale = Sale(
        receipt_number=receipt_number,
        business_day=day,
        completed_at=at(day, 11),
        staff_id=clinic.riley,
        client_id=owner,
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
    return sale
