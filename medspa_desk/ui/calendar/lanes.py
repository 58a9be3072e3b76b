"""Where each booking goes on the calendar grid: lanes across, time slots down.

A lane is one provider on one day. The day view has a lane per provider; the week view a lane per
day, all for one provider; so one placement serves both. A booking goes to the lane of its
provider and its local date, on the rows its local wall-clock times cover, so the grid is right on
the 23- and 25-hour DST Sundays too. No Qt here: the grid model reads a LanePlacement.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.availability import CLINIC_CLOSED, UnbookableSpan
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.booking.day_schedule import BookedSlot, ProviderColumn
from medspa_desk.ui.calendar.labels import clock_label, long_date, weekday_and_day

_MINUTES_IN_DAY = 24 * 60
# Called-off bookings that stay in sight, faintly, in their (now free) slot: the desk needs to see
# that a client did not come, or moved, when someone asks at the counter. Cancellations with
# notice leave the grid altogether: nothing about them needs the desk's eye.
_SHOWN_WHEN_CALLED_OFF = frozenset(
    {AppointmentStatus.NO_SHOW, AppointmentStatus.LATE_CANCELLED, AppointmentStatus.RESCHEDULED}
)


def slot_times(settings: ClinicSettings) -> list[time]:
    """The grid's rows: a wall-clock time every slot_minutes from opening to closing."""
    first = _minute_of_day(settings.opening_time)
    span = _minute_of_day(settings.closing_time) - first
    rows = max(1, math.ceil(span / settings.slot_minutes))
    return [_wall_time(first + row * settings.slot_minutes) for row in range(rows)]


_SHORTEST_CLINIC_DAY = timedelta(hours=23)  # the spring-forward Sunday


@dataclass(frozen=True)
class Lane:
    """One column of the grid: a provider's time on one day."""

    provider: ProviderColumn
    day: date
    title: str  # the column heading
    details: str  # the heading's tooltip
    unbookable: tuple[UnbookableSpan, ...] = ()  # the time that cannot be booked, by start

    def unbookable_all_day(self) -> str | None:
        """Why nothing in the lane can be booked (a closed day, the provider's day off), or None
        when some of it can: its spans run on, end to start, for the whole clinic day (23 to 25
        hours on the DST Sundays). The reason is the provider's (a day off) where the clinic is
        open, else the clinic's (closed)."""
        spans = self.unbookable
        if not spans or any(a.ends_at != b.starts_at for a, b in zip(spans, spans[1:])):
            return None
        if spans[-1].ends_at - spans[0].starts_at < _SHORTEST_CLINIC_DAY:
            return None
        providers = [span.reason for span in spans if not span.reason.startswith(CLINIC_CLOSED)]
        return providers[0] if providers else spans[0].reason


def provider_lanes(
    day: date,
    providers: list[ProviderColumn],
    unbookable: Mapping[int, Sequence[UnbookableSpan]] | None = None,
) -> list[Lane]:
    """The day view: a lane per provider, headed by the name (`unbookable` by provider id)."""
    spans = unbookable or {}
    return [
        Lane(
            provider, day, provider.name, provider.role, tuple(spans.get(provider.provider_id, ()))
        )
        for provider in providers
    ]


def day_lanes(
    provider: ProviderColumn,
    days: list[date],
    unbookable: Mapping[date, Sequence[UnbookableSpan]] | None = None,
) -> list[Lane]:
    """The week view: a lane per day, headed by the date, all for one provider (`unbookable`
    by day)."""
    spans = unbookable or {}
    return [
        Lane(provider, day, weekday_and_day(day), long_date(day), tuple(spans.get(day, ())))
        for day in days
    ]


@dataclass(frozen=True)
class NowMarker:
    """Where the current time falls on the grid, and in which lanes (today's)."""

    position: float  # in rows from the top: 8.8 is 12 minutes into the 10:00 row
    text: str  # "Now 10:12 AM"
    lanes: frozenset[int]

    @property
    def row(self) -> int:
        return int(self.position)


@dataclass(frozen=True)
class Block:
    """Cells one booking covers in one lane; several bookings if they overlap."""

    lane: int
    row: int
    row_span: int
    appointments: tuple[BookedSlot, ...]


@dataclass(frozen=True)
class GreySpan:
    """Rows of one lane that cannot be booked (closed, off, a block), with why: painted as one
    grey rectangle, the reason written at its top. A row only partly unbookable is grey."""

    lane: int
    row: int
    row_span: int
    reason: str


@dataclass(frozen=True)
class CalledOffCell:
    """A free cell that a called-off booking had; `named` for the first, which shows its name."""

    slot: BookedSlot
    named: bool


