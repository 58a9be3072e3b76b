"""The clinic's mail server from its settings, and its password in the computer's credential
store only: refused, and said so, where the computer has none."""

from dataclasses import replace

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from medspa_desk.domain.outgoing_mail import MailSecurity
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.mail.mail_server import (
    NO_STORE,
    keep_mail_password,
    mail_password,
    mail_server,
    save_mail_password,
)
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.storage.models import AuditEntry
from tests.approvals import as_front_desk, as_manager
from tests.services.conftest import one

SETTINGS = replace(
    ClinicSettings(), mail_host="smtp.example.com", mail_port=465,
    mail_security=MailSecurity.SSL, mail_user="desk@406medicalspa.com",
)  # fmt: skip


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


def test_the_password_is_kept_in_the_credential_store_not_the_settings(credential_store):
    server = mail_server(SETTINGS)
    save_mail_password(server, "s3cret-app-password")
    assert mail_password(server) == "s3cret-app-password"
    assert "s3cret-app-password" not in repr(SETTINGS)
    assert list(credential_store.kept) == [
        ("medspa_desk mail server", "desk@406medicalspa.com@smtp.example.com")
    ]


def test_without_a_credential_store_the_desk_says_so(no_store):
    server = mail_server(SETTINGS)
    with pytest.raises(DeskRefusal) as refused:
        save_mail_password(server, "s3cret")
    assert str(refused.value) == NO_STORE
    assert mail_password(server) is None


def test_a_manager_keeps_the_password_and_the_audit_says_only_that(desk, credential_store):
    desk.settings = SETTINGS
    keep_mail_password(as_manager(desk), "s3cret-app-password")
    assert mail_password(mail_server(SETTINGS)) == "s3cret-app-password"
    entry = one(desk, AuditEntry, action="clinic.mail_password_set")
    assert "s3cret" not in entry.detail


def test_the_front_desk_cannot_change_the_mail_password(desk, credential_store):
    desk.settings = SETTINGS
    with pytest.raises(PermissionNeeded):
        keep_mail_password(as_front_desk(desk), "s3cret")
    assert credential_store.kept == {}


def test_no_password_is_kept_before_the_server_is_set_up(desk, credential_store):
    with pytest.raises(DeskRefusal, match="Save the mail server and its user name first"):
        keep_mail_password(as_manager(desk), "s3cret")
