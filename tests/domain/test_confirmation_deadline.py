"""The confirmation deadline: closing time on the local day before, and what it lets be cancelled."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given

from medspa_desk.domain.cancellation_policy import (
    confirmation_deadline,
    unconfirmed_may_be_cancelled,
)
from tests.domain.called_off_bookings import DENVER, SETTINGS, STARTS, instants

# --- confirmation deadline ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_at", "deadline_utc"),
    [
        # An ordinary summer Tuesday: Monday 19:00 MDT.
        (datetime(2026, 6, 16, 10, 0), datetime(2026, 6, 16, 1, 0)),
        # 18:30 on the Tuesday is already Wednesday in UTC; the day before is still Monday.
        (datetime(2026, 6, 16, 18, 30), datetime(2026, 6, 16, 1, 0)),
        # Booked on the spring-forward Sunday: Saturday 19:00 MST.
        (datetime(2026, 3, 8, 10, 0), datetime(2026, 3, 8, 2, 0)),
        (datetime(2026, 3, 8, 0, 30), datetime(2026, 3, 8, 2, 0)),
        # The Monday after: Sunday 19:00, now MDT.
        (datetime(2026, 3, 9, 10, 0), datetime(2026, 3, 9, 1, 0)),
        # Booked on the fall-back Sunday: Saturday 19:00 MDT.
        (datetime(2026, 11, 1, 10, 0), datetime(2026, 11, 1, 1, 0)),
        # The Monday after: Sunday 19:00, now MST.
        (datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 2, 0)),
    ],
)
def test_the_deadline_is_closing_time_on_the_local_day_before(starts_at, deadline_utc):
    deadline = confirmation_deadline(starts_at.replace(tzinfo=DENVER), SETTINGS)
    assert deadline == deadline_utc.replace(tzinfo=UTC)
    assert deadline.astimezone(DENVER).time() == time(19, 0)


def test_the_deadline_follows_the_closing_time_setting():
    early_close = replace(SETTINGS, closing_time=time(17, 0))
    deadline = confirmation_deadline(STARTS, early_close)
    assert deadline.astimezone(DENVER) == datetime(2026, 6, 15, 17, 0, tzinfo=DENVER)


@pytest.mark.parametrize(
    ("now", "confirmed", "may_cancel"),
    [
        (datetime(2026, 6, 15, 18, 59, 59), False, False),
        (datetime(2026, 6, 15, 19, 0, 0), False, False),  # a reply by closing time is in time
        (datetime(2026, 6, 15, 19, 0, 1), False, True),
        (datetime(2026, 6, 16, 9, 59, 59), False, True),
        (datetime(2026, 6, 16, 10, 0, 0), False, False),  # started: the no-show rule takes over
        (datetime(2026, 6, 15, 19, 0, 1), True, False),
    ],
)
def test_an_unconfirmed_booking_may_be_cancelled_after_the_deadline(now, confirmed, may_cancel):
    assert (
        unconfirmed_may_be_cancelled(STARTS, confirmed, now.replace(tzinfo=DENVER), SETTINGS)
        is may_cancel
    )


def test_the_confirmation_deadline_across_spring_forward():
    sunday_ten = datetime(2026, 3, 8, 10, 0, tzinfo=DENVER)
    saturday_close = datetime(2026, 3, 7, 19, 0, tzinfo=DENVER)
    assert unconfirmed_may_be_cancelled(sunday_ten, False, saturday_close, SETTINGS) is False
    one_second_on = saturday_close.astimezone(UTC) + timedelta(seconds=1)
    assert unconfirmed_may_be_cancelled(sunday_ten, False, one_second_on, SETTINGS) is True


@given(starts_at=instants)
def test_the_deadline_is_always_the_evening_before_the_local_day(starts_at):
    deadline = confirmation_deadline(starts_at, SETTINGS)
    assert deadline < starts_at
    assert deadline.astimezone(DENVER).date() == starts_at.astimezone(DENVER).date() - timedelta(
        days=1
    )
    assert deadline.astimezone(DENVER).time() == SETTINGS.closing_time


def test_a_local_day_is_what_the_deadline_counts_from():
    # 23:30 on Sunday 2026-03-08 in Kalispell is Monday in UTC; its deadline is Saturday evening.
    sunday_late = datetime(2026, 3, 8, 23, 30, tzinfo=DENVER)
    assert sunday_late.astimezone(UTC).date() == date(2026, 3, 9)
    assert confirmation_deadline(sunday_late, SETTINGS).astimezone(DENVER).date() == date(
        2026, 3, 7
    )
