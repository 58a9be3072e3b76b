"""The next free starts for a booking: on the marks, inside bookable time, clear of the
provider's bookings with their cleanup and of the client's, edge by edge."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.free_times import free_starts

ZONE = ZoneInfo("America/Denver")
DAY = date(2026, 11, 25)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return at_local(day, time(hour, minute), ZONE)


MORNING = ((at(9), at(12)),)


def starts(
    bookable=MORNING,
    provider_busy=(),
    client_busy=(),
    *,
    minutes: int = 30,
    cleanup: int = 0,
    after: datetime | None = None,
    limit: int = 20,
) -> list[str]:
    found = free_starts(
        list(bookable),
        list(provider_busy),
        list(client_busy),
        length=timedelta(minutes=minutes),
        cleanup=timedelta(minutes=cleanup),
        after=after or at(8),
        zone=ZONE,
        slot_minutes=15,
        limit=limit,
    )
    return [f"{s.astimezone(ZONE):%H:%M}" for s in found]


def test_every_mark_of_an_empty_morning_that_leaves_room_for_the_booking():
    assert starts(((at(9), at(10)),)) == ["09:00", "09:15", "09:30"]  # 9:30–10:00 fits exactly


def test_a_booking_ending_at_10_30_leaves_10_30_free():
    busy = [(at(9), at(10, 30))]
    assert starts(((at(9), at(11)),), busy) == ["10:30"]


def test_the_providers_cleanup_and_this_ones_keep_the_provider_busy():
    # 9:00–9:30 plus 15 minutes' cleanup holds the provider to 9:45.
    assert starts(((at(9), at(10, 30)),), [(at(9), at(9, 45))])[0] == "09:45"
    # This booking's own 15 minutes' cleanup must not run into a 10:30 booking: 9:45 is the last.
    found = starts(((at(9), at(11)),), [(at(10, 30), at(11))], cleanup=15)
    assert found == ["09:00", "09:15", "09:30", "09:45"]


def test_the_client_cannot_be_in_two_places_and_their_cleanup_is_not_theirs():
    client_busy = [(at(9, 15), at(9, 45))]
    assert starts(((at(9), at(10, 15)),), client_busy=client_busy) == ["09:45"]


def test_a_start_is_the_next_mark_from_now_never_before():
    assert starts(after=at(10, 12))[:2] == ["10:15", "10:30"]
    assert starts(after=at(10, 15))[0] == "10:15"  # a mark exactly now is still ahead


def test_the_limit_and_later_days_come_in_order():
    tomorrow = DAY + timedelta(days=1)
    bookable = [(at(9, day=tomorrow), at(10, day=tomorrow)), (at(11), at(12))]
    assert starts(bookable, limit=4) == ["11:00", "11:15", "11:30", "09:00"]


def test_the_spring_forward_sunday_skips_the_missing_hour():
    sunday = date(2026, 3, 8)  # 2:00 AM does not exist in Kalispell that day
    bookable = [(at(1, 30, sunday), at(3, 45, sunday))]
    assert starts(bookable, after=at(1, 30, sunday), minutes=15) == [
        "01:30", "01:45", "03:00", "03:15", "03:30",
    ]  # fmt: skip
