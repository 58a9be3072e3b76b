"""The choice between a password and a PIN, as the sign-in screen and the Staff page offer it:
a PIN only to someone a manager allowed one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from medspa_desk.domain.sign_in_rules import SecretKind


def offer_secret_kinds(combo: QComboBox, pin_allowed: bool) -> None:
    combo.clear()
    combo.addItem("A password", SecretKind.PASSWORD)
    if pin_allowed:
        combo.addItem("A PIN", SecretKind.PIN)
    combo.setEnabled(pin_allowed)


def chosen_secret_kind(combo: QComboBox) -> SecretKind:
    # Qt hands a StrEnum back as its plain str: made a SecretKind again.
    return SecretKind(combo.currentData())
