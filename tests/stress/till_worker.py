"""A desk that sells (or books) as fast as it can, saying each receipt number (or appointment id)
once the action is committed.

Run by test_kill_during_sales.py, which kills it (SIGKILL: a power cut, as far as the
database can tell) at random moments and then checks the books.
"""

from __future__ import annotations

import random
import sys
from datetime import time, timedelta
from pathlib import Path

from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.clock import SystemClock
from medspa_desk.domain.sale_math import Tender
from medspa_desk.services.booking.booking_choices import providers, services_for
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.desk import open_desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import walk_in_cart
from medspa_desk.services.till.retail_stock import find_product, retail_line
from medspa_desk.services.till.sale_completion import complete_sale
from tests.approvals import as_front_desk


def sell_forever(database: Path, seed: int) -> None:
    rng = random.Random(seed)
    desk = as_front_desk(open_desk(database, SystemClock()))
    shelf = find_product(desk, "SKN") or find_product(desk, "a")
    while True:
        cart = walk_in_cart(desk)
        for product in rng.sample(shelf, k=rng.randint(1, 3)):
            cart.add(retail_line(product, quantity=rng.randint(1, 2)))
        sale = complete_sale(desk, cart, [Tender.cash(100_000_00)])
        print(sale.receipt_number, flush=True)  # only now is the sale confirmed to the desk


def book_forever(database: Path, seed: int) -> None:
    rng = random.Random(seed)
    desk = as_front_desk(open_desk(database, SystemClock()))
    clients = [match.client_id for match in desk.client_index.search("", limit=50)]
    day = local_date(desk.clock.now(), desk.settings.zone) + timedelta(days=60 + seed * 7)
    while True:
        day += timedelta(days=1)
        for provider in providers(desk):
            service = services_for(desk, provider.provider_id)[0]
            for slot in range(0, 8 * 60, service.duration_minutes):
                starts_at = at_local(day, time(9), desk.settings.zone) + timedelta(minutes=slot)
                request = BookingRequest(
                    rng.choice(clients), provider.provider_id, service.service_id, starts_at
                )
                try:
                    appointment_id = book(desk, request)
                except DeskRefusal:  # a client with strikes, an overlap: the next slot will do
                    continue
                print(appointment_id, flush=True)


if __name__ == "__main__":
    work = {"sell": sell_forever, "book": book_forever}[
        sys.argv[3] if len(sys.argv) > 3 else "sell"
    ]
    work(Path(sys.argv[1]), int(sys.argv[2]))
