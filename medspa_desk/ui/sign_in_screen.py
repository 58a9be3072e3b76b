"""The screen the desk opens on, and locks to: pick your name (or type it), give your password
or PIN. It covers the whole window, so nothing of the day shows behind it (the window hides its
toolbar, status bar and every other window while it is up: ui/main_window.py).

A person whose secret a manager set chooses their own here before the desk opens for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.sign_in_rules import SecretKind
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.sign_in import (
    NewSecret,
    SecretMustChange,
    SignedIn,
    SignInAccount,
    sign_in,
    sign_in_accounts,
)
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field
from medspa_desk.ui.secret_kind_choice import chosen_secret_kind, offer_secret_kinds

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class SignInScreen(QWidget):
    signed_in = Signal(object)  # a SignedIn, once the desk is open for them

    def __init__(self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sign_in_screen")
        self.setAccessibleName("Sign-in screen")
        self._desk = desk
        self._desk_actions = desk_actions
        self._accounts: list[SignInAccount] = []

        self.heading = QLabel()
        self.heading.setObjectName("sign_in_heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.held = QLabel()
        self.held.setAccessibleName("Held work")
        self.held.setWordWrap(True)
        self.held.hide()
        self.people = QListWidget()
        self.people.setAccessibleName("Who is signing in")
        self.people.setMinimumHeight(160)
        self.secret = named_field("Password or PIN")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.returnPressed.connect(self._sign_in)
        self.people.itemActivated.connect(lambda _item: self.secret.setFocus())
        self.people.currentRowChanged.connect(self._person_chosen)
        self.button = named_button("Sign in", "Sign in")
        self.button.clicked.connect(self._sign_in)
        self.message = MessageLine("Sign-in message")
        # Anyone may choose a new secret as they sign in, proving the current one.
        self.change = named_button("Change my password or PIN…", "Change my password or PIN")
        self.change.setFlat(True)
        self.change.clicked.connect(self._change_own)

        # Shown when the secret was set by a manager: the person chooses their own.
        self.own = QFrame()
        self.own.setAccessibleName("Choose your own")
        own = QFormLayout(self.own)
        self.new_kind: QComboBox = named_combo("Sign in from now on with")
        self.new_secret = named_field("New password or PIN")
        self.new_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_again = named_field("New password or PIN again")
        self.new_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_again.returnPressed.connect(self._sign_in)
        own.addRow("Sign in from now on with", self.new_kind)
        own.addRow("New password or PIN", self.new_secret)
        own.addRow("Type it again", self.new_again)
        self.own.hide()

        card = QFrame()
        card.setObjectName("sign_in_card")
        card.setMaximumWidth(420)
        form = QVBoxLayout(card)
        form.addWidget(self.heading)
        form.addWidget(self.held)
        form.addWidget(QLabel("Your name"))
        form.addWidget(self.people)
        label = QLabel("Password or PIN")
        label.setBuddy(self.secret)
        form.addWidget(label)
        form.addWidget(self.secret)
        form.addWidget(self.own)
        form.addWidget(self.button)
        form.addWidget(self.change)
        form.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setFocusProxy(self.people)

    def start(self, held_for: list[str]) -> None:
        """Show the screen afresh: the accounts read again, nothing typed kept."""
        self.heading.setText(f"{self._desk.settings.clinic_name}\nSign in to the desk")
        self.held.setText(
            f"Held for {', '.join(held_for)}: their work comes back when they sign in."
        )
        self.held.setVisible(bool(held_for))
        self._accounts = sign_in_accounts(self._desk)
        self.people.clear()
        for account in self._accounts:
            item = QListWidgetItem(f"{account.name} — {account.role.label}")
            item.setData(Qt.ItemDataRole.UserRole, account.staff_id)
            self.people.addItem(item)
        if not self._accounts:
            self.message.refuse(
                "Nobody can sign in yet: at this PC's prompt, medspa-desk set-password NAME "
                "gives someone a password."
            )
        else:
            self.message.clear_message()
        self._clear_secrets()
        self.people.setFocus()

    def choose(self, staff_id: int) -> None:
        for row in range(self.people.count()):
            if self.people.item(row).data(Qt.ItemDataRole.UserRole) == staff_id:
                self.people.setCurrentRow(row)

    def _person_chosen(self, row: int) -> None:
        self._plain_sign_in()
        self.message.clear_message()
        if 0 <= row < len(self._accounts):
            kind = self._accounts[row].secret_kind
            self.secret.setPlaceholderText("PIN" if kind is SecretKind.PIN else "Password")

    def _sign_in(self) -> None:
        row = self.people.currentRow()
        if not 0 <= row < len(self._accounts):
            self.message.refuse("Choose your name first.")
            return
        account = self._accounts[row]
        new_secret = None
        if self.own.isVisible():
            kind = chosen_secret_kind(self.new_kind)
            new_secret = NewSecret(kind, self.new_secret.text(), self.new_again.text())
        secret = self.secret.text()
        self._desk_actions.run(
            lambda: sign_in(self._desk, account.staff_id, secret, new_secret),
            BooksChanged(),
            self._done,
            refuse_here=self._refused,
        )

    def _refused(self, refusal: DeskRefusal) -> None:
        self.message.refuse(refusal)
        if isinstance(refusal, SecretMustChange):
            self._offer_own_secret(self._accounts[self.people.currentRow()])
        elif not self.own.isVisible():
            self.secret.clear()
            self.secret.setFocus()

    def _change_own(self) -> None:
        row = self.people.currentRow()
        if not 0 <= row < len(self._accounts):
            self.message.refuse("Choose your name first.")
            return
        self.message.note("Type your current password or PIN, then the new one twice.")
        self._offer_own_secret(self._accounts[row])

    def _offer_own_secret(self, account: SignInAccount) -> None:
        offer_secret_kinds(self.new_kind, account.pin_allowed)
        self.own.show()
        self.change.hide()
        self.button.setText("Save and sign in")
        self.new_secret.setFocus()

    def _done(self, signed: SignedIn) -> None:
        self._clear_secrets()
        self.signed_in.emit(signed)

    def _clear_secrets(self) -> None:
        for field in (self.secret, self.new_secret, self.new_again):
            field.clear()
        self._plain_sign_in()

    def _plain_sign_in(self) -> None:
        self.own.hide()
        self.change.show()
        self.button.setText("Sign in")
