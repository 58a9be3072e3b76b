"""A credential store that keeps passwords in memory, put in place of the computer's own for a
test (keyring's real API, its real lookup), so no test reads or writes the user's keychain."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend


class MemoryStore(KeyringBackend):
    """A credential store that keeps passwords in memory, as the operating system's would."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


@pytest.fixture
def credential_store():
    before = keyring.get_keyring()
    memory = MemoryStore()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)
