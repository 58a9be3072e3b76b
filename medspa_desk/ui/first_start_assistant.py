"""The first start: a short assistant on a new, empty database, before the window opens.

It asks what `services.clinic.first_start.set_up_clinic` needs, a page at a time, each field
checked beside it when Next is pressed. Nothing is written until Finish, which sets the clinic
up in one transaction; Cancel leaves the disk as it was (a new file is never made).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from medspa_desk.domain.clock import Clock
from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.domain.password_rules import PasswordRefused, check_new_password
from medspa_desk.domain.setting_rules import SettingsRefused, setting_from_text
from medspa_desk.services.clinic.first_start import (
    DEFAULT_TIME_ZONE,
    LONGEST_NAME,
    ClinicAnswers,
    ClinicSetUp,
    set_up_clinic,
)
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.clinic_setup.setting_fields import SettingFields, with_message
from medspa_desk.ui.clinic_setup.week_hours_editor import WeekHoursEditor
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_field

_CLINIC = ("clinic_name", "address_line", "city_line", "phone", "email", "time_zone")
_TAX_AND_RECEIPT = (
    "tax_basis_points_service",
    "tax_basis_points_retail",
    "tax_basis_points_gift_card",
    "receipt_layout",
)
_BACKUPS = ("backup_folder", "backup_every_hours")
# Where a newcomer's week starts; every day is theirs to change.
_FIRST_WEEK = {day: DayHours(time(9), time(17)) for day in range(5)}


class _Page(QWizardPage):
    """A page whose Next (or Finish) first asks `check`, which shows what is wrong beside it."""

    def __init__(self, title: str, intro: str, check: Callable[[], bool]) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(intro)
        self.setAccessibleName(title)
        self._check = check
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        return self._check()


class FirstStartAssistant(QWizard):
    """Set up the clinic at `database`; `set_up` is its result once Finish has written it."""

    def __init__(self, database: Path, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._clock = clock
        self.set_up: ClinicSetUp | None = None
        self.setWindowTitle("Set up your clinic — medspa_desk")
        self.setAccessibleName("Set up your clinic")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        for which, name in (
            (QWizard.WizardButton.BackButton, "Back"),
            (QWizard.WizardButton.NextButton, "Next"),
            (QWizard.WizardButton.FinishButton, "Finish"),
            (QWizard.WizardButton.CancelButton, "Cancel"),
        ):
            self.button(which).setAccessibleName(name)
        self._fields = SettingFields((*_CLINIC, *_TAX_AND_RECEIPT, *_BACKUPS))
        self._fields.fields["time_zone"].setCurrentText(DEFAULT_TIME_ZONE)
        self._fields.fields["tax_basis_points_gift_card"].setText("0")
        self._fields.fields["backup_every_hours"].setText("4")
        self._hours = WeekHoursEditor()
        self._hours.show_week(_FIRST_WEEK)
        self._add_settings_page(
            "The clinic",
            f"medspa_desk found no clinic in {database}. These details print on every receipt.",
            _CLINIC,
        )
        hours = _Page(
            "Opening hours",
            "Tick the days the clinic opens, and set its hours; a day left unticked is closed.",
            self._check_hours,
        )
        hours.form.addRow(self._hours)
        self.addPage(hours)
        self._add_settings_page(
            "Tax and receipts",
            "Sales tax per category, in percent (0 if the clinic charges none), and the receipt "
            "the till offers first.",
            _TAX_AND_RECEIPT,
        )
        self._add_settings_page(
            "Backups",
            "The desk backs the books up while it is open. Keep them off this disk — a USB drive "
            "or a second disk — so a failed disk does not take the backups with it. Leave the "
            "folder empty to keep them beside the database for now.",
            _BACKUPS,
        )
        self.addPage(self._manager_page())
        self.resize(760, 600)

    def _add_settings_page(self, title: str, intro: str, names: tuple[str, ...]) -> None:
        page = _Page(title, intro, lambda: self._check_settings(names))
        self._fields.add_rows(page.form, names)
        self.addPage(page)

    def _manager_page(self) -> _Page:
        page = _Page(
            "The first manager",
            "The manager changes the clinic's settings and adds the staff. The password is kept "
            "only as a hash; it cannot be read back, so keep it safe.",
            self._finish,
        )
        self._manager_name = named_field("Manager's name", "Dana Whitfield")
        self._password = named_field("Password", "at least 10 characters")
        self._password_again = named_field("Password again")
        for field in (self._password, self._password_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self._manager_name_problem = MessageLine("Manager's name problem")
        self._password_problem = MessageLine("Password problem")
        self._finish_problem = MessageLine("Set-up problem")
        page.form.addRow(
            "Display name", with_message(self._manager_name, self._manager_name_problem)
        )
        page.form.addRow("Password", self._password)
        page.form.addRow(
            "Password again", with_message(self._password_again, self._password_problem)
        )
        page.form.addRow(self._finish_problem)
        return page

    def _check_settings(self, names: tuple[str, ...]) -> bool:
        entered = self._fields.entered()
        fine = True
        for name in names:
            self._fields.messages[name].clear_message()
            try:  # an empty answer is refused too, each in its own words
                setting_from_text(name, entered[name])
            except SettingsRefused as refused:
                self._fields.refuse(refused)
                fine = False
        if not fine:
            refused_field = self._fields.first_refused()
            if refused_field is not None:
                refused_field.setFocus()
        return fine

    def _check_hours(self) -> bool:
        from medspa_desk.domain.opening_hours import HoursInvalid, check_week_hours

        self._hours.message.clear_message()
        try:
            check_week_hours(self._hours.week())
        except HoursInvalid as problem:
            self._hours.message.refuse(problem)
            return False
        return True

    def _finish(self) -> bool:
        for line in (self._manager_name_problem, self._password_problem, self._finish_problem):
            line.clear_message()
        name = self._manager_name.text().strip()
        fine = True
        if not name or len(name) > LONGEST_NAME:
            self._manager_name_problem.refuse(
                f"The manager's name must be given, at most {LONGEST_NAME} characters."
            )
            fine = False
        try:
            check_new_password(self._password.text(), self._password_again.text())
        except PasswordRefused as problem:
            self._password_problem.refuse(problem)
            fine = False
        if not fine:
            return False
        answers = ClinicAnswers(
            self._fields.entered(),
            self._hours.week(),
            name,
            self._password.text(),
            self._password_again.text(),
        )
        try:
            self.set_up = set_up_clinic(self._database, answers, self._clock.now())
        except SettingsRefused as refused:
            elsewhere = self._fields.refuse(refused)
            self._finish_problem.refuse(
                " ".join(elsewhere.values()) or "Go Back to the answers marked and correct them."
            )
            return False
        except DeskRefusal as refusal:  # the books were set up meanwhile, or are busy
            self._finish_problem.refuse(refusal)
            return False
        self._password.clear()
        self._password_again.clear()
        return True


def run_first_start(database: Path, clock: Clock) -> ClinicSetUp | None:
    """Show the assistant until it is finished or cancelled; what it set up, or None."""
    assistant = FirstStartAssistant(database, clock)
    # A loop of its own, ended by the assistant: the application's quit() would mark the whole
    # application as closing, and the window that follows would never become active.
    loop = QEventLoop()
    assistant.finished.connect(lambda _result: loop.quit())
    assistant.open()  # not exec(): the dialog stays an ordinary window in this loop
    loop.exec()
    assistant.deleteLater()
    return assistant.set_up
