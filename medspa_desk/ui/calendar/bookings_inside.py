"""The bookings already inside time just made unbookable (a block, a closure), listed for the
desk to call the clients: the change never moves or cancels them itself."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from medspa_desk.domain.time_wording import short_date, time_range
from medspa_desk.services.clinic.bookings_affected import AffectedBooking


class BookingsInside(QWidget):
    """Hidden until a change leaves bookings inside it; then what was done, and each booking."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._said = QLabel()
        self._said.setWordWrap(True)
        self._said.setAccessibleName("What was done")
        self._list = QListWidget()
        self._list.setAccessibleName("Bookings inside")
        self._list.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._said)
        layout.addWidget(self._list)
        self.hide()

    def take_over(
        self,
        form: Iterable[QWidget],
        buttons: QDialogButtonBox,
        message: str,
        affected: list[AffectedBooking],
    ) -> None:
        """The dialog's form is done with: hide it, list the bookings, and let Cancel close."""
        for widget in form:
            widget.hide()
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        self._show_bookings(message, affected)

    def _show_bookings(self, message: str, affected: list[AffectedBooking]) -> None:
        self._said.setText(message)
        self._list.clear()
        for booking in affected:
            when = time_range(booking.starts_at, booking.ends_at, self._zone)
            day = short_date(booking.starts_at.astimezone(self._zone).date())
            self._list.addItem(
                f"{day}, {when} · {booking.client_name} · {booking.service_name} "
                f"with {booking.provider_name}"
            )
        self.show()
