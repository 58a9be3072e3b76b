"""The colour of a booking card for each status, and amber for a client who is late.

Booked and confirmed wear their provider's colour (confirmed a little stronger), so a day view
reads by provider; every later status has a colour of its own, the same for every provider, so
the state of the day reads at a glance: green is here, grey is done, red tint is a strike.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from medspa_desk.domain.appointment_status import AppointmentStatus as Status

TEXT = QColor("#1f2933")
FADED_TEXT = QColor("#5b6670")
LATE = QColor("#ffe4a8")  # amber: due and not yet here
LATE_OUTLINE = QColor("#d98e04")
LATE_TEXT = QColor("#8a4b00")
# Two bookings in one provider's time should never happen; when the data says it did, the desk
# must see it rather than have one booking hide the other.
OVERLAP = QColor("#f6c9b4")

_FIXED = {
    Status.CHECKED_IN: QColor("#d4eed9"),
    Status.IN_SERVICE: QColor("#a9dcb9"),
    Status.COMPLETED: QColor("#e4e7eb"),
    Status.NO_SHOW: QColor("#f8d4d4"),
    Status.LATE_CANCELLED: QColor("#f8d4d4"),
    Status.CANCELLED: QColor("#eceef1"),
    Status.CANCELLED_BY_CLINIC: QColor("#eceef1"),
    Status.RESCHEDULED: QColor("#e6e3f0"),
}
# How far towards white a provider's colour is taken for a booking still to come.
_WHITENESS = {Status.BOOKED: 0.8, Status.CONFIRMED: 0.65}
_FADED = frozenset(
    {Status.COMPLETED, Status.CANCELLED, Status.CANCELLED_BY_CLINIC, Status.RESCHEDULED}
)


# A mark of its own for each status, first on the card's time line: the state reads by shape as
# well as by shade (for colour-blind staff, and Booked beside Confirmed), and survives a narrow
# column that cuts the status word off.
STATUS_MARKS = {
    Status.BOOKED: "○",
    Status.CONFIRMED: "✓",
    Status.CHECKED_IN: "➜",
    Status.IN_SERVICE: "●",
    Status.COMPLETED: "■",
    Status.NO_SHOW: "✗",
    Status.LATE_CANCELLED: "✗",
    Status.CANCELLED: "–",
    Status.CANCELLED_BY_CLINIC: "–",
    Status.RESCHEDULED: "↷",
}


def status_colour(status: Status, provider_colour: QColor) -> QColor:
    if status in _WHITENESS:
        return _towards_white(provider_colour, _WHITENESS[status])
    return _FIXED[status]


def text_colour(status: Status) -> QColor:
    return FADED_TEXT if status in _FADED else TEXT


def _towards_white(colour: QColor, whiteness: float) -> QColor:
    return QColor.fromRgbF(
        colour.redF() + (1 - colour.redF()) * whiteness,
        colour.greenF() + (1 - colour.greenF()) * whiteness,
        colour.blueF() + (1 - colour.blueF()) * whiteness,
    )
