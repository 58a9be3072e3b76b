"""Clinic set-up's Settings page: every number the policies use, the opening hours, the tax, the
receipt and the backups, and the clinic's contact details; saved by a manager at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.opening_hours import HoursInvalid
from medspa_desk.domain.setting_rules import EDITABLE_SETTINGS, TAX_FIELDS, settings_from_text
from medspa_desk.services.clinic.clinic_hours import read_opening_hours
from medspa_desk.services.clinic.settings import SettingsSaved, save_settings
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.mail.mail_server import keep_mail_password
from medspa_desk.services.staff_access.permissions import may
from medspa_desk.ui.clinic_setup.setting_fields import SettingFields
from medspa_desk.ui.clinic_setup.week_hours_editor import WeekHoursEditor
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

_GROUPS = (  # (title, settings, column); the opening hours follow the clinic's details
    ("The clinic", ("clinic_name", "address_line", "city_line", "phone", "email", "time_zone"), 0),
    (
        "Policies",
        (
            "late_grace_minutes",
            "late_cancel_window_hours",
            "late_cancel_fee_cents",
            "strike_limit",
            "reschedule_credit_hours",
            "exchange_days",
            "confirmation_lead_hours",
        ),
        1,
    ),
    ("Tax and receipts", (*TAX_FIELDS, "receipt_layout"), 1),
    ("Backups", ("backup_folder", "backup_every_hours"), 1),
    ("Outgoing mail", ("mail_host", "mail_port", "mail_security", "mail_user", "mail_from"), 1),
    (
        "Signing in and approvals",
        (
            "idle_lock_minutes",
            "lockout_attempts",
            "lockout_minutes",
            "discount_limit_percent",
            "providers_may_sell",
        ),
        0,  # under the opening hours, where the left column has room
    ),
)


class SettingsPage(QWidget):
    def __init__(self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Settings")
        self._desk = desk
        self._desk_actions = desk_actions
        self._fields = SettingFields(EDITABLE_SETTINGS)
        self._hours = WeekHoursEditor()
        columns = (QVBoxLayout(), QVBoxLayout())  # each its own height, groups at the top
        for title, names, column in _GROUPS:
            group = QGroupBox(title)
            form = QFormLayout(group)
            self._fields.add_rows(form, names)
            columns[column].addWidget(group)
            if title == "The clinic":
                columns[column].addWidget(self._hours_group())
            if title == "Outgoing mail":
                form.addRow("Password", self._mail_password_row())
        content = QWidget()
        side_by_side = QHBoxLayout(content)
        for column in columns:
            column.addStretch(1)
            side_by_side.addLayout(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self._manager = may(desk, DeskPermission.CHANGE_SETTINGS)
        self._save = named_button("Save settings", "Save settings")
        self._save.setEnabled(self._manager)
        self._save.setToolTip(
            "Saved settings are in force at once"
            if self._manager
            else "A manager must be at the desk to change the clinic's settings"
        )
        self._save.clicked.connect(self.save)
        self._result = MessageLine("Settings result")
        if not self._manager:
            self._result.note("Only a manager can change the clinic's settings.")
        bottom = QHBoxLayout()
        bottom.addWidget(self._result, 1)
        bottom.addWidget(self._save, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self._show_saved()

    def _mail_password_row(self) -> QWidget:
        """The password field: kept in the computer's credential store, never shown again."""
        self._mail_password = QLineEdit()
        self._mail_password.setAccessibleName("Mail password")
        self._mail_password.setEchoMode(QLineEdit.EchoMode.Password)
        self._mail_password.setPlaceholderText("kept in this computer's credential store")
        keep = named_button("Keep", "Keep mail password", "Keep it in the credential store")
        keep.clicked.connect(self._keep_mail_password)
        self._mail_password_message = MessageLine("Mail password problem")
        row = QWidget()
        line = QHBoxLayout()
        line.addWidget(self._mail_password, 1)
        line.addWidget(keep)
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(line)
        column.addWidget(self._mail_password_message)
        return row

    def _keep_mail_password(self) -> None:
        typed = self._mail_password.text()
        if self._desk_actions.run(
            lambda: keep_mail_password(self._desk, typed),
            BooksChanged.of(clinic_settings=True),
            lambda _done: self._mail_password_message.note("Kept in the credential store."),
            refuse_here=self._mail_password_message.refuse,
        ):
            self._mail_password.clear()

    def _hours_group(self) -> QGroupBox:
        group = QGroupBox("Opening hours")
        layout = QVBoxLayout(group)
        hint = QLabel("A day left unticked is closed.")
        hint.setObjectName("hint")
        layout.addWidget(hint)
        layout.addWidget(self._hours)
        return group

    def _show_saved(self) -> None:
        self._fields.show_settings(self._desk.settings)
        with self._desk.db.reading() as session:
            self._shown_week = read_opening_hours(session)
        self._hours.show_week(self._shown_week)

    def save(self) -> None:
        self._fields.clear_messages()
        self._hours.message.clear_message()
        self._result.clear_message()
        changed, week = self._fields.changed(), self._hours.week()
        hours = week if week != self._shown_week else None
        self._desk_actions.run(
            lambda: save_settings(self._desk, settings_from_text(changed), hours),
            BooksChanged.of(clinic_settings=True),
            self._saved,
            refuse_here=self._refuse,
        )

    def _saved(self, saved: SettingsSaved) -> None:
        self._show_saved()
        self._result.note(saved.message)

    def _refuse(self, refusal: DeskRefusal) -> None:
        if isinstance(refusal, HoursInvalid):
            self._hours.message.refuse(refusal)
            self._result.refuse("Nothing was saved: correct the opening hours.")
            return
        elsewhere = self._fields.refuse(refusal)
        if elsewhere:
            self._result.refuse(" ".join(elsewhere.values()))
        else:
            self._result.refuse("Nothing was saved: correct what is marked.")
        first = self._fields.first_refused()
        if first is not None:
            first.setFocus()
