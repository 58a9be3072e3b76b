"""A manager sets someone's password or PIN (a new account, or one forgotten): typed twice, never
shown. The person chooses their own at their next sign-in.

Opened with `open()` beside the Staff page; a refusal (too short, not the same twice) is said
inside the dialog, which stays open to be corrected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.sign_in import NewSecret
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_combo, named_field
from medspa_desk.ui.secret_kind_choice import chosen_secret_kind, offer_secret_kinds

# Runs one account action through the page's DeskActions: the action, what to do with its
# sentence once done, where to say a refusal.
AccountRun = Callable[
    [Callable[[], str], Callable[[str], None], Callable[[DeskRefusal], None]], None
]


class SetSecretDialog(QDialog):
    secret_set = Signal(str)  # the sentence saying what was done

    def __init__(
        self,
        name: str,
        pin_allowed: bool,
        save: Callable[[NewSecret], str],
        run: AccountRun,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save, self._run = save, run
        what_to_set = "a password or PIN" if pin_allowed else "a password"
        self.setWindowTitle(f"Set {what_to_set} for {name}")
        self.setAccessibleName("Set password or PIN")
        what = QLabel(f"{name} signs in with this once, then chooses their own.")
        what.setWordWrap(True)
        self.kind = named_combo("Sign in with")
        offer_secret_kinds(self.kind, pin_allowed)
        self.secret = named_field("New password or PIN")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeated = named_field("Type it again")
        self.repeated.setEchoMode(QLineEdit.EchoMode.Password)
        self.refusal = MessageLine("Password problem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        keep = buttons.addButton("Set", QDialogButtonBox.ButtonRole.AcceptRole)
        keep.setAccessibleName("Set")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self._keep)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Sign in with", self.kind)
        form.addRow("New password or PIN", self.secret)
        form.addRow("Type it again", self.repeated)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(buttons)
        # Made the default only once inside the dialog: before, the dialog cannot know it, and
        # Enter would press Cancel, the first button it finds.
        keep.setDefault(True)
        self.secret.setFocus()
        self.setMinimumWidth(380)

    def _keep(self) -> None:
        self.refusal.clear_message()
        new_secret = NewSecret(
            chosen_secret_kind(self.kind), self.secret.text(), self.repeated.text()
        )
        self._run(lambda: self._save(new_secret), self._done, self.refusal.refuse)

    def _done(self, sentence: str) -> None:
        self.secret_set.emit(sentence)
        self.accept()
