"""The clinic's mail server, from its settings, and its password, kept in the computer's own
credential store (keyring: Windows Credential Manager on the desk PC, the Keychain on a Mac, the
Secret Service on Linux), never in the database or the log. Where the computer has no store,
the desk says so and the password is not kept at all."""

from __future__ import annotations

from dataclasses import dataclass

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.outgoing_mail import MailSecurity
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import require

# The store's name for the clinic's mail password, one per mail server and user.
KEYRING_SERVICE = "medspa_desk mail server"
NO_STORE = (
    "This computer has no credential store to keep the mail password in: it is not saved. "
    "On Windows it is the Credential Manager; on Linux, install a Secret Service (GNOME Keyring)."
)


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    security: MailSecurity
    user: str
    from_address: str
    timeout_seconds: float = 15.0


def mail_server(settings: ClinicSettings) -> MailServer | None:
    """The server mail goes out through, or None while none is set up (mail waits)."""
    if not settings.mail_host:
        return None
    return MailServer(
        settings.mail_host,
        settings.mail_port,
        MailSecurity(settings.mail_security),
        settings.mail_user,
        settings.mail_from or settings.email,
    )


# keyring is imported where it is used: it costs some 50 ms, which a start of the desk must not
# pay before the window shows.


def has_credential_store() -> bool:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    return not isinstance(keyring.get_keyring(), NoKeyring)


def save_mail_password(server: MailServer, password: str) -> None:
    """Keep the password in the credential store; DeskRefusal where there is none."""
    import keyring
    from keyring.errors import KeyringError

    if not has_credential_store():
        raise DeskRefusal(NO_STORE)
    try:
        keyring.set_password(KEYRING_SERVICE, _account(server), password)
    except KeyringError as trouble:
        raise DeskRefusal(f"The credential store would not keep the password: {trouble}") from None


def keep_mail_password(desk: Desk, password: str) -> None:
    """A manager keeps the password of the mail server set up in the settings, in the
    credential store; the audit trail says it was set, never what it is."""
    if not password:
        raise DeskRefusal("Type the mail server's password.")
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SETTINGS)
        server = mail_server(desk.settings)
        if server is None or not server.user:
            raise DeskRefusal("Save the mail server and its user name first.")
        save_mail_password(server, password)
        now = desk.clock.now()
        record_audit(session, desk.staff_id, "clinic.mail_password_set", "clinic:mail",
                     {"server": server.host}, now)  # fmt: skip


def mail_password(server: MailServer) -> str | None:
    """The password kept for this server and user, or None."""
    if not server.user or not has_credential_store():
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, _account(server))
    except KeyringError:
        return None


def _account(server: MailServer) -> str:
    return f"{server.user}@{server.host}"
