"""Who on the waiting list takes a freed slot: the service fits the slot and the client's hours,
on their weekdays, with a provider they named; best first (named provider, fills more, waited
longest); hours on the slot's own day across DST."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medspa_desk.domain.waiting_list import (
    FreedSlot,
    HoursOfDay,
    WaitingWish,
    best_matches,
    fitting_start,
)

DENVER = ZoneInfo("America/Denver")
KELSEY, MAYA = 1, 2
BOTOX, FACIAL = 10, 20
LONG_AGO = datetime(2026, 5, 1, 12, tzinfo=UTC)


def _local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=DENVER)


# Thursday 18 June 2026, 10:00 to 11:00 with Kelsey.
SLOT = FreedSlot(KELSEY, _local(2026, 6, 18, 10), _local(2026, 6, 18, 11))


def _wish(entry_id=1, minutes=30, **given) -> WaitingWish:
    return WaitingWish(
        entry_id, 100 + entry_id, BOTOX, minutes, given.pop("added_at", LONG_AGO), **given
    )


def _anyone_gives_anything(_provider: int, _service: int) -> bool:
    return True


@pytest.mark.parametrize(
    ("minutes", "fits"),
    [(60, True), (61, False), (15, True)],
)
def test_the_service_must_end_within_the_freed_time(minutes, fits):
    start = fitting_start(_wish(minutes=minutes), SLOT, DENVER)
    assert (start == SLOT.starts_at.astimezone(UTC)) if fits else start is None


def test_a_named_provider_is_kept_to():
    assert fitting_start(_wish(provider_ids=frozenset({MAYA})), SLOT, DENVER) is None
    assert fitting_start(_wish(provider_ids=frozenset({KELSEY, MAYA})), SLOT, DENVER) is not None


@pytest.mark.parametrize(("weekdays", "fits"), [({3}, True), ({0, 1}, False), (set(), True)])
def test_the_weekdays_named_are_kept_to(weekdays, fits):
    start = fitting_start(_wish(weekdays=frozenset(weekdays)), SLOT, DENVER)
    assert (start is not None) is fits


@pytest.mark.parametrize(
    ("hours", "start"),
    [
        ((HoursOfDay(time(9), time(10, 30)),), _local(2026, 6, 18, 10)),  # 10:00–10:30 fits
        ((HoursOfDay(time(9), time(10, 29)),), None),  # a minute short
        ((HoursOfDay(time(10, 30), time(12)),), _local(2026, 6, 18, 10, 30)),  # starts later
        ((HoursOfDay(time(10, 31), time(12)),), None),  # would end after 11:00
        (
            (HoursOfDay(time(7), time(8)), HoursOfDay(time(10, 15), time(17))),
            _local(2026, 6, 18, 10, 15),
        ),
    ],
)
def test_the_booking_lies_inside_the_clients_hours_and_the_slot(hours, start):
    found = fitting_start(_wish(hours=hours), SLOT, DENVER)
    assert found == (start.astimezone(UTC) if start is not None else None)


def test_hours_keep_their_wall_clock_meaning_across_dst():
    # The Monday after spring-forward (MDT) and the one before it (MST): 9:00 local each time.
    for day in (datetime(2026, 3, 2), datetime(2026, 3, 9)):
        nine = _local(day.year, day.month, day.day, 9)
        slot = FreedSlot(KELSEY, nine - timedelta(hours=1), nine + timedelta(hours=2))
        wish = _wish(hours=(HoursOfDay(time(9), time(12)),))
        assert fitting_start(wish, slot, DENVER).astimezone(DENVER).time() == time(9)


def test_best_first_named_provider_then_fuller_then_waited_longest():
    wishes = [
        _wish(1, minutes=30, added_at=LONG_AGO),  # anyone, 30 min, waited longest
        _wish(2, minutes=60, added_at=LONG_AGO + timedelta(days=3)),  # anyone, fills the hour
        _wish(
            3, minutes=30, added_at=LONG_AGO + timedelta(days=9), provider_ids=frozenset({KELSEY})
        ),
        _wish(4, minutes=30, added_at=LONG_AGO + timedelta(days=1)),  # anyone, 30 min
        _wish(5, minutes=90),  # does not fit
    ]
    order = [
        match.wish.entry_id for match in best_matches(wishes, SLOT, DENVER, _anyone_gives_anything)
    ]
    assert order == [3, 2, 1, 4]


def test_a_provider_who_does_not_give_the_service_is_no_match():
    def kelsey_gives_no_facials(provider: int, service: int) -> bool:
        return not (provider == KELSEY and service == FACIAL)

    facial = WaitingWish(9, 109, FACIAL, 30, LONG_AGO)
    assert best_matches([facial], SLOT, DENVER, kelsey_gives_no_facials) == []


def test_empty_or_backward_hours_are_refused():
    with pytest.raises(ValueError, match="end after it starts"):
        HoursOfDay(time(12), time(12))


@given(
    minutes=st.integers(min_value=5, max_value=180),
    starts=st.integers(min_value=0, max_value=600),
    length=st.integers(min_value=5, max_value=240),
)
def test_a_match_always_lies_inside_the_freed_slot(minutes, starts, length):
    slot_start = _local(2026, 11, 1, 0) + timedelta(minutes=starts)  # across fall-back
    slot = FreedSlot(KELSEY, slot_start, slot_start + timedelta(minutes=length))
    start = fitting_start(_wish(minutes=minutes), slot, DENVER)
    if start is not None:
        assert slot.starts_at <= start and start + timedelta(minutes=minutes) <= slot.ends_at
    else:
        assert minutes > length
