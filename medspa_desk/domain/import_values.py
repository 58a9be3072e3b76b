"""Reading the values of another system's export: dates, times, amounts, yes/no and names as
people and programs write them.

Every reader takes the cell's text (a spreadsheet's dates and numbers arrive as text already,
see services.moving_in.import_files) and returns the value, or raises ValueUnreadable saying
what could not be read. Dates with slashes are read the American way (month first): the clinic
is in Montana and its exports are American; a day over 12 in the first place is read as day
first, since no month is.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from medspa_desk.domain.appointment_status import AppointmentStatus


class ValueUnreadable(ValueError):
    """str() says what was found and what was expected, for the problem list."""


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)")
_WORDED_DATE = re.compile(r"(?:([a-z]+)\.? (\d{1,2}),? (\d{4})|(\d{1,2}) ([a-z]+)\.?,? (\d{4}))")
_TIME = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?(?:\.\d+)?\s*([ap])?\.?m?\.?")


def read_date(text: str, *, latest_year: int) -> date:
    """'1985-03-04', '03/04/1985', '3/4/85', 'March 4, 1985', '4 Mar 1985' -> 4 March 1985.

    A two-digit year is the latest year ending in those digits up to `latest_year`: with 2026,
    '85' is 1985, '07' is 2007 and '30' is 1930 (a birthday, not a child not yet born).
    """
    day, rest = _date_and_rest(text.strip(), latest_year)
    rest = rest.lstrip("T ,").strip()
    if rest and rest.lower() not in ("00:00", "00:00:00", "12:00 am", "12:00:00 am"):
        raise ValueUnreadable(f"“{text.strip()}” is not a date.")
    return day


def read_datetime(text: str, *, latest_year: int) -> datetime:
    """'2026-12-14 10:30', '12/14/2026 10:30 AM', '2026-12-14T10:30:00' -> a naive local
    datetime (the caller knows the zone the old system wrote in)."""
    day, rest = _date_and_rest(text.strip(), latest_year)
    rest = rest.lstrip("T ,").strip()
    if not rest:
        raise ValueUnreadable(f"“{text.strip()}” has a date but no time of day.")
    return datetime.combine(day, read_time(rest))


def read_time(text: str) -> time:
    """'10:30', '10:30 AM', '2 pm', '14:00:00' -> the time of day."""
    found = _TIME.fullmatch(text.strip().lower())
    if found is None:
        raise ValueUnreadable(f"“{text.strip()}” is not a time of day.")
    hour, minute = int(found[1]), int(found[2] or 0)
    second = int(found[3] or 0)
    if found[4]:
        if not 1 <= hour <= 12:
            raise ValueUnreadable(f"“{text.strip()}” is not a time of day.")
        hour = hour % 12 + (12 if found[4] == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueUnreadable(f"“{text.strip()}” is not a time of day.")
    return time(hour, minute, second)


def read_cents(text: str) -> int:
    """'$1,234.50', '1234.5', '(20.00)', '-20' -> cents: 123450, 123450, -2000, -2000."""
    plain = text.strip().replace("$", "").replace(",", "").replace(" ", "").replace("USD", "")
    negative = plain.startswith("(") and plain.endswith(")") or plain.startswith("-")
    plain = plain.strip("()-")
    found = re.fullmatch(r"(\d*)(?:\.(\d{1,2}))?", plain)
    if not plain or found is None or not (found[1] or found[2]):
        raise ValueUnreadable(f"“{text.strip()}” is not an amount of money.")
    cents = int(found[1] or 0) * 100 + int((found[2] or "0").ljust(2, "0"))
    return -cents if negative else cents


_YES = {"y", "yes", "true", "1", "x", "opted in", "optedin", "subscribed", "granted", "on"}
_NO = {"n", "no", "false", "0", "opted out", "optedout", "unsubscribed", "off", "declined"}


def read_yes_no(text: str) -> bool | None:
    """'Yes', 'TRUE', 'opted in' -> True; 'No', '0', 'unsubscribed' -> False; '' -> None (not
    said, which is not a no: no consent is recorded)."""
    plain = " ".join(text.strip().lower().split())
    if not plain:
        return None
    if plain in _YES:
        return True
    if plain in _NO:
        return False
    raise ValueUnreadable(f"“{text.strip()}” is neither yes nor no.")


def read_minutes(text: str) -> int:
    """'60', '60 min', '1h', '1:30', '1 hr 15 min', '90.0' -> minutes."""
    plain = text.strip().lower()
    if re.fullmatch(r"\d+(\.0+)?", plain):
        minutes = int(float(plain))
    elif found := re.fullmatch(r"(\d+):(\d{2})", plain):
        minutes = int(found[1]) * 60 + int(found[2])
    elif found := re.fullmatch(
        r"(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:ute)?s?)?)?", plain
    ):
        if not (found[1] or found[2]):
            raise ValueUnreadable(f"“{text.strip()}” is not a length of time.")
        minutes = int(found[1] or 0) * 60 + int(found[2] or 0)
    else:
        raise ValueUnreadable(f"“{text.strip()}” is not a length of time.")
    if minutes <= 0:
        raise ValueUnreadable(f"“{text.strip()}” is not a length of time.")
    return minutes


def split_full_name(text: str) -> tuple[str, str]:
    """'Zoë Núñez' -> ('Zoë', 'Núñez'); 'Núñez, Zoë' -> ('Zoë', 'Núñez'); 'Cher' -> ('Cher', '');
    'Mary Ann van der Berg' -> ('Mary Ann van der', 'Berg'): the last word is the last name,
    which the person corrects on the profile when it is not."""
    name = " ".join(text.split())
    if "," in name:
        last, _, first = name.partition(",")
        return first.strip(), last.strip()
    first, _, last = name.rpartition(" ")
    return (first, last) if first else (last, "")


# The old systems' words for where a booking stands, as this desk keeps it. Only future
# bookings are brought in: one not yet come is booked or confirmed; anything else is history.
_STATUSES = {
    "booked": AppointmentStatus.BOOKED,
    "scheduled": AppointmentStatus.BOOKED,
    "pending": AppointmentStatus.BOOKED,
    "requested": AppointmentStatus.BOOKED,
    "unconfirmed": AppointmentStatus.BOOKED,
    "reserved": AppointmentStatus.BOOKED,
    "confirmed": AppointmentStatus.CONFIRMED,
    "cancelled": AppointmentStatus.CANCELLED,
    "late cancel": AppointmentStatus.LATE_CANCELLED,
    "late cancelled": AppointmentStatus.LATE_CANCELLED,
    "late canceled": AppointmentStatus.LATE_CANCELLED,
    "late cancellation": AppointmentStatus.LATE_CANCELLED,
    "cancelled by clinic": AppointmentStatus.CANCELLED_BY_CLINIC,
    "canceled": AppointmentStatus.CANCELLED,
    "no show": AppointmentStatus.NO_SHOW,
    "noshow": AppointmentStatus.NO_SHOW,
    "no-show": AppointmentStatus.NO_SHOW,
    "completed": AppointmentStatus.COMPLETED,
    "complete": AppointmentStatus.COMPLETED,
    "checked out": AppointmentStatus.COMPLETED,
    "arrived": AppointmentStatus.CHECKED_IN,
    "checked in": AppointmentStatus.CHECKED_IN,
}


# And this desk's own words (its exports read back in).
_STATUSES.update({" ".join(status.label.lower().split()): status for status in AppointmentStatus})


def read_status(text: str) -> AppointmentStatus:
    """'Confirmed' -> CONFIRMED; '' -> BOOKED (an export without statuses lists bookings)."""
    plain = " ".join(text.strip().lower().replace("_", " ").split())
    if not plain:
        return AppointmentStatus.BOOKED
    try:
        return _STATUSES[plain]
    except KeyError:
        raise ValueUnreadable(
            f"“{text.strip()}” is not a booking status this desk knows."
        ) from None


def _date_and_rest(text: str, latest_year: int) -> tuple[date, str]:
    lowered = text.lower()
    if found := _ISO_DATE.match(lowered):
        year, month, day = int(found[1]), int(found[2]), int(found[3])
    elif found := _SLASHED_DATE.match(lowered):
        first, second, year = int(found[1]), int(found[2]), int(found[3])
        month, day = (second, first) if first > 12 else (first, second)
        if len(found[3]) == 2:
            year += latest_year - latest_year % 100
            if year > latest_year:
                year -= 100
    elif found := _WORDED_DATE.match(lowered):
        month_name, day_text, year_text = (
            (found[1], found[2], found[3]) if found[1] else (found[5], found[4], found[6])
        )
        if month_name not in _MONTHS:
            raise ValueUnreadable(f"“{text}” is not a date.")
        month, day, year = _MONTHS[month_name], int(day_text), int(year_text)
    else:
        raise ValueUnreadable(f"“{text}” is not a date.")
    try:
        return date(year, month, day), text[found.end() :]
    except ValueError:
        raise ValueUnreadable(f"“{text}” is not a date.") from None
