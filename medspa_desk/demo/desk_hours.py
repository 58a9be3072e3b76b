"""When the demo clinic's front desk is there to record things: its days, hours and minutes."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from medspa_desk.demo import clinic_catalog as catalog
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.settings import ClinicSettings


def closure_reason(day: date) -> str | None:
    """Why the whole clinic is closed on `day` (a holiday), or None."""
    return catalog.HOLIDAYS.get((day.month, day.day))


def is_open(day: date) -> bool:
    # Open Monday to Saturday, closed on Sunday and on the holidays.
    return day.weekday() in catalog.OPENING_HOURS and closure_reason(day) is None


def open_day_on_or_before(day: date) -> date:
    return day if is_open(day) else day - timedelta(days=1)


def minute_of_day(wall_time: time) -> int:
    return wall_time.hour * 60 + wall_time.minute


class DeskHours:
    """Instants on the clinic's wall clock, and moments when the front desk was there to act."""

    def __init__(self, settings: ClinicSettings) -> None:
        self.settings = settings
        self.zone = settings.zone
        self.opening = minute_of_day(settings.opening_time)
        self.closing = minute_of_day(settings.closing_time)

    def at(self, day: date, minute: int) -> datetime:
        """The UTC instant of a minute of a clinic day, right on the DST days too."""
        return at_local(day, time(minute // 60, minute % 60), self.zone)

    def moment_on(self, rng: random.Random, day: date) -> datetime:
        """A whole minute of `day` while the desk is open (and not in its last quarter hour)."""
        return self.at(day, rng.randrange(self.opening, self.closing - 15))

    def moment_between(self, rng: random.Random, earliest: datetime, latest: datetime) -> datetime:
        """A whole minute from `earliest` to `latest`, in desk hours if the two leave any."""
        windows = []
        day = local_date(earliest, self.zone)
        while day <= local_date(latest, self.zone):
            if is_open(day):
                start = max(earliest, self.at(day, self.opening))
                end = min(latest, self.at(day, self.closing))
                if start <= end:
                    windows.append((start, end))
            day += timedelta(days=1)
        if not windows:
            # Nobody at the desk all that time: a voicemail or an email, recorded as it came in.
            windows = [(earliest, latest)]
        # Every whole minute in every window, both ends included, is equally likely.
        choices = [int((end - start).total_seconds()) // 60 + 1 for start, end in windows]
        pick = rng.randrange(sum(choices))
        for (start, _end), minutes in zip(windows, choices):
            if pick < minutes:
                return start + timedelta(minutes=pick)
            pick -= minutes
        raise AssertionError("unreachable: the pick is less than the sum of the choices")
