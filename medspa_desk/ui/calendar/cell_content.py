"""What each cell of the calendar grid says and wears, worked out once per read of the schedule.

The grid model answers `data()` from these plain dictionaries and the grid paints its cards from
them, so a repaint formats no text and mixes no colour: a card's lines, colours and details are
made when the model is filled (and again when the late flags change), not for every paint and
every role Qt asks about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from medspa_desk.domain.client_alerts import CARD_ALERTS
from medspa_desk.domain.money import format_cents
from medspa_desk.services.booking.day_schedule import BookedSlot
from medspa_desk.ui.calendar.labels import clock_label, short_name, time_range_label
from medspa_desk.ui.calendar.lanes import Block, GreySpan, Lane, LanePlacement
from medspa_desk.ui.calendar.late_flags import ArrivalFlags
from medspa_desk.ui.calendar.status_colours import (
    LATE,
    OVERLAP,
    STATUS_MARKS,
    status_colour,
    text_colour,
)

# The id of the appointment in a block's top-left cell (the earliest one, if bookings overlap).
APPOINTMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Minutes late of a booking whose client is due and not here (None when not late).
LATE_MINUTES_ROLE = Qt.ItemDataRole.UserRole + 2
# The AppointmentStatus of that booking: what can be done with it.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
# The id of a cancelled or no-show booking drawn faintly in a free cell (its fee can be waived).
CALLED_OFF_ID_ROLE = Qt.ItemDataRole.UserRole + 4
# Why a cell cannot be booked ("Off on Mondays", "Lunch"); None for bookable time.
UNBOOKABLE_ROLE = Qt.ItemDataRole.UserRole + 5

# Unbookable time: grey paper, its reason in a darker grey.
UNBOOKABLE_PAPER = QColor("#e4e7eb")
UNBOOKABLE_TEXT = QColor("#5b6573")

_UNKNOWN_PROVIDER_COLOUR = "#6b7f99"  # the column default, for a colour that does not parse

Roles = dict[int, Any]


@dataclass(frozen=True)
class Card:
    """A booking block as the grid paints it, and what its cells answer for each role."""

    lines: tuple[str, ...]  # the first in bold
    background: QColor
    foreground: QColor
    bar: QColor  # the provider's colour, down the left edge
    minutes_late: int | None
    not_arrived: bool  # the booking ended and the client never came
    alert_marks: str  # what to notice about the client, as marks ("★ $"), "" for nothing
    roles: Roles
    # A one-row card's words in two short lines ("✓ Aoife Z.", "10:00 AM · Consultation"), set
    # small where its one line would be cut; () for a taller card or an overlap.
    compact_lines: tuple[str, ...] = ()


def lane_colour(lane: Lane) -> QColor:
    colour = QColor(lane.provider.colour)
    return colour if colour.isValid() else QColor(_UNKNOWN_PROVIDER_COLOUR)


class CellContent:
    """Every card, called-off cell and free cell of one placement, with today's late flags."""

    def __init__(
        self,
        placement: LanePlacement,
        zone: tzinfo,
        late: ArrivalFlags,
        shown: CellContent | None = None,
    ) -> None:
        """`shown`, the content shown before on the same lanes: its cards are kept for the
        blocks that have not changed (a re-read after one check-in makes one card)."""
        self._placement = placement
        self._zone = zone
        self._bars = [lane_colour(lane) for lane in placement.lanes]
        self._time_labels: dict[int, str] = {}  # by appointment id: each card says it twice
        self._clock_labels = [clock_label(wall) for wall in placement.slot_times]
        self.free_texts = [f"{label}, free" for label in self._clock_labels]
        self.called_off = {
            cell: self._called_off_roles(cell, called_off.slot, called_off.named)
            for cell, called_off in placement.called_off_cells().items()
        }
        # By grey span: the row whose cell writes its reason (none when bookings fill it).
        self.grey_labels: dict[GreySpan, int] = {}
        self.grey = self._grey_cells(placement)
        self.cards: dict[tuple[int, int], Card] = {}  # by the block's top-left cell
        self.card_covering: dict[tuple[int, int], Card] = {}  # by every cell of a block
        # By the block and its bookings' minutes late: what a card is made from, besides the
        # lanes (the same for all the cards kept).
        self._made: dict[tuple[Block, tuple[tuple[int | None, bool], ...]], Card] = (
            shown._made if shown is not None and shown._placement.lanes == placement.lanes else {}
        )
        self.show_late(late)

    def show_late(self, late: ArrivalFlags) -> None:
        """Make the cards again for these late flags; a block whose bookings and flags are as
        they were keeps its card."""
        self._late = late
        made, self._made = self._made, {}
        for block in self._placement.blocks:
            key = (block, tuple(self._flag(slot.appointment_id) for slot in block.appointments))
            card = made.get(key)
            self._made[key] = card if card is not None else self._card(block)
        self.cards = {(block.row, block.lane): card for (block, _flags), card in self._made.items()}
        self.card_covering = {
            (row, lane): card
            for (top, lane), card in self.cards.items()
            for row in range(top, top + self._placement.block_at(top, lane).row_span)
        }

    def _flag(self, appointment_id: int) -> tuple[int | None, bool]:
        return self._late.late.get(appointment_id), appointment_id in self._late.not_arrived

    def _grey_cells(self, placement: LanePlacement) -> dict[tuple[int, int], Roles]:
        """What each grey cell answers: the paper's colour and why; the first of a span's rows
        without a booking also says why, as its text (the span's label)."""
        cells: dict[tuple[int, int], Roles] = {}
        for grey in placement.grey_spans:
            paper: Roles = {
                Qt.ItemDataRole.BackgroundRole: UNBOOKABLE_PAPER,
                Qt.ItemDataRole.ToolTipRole: f"Not bookable: {grey.reason}",
                UNBOOKABLE_ROLE: grey.reason,
            }
            rows = range(grey.row, grey.row + grey.row_span)
            labelled = next((r for r in rows if placement.block_at(r, grey.lane) is None), None)
            for row in rows:
                cells[(row, grey.lane)] = paper
            if labelled is not None:
                self.grey_labels[grey] = labelled
                cells[(labelled, grey.lane)] = paper | {
                    Qt.ItemDataRole.DisplayRole: grey.reason,
                    Qt.ItemDataRole.ForegroundRole: UNBOOKABLE_TEXT,
                }
        return cells

    def grey_text(self, row: int, reason: str) -> str:
        """What a grey cell says to a screen reader (made only when asked)."""
        return f"{self._clock_labels[row]}, not bookable: {reason}"

    def _card(self, block: Block) -> Card:
        first = block.appointments[0]
        details = self._block_details(block)
        background = self._block_colour(block)
        foreground = text_colour(first.status)
        text = self._block_text(block)
        minutes_late, not_arrived = self._flag(first.appointment_id)
        roles: Roles = {
            Qt.ItemDataRole.DisplayRole: text,
            Qt.ItemDataRole.ToolTipRole: details,
            Qt.ItemDataRole.AccessibleTextRole: details,
            Qt.ItemDataRole.BackgroundRole: background,
            Qt.ItemDataRole.ForegroundRole: foreground,
            APPOINTMENT_ID_ROLE: first.appointment_id,
            LATE_MINUTES_ROLE: minutes_late,
            STATUS_ROLE: first.status,
        }
        lines = tuple(text.split("\n"))
        bar = self._bars[block.lane]
        single = len(block.appointments) == 1
        marks = _alert_marks(first) if single else ""
        compact = self._compact_lines(first) if single and block.row_span == 1 else ()
        return Card(
            lines, background, foreground, bar, minutes_late, not_arrived, marks, roles, compact
        )

    def _compact_lines(self, slot: BookedSlot) -> tuple[str, ...]:
        starts = clock_label(slot.starts_at.astimezone(self._zone).time())
        return (
            f"{STATUS_MARKS[slot.status]} {short_name(slot.client_name)}",
            f"{starts} · {slot.service_name}",
        )

    def _called_off_roles(self, cell: tuple[int, int], slot: BookedSlot, named: bool) -> Roles:
        row, lane = cell
        what = f"{slot.client_name}: {slot.status.label}"
        struck = QFont()
        struck.setStrikeOut(True)
        roles: Roles = {
            CALLED_OFF_ID_ROLE: slot.appointment_id,
            Qt.ItemDataRole.AccessibleTextRole: f"{self.free_texts[row]} ({what})",
            Qt.ItemDataRole.ToolTipRole: (
                f"{what}\n{slot.service_name}, {self._times(slot)}\nThe slot is free to book."
            ),
            Qt.ItemDataRole.BackgroundRole: status_colour(slot.status, self._bars[lane]),
            Qt.ItemDataRole.ForegroundRole: text_colour(slot.status),
            Qt.ItemDataRole.FontRole: struck,
        }
        if named:
            roles[Qt.ItemDataRole.DisplayRole] = what
        return roles

    def _block_text(self, block: Block) -> str:
        if len(block.appointments) == 1:
            slot = block.appointments[0]
            mark = STATUS_MARKS[slot.status]
            # The minutes late are the card's badge (LATE_MINUTES_ROLE), on the line always in sight.
            if block.row_span == 1:
                # One line only (15 minutes, or a booking clipped at the grid's edge): who and
                # what first, the name short so that the service shows too, then the time.
                who = short_name(slot.client_name)
                return f"{mark} {who} · {slot.service_name} · {self._times(slot)}"
            prepaid = " · Prepaid" if slot.prepaid_cents else ""
            state = f"{mark} {self._times(slot)} · {slot.status.label}{prepaid}"
            return f"{slot.client_name}\n{slot.service_name}\n{state}"
        lines = [f"{len(block.appointments)} overlapping bookings"]
        lines += [f"{self._times(slot)} {slot.client_name}" for slot in block.appointments]
        return "\n".join(lines)

    def _block_details(self, block: Block) -> str:
        provider = self._placement.lanes[block.lane].provider.name
        return "\n\n".join(
            f"{slot.client_name}\n{slot.service_name} with {provider}\n"
            f"{self._times(slot)}\n{_alerts_note(slot)}Status: {slot.status.label}"
            f"{self._late_note(slot)}{_prepaid_note(slot)}"
            for slot in block.appointments
        )

    def _late_note(self, slot: BookedSlot) -> str:
        minutes, not_arrived = self._flag(slot.appointment_id)
        if not_arrived:
            return ", did not arrive: mark the no-show?"
        return "" if minutes is None else f", {minutes} minute{'' if minutes == 1 else 's'} late"

    def _block_colour(self, block: Block) -> QColor:
        if len(block.appointments) > 1:
            return OVERLAP
        slot = block.appointments[0]
        minutes_late, not_arrived = self._flag(slot.appointment_id)
        if minutes_late is not None or not_arrived:
            return LATE
        return status_colour(slot.status, self._bars[block.lane])

    def _times(self, slot: BookedSlot) -> str:
        label = self._time_labels.get(slot.appointment_id)
        if label is None:
            label = self._time_labels[slot.appointment_id] = time_range_label(
                slot.starts_at.astimezone(self._zone).time(),
                slot.ends_at.astimezone(self._zone).time(),
            )
        return label


def _prepaid_note(slot: BookedSlot) -> str:
    return f"\nPrepaid {format_cents(slot.prepaid_cents)}" if slot.prepaid_cents else ""


def _alert_marks(slot: BookedSlot) -> str:
    return " ".join(mark for kind, (mark, _words) in CARD_ALERTS.items() if kind in slot.alerts)


def _alerts_note(slot: BookedSlot) -> str:
    """'New client · Fees owed' on a line of its own, or nothing."""
    said = [words for kind, (_mark, words) in CARD_ALERTS.items() if kind in slot.alerts]
    return " · ".join(said) + "\n" if said else ""
