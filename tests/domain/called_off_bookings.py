"""The booking the cancellation-policy tests call off (June 16 2026 at 10:00 in the clinic's
zone, with a card on file or prepaid), the published settings, and instants for properties."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from medspa_desk.domain.cancellation_policy import CalledOffBooking
from medspa_desk.domain.settings import ClinicSettings

DENVER = ZoneInfo("America/Denver")
SETTINGS = ClinicSettings()
STARTS = datetime(2026, 6, 16, 10, 0, tzinfo=DENVER)
WITH_CARD = CalledOffBooking(STARTS, card_on_file=True)
PREPAID = CalledOffBooking(STARTS, prepaid_cents=32000, card_on_file=True)


def before(booking, **delta):
    return booking.starts_at - timedelta(**delta)


instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
)
