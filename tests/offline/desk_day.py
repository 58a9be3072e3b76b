"""A whole day at the desk, start to close, as one script: run with no network at all.

book (the client's confirmation emails queued) → the mail round finds no network and leaves them
waiting → check in a client 12 minutes late (seen anyway) → a client cancels late (the $75 fee
goes on her card) → check out the visit with a tip and a retail product → print the receipt to
PDF → close the day. Prints "desk day done" and what it did; any failure is a traceback.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from medspa_desk.demo import demo_accounts, demo_ids
from medspa_desk.demo.generator import DemoSize, build_demo_clinic
from medspa_desk.documents.receipt import receipt_pdf
from medspa_desk.documents.z_report import z_report_pdf
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.late_arrival import LateArrivalChoice
from medspa_desk.domain.outgoing_mail import MailSecurity
from medspa_desk.domain.sale_math import Tender, Tip, settle
from medspa_desk.services.booking.booking_choices import (
    ProviderChoice,
    ServiceChoice,
    providers,
    services_for,
)
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.check_in import check_in
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.clients.records import NewClient, add_card_on_file, create_client
from medspa_desk.services.desk import Desk, open_desk
from medspa_desk.services.mail.mail_server import MailServer
from medspa_desk.services.mail.outbox import mail_waiting, send_due
from medspa_desk.services.staff_access.sign_in import sign_in
from medspa_desk.services.till.cart import cart_for_appointment
from medspa_desk.services.till.day_close import close_day, day_totals
from medspa_desk.services.till.receipts import receipt_data, record_receipt_print
from medspa_desk.services.till.retail_stock import find_product, retail_line
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.database import open_database

DAY = date(2026, 12, 2)  # a Wednesday; the demo is built the day before
# The clinic's mail server, out on the internet: unreachable all day.
CLINIC_MAIL_SERVER = MailServer(
    "mail.406medicalspa.com", 587, MailSecurity.STARTTLS, "", "hello@406medicalspa.com", 5.0
)


NEXT_VISIT_DAYS = 7


def desk_day(folder: Path) -> None:
    database = folder / "clinic.sqlite3"
    db = open_database(database)
    build_demo_clinic(db, DAY - timedelta(days=1), DemoSize(clients=50, past_days=7, future_days=7))
    db.close()

    clock = FixedClock(at_local(DAY - timedelta(days=1), time(9, 0), _zone()))
    desk = open_desk(database, clock)
    # Riley Chen, the front desk, signs in with the demo's PIN (README, "Demo accounts").
    sign_in(desk, demo_ids.FRONT_DESK_ID, demo_accounts.PINS[demo_ids.FRONT_DESK_ID])
    provider, service, visit = _two_free_slots(desk)

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
        BookingRequest(guest, provider.provider_id, service.service_id, visit),
    )
    # Her next visit, a week on: its confirmation goes out the day before, once the line is back.
    book(
        desk,
        BookingRequest(
            guest, provider.provider_id, service.service_id, visit + timedelta(days=NEXT_VISIT_DAYS)
        ),
    )
    late_cancel = book(
        desk,
        BookingRequest(
            canceller,
            provider.provider_id,
            service.service_id,
            visit - timedelta(minutes=service.duration_minutes),
        ),
    )

    clock.set(at_local(DAY, time(12, 0), _zone()))  # the next day: 5 hours' notice is late
    mail = send_due(desk.db, CLINIC_MAIL_SERVER, None, clock.now())
    assert mail.sent == 0 and mail.retrying == 1, mail  # today's confirmation: no network
    print(f"mail waiting: {mail_waiting(desk.db)} ({mail.error})")
    cancelled = cancel(desk, late_cancel, by_clinic=False, reason="Client called: car trouble")
    assert cancelled.fee_cents == 7500 and cancelled.fee_collection.charge_card_cents == 7500, (
        cancelled
    )

    clock.set(visit + timedelta(minutes=12))  # 12 minutes late
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
    record_receipt_print(desk, data, "roll", on_paper=False)

    clock.set(at_local(DAY, time(19, 30), _zone()))
    totals = day_totals(desk, DAY)
    closed = close_day(desk, DAY, counted_cash_cents=totals.expected_cash_cents)
    (folder / "z-report.pdf").write_bytes(z_report_pdf(closed))
    desk.close()
    print(
        f"desk day done: receipt {sale.receipt_number}, total {sale.total_cents} cents, day closed"
    )


def _two_free_slots(desk: Desk) -> tuple[ProviderChoice, ServiceChoice, datetime]:
    """A provider, their first service and a start after 1 PM on DAY with that service's length
    bookable and free both before and after it (the late cancellation, then the visit)."""
    schedule = day_schedule(desk.db, DAY, desk.settings)
    for provider in providers(desk):
        service = services_for(desk, provider.provider_id)[0]
        length = timedelta(minutes=service.duration_minutes)
        taken = [
            (span.starts_at, span.ends_at) for span in schedule.unbookable[provider.provider_id]
        ]
        taken += [
            (slot.starts_at, slot.ends_at)
            for slot in schedule.appointments
            if slot.provider_id == provider.provider_id and slot.status.occupies_slot
        ]
        visit = at_local(DAY, time(13, 0), _zone()) + length
        while visit + length <= at_local(DAY, time(19, 0), _zone()):
            if all(visit + length <= since or visit - length >= until for since, until in taken):
                return provider, service, visit
            visit += timedelta(minutes=desk.settings.slot_minutes)
    raise AssertionError("the demo left no provider two free slots after 1 PM")


def _zone() -> ZoneInfo:
    return ZoneInfo("America/Denver")


if __name__ == "__main__":
    desk_day(Path(sys.argv[1]))