class LanePlacement:
    """The blocks of bookings in some lanes, worked out once per read of the schedule."""

    def __init__(
        self,
        settings: ClinicSettings,
        lanes: list[Lane],
        appointments: list[BookedSlot],
    ) -> None:
        self._zone = settings.zone
        self._slot_minutes = settings.slot_minutes
        self._first_minute = _minute_of_day(settings.opening_time)
        self.slot_times = slot_times(settings)
        self.lanes = list(lanes)
        lane_of = {
            (lane.provider.provider_id, lane.day): number for number, lane in enumerate(self.lanes)
        }
        placed = [
            (lane_of[key], slot)
            for slot in appointments
            if (key := (slot.provider_id, slot.starts_at.astimezone(self._zone).date())) in lane_of
        ]
        self.blocks = self._blocks_for(
            [(lane, slot) for lane, slot in placed if slot.status.occupies_slot]
        )
        self._block_covering = {
            (row, block.lane): block
            for block in self.blocks
            for row in range(block.row, block.row + block.row_span)
        }
        self._called_off_at = self._called_off_cells(
            [(lane, slot) for lane, slot in placed if slot.status in _SHOWN_WHEN_CALLED_OFF]
        )
        self.grey_spans = [
            grey
            for number, lane in enumerate(self.lanes)
            for grey in self._grey_spans_of(number, lane.unbookable)
        ]

    def _grey_spans_of(self, lane: int, spans: Sequence[UnbookableSpan]) -> list[GreySpan]:
        """The lane's unbookable spans as rows of the grid, none sharing a row (a row goes to
        the earlier span), outside the grid left out."""
        day, rows = self.lanes[lane].day, len(self.slot_times)
        greys: list[GreySpan] = []
        taken = 0
        for span in spans:
            starts = self._local_minute(span.starts_at, day) - self._first_minute
            ends = self._local_minute(span.ends_at, day) - self._first_minute
            first = max(starts // self._slot_minutes, taken, 0)
            end = min(math.ceil(ends / self._slot_minutes), rows)
            if first < end:
                greys.append(GreySpan(lane, first, end - first, span.reason))
                taken = end
        return greys

    def block_at(self, row: int, lane: int) -> Block | None:
        """The booking block covering this cell, if any."""
        return self._block_covering.get((row, lane))

    def called_off_cells(self) -> dict[tuple[int, int], CalledOffCell]:
        """The free cells (row, lane) in which a called-off booking is drawn faintly."""
        return self._called_off_at

    def block_of(self, appointment_id: int) -> Block | None:
        return next(
            (
                b
                for b in self.blocks
                if any(s.appointment_id == appointment_id for s in b.appointments)
            ),
            None,
        )

    def slot_start(self, row: int, lane: int) -> datetime:
        """The instant (UTC) at which this cell's slot starts."""
        return at_local(self.lanes[lane].day, self.slot_times[row], self._zone)

    def now_marker(self, now: datetime) -> NowMarker | None:
        local = now.astimezone(self._zone)
        lanes = frozenset(
            number for number, lane in enumerate(self.lanes) if lane.day == local.date()
        )
        if not lanes:
            return None
        minute = _minute_of_day(local.time()) + local.second / 60
        position = (minute - self._first_minute) / self._slot_minutes
        if not 0 <= position < len(self.slot_times):
            return None
        return NowMarker(position, f"Now {clock_label(local.time())}", lanes)

    def _blocks_for(self, placed: list[tuple[int, BookedSlot]]) -> list[Block]:
        by_lane: dict[int, list[tuple[int, int, BookedSlot]]] = {}
        for lane, slot in placed:
            first_row, end_row = self._rows_of(slot, self.lanes[lane].day)
            by_lane.setdefault(lane, []).append((first_row, end_row, slot))
        blocks = []
        for lane, spans in by_lane.items():
            spans.sort(key=lambda span: (span[0], span[1]))
            first_row, end_row, group = spans[0][0], spans[0][1], [spans[0][2]]
            for row, end, slot in spans[1:]:
                if row < end_row:  # overlaps the block so far: one block shows them together
                    end_row = max(end_row, end)
                    group.append(slot)
                else:
                    blocks.append(Block(lane, first_row, end_row - first_row, tuple(group)))
                    first_row, end_row, group = row, end, [slot]
            blocks.append(Block(lane, first_row, end_row - first_row, tuple(group)))
        return blocks

    def _called_off_cells(
        self, placed: list[tuple[int, BookedSlot]]
    ) -> dict[tuple[int, int], CalledOffCell]:
        cells: dict[tuple[int, int], CalledOffCell] = {}
        for lane, slot in placed:  # in start order, so a later one wins a shared cell
            first_row, end_row = self._rows_of(slot, self.lanes[lane].day)
            free_rows = [
                row for row in range(first_row, end_row) if (row, lane) not in self._block_covering
            ]
            for row in free_rows:
                cells[(row, lane)] = CalledOffCell(slot, named=row == free_rows[0])
        return cells

    def _rows_of(self, slot: BookedSlot, day: date) -> tuple[int, int]:
        """First row and one past the last row, from local wall times, kept inside the grid."""
        starts = self._local_minute(slot.starts_at, day)
        ends = self._local_minute(slot.ends_at, day)
        first_row = min(
            max((starts - self._first_minute) // self._slot_minutes, 0), len(self.slot_times) - 1
        )
        end_row = math.ceil((ends - self._first_minute) / self._slot_minutes)
        return first_row, min(max(end_row, first_row + 1), len(self.slot_times))

    def _local_minute(self, instant: datetime, day: date) -> int:
        """Minutes since local midnight on the wall clock; a neighbouring day is clamped."""
        local = instant.astimezone(self._zone)
        if local.date() < day:
            return 0
        if local.date() > day:
            return _MINUTES_IN_DAY
        return _minute_of_day(local.time())


def _minute_of_day(wall_time: time) -> int:
    return wall_time.hour * 60 + wall_time.minute


def _wall_time(minute_of_day: int) -> time:
    return time(*divmod(minute_of_day, 60))
