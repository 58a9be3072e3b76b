from datetime import time

import pytest

from medspa_desk.domain.opening_hours import DayHours, HoursInvalid
from medspa_desk.domain.week_hours_text import (
    day_hours_as_text,
    day_hours_from_text,
    week_from_text,
    weekday_numbered,
)

WEEK = {
    "monday": "09:00-18:00",
    "Tue": "9:00 - 18:00",
    "wednesday": "09:00–18:00",
    "thu": "09:00-20:30",
    "Friday": "09:00-18:00",
    "saturday": "10:00-14:00",
    "sunday": "Closed",
}


def test_a_week_typed_day_by_day_with_a_closed_day():
    week = week_from_text(WEEK)
    assert week[3] == DayHours(time(9), time(20, 30))
    assert week[1] == DayHours(time(9), time(18))
    assert 6 not in week


def test_every_day_must_be_given():
    days = {name: text for name, text in WEEK.items() if name not in ("sunday", "Tue")}
    with pytest.raises(HoursInvalid, match="Tuesday, Sunday are missing"):
        week_from_text(days)


def test_a_week_closed_every_day_is_refused():
    with pytest.raises(HoursInvalid, match="at least one day"):
        week_from_text(dict.fromkeys(WEEK, "closed"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9-5", "Monday: give the hours like 09:00-18:00"),
        ("25:00-26:00", "Monday: 25:00-26:00 is not a time of day"),
        ("18:00-09:00", "Monday: closing at 09:00 must come after opening at 18:00"),
        ("09:00-09:00", "Monday: closing at 09:00"),
    ],
)
def test_a_day_that_cannot_be_is_named(text, message):
    with pytest.raises(HoursInvalid, match=message):
        day_hours_from_text(0, text)


def test_day_names_and_the_text_back():
    assert weekday_numbered("SUN") == 6
    with pytest.raises(HoursInvalid, match="not a day of the week"):
        weekday_numbered("Funday")
    assert day_hours_as_text(DayHours(time(9), time(18))) == "09:00-18:00"
    assert day_hours_as_text(None) == "closed"
