"""The profile's first section: how to reach the client, who to call in an emergency, the card
on file, and what they have with the clinic (credit, fees owed, strikes, gift cards)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.time_wording import birthday_with_age
from medspa_desk.services.till.gift_cards import last_group
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.clients.profile import ClientDetails, ClientProfile
    from medspa_desk.services.desk import Desk

NOT_GIVEN = "—"


class ProfileOverview(QWidget):
    add_card_requested = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.setAccessibleName("Client overview")

        contact, contact_rows = _box("Contact")
        self._phone = _value(contact_rows, "Phone", "Client phone")
        self._email = _value(contact_rows, "Email", "Client email")
        self._birthday = _value(contact_rows, "Birthday", "Client birthday")
        self._since = _value(contact_rows, "Client since", "Client since")

        emergency, emergency_rows = _box("Emergency contact")
        self._emergency_name = _value(emergency_rows, "Name", "Emergency contact")
        self._emergency_phone = _value(emergency_rows, "Phone", "Emergency contact's phone")

        card, card_rows = _box("Card on file")
        self._card = _value(card_rows, "Card", "Card on file")
        self._add_card = named_button(
            "Add card…",
            "Add card",
            "Keep the card the terminal just read: brand, last four, expiry",
        )
        self._add_card.clicked.connect(self.add_card_requested)
        card_button_row = QHBoxLayout()
        card_button_row.addWidget(self._add_card)
        card_button_row.addStretch(1)
        card_rows.addRow("", card_button_row)

        balances, balance_rows = _box("With the clinic")
        self._credit = _value(balance_rows, "Account credit", "Client account credit")
        self._fees = _value(balance_rows, "Fees owed", "Client fees owed")
        self._strikes = _value(balance_rows, "No-shows, late cancels", "Client strikes")
        self._gift_cards = _value(balance_rows, "Gift cards bought", "Client gift cards")

        grid = QGridLayout(self)
        grid.addWidget(contact, 0, 0)
        grid.addWidget(card, 0, 1)
        grid.addWidget(emergency, 1, 0)
        grid.addWidget(balances, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)

    def show_profile(self, profile: ClientProfile) -> None:
        details, standing = profile.details, profile.standing
        today = local_date(self._desk.clock.now(), self._desk.settings.zone)
        self._phone.setText(details.phone_display or NOT_GIVEN)
        self._email.setText(details.email or NOT_GIVEN)
        self._birthday.setText(
            birthday_with_age(details.birthday, today) if details.birthday else NOT_GIVEN
        )
        since = details.created_at.astimezone(self._desk.settings.zone)
        self._since.setText(f"{since:%b} {since.day}, {since.year}")
        self._emergency_name.setText(details.emergency_contact_name or NOT_GIVEN)
        self._emergency_phone.setText(details.emergency_contact_phone_display or NOT_GIVEN)

        card = standing.card
        if card is None:
            self._card.setText("None")
        else:
            expiry = f"{card.expiry_month:02d}/{card.expiry_year}"
            self._card.setText(f"{card.label}, {'expired' if card.expired else 'expires'} {expiry}")
        _set_alert(self._card, bool(card and card.expired))
        self._add_card.setText("Add card…" if card is None else "Replace card…")
        self._add_card.setEnabled(can_change(details))

        self._credit.setText(format_cents(standing.credit_cents))
        self._fees.setText(format_cents(standing.fees_owed_cents))
        _set_alert(self._fees, bool(standing.fees_owed_cents))
        limit = self._desk.settings.strike_limit
        self._strikes.setText(
            f"{standing.strikes}: prepayment required"
            if standing.prepayment_required
            else f"{standing.strikes} (prepayment is asked from {limit})"
        )
        _set_alert(self._strikes, standing.prepayment_required)
        self._gift_cards.setText(
            "\n".join(
                f"Ending {last_group(card.code)}: {format_cents(card.balance_cents)} left of "
                f"{format_cents(card.initial_cents)} (receipt #{card.receipt_number})"
                for card in profile.gift_cards
            )
            or "None"
        )


def _set_alert(label: QLabel, alert: bool) -> None:
    """The "alert" property colours a value (the style sheet's); the style is asked again only
    when it changes, since that lays the label out and repaints it anew."""
    if label.property("alert") == alert:
        return
    label.setProperty("alert", alert)
    label.style().unpolish(label)
    label.style().polish(label)


def can_change(details: ClientDetails) -> bool:
    """Whether the record still stands for a person the desk can edit: not deleted at their
    request, not merged into another record (the services refuse both; the buttons say it
    first by being off)."""
    return not details.anonymized and details.merged_into_id is None


def _box(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    rows = QFormLayout(box)
    rows.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    return box, rows


def _value(rows: QFormLayout, label: str, accessible_name: str) -> QLabel:
    value = QLabel()
    value.setObjectName("profile_value")
    value.setAccessibleName(accessible_name)
    value.setWordWrap(True)
    # A phone or email is often copied into an email or a call: it can be selected.
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    rows.addRow(f"{label}:", value)
    return value
