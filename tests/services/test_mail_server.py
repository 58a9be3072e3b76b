"""The clinic's mail server from its settings, and its password in the computer's credential
store only: refused, and said so, where the computer has none."""

from dataclasses import replace

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as NoKeyring

from medspa_desk.domain.outgoing_mail import MailSecurity
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.mail.mail_server import (
    NO_STORE,
    mail_password,
    mail_server,
    save_mail_password,
)

SETTINGS = replace(
    ClinicSettings(), mail_host="smtp.example.com", mail_port=465,
    mail_security=MailSecurity.SSL, mail_user="desk@406medicalspa.com",
)  # fmt: skip


class _MemoryStore(KeyringBackend):
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
def store():
    before = keyring.get_keyring()
    memory = _MemoryStore()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def no_store():
    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    yield
    keyring.set_keyring(before)


def test_no_host_means_mail_waits():
    assert mail_server(ClinicSettings()) is None


def test_the_server_is_the_settings_and_sends_from_the_clinics_email():
    server = mail_server(SETTINGS)
    assert (server.host, server.port, server.security, server.from_address) == (
        "smtp.example.com",
        465,
        MailSecurity.SSL,
        "hello@406medicalspa.com",
    )


def test_the_password_is_kept_in_the_credential_store_not_the_settings(store):
    server = mail_server(SETTINGS)
    save_mail_password(server, "s3cret-app-password")
    assert mail_password(server) == "s3cret-app-password"
    assert "s3cret-app-password" not in repr(SETTINGS)
    assert list(store.kept) == [
        ("medspa_desk mail server", "desk@406medicalspa.com@smtp.example.com")
    ]


def test_without_a_credential_store_the_desk_says_so(no_store):
    server = mail_server(SETTINGS)
    with pytest.raises(DeskRefusal) as refused:
        save_mail_password(server, "s3cret")
    assert str(refused.value) == NO_STORE
    assert mail_password(server) is None
