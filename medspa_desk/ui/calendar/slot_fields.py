"""Where and when a booking is: provider, date and a time on the calendar's slot marks.

The book and reschedule dialogs both ask this; the times offered are the grid's rows, so what the
desk picks is a time the calendar can show and the booking service accepts.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Signal

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.services.booking.booking_choices import ProviderChoice
from medspa_desk.ui.calendar.labels import clock_label
from medspa_desk.ui.calendar.lanes import slot_times
from medspa_desk.ui.date_fields import DateField
from medspa_desk.ui.named_widgets import named_combo

if TYPE_CHECKING:
    from medspa_desk.domain.settings import ClinicSettings


class SlotFields(QObject):
    """Three fields for a form: provider, date, time. `changed` when any of them changes."""

    changed = Signal()
    provider_changed = Signal()

    def __init__(
        self,
        settings: ClinicSettings,
        providers: list[ProviderChoice],
        names: tuple[str, str, str] = ("Provider", "Date", "Time"),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._zone = settings.zone
        provider_name, date_name, time_name = names
        self.provider = named_combo(provider_name)
        for choice in providers:
            self.provider.addItem(f"{choice.name} ({choice.role})", choice.provider_id)
        self.day = DateField()
        self.day.setAccessibleName(date_name)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd MMM d, yyyy")
        self.time = named_combo(time_name)
        self.time.setMaxVisibleItems(16)
        # Item data is the minute of the day: a plain int, which findData can compare.
        for wall_time in slot_times(settings):
            self.time.addItem(clock_label(wall_time), wall_time.hour * 60 + wall_time.minute)
        self.provider.currentIndexChanged.connect(lambda _index: self.provider_changed.emit())
        for signal in (
            self.provider.currentIndexChanged,
            self.day.dateChanged,
            self.time.currentIndexChanged,
        ):
            signal.connect(lambda *_args: self.changed.emit())

    def set_slot(self, provider_id: int | None, starts_at: datetime | None) -> None:
        if provider_id is not None and self.provider.findData(provider_id) >= 0:
            self.provider.setCurrentIndex(self.provider.findData(provider_id))
        if starts_at is not None:
            local = starts_at.astimezone(self._zone)
            self.day.setDate(QDate(local.date()))
            row = self.time.findData(local.hour * 60 + local.minute)
            if row >= 0:
                self.time.setCurrentIndex(row)

    def provider_id(self) -> int | None:
        return self.provider.currentData()

    def starts_at(self) -> datetime:
        """The instant (UTC) chosen, from the wall-clock date and time in the clinic's zone."""
        day: date = self.day.date().toPython()
        return at_local(day, time(*divmod(self.time.currentData(), 60)), self._zone)
