"""The Staff page's "Sign-in" group: how the chosen staff member signs in, and a manager's
controls for it (set a password or PIN, allow a PIN, disable or enable, unlock).

The widgets hold no rule: what a control may do is the service's to say
(services.staff_access.accounts), and each action goes through the page's `run`, which says a
refusal on this group's own line. After each, the summary is read again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QWidget

from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.accounts import (
    AccountState,
    account_state,
    allow_pin,
    disable_sign_in,
    enable_sign_in,
    set_secret,
    unlock,
)
from medspa_desk.services.staff_access.sign_in import NewSecret
from medspa_desk.ui.clinic_setup.set_secret_dialog import AccountRun, SetSecretDialog
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button


class SignInAccountGroup(QGroupBox):
    def __init__(self, desk: Desk, run: AccountRun, parent: QWidget | None = None) -> None:
        super().__init__("Sign-in", parent)
        self.setAccessibleName("Sign-in")
        self._desk, self._run = desk, run
        self._staff_id: int | None = None
        self._name = ""
        self._state: AccountState | None = None
        self.summary = QLabel()
        self.summary.setAccessibleName("Sign-in summary")
        self.summary.setWordWrap(True)
        self.set_secret = named_button(
            "Set password…", "Set password or PIN", "They choose their own at their next sign-in"
        )
        self.set_secret.clicked.connect(self._open_set_secret)
        self.pin = QCheckBox("Allow a PIN")
        self.pin.setAccessibleName("Allow a PIN")
        self.pin.setToolTip("May sign in with a PIN of digits instead of a password")
        # `clicked`, not `toggled`: only a person's click acts, not the page showing the state.
        self.pin.clicked.connect(self._allow_pin)
        self.disable = named_button("Disable sign-in", "Disable sign-in")
        self.disable.clicked.connect(self._disable_or_enable)
        self.unlock = named_button(
            "Unlock", "Unlock", "Lift the lockout after wrong attempts before its time"
        )
        self.unlock.clicked.connect(lambda: self._act(lambda staff_id: unlock(desk, staff_id)))
        self.message = MessageLine("Sign-in problem")

        layout = QGridLayout(self)
        layout.addWidget(self.summary, 0, 0, 1, 3)
        layout.addWidget(self.set_secret, 1, 0)
        layout.addWidget(self.pin, 1, 1)
        layout.addWidget(self.disable, 2, 0)
        layout.addWidget(self.unlock, 2, 1, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message, 3, 0, 1, 3)
        layout.setColumnStretch(2, 1)
        self.hide()

    def show_account(self, staff_id: int | None, name: str = "") -> None:
        """Show `staff_id`'s sign-in (hidden while nobody is chosen: a new one has none yet)."""
        self.message.clear_message()
        self._staff_id, self._name = staff_id, name
        self.setVisible(staff_id is not None)
        if staff_id is not None:
            self._refresh()

    def _refresh(self) -> None:
        if self._staff_id is None:
            return
        state = self._state = account_state(self._desk, self._staff_id)
        self.summary.setText(state.summary)
        self.set_secret.setText("Set password or PIN…" if state.pin_allowed else "Set password…")
        self.pin.setChecked(state.pin_allowed)
        wording = "Enable sign-in" if state.disabled else "Disable sign-in"
        self.disable.setText(wording)
        self.disable.setAccessibleName(wording)
        self.unlock.setEnabled(state.locked_until is not None)

    def _act(self, action: Callable[[int], str]) -> None:
        staff_id = self._staff_id
        if staff_id is None:
            return
        self.message.clear_message()
        self._run(lambda: action(staff_id), self._done, self._refused)

    def _done(self, sentence: str) -> None:
        self._refresh()
        self.message.note(sentence)

    def _refused(self, refusal: DeskRefusal) -> None:
        self._refresh()  # a checkbox clicked but refused shows what is kept again
        self.message.refuse(str(refusal))

    def _allow_pin(self, allowed: bool) -> None:
        self._act(lambda staff_id: allow_pin(self._desk, staff_id, allowed))

    def _disable_or_enable(self) -> None:
        disabled = self._state is not None and self._state.disabled
        change = enable_sign_in if disabled else disable_sign_in
        self._act(lambda staff_id: change(self._desk, staff_id))

    def _open_set_secret(self) -> None:
        staff_id, state = self._staff_id, self._state
        if staff_id is None or state is None:
            return
        self.message.clear_message()

        def save(new_secret: NewSecret) -> str:
            return set_secret(self._desk, staff_id, new_secret)

        dialog = SetSecretDialog(self._name, state.pin_allowed, save, self._run, self)
        dialog.secret_set.connect(self._done)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
