"""A busy appointment book, for the tests and benchmarks of booking and check-in on years of
bookings: the desk standing at opening time, and requests for the free slots of a busy day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from medspa_desk.demo.demo_ids import demo_anchor_date
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.clock import FixedClock
from medspa_desk.services.booking.booking_choices import (
    booking_requirement,
    providers,
    services_for,
)
from medspa_desk.services.booking.day_schedule import day_schedule
from medspa_desk.services.booking.new_booking import BookingRequest
from medspa_desk.services.desk import Desk, open_desk
from tests.approvals import as_front_desk


def open_desk_at_opening(path: Path, day: date | None = None) -> Desk:
    """The desk over `path`, its clock at opening time on `day` (default: the demo's today)."""
    desk = open_desk(path, FixedClock(datetime.now(UTC)))
    day = day or demo_anchor_date(desk.db)
    desk.clock.set(at_local(day, desk.settings.opening_time, desk.settings.zone))
    return as_front_desk(desk)


def free_slot_requests(desk: Desk, day: date, wanted: int) -> list[BookingRequest]:
    """Up to `wanted` requests for the shortest service of each provider in the gaps of a busy
    day (its bookable time not yet booked), each for a client with nothing else that day and no prepayment to take."""
    settings = desk.settings
    schedule = day_schedule(desk.db, day, settings)
    busy_clients = {slot.client_id for slot in schedule.appointments}
    # Time the provider is not available is no gap to book into: the calendar's unbookable spans.
    taken = {
        provider_id: [(span.starts_at, span.ends_at) for span in spans]
        for provider_id, spans in schedule.unbookable.items()
    }
    for slot in schedule.appointments:
        if slot.status.occupies_slot:
            taken.setdefault(slot.provider_id, []).append((slot.starts_at, slot.ends_at))
    opens = at_local(day, settings.opening_time, settings.zone)
    closes = at_local(day, settings.closing_time, settings.zone)
    step = timedelta(minutes=settings.slot_minutes)
    clients = (client_id for client_id in range(1, 100_000) if client_id not in busy_clients)
    requests = []
    for provider in providers(desk):
        service = min(
            services_for(desk, provider.provider_id),
            key=lambda s: (s.duration_minutes, -s.price_cents),
        )
        length = timedelta(minutes=service.duration_minutes)
        booked = taken.get(provider.provider_id, [])
        start = opens
        while start + length <= closes and len(requests) < wanted:
            if all(start + length <= since or start >= until for since, until in booked):
                client_id = next(clients)
                while booking_requirement(desk, client_id, service.service_id).required:
                    client_id = next(clients)
                requests.append(
                    BookingRequest(client_id, provider.provider_id, service.service_id, start)
                )
                booked.append((start, start + length))
            start += step
    return requests
