"""The Book dialog: client, provider, service, date and time; and what the strike rule asks.

Nothing is chosen for the desk: the service starts empty (a name typed, Enter, Enter must not book
the first service of the list), and the client picked shows their phone, email, date of birth,
alerts and any records that may be the same person, so the right one of two namesakes is booked.
The end time is shown as the service and the start are chosen.

Opened with open(), never exec(): the desk (and a test) keeps working while it is up. The booking
service checks everything again when Book is pressed; a refusal is shown here, the dialog stays
open and nothing is saved. A booking made is announced by `booked`.

"Take a deposit at the till" is ticked by itself when the service's menu entry asks a deposit,
and the desk may tick it for any booking; once booked, `deposit_wanted` hands the booking to the
deposit dialog, whose sale is paid in Checkout with a receipt. A booking the strike rule makes
prepay takes no deposit (it holds its prepayment). Time the provider is not available (the clinic closed, outside
their shifts, a block) is refused with the reason, and a manager may book it anyway with one
(availability_override_form).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.client_alerts import ClientAlertKind
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.time_wording import birthday_with_age, clock_time, day_and_time
from medspa_desk.services.booking.availability_checks import TimeUnavailable
from medspa_desk.services.booking.booking_choices import (
    booking_requirement,
    providers,
    services_for,
)
from medspa_desk.services.booking.booking_prepayment import PrepaymentNeeded
from medspa_desk.services.booking.deposits import service_deposit_cents
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.clients.client_summary import ClientSummary, client_summary
from medspa_desk.services.clients.standing import ClientStanding, client_standing
from medspa_desk.services.staff_access.permissions import ManagerApproval
from medspa_desk.ui.calendar.availability_override_form import AvailabilityOverrideForm
from medspa_desk.ui.calendar.client_picker import ClientPicker
from medspa_desk.ui.calendar.labels import minutes_label
from medspa_desk.ui.calendar.prepayment_form import PrepaymentForm
from medspa_desk.ui.calendar.slot_fields import SlotFields
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_combo

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class BookingDialog(QDialog):
    booked = Signal(
        int, date, str
    )  # the new appointment's id, its day, a sentence for the status bar
    deposit_wanted = Signal(int)  # the new appointment, whose deposit the desk takes at the till

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None = None,
        *,
        provider_id: int | None = None,
        starts_at: datetime | None = None,
        client: tuple[int, str] | None = None,
        service_id: int | None = None,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self.setWindowTitle("Book an appointment")
        self.setAccessibleName("Book appointment")
        self.setObjectName("booking_dialog")

        self._client = ClientPicker(desk, desk_actions=self._desk_actions)
        if client is not None:  # booked from the client's profile: the client is known
            self._client.choose(*client)
        self._client.chosen.connect(lambda _client_id: self._show_client())
        self._client_refusal = MessageLine("Client problem")
        self._contact = _client_line("Client details")
        self._standing = _client_line("Client standing")
        self._alerts = _client_line("Client alerts")
        self._alerts.setObjectName("refusal")  # the style sheet's warning colour
        self._duplicates = _client_line("Possible duplicates")
        self._duplicates.setObjectName("refusal")

        self._slot = SlotFields(desk.settings, providers(desk), parent=self)
        self._slot.set_slot(provider_id, starts_at)
        self._service = named_combo("Service")
        self._service.setPlaceholderText("Choose the service")
        self._service.currentIndexChanged.connect(lambda _index: self._show_requirement())
        self._service.currentIndexChanged.connect(lambda _index: self._show_end())
        self._minutes: dict[int, int] = {}  # each service offered: its length
        self._ends = QLabel()
        self._ends.setAccessibleName("Ends at")
        self._slot.provider_changed.connect(self._show_services)
        self._slot.changed.connect(self._show_end)
        self._notes = QLineEdit()
        self._notes.setAccessibleName("Notes")
        self._notes.setPlaceholderText("For the provider (optional)")

        self._prepayment = PrepaymentForm(desk)
        self._prepayment.hide()
        self._outside = AvailabilityOverrideForm(desk)
        self._outside.confirmed.connect(self._make_booking)
        self._slot.changed.connect(self._outside.put_away)
        self._deposit = QCheckBox("Take a deposit at the till")
        self._deposit.setAccessibleName("Take deposit")
        self._refusal = MessageLine("Booking problem")

        buttons = QDialogButtonBox()
        self._book = buttons.addButton("Book", QDialogButtonBox.ButtonRole.AcceptRole)
        self._book.setAccessibleName("Book")
        self._book.setDefault(True)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        close.setAccessibleName("Cancel")
        close.setToolTip("Close without booking (Esc)")
        self._book.clicked.connect(self._make_booking)
        close.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow("Client:", self._client)
        form.addRow("", self._client_refusal)
        for line in (self._contact, self._standing, self._alerts, self._duplicates):
            form.addRow("", line)
        form.addRow("Provider:", self._slot.provider)
        form.addRow("Service:", self._service)
        when = QHBoxLayout()
        when.addWidget(self._slot.day, 1)
        when.addWidget(QLabel("at"))
        when.addWidget(self._slot.time, 1)
        when.addWidget(self._ends)
        form.addRow("When:", when)
        form.addRow("Notes:", self._notes)
        form.addRow("", self._deposit)
        layout = QVBoxLayout(self)
        # The dialog takes the height its content needs as parts appear and go (a refusal, the
        # prepayment form), wrapped sentences included.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addLayout(form)
        layout.addWidget(self._prepayment)
        layout.addWidget(self._refusal)
        layout.addWidget(self._outside)
        layout.addWidget(buttons)

        self._show_services()
        if service_id is not None:  # the desk asked for this service (the next visit's, say)
            self._service.setCurrentIndex(self._service.findData(service_id))
        self._show_client()
        (self._service if client is not None else self._client.search).setFocus()

    def _show_services(self) -> None:
        """The provider's services, none chosen; one chosen before stays if they offer it too."""
        chosen = self._service.currentData()
        self._service.blockSignals(True)
        self._service.clear()
        provider_id = self._slot.provider_id()
        choices = services_for(self._desk, provider_id) if provider_id is not None else []
        self._minutes = {choice.service_id: choice.duration_minutes for choice in choices}
        for choice in choices:
            length, price = minutes_label(choice.duration_minutes), format_cents(choice.price_cents)
            self._service.addItem(f"{choice.name} — {length} · {price}", choice.service_id)
        self._service.setCurrentIndex(self._service.findData(chosen) if chosen is not None else -1)
        self._service.blockSignals(False)
        self._show_requirement()
        self._show_end()

    def _show_end(self) -> None:
        minutes = self._minutes.get(self._service.currentData())
        if minutes is None:
            self._ends.clear()
            return
        ends_at = self._slot.starts_at() + timedelta(minutes=minutes)
        self._ends.setText(f"until {clock_time(ends_at, self._desk.settings.zone)}")

    def _show_client(self) -> None:
        self._client_refusal.clear_message()
        client_id = self._client.client_id
        lines = (self._contact, self._standing, self._alerts, self._duplicates)
        if client_id is None:
            for line in lines:
                line.hide()
        else:
            summary = client_summary(self._desk, client_id)
            texts = (
                contact_text(summary, local_date(self._desk.clock.now(), self._desk.settings.zone)),
                standing_text(summary.standing),
                alerts_text(summary),
                duplicates_text(summary),
            )
            for line, text in zip(lines, texts, strict=True):
                line.setText(text)
                line.setVisible(bool(text))
        self._show_requirement()

    def _show_requirement(self) -> None:
        """The strike rule's prepayment for this client and service, when it asks for one."""
        self._refusal.clear_message()
        self._outside.put_away()  # another service is another span of time
        client_id, service_id = self._client.client_id, self._service.currentData()
        self._show_deposit(service_id)
        if client_id is None or service_id is None:
            self._prepayment.hide()
            return
        requirement = booking_requirement(self._desk, client_id, service_id)
        if requirement.required and requirement.amount_cents:
            credit = client_standing(self._desk, client_id).credit_cents
            self._prepayment.show_requirement(requirement, credit)
        self._prepayment.setVisible(requirement.required and requirement.amount_cents > 0)
        self._deposit.setVisible(not self._prepayment.isVisible())

    def _show_deposit(self, service_id: int | None) -> None:
        """Tick the deposit when the menu asks one for this service; the desk may change it."""
        asked = service_deposit_cents(self._desk, service_id) if service_id is not None else 0
        self._deposit.setChecked(bool(asked))
        self._deposit.setText(
            f"Take the {format_cents(asked)} deposit the menu asks, at the till"
            if asked
            else "Take a deposit at the till"
        )
        self._deposit.setVisible(True)

    def _make_booking(self) -> None:
        self._refusal.clear_message()
        if self._client.client_id is None:
            self._client_refusal.refuse("Choose the client first: search, or add a new client.")
            self._client.search.setFocus()
            return
        if self._service.currentData() is None:
            self._refusal.refuse("Choose a service.")
            return
        starts_at = self._slot.starts_at()
        request = BookingRequest(
            client_id=self._client.client_id,
            provider_id=self._slot.provider_id(),
            service_id=self._service.currentData(),
            starts_at=starts_at,
            notes=self._notes.text(),
        )
        zone = self._desk.settings.zone
        self._desk_actions.run_approved(
            self._desk,
            lambda approval: self._book_now(request, approval),
            lambda appointment_id: BooksChanged.of(
                appointments=[appointment_id],
                days=[local_date(starts_at, zone)],
                clients=[request.client_id],
            ),
            lambda appointment_id: self._done(appointment_id, starts_at),
            refuse_here=self._refusal.refuse,  # BookingRefused, or a client that cannot book
            parent=self,
        )

    def _book_now(self, request: BookingRequest, approval: ManagerApproval | None) -> int:
        self._outside.take_approval(approval)
        self._prepayment.take_approval(approval)
        asking = self._prepayment.isVisible()
        try:
            return book(
                self._desk,
                request,
                prepayment=self._prepayment.prepayment() if asking else None,
                override=self._prepayment.override() if asking else None,
                availability_override=self._outside.override(),
            )
        except TimeUnavailable:  # a manager may book it anyway: offer that beside the refusal
            self._outside.offer()
            raise
        except PrepaymentNeeded as needed:
            # The rule asked for prepayment after all (a strike recorded since the dialog opened).
            self._prepayment.show_requirement(needed.requirement, needed.credit_cents)
            self._prepayment.show()
            raise

    def _done(self, appointment_id: int, starts_at: datetime) -> None:
        zone = self._desk.settings.zone
        self.booked.emit(
            appointment_id,
            local_date(starts_at, zone),
            f"Booked {self._client.client_name} on {day_and_time(starts_at, zone)}.",
        )
        wants_deposit = self._deposit.isVisible() and self._deposit.isChecked()
        self.accept()
        if wants_deposit:
            self.deposit_wanted.emit(appointment_id)


