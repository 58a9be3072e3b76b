"""Notice for a call-off: elapsed time against the "less than 24 hours" window, across DST."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.cancellation_policy import (
    CalledOffBooking,
    CallOff,
    FeeCollection,
    call_off_outcome,
    is_late_notice,
    notice,
)
from tests.domain.called_off_bookings import DENVER, SETTINGS, STARTS, WITH_CARD, before

# --- notice: elapsed time, "less than 24 hours" -------------------------------------------------


@pytest.mark.parametrize(
    ("called_off_at", "late"),
    [
        (before(WITH_CARD, days=3), False),
        (before(WITH_CARD, hours=24), False),  # exactly 24 hours is not "less than 24 hours"
        (before(WITH_CARD, hours=23, minutes=59, seconds=59), True),
        (before(WITH_CARD, hours=24, microseconds=-1), True),
        (before(WITH_CARD, minutes=5), True),
        (before(WITH_CARD, minutes=-30), True),  # called after the start
    ],
)
def test_late_notice_is_less_than_the_window(called_off_at, late):
    assert is_late_notice(STARTS, called_off_at, SETTINGS) is late


def test_notice_is_negative_after_the_start():
    assert notice(STARTS, STARTS + timedelta(minutes=30)) == timedelta(minutes=-30)


@pytest.mark.parametrize("zone", [DENVER, UTC], ids=["both in Denver time", "cancelled in UTC"])
def test_the_fall_back_saturday_to_sunday_is_25_hours(zone):
    # 10:00 Sat 2026-10-31 to 10:00 Sun 2026-11-01 in Kalispell: one wall-clock day, 25 hours.
    starts_at = datetime(2026, 11, 1, 10, 0, tzinfo=DENVER)
    called_at = datetime(2026, 10, 31, 10, 0, tzinfo=DENVER).astimezone(zone)
    assert notice(starts_at, called_at) == timedelta(hours=25)
    booking = CalledOffBooking(starts_at, card_on_file=True)
    outcome = call_off_outcome(booking, CallOff.CLIENT_CANCELS, called_at, SETTINGS)
    assert outcome.status is Status.CANCELLED
    assert outcome.fee_cents == 0
    assert not outcome.counts_as_strike


@pytest.mark.parametrize("zone", [DENVER, UTC], ids=["both in Denver time", "cancelled in UTC"])
def test_the_spring_forward_saturday_to_sunday_is_23_hours(zone):
    # 10:00 Sat 2026-03-07 to 10:00 Sun 2026-03-08: "a day ahead" on the wall, 23 hours of notice.
    starts_at = datetime(2026, 3, 8, 10, 0, tzinfo=DENVER)
    called_at = datetime(2026, 3, 7, 10, 0, tzinfo=DENVER).astimezone(zone)
    assert notice(starts_at, called_at) == timedelta(hours=23)
    booking = CalledOffBooking(starts_at, card_on_file=True)
    outcome = call_off_outcome(booking, CallOff.CLIENT_CANCELS, called_at, SETTINGS)
    assert outcome.status is Status.LATE_CANCELLED
    assert outcome.fee_cents == 7500
    assert outcome.counts_as_strike


@pytest.mark.parametrize(
    ("starts_at", "called_at", "late"),
    [
        # Booked on the spring-forward Sunday: the same wall time the day before is 23 hours
        # ahead, so 24 hours' notice means calling an hour earlier on the Saturday.
        (datetime(2026, 3, 8, 10, 0), datetime(2026, 3, 7, 9, 0), False),
        (datetime(2026, 3, 8, 10, 0), datetime(2026, 3, 7, 9, 0, 1), True),
        # Booked on the fall-back Sunday: 24 hours ahead is 11:00 on the Saturday's wall.
        (datetime(2026, 11, 1, 10, 0), datetime(2026, 10, 31, 11, 0), False),
        (datetime(2026, 11, 1, 10, 0), datetime(2026, 10, 31, 11, 0, 1), True),
        # Booked on the Monday after, called off on the Sunday: both sides of the change are
        # in the same offset, so the wall clock and the hours agree again.
        (datetime(2026, 3, 9, 10, 0), datetime(2026, 3, 8, 10, 0), False),
        (datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 1, 10, 0, 1), True),
    ],
)
def test_dst_weekends_count_hours_not_wall_clock_days(starts_at, called_at, late):
    starts_at, called_at = starts_at.replace(tzinfo=DENVER), called_at.replace(tzinfo=DENVER)
    assert is_late_notice(starts_at, called_at, SETTINGS) is late


def test_the_window_and_the_fee_are_settings():
    two_days_fifty = replace(SETTINGS, late_cancel_window_hours=48, late_cancel_fee_cents=5000)
    outcome = call_off_outcome(
        WITH_CARD, CallOff.CLIENT_CANCELS, before(WITH_CARD, hours=30), two_days_fifty
    )
    assert outcome.status is Status.LATE_CANCELLED
    assert outcome.fee == FeeCollection(charge_card_cents=5000)


def test_instants_without_a_zone_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        notice(datetime(2026, 6, 16, 10, 0), STARTS)
