"""The demo clinic's sign-in accounts: the manager's password, and a PIN for the front desk and
each provider. Public on purpose (README, "Demo accounts"): the demo is for learning.

Written through services.staff_access (secrets.secret_hash checks each against the same rules
a person's own must meet; accounts.write_secret keeps it), as the manager set them up, ready
to use (no change asked at the first sign-in). argon2id salts each hash, so the hashes are made
once per process and reused: two builds in one run stay identical, and a build pays for the
eight hashes (about 50 ms each) once.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy.orm import Session

from medspa_desk.demo.demo_ids import DESK_IDS, MANAGER_ID, PROVIDER_IDS
from medspa_desk.domain.sign_in_rules import SecretKind
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.staff_access.accounts import write_secret
from medspa_desk.services.staff_access.secrets import secret_hash
from medspa_desk.storage.models import Staff

MANAGER_PASSWORD = "demo-manager"
# Staff id -> PIN: each provider's id twice ("0101" for the first), and the front desk's "2468".
PINS = {
    **{staff_id: f"{staff_id:02d}{staff_id:02d}" for staff_id in PROVIDER_IDS},
    **{staff_id: "2468" for staff_id in DESK_IDS if staff_id != MANAGER_ID},
}


def write_accounts(session: Session, set_up_at: datetime) -> None:
    """The manager's password and everyone else's PIN, kept as the Staff page would keep them."""
    secrets = [(MANAGER_ID, SecretKind.PASSWORD, MANAGER_PASSWORD)] + [
        (staff_id, SecretKind.PIN, pin) for staff_id, pin in PINS.items()
    ]
    for staff_id, kind, secret in secrets:
        row = session.get(Staff, staff_id)
        if row is None:
            raise RuntimeError(f"the demo has no staff member {staff_id} to give an account")
        row.pin_allowed = kind is SecretKind.PIN
        write_secret(session, row, kind, _hash(kind, secret), must_change=False)
        record_audit(
            session,
            MANAGER_ID,
            "staff.secret_reset",
            f"staff:{staff_id}",
            {"kind": kind.value},
            set_up_at,
        )


@cache
def _hash(kind: SecretKind, secret: str) -> str:
    return secret_hash(kind, secret)
