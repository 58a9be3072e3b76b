"""The Staff page of the clinic's set-up: everyone who has worked here (the retired too), a form
to add or edit one, Retire and Bring back, the chosen one's sign-in, and a provider's working
week.

Every change goes through DeskActions.run with `clinic_set_up=True` in its notice, so the calendar shows
a new provider's lane, or drops a retired one's, at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.staff_roles import LARGEST_ORDER
from medspa_desk.services.clinic.staff import (
    StaffChange,
    StaffRecord,
    add_staff,
    bring_back_staff,
    menu_services,
    retire_staff,
    staff_records,
    update_staff,
)
from medspa_desk.services.clinic.working_hours import (
    HoursSaved,
    opening_hours,
    set_working_hours,
    working_week,
)
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.clinic_setup.sign_in_account_group import SignInAccountGroup
from medspa_desk.ui.clinic_setup.staff_form import StaffForm
from medspa_desk.ui.clinic_setup.working_hours_editor import WorkingHoursEditor
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

STAFF_CHANGED = BooksChanged.of(clinic_set_up=True)
RETIRED_GREY = QColor("#8a8a8a")


class StaffPage(QWidget):
    def __init__(self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Staff page")
        self._desk = desk
        self._desk_actions = desk_actions
        self._records: dict[int, StaffRecord] = {}
        self._acting = False
        self._list = QListWidget()
        self._list.setAccessibleName("Staff list")
        self._list.setMinimumWidth(220)
        self._list.setMaximumWidth(280)
        self._list.currentItemChanged.connect(lambda *_: self._show_chosen())
        self._new = named_button("New staff member", "New staff member")
        self._new.clicked.connect(self._start_new)
        self._retire = named_button(
            "Retire", "Retire", "Off the desk and the calendar; their history keeps their name"
        )
        self._retire.clicked.connect(lambda: self._change(retire_staff))
        self._bring_back = named_button("Bring back", "Bring back", "Works here again")
        self._bring_back.clicked.connect(lambda: self._change(bring_back_staff))
        self._form = StaffForm()
        self._save = named_button("Save", "Save staff member")
        self._save.clicked.connect(self._save_details)
        self._message = MessageLine("Staff problem")
        self._account = SignInAccountGroup(desk, self._run_account)
        self._hours = WorkingHoursEditor()
        self._hours.save.clicked.connect(self._save_hours)

        left = QVBoxLayout()
        left.addWidget(self._list, 1)
        for button in (self._new, self._retire, self._bring_back):
            left.addWidget(button)
        middle = QVBoxLayout()
        middle.addWidget(self._form)
        middle.addWidget(self._message)
        middle.addWidget(self._save, 0, Qt.AlignmentFlag.AlignRight)
        middle.addWidget(self._account)
        middle.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(middle, 1)
        layout.addWidget(self._hours, 0, Qt.AlignmentFlag.AlignTop)
        desk_actions.books_changed.connect(self._books_changed)
        self._read()

    def chosen_id(self) -> int | None:
        item = self._list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _read(self, choose: int | None = None) -> None:
        """Read everyone again, keeping (or moving to) the one chosen."""
        choose = choose if choose is not None else self.chosen_id()
        self._records = {record.staff_id: record for record in staff_records(self._desk)}
        self._list.blockSignals(True)
        self._list.clear()
        for record in self._records.values():
            details = record.details
            text = f"{details.name} · {details.role.label}"
            item = QListWidgetItem(text if record.active else f"{text} (retired)")
            item.setData(Qt.ItemDataRole.UserRole, record.staff_id)
            item.setToolTip(details.title)
            if not record.active:
                item.setForeground(QBrush(RETIRED_GREY))
            self._list.addItem(item)
            if record.staff_id == choose:
                self._list.setCurrentItem(item)
        self._list.blockSignals(False)
        self._show_chosen()

    def _show_chosen(self) -> None:
        record = self._records.get(self.chosen_id() or 0)
        self._message.clear_message()
        last = max((r.details.calendar_order for r in self._records.values()), default=0)
        self._form.show_details(
            record.details if record else None,
            menu_services(self._desk),
            next_order=min(last + 1, LARGEST_ORDER),
        )
        self._retire.setEnabled(record is not None and record.active)
        self._bring_back.setEnabled(record is not None and not record.active)
        self._save.setText("Save" if record else "Add")
        provider = record is not None and record.details.role.is_provider
        week = working_week(self._desk, record.staff_id) if record and provider else None
        self._hours.show_week(week, opening_hours(self._desk))
        self._account.show_account(
            record.staff_id if record else None, record.details.name if record else ""
        )

    def _start_new(self) -> None:
        self._list.setCurrentItem(None)
        self._form.name.setFocus()

    def _save_details(self) -> None:
        details, staff_id = self._form.details(), self.chosen_id()
        self._form.clear_problems()
        self._message.clear_message()
        if staff_id is None:
            self._run(lambda: add_staff(self._desk, details), self._refuse_details)
        else:
            self._run(lambda: update_staff(self._desk, staff_id, details), self._refuse_details)

    def _change(self, change) -> None:
        staff_id = self.chosen_id()
        if staff_id is not None:
            self._message.clear_message()
            self._run(lambda: change(self._desk, staff_id), self._message.refuse)

    def _save_hours(self) -> None:
        staff_id = self.chosen_id()
        if staff_id is None:
            return
        self._hours.clear_problems()
        self._acting = True  # this page shows its own result: its notice needs no re-read
        try:
            self._desk_actions.run(
                lambda: set_working_hours(self._desk, staff_id, self._hours.week()),
                STAFF_CHANGED,
                self._show_hours_saved,
                refuse_here=self._hours.refuse,
            )
        finally:
            self._acting = False

    def _show_hours_saved(self, saved: HoursSaved) -> None:
        """The week as kept, written the one way (09:00-13:00), and what was done."""
        self._hours.show_week(working_week(self._desk, saved.staff_id), opening_hours(self._desk))
        self._hours.message.note(saved.message)

    def _run(self, action, refuse) -> None:
        def done(change: StaffChange) -> None:
            self._read(choose=change.staff_id)
            self._message.note(change.message)

        self._acting = True
        try:
            self._desk_actions.run(action, STAFF_CHANGED, done, refuse_here=refuse)
        finally:
            self._acting = False

    def _run_account(
        self,
        action: Callable[[], str],
        done: Callable[[str], None],
        refuse: Callable[[DeskRefusal], None],
    ) -> None:
        """An account action: who may sign in or approve changed, so the window is told (the
        sign-in screen and the approval prompt read their people when next shown)."""
        self._acting = True
        try:
            self._desk_actions.run(action, STAFF_CHANGED, done, refuse_here=refuse)
        finally:
            self._acting = False

    def _refuse_details(self, refusal: DeskRefusal) -> None:
        if not self._form.show_problems(refusal):
            self._message.refuse(refusal)

    def _books_changed(self, changed: BooksChanged) -> None:
        # A change made elsewhere (a service's providers from the menu's side, say) keeps the
        # list and the form true; one made here has been shown already.
        if changed.clinic_set_up and not self._acting:
            self._read()
