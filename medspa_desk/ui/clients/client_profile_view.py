"""One client's profile, beside the search: who they are and what the desk must notice (alerts)
above, then sections: overview, appointments, purchases, notes, consent, history, privacy.

Everything shown comes from one read (services.clients.profile), but for whether the notes hold
a card number to redact, read when the Notes are shown. Every change made here goes
through DeskActions.run; its one notice has the client list read the profile again, and the
search rows, which may now read differently (a new name, an anonymized record).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.client_alerts import ClientAlertKind
from medspa_desk.domain.clinic_time import next_slot_start
from medspa_desk.domain.money import format_cents
from medspa_desk.services.clients.profile import (
    client_profile,
    prepare_profile_reads,
    record_profile_viewed,
)
from medspa_desk.ui.clients.card_number_redaction import CardNumberRedaction
from medspa_desk.ui.clients.consent_panel import ConsentPanel
from medspa_desk.ui.clients.privacy_actions import PrivacyActions
from medspa_desk.ui.clients.profile_overview import ProfileOverview, can_change
from medspa_desk.ui.clients.profile_sections import ProfileSections
from medspa_desk.ui.clients.profile_tables import (
    changes_model,
    profile_table,
    purchases_model,
    visits_model,
)
from medspa_desk.ui.clients.wrapping_row import WrappingRow
from medspa_desk.ui.desk_actions import DeskActions
from medspa_desk.ui.named_widgets import named_button

# The dialogs are imported where they are opened: the window loads at start what it shows.

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QDialog

    from medspa_desk.services.clients.profile import ClientProfile
    from medspa_desk.services.desk import Desk

# How many widgets deep a value label of the profile sits below the window, and some to spare:
# each level's layout asks the one above it for a new layout only once it has run itself.
LAYOUT_LEVELS = 16

NOTHING_OPEN = (
    "Type a name, phone or email on the left, then press Enter to open the client's profile.\n"
    "Ctrl+N adds a new client."
)


class ClientProfileView(QWidget):
    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self.desk_actions = desk_actions or DeskActions(self)
        self.profile: ClientProfile | None = None
        self.first_profile_unprepared = True  # done once the view is on the screen, and idle
        self._preparing = False
        self.setAccessibleName("Client profile")

        self._pages = QStackedWidget()
        nothing_open = QLabel(NOTHING_OPEN)
        nothing_open.setObjectName("day_empty")  # the style sheet's quiet "nothing here" text
        nothing_open.setAccessibleName("No client open")
        nothing_open.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nothing_open.setWordWrap(True)
        self._pages.addWidget(nothing_open)
        self._pages.addWidget(self._make_profile_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)

    @property
    def client_id(self) -> int | None:
        return None if self.profile is None else self.profile.details.client_id

    def show_client(self, client_id: int) -> None:
        """Open the client's profile: read, noted in the audit trail as looked at, and shown."""
        profile = client_profile(self._desk, client_id)
        record_profile_viewed(self._desk, client_id)
        self._show(profile)

    def reload(self) -> None:
        """Read the open profile again (after a change): the same look, not another."""
        if self.profile is not None:
            self._show(client_profile(self._desk, self.profile.details.client_id))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.first_profile_unprepared and not self._preparing:
            self._preparing = True
            QTimer.singleShot(0, self, self._prepare_first_profile)  # after this paint

    def _prepare_first_profile(self) -> None:
        """What the first profile opened did on top of the next (twice its time), done while the
        desk is idle, in two turns so that a key pressed meanwhile waits for one only: the page
        polished by the style sheet and drawn once off the screen (its layouts run, its glyphs
        cached), then the profile's reads compiled. A view closed meanwhile waits for its next
        paint: its books may be closed too."""
        if not self.isVisible():
            self._preparing = False
            return
        page = self._pages.widget(1)
        page.ensurePolished()
        page.resize(self._pages.size())  # the size it is shown at
        page.grab()
        QTimer.singleShot(0, self, self._prepare_profile_reads)

    def _prepare_profile_reads(self) -> None:
        self._preparing = False
        if self.isVisible():
            prepare_profile_reads(self._desk)
            self.first_profile_unprepared = False

    # --- what the desk does here ------------------------------------------------------------

    def edit_client(self, start_at: str = "first_name") -> QDialog | None:
        from medspa_desk.ui.clients.client_form import ClientFormDialog

        if not self._editable():
            return None
        dialog = ClientFormDialog(
            self._desk,
            self.profile.details,
            self,
            start_at=start_at,
            desk_actions=self.desk_actions,
        )
        return _open(dialog)

    def add_card(self) -> QDialog | None:
        from medspa_desk.ui.clients.card_form import CardDialog

        if not self._editable():
            return None
        details = self.profile.details
        dialog = CardDialog(
            self._desk, details.client_id, details.name, self, desk_actions=self.desk_actions
        )
        return _open(dialog)

    def book(self) -> QDialog | None:
        """Book this client from their profile, at the next slot from now."""
        from medspa_desk.ui.calendar.booking_dialog import BookingDialog

        if not self._editable():
            return None
        details = self.profile.details
        dialog = BookingDialog(
            self._desk,
            self,
            starts_at=next_slot_start(
                self._desk.clock.now(), self._desk.settings.zone, self._desk.settings.slot_minutes
            ),
            client=(details.client_id, details.name),
            desk_actions=self.desk_actions,
        )
        return _open(dialog)

    def merge_duplicate(self) -> QDialog | None:
        from medspa_desk.ui.clients.merge_dialog import MergeDialog

        if not self._editable():
            return None
        dialog = MergeDialog(self._desk, self.profile.details, self, desk_actions=self.desk_actions)
        return _open(dialog)

    # --- building -----------------------------------------------------------------------------

    def _make_profile_page(self) -> QWidget:
        self._alerts = QWidget()
        self._alerts.setAccessibleName("Client alerts")
        self._alert_row = WrappingRow(self._alerts)

        self._overview = ProfileOverview(self._desk)
        self._overview.add_card_requested.connect(self.add_card)
        self._consent = ConsentPanel(self._desk, desk_actions=self.desk_actions)
        self._privacy = PrivacyActions(self._desk, desk_actions=self.desk_actions)
        self._sections = ProfileSections(
            (
                (self._overview, "Overview"),
                (self._make_visits(), "Appointments"),
                (self._make_purchases(), "Purchases"),
                (self._make_notes(), "Notes"),
                (self._consent, "Consent"),
                (self._make_history(), "History"),
                (self._privacy, "Privacy"),
            )
        )

        page = QWidget()
        self._page_layout = layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addLayout(self._make_header())
        layout.addWidget(self._alerts)
        layout.addWidget(self._sections, 1)
        return page

    def _make_header(self) -> QHBoxLayout:
        self._name = QLabel()
        self._name.setObjectName("profile_name")
        self._name.setAccessibleName("Client name")
        self._name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._number = QLabel()
        self._number.setObjectName("profile_number")
        self._number.setAccessibleName("Client number")
        self._edit = named_button("Edit…", "Edit client", "Edit the client's details (Ctrl+E)")
        self._edit.clicked.connect(lambda: self.edit_client())
        self._merge = named_button(
            "Merge duplicate…",
            "Merge duplicate",
            "Another record of this person: move it into this one",
        )
        self._merge.clicked.connect(self.merge_duplicate)
        self._book = named_button("Book…", "Book for client", "Book an appointment for this client")
        self._book.clicked.connect(self.book)
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self._name)
        heading.addWidget(self._number)
        header = QHBoxLayout()
        header.addLayout(heading, 1)
        header.addWidget(self._book, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self._edit, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self._merge, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _make_visits(self) -> QWidget:
        zone = self._desk.settings.zone
        self._upcoming = visits_model(zone, self)
        self._past = visits_model(zone, self)
        self._upcoming_heading = QLabel()
        self._past_heading = QLabel()
        visits = QWidget()
        column = QVBoxLayout(visits)
        column.addWidget(self._upcoming_heading)
        column.addWidget(profile_table(self._upcoming, "Upcoming appointments", stretched=(2,)), 1)
        column.addWidget(self._past_heading)
        column.addWidget(profile_table(self._past, "Past appointments", stretched=(2,)), 2)
        return visits

    def _make_purchases(self) -> QWidget:
        self._purchases = purchases_model(self)
        self._purchases_total = QLabel()
        self._purchases_total.setAccessibleName("Purchases total")
        purchases = QWidget()
        column = QVBoxLayout(purchases)
        column.addWidget(profile_table(self._purchases, "Purchases", stretched=(2,)), 1)
        column.addWidget(self._purchases_total)
        return purchases

    def _make_notes(self) -> QWidget:
        # Read here, changed in the client form, where every field is checked the same way
        # (a card number in the notes is refused there, next to the notes).
        self._notes = QPlainTextEdit()
        self._notes.setAccessibleName("Client notes")
        self._notes.setReadOnly(True)
        self._notes.setTabChangesFocus(True)
        self._notes.setPlaceholderText("No notes")
        self._edit_notes = named_button(
            "Edit notes…", "Edit notes", "Change the notes in the client form"
        )
        self._edit_notes.clicked.connect(lambda: self.edit_client(start_at="notes"))
        notes = QWidget()
        column = QVBoxLayout(notes)
        column.addWidget(self._notes, 1)
        self._redaction = CardNumberRedaction(self._desk, desk_actions=self.desk_actions)
        row = QHBoxLayout()
        row.addWidget(self._edit_notes)
        row.addWidget(self._redaction)
        row.addStretch(1)
        column.addLayout(row)
        return notes

    def _make_history(self) -> QWidget:
        self._changes = changes_model(self._desk.settings.zone, self)
        explanation = QLabel(
            "Every change to the record: what it was, what it became, when and by whom."
        )
        explanation.setWordWrap(True)
        history = QWidget()
        column = QVBoxLayout(history)
        column.addWidget(explanation)
        column.addWidget(profile_table(self._changes, "Changes to the record", stretched=(2, 3)), 1)
        return history

    # --- showing ------------------------------------------------------------------------------

    def _show(self, profile: ClientProfile) -> None:
        """Fill the profile, then lay it out once, before the one paint that follows.

        Every text set asks for a new layout, which climbs one widget a turn of the event loop
        up to the window, and the window was painted between the turns: three times per profile
        opened, the section tabs repainted whole each time, and the climb made three times, from
        the header, the alerts and the sections. So the page's own layout waits while what is
        below it settles, then lays the page out and asks the window above once.
        """
        self._page_layout.setEnabled(False)
        try:
            self._fill(profile)
            _settle_layouts()
        finally:
            self._page_layout.setEnabled(True)
        self._page_layout.invalidate()
        self._page_layout.activate()
        _settle_layouts()

    def _fill(self, profile: ClientProfile) -> None:
        self.profile = profile
        details = profile.details
        self._name.setText(details.name)
        self._number.setText(f"Client #{details.client_id}")
        self._show_alerts(profile)
        for button in (self._book, self._edit, self._merge, self._edit_notes):
            button.setEnabled(can_change(details))
        self._overview.show_profile(profile)
        self._upcoming.show_rows(profile.upcoming)
        self._past.show_rows(profile.past)
        self._upcoming_heading.setText(f"Upcoming ({len(profile.upcoming)})")
        self._past_heading.setText(f"Past ({len(profile.past)})")
        self._sections.setTabText(1, f"Appointments ({len(profile.upcoming) + len(profile.past)})")
        self._purchases.show_rows(profile.purchases)
        self._sections.setTabText(2, f"Purchases ({len(profile.purchases)})")
        paid = sum(sale.total_cents for sale in profile.purchases if not sale.voided)
        self._purchases_total.setText(
            f"Spent with the clinic: {format_cents(paid)} (voided sales left out)"
        )
        self._notes.setPlainText(details.notes)
        self._redaction.show_client(details.client_id)
        self._consent.show_client(details.client_id, profile.consents)
        self._changes.show_rows(profile.changes)
        self._privacy.show_client(details)
        self._pages.setCurrentIndex(1)

    def _show_alerts(self, profile: ClientProfile) -> None:
        chips = [(alert.kind, alert.text) for alert in profile.alerts]
        if profile.standing.credit_cents > 0:
            chips.append(
                (
                    ClientAlertKind.CREDIT,
                    f"Account credit {format_cents(profile.standing.credit_cents)}",
                )
            )
        # The chips already there say the next client's alerts: a chip made anew is shown one
        # turn of the event loop later, and the profile was painted again for it.
        while self._alert_row.count() > len(chips):
            chip = self._alert_row.takeAt(self._alert_row.count() - 1).widget()
            chip.setParent(None)  # gone from the profile now, not at the next event loop
            chip.deleteLater()
        for index, (kind, text) in enumerate(chips):
            item = self._alert_row.itemAt(index)
            chip = item.widget() if item is not None else self._new_chip()
            chip.setText(text)
            chip.setAccessibleName(f"Alert: {text}")
            if chip.property("kind") != kind.value:
                chip.setProperty("kind", kind.value)  # its colours (the style sheet's)
                chip.style().unpolish(chip)
                chip.style().polish(chip)
        self._alerts.setVisible(bool(chips))
        self._alerts.setAccessibleDescription("; ".join(text for _kind, text in chips))

    def _new_chip(self) -> QLabel:
        chip = QLabel()
        chip.setObjectName("client_alert")
        self._alert_row.addWidget(chip)
        chip.show()
        return chip

    def _editable(self) -> bool:
        return self.profile is not None and can_change(self.profile.details)


def _settle_layouts() -> None:
    """Run now, level by level, the layouts that new texts or sizes have asked for."""
    for _level in range(LAYOUT_LEVELS):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _open(dialog: QDialog) -> QDialog:
    # Each dialog is made for one use and deleted when closed, so that a closed one never
    # lingers beside the next with the same accessible names.
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
