"""A whole day at the desk, start to close, as one script: run with no network at all.

book → check in a client 12 minutes late (seen anyway) → a client cancels late (the $75 fee
goes on her card) → check out the visit with a tip and a retail product → print the receipt to
PDF → close the day. Prints "desk day done" and what it did; any failure is a traceback.
"""

from __future__ import annotations

import sys
from datetime import date, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.documents.receipt import receipt_pdf
from medspa_desk.documents.z_report import z_report_pdf
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.domain.sale_math import Tender, Tip, settle
from medspa_desk.services.booking.booking_choices import providers, services_for
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.check_in import check_in
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.clients.records import NewClient, add_card_on_file, create_client
from medspa_desk.services.desk import open_desk
from medspa_desk.services.till.cart import cart_for_appointment
from medspa_desk.services.till.day_close import close_day, day_totals
from medspa_desk.services.till.receipts import receipt_data, record_receipt_print
from medspa_desk.services.till.retail_stock import find_product, retail_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.database import open_database

DAY = date(2026, 12, 2)  # a Wednesday; the demo is built the day before


def desk_day(folder: Path) -> None:
    database = folder / "clinic.sqlite3"
    db = open_database(database)
    build_demo_clinic(db, DAY - timedelta(days=1), DemoSize(clients=50, past_days=7, future_days=7))
    db.close()

    clock = FixedClock(at_local(DAY - timedelta(days=1), time(9, 0), _zone()))
    desk = open_desk(database, clock)
    provider = providers(desk)[0]
    service = services_for(desk, provider.provider_id)[0]

    guest = create_client(
        desk, NewClient("Zoë", "Offline", phone="406-555-0142", email="zoe@example.com")
    )
    canceller = create_client(desk, NewClient("José", "Núñez-Late", phone="406-555-0143"))
    add_card_on_file(
        desk,
        canceller,
        brand="Visa",
        last4="4242",
        expiry_month=12,
        expiry_year=2030,
        cardholder_name="José Núñez",
        terminal_reference="tok_offline_1",
    )
    seen = book(
        desk,
        BookingRequest(
            guest, provider.provider_id, service.service_id, at_local(DAY, time(18, 0), _zone())
        ),
    )
    late_cancel = book(
        desk,
        BookingRequest(
            canceller,
            provider.provider_id,
            service.service_id,
            at_local(DAY, time(18, 0), _zone()) - timedelta(minutes=service.duration_minutes),
        ),
    )

    clock.set(at_local(DAY, time(12, 0), _zone()))  # the next day: 5 hours' notice is late
    cancelled = cancel(desk, late_cancel, by_clinic=False, reason="Client called: car trouble")
    assert cancelled.fee_cents == 7500 and cancelled.fee_collection.charge_card_cents == 7500, (
        cancelled
    )

    clock.set(at_local(DAY, time(18, 12), _zone()))  # 12 minutes late
    arrived = check_in(
        desk, seen, late_choice=LateArrivalChoice.SEE_ANYWAY, reason="Provider has time"
    )
    print("checked in:", arrived.message)

    cart = cart_for_appointment(desk, seen)
    cart.add(retail_line(find_product(desk, "a")[0]))
    cart.tip = Tip(percent_basis_points=2000)
    due = settle(cart).total_cents
    sale = complete_sale(
        desk, cart, [Tender.card(due - 2000, "Visa", "4242", "A1B2C3"), Tender.cash(2000)]
    )
    data = receipt_data(desk, sale.receipt_number)
    (folder / "receipt.pdf").write_bytes(receipt_pdf(data, "roll"))
    record_receipt_print(desk, data, "roll")

    clock.set(at_local(DAY, time(19, 30), _zone()))
    totals = day_totals(desk, DAY)
    closed = close_day(desk, DAY, counted_cash_cents=totals.expected_cash_cents)
    (folder / "z-report.pdf").write_bytes(z_report_pdf(closed))
    desk.close()
    print(
        f"desk day done: receipt {sale.receipt_number}, total {sale.total_cents} cents, day closed"
    )


def _zone() -> ZoneInfo:
    return ZoneInfo("America/Denver")


if __name__ == "__main__":
    desk_day(Path(sys.argv[1]))
