"""The clinic's settings as fields a person types in, each with its label and its message line
below it; shared by the Settings page and the first start, which ask the same things."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from medspa_desk.domain.outgoing_mail import MailSecurity
from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.domain.setting_rules import SettingsRefused, setting_as_entered
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_combo, named_field

# A setting's name -> its label (also the field's accessible name) and what to type.
LABELS = {
    "clinic_name": ("Clinic name", "406MedicalSpa"),
    "address_line": ("Street address", "13115 US Hwy 2 W"),
    "city_line": ("City, state and ZIP", "Kalispell MT 59901"),
    "phone": ("Phone", "406-287-6565"),
    "email": ("Email", "hello@clinic.com"),
    "time_zone": ("Time zone", "America/Denver"),
    "late_grace_minutes": ("Late grace (minutes)", "10"),
    "late_cancel_window_hours": ("Late-cancel notice (hours)", "24"),
    "late_cancel_fee_cents": ("Late-cancel fee ($)", "75.00"),
    "strike_limit": ("Strike limit", "3"),
    "reschedule_credit_hours": ("Reschedule-credit notice (hours)", "48"),
    "exchange_days": ("Exchange window (days)", "14"),
    "confirmation_lead_hours": ("Confirmation lead (hours)", "24"),
    "tax_basis_points_service": ("Tax on services (%)", "0"),
    "tax_basis_points_retail": ("Tax on retail (%)", "8.25"),
    "tax_basis_points_gift_card": ("Tax on gift cards (%)", "0"),
    "receipt_layout": ("Receipt layout", ""),
    "backup_folder": ("Backup folder", "a USB drive or second disk, e.g. /media/usb/backups"),
    "backup_every_hours": ("Back up every (hours)", "4"),
    "idle_lock_minutes": ("Lock when idle (minutes, at most 15)", "15"),
    "lockout_attempts": ("Wrong attempts before a lockout", "6"),
    "lockout_minutes": ("Lockout (minutes)", "30"),
    "discount_limit_percent": ("Discount without a manager (up to %)", "20"),
    "providers_may_sell": ("Providers may ring up sales", ""),
    "mail_host": ("Mail server", "smtp.example.com (empty: mail waits in the queue)"),
    "mail_port": ("Port", "587"),
    "mail_security": ("Security", ""),
    "mail_user": ("User name", "desk@406medicalspa.com"),
    "mail_from": ("Send from", "empty: the clinic's email"),
}


class SettingFields:
    """One field per setting named, filled from settings and read back as typed text."""

    def __init__(self, names: Iterable[str]) -> None:
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.messages: dict[str, MessageLine] = {}
        self._shown: dict[str, str] = {}
        for name in names:
            label, example = LABELS[name]
            self.fields[name] = _field(name, label, example)
            self.messages[name] = MessageLine(f"{label} problem")

    def add_rows(self, form: QFormLayout, names: Iterable[str] | None = None) -> None:
        for name in names or self.fields:
            form.addRow(LABELS[name][0], with_message(self.fields[name], self.messages[name]))

    def show_settings(self, settings: ClinicSettings) -> None:
        for name, field in self.fields.items():
            text = setting_as_entered(name, getattr(settings, name))
            _set_text(field, text)
            self._shown[name] = text

    def entered(self) -> dict[str, str]:
        return {name: _text(field) for name, field in self.fields.items()}

    def changed(self) -> dict[str, str]:
        """What was typed differently from what was shown."""
        return {
            name: text for name, text in self.entered().items() if self._shown.get(name) != text
        }

    def clear_messages(self) -> None:
        for line in self.messages.values():
            line.clear_message()

    def refuse(self, refusal: DeskRefusal | str) -> Mapping[str, str]:
        """Each of the refusal's problems beside its field; those of no field here, returned."""
        problems = refusal.problems if isinstance(refusal, SettingsRefused) else {"": str(refusal)}
        elsewhere = {}
        for name, sentence in problems.items():
            if name in self.messages:
                self.messages[name].refuse(sentence)
            else:
                elsewhere[name] = sentence
        return elsewhere

    def first_refused(self) -> QWidget | None:
        return next(
            (self.fields[name] for name, line in self.messages.items() if line.text()), None
        )


def with_message(field: QWidget, message: MessageLine) -> QWidget:
    """The field with its message line under it, as one row of a form: a hidden message takes
    no room (a form row of its own would keep its spacing)."""
    row = QWidget()
    layout = QVBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(message)
    return row


def _field(name: str, label: str, example: str) -> QLineEdit | QComboBox:
    if name == "receipt_layout":
        combo = named_combo(label)
        for layout in ReceiptLayout:
            combo.addItem(layout.label, layout.value)
        return combo
    if name == "mail_security":
        combo = named_combo(label)
        for security in MailSecurity:
            combo.addItem(security.label, security.value)
        return combo
    if name == "providers_may_sell":
        combo = named_combo(label)
        combo.addItem("No", "no")
        combo.addItem("Yes", "yes")
        return combo
    if name == "time_zone":
        from zoneinfo import available_timezones

        combo = named_combo(label, editable=True)
        combo.addItems(sorted(zone for zone in available_timezones() if "/" in zone))
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        return combo
    return named_field(label, example)


def _set_text(field: QLineEdit | QComboBox, text: str) -> None:
    if isinstance(field, QLineEdit):
        field.setText(text)
    elif field.isEditable():
        field.setCurrentText(text)
    else:
        field.setCurrentIndex(max(field.findData(text), 0))


def _text(field: QLineEdit | QComboBox) -> str:
    if isinstance(field, QLineEdit):
        return field.text()
    return field.currentText() if field.isEditable() else str(field.currentData())
