"""The demo clinic's calendar: opening hours Monday to Saturday, its providers' shifts (one off on
Mondays, one with a split shift), a vacation in the coming weeks and Christmas Day closed, and
not one booking outside that availability."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from medspa_desk.demo import clinic_catalog
from medspa_desk.domain.availability import why_unbookable
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.services.clinic.bookable_time import clinic_days, provider_times
from medspa_desk.services.clinic.clinic_hours import read_opening_hours
from medspa_desk.services.clinic.closures import closures_between
from medspa_desk.services.clinic.time_off import time_off_between
from medspa_desk.storage.models import Staff
from tests.demo.demo_books import SETTINGS, WEDNESDAY, local

CHRISTMAS = date(2026, 12, 25)


def test_the_clinic_opens_monday_to_saturday_and_closes_on_christmas_day(demo, appointments):
    with demo.reading() as session:
        assert read_opening_hours(session) == {
            weekday: DayHours(time(8), time(19)) for weekday in range(6)
        }
    assert closures_between(demo, date(2026, 1, 1), date(2027, 12, 31)) == {
        CHRISTMAS: "Christmas Day"
    }
    assert not [a for a in appointments if local(a.starts_at).date() == CHRISTMAS]


def test_one_provider_is_away_on_vacation_in_the_coming_weeks(demo, appointments):
    maya = 1 + [p.display_name for p in clinic_catalog.PROVIDERS].index("Maya Lindqvist")
    (away,) = time_off_between(demo, *_demo_range(), maya)
    assert away.reason == "Vacation"
    assert WEDNESDAY < local(away.starts_at).date() <= WEDNESDAY + timedelta(days=21)
    assert not [
        a
        for a in appointments
        if a.provider_id == maya and away.starts_at <= a.starts_at < away.ends_at
    ]


def test_no_demo_booking_is_outside_its_providers_availability(demo, appointments):
    starts, ends = _demo_range()
    with demo.reading() as session:
        providers = select(Staff.id, Staff.display_name).where(Staff.is_provider)
        names = {staff_id: name for staff_id, name in session.execute(providers)}
        clinic = clinic_days(session, SETTINGS, local(starts).date(), local(ends).date())
        rules = provider_times(session, names, starts, ends)
    outside = [
        (a.id, reason)
        for a in appointments
        if (reason := why_unbookable(a.starts_at, a.ends_at, clinic, rules[a.provider_id]))
    ]
    assert outside == []
    dana = rules[2]
    assert dana.name == "Dana Whitfield" and 0 not in dana.shifts  # off on Mondays
    assert dana.shifts[1] == [(time(10), time(13)), (time(14), time(18))]  # a split shift
    tuesday = date(2026, 12, 8)
    lunch = at_local(tuesday, time(13, 15), SETTINGS.zone)
    assert why_unbookable(lunch, lunch + timedelta(minutes=30), clinic, dana).endswith(
        "1:15 PM is in the break."
    )


def _demo_range():
    return (
        at_local(WEDNESDAY - timedelta(days=200), time(0), SETTINGS.zone),
        at_local(WEDNESDAY + timedelta(days=70), time(0), SETTINGS.zone),
    )