def _client_line(name: str) -> QLabel:
    line = QLabel()
    line.setObjectName("client_standing")
    line.setAccessibleName(name)
    line.setWordWrap(True)
    line.hide()
    return line


def contact_text(summary: ClientSummary, today: date) -> str:
    """'(406) 555-1234 · jose@example.com · born Mar 4, 1990 (age 36)': who this is."""
    details = summary.details
    born = details.birthday
    return " · ".join(
        (
            details.phone_display or "no phone",
            details.email or "no email",
            f"born {birthday_with_age(born, today)}" if born else "no date of birth",
        )
    )


# What the standing line already says (money, the card, prepayment) is not said again.
_SAID_BY_STANDING = {
    ClientAlertKind.FEES_OWED,
    ClientAlertKind.CARD_EXPIRED,
    ClientAlertKind.CREDIT,
}


def alerts_text(summary: ClientSummary) -> str:
    return " · ".join(
        alert.text
        for alert in summary.alerts
        if alert.kind not in _SAID_BY_STANDING
        and not (alert.kind is ClientAlertKind.STRIKES and summary.standing.prepayment_required)
    )


def duplicates_text(summary: ClientSummary) -> str:
    """'May be the same person as Zoe Aberg, (406) 555-0101 (same phone)': check before booking."""
    if not summary.duplicates:
        return ""
    others = "; ".join(
        ", ".join(part for part in (match.name, match.phone_text or match.email or "") if part)
        + f" ({match.reason})"
        for match in summary.duplicates[:3]
    )
    more = len(summary.duplicates) - 3
    return f"May be the same person as {others}" + (f" and {more} more" if more > 0 else "")


def standing_text(standing: ClientStanding) -> str:
    """'2 strikes · $40.00 credit · Visa ending 4242': what the desk should know when booking."""
    parts = [f"{standing.strikes} strike{'' if standing.strikes == 1 else 's'}"]
    if standing.credit_cents:
        parts.append(f"{format_cents(standing.credit_cents)} credit")
    if standing.fees_owed_cents:
        parts.append(f"{format_cents(standing.fees_owed_cents)} in fees owed")
    if standing.card is None:
        parts.append("no card on file")
    else:
        parts.append(standing.card.label + (" (expired)" if standing.card.expired else ""))
    if standing.prepayment_required:
        parts.append("must prepay to book")
    return " · ".join(parts)
