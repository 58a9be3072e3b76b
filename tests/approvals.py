"""A manager standing by at a test's desk: their password set, and their approval for one action."""

from __future__ import annotations

from functools import cache

from sqlalchemy import select

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sign_in_rules import SecretKind
from medspa_desk.services.desk import Desk
from medspa_desk.services.staff_access.accounts import write_secret
from medspa_desk.services.staff_access.permissions import ManagerApproval, approve
from medspa_desk.services.staff_access.secrets import secret_hash
from medspa_desk.storage.models import Staff

MANAGER_PASSWORD = "manager's own words 7"


def give_password(desk: Desk, staff_id: int, password: str = MANAGER_PASSWORD) -> None:
    with desk.db.writing() as session:
        row = session.get_one(Staff, staff_id)
        write_secret(session, row, SecretKind.PASSWORD, _kept(password), must_change=False)


@cache
def _kept(password: str) -> str:
    """One hash per password per test run: argon2 is slow on purpose, the tests need not be."""
    return secret_hash(SecretKind.PASSWORD, password)


def manager_approval(desk: Desk, manager_id: int, permission: DeskPermission) -> ManagerApproval:
    """`manager_id`'s approval for one `permission` action, given with their own password."""
    give_password(desk, manager_id)
    return approve(desk, manager_id, MANAGER_PASSWORD, permission)


def signed_in(desk: Desk, staff_id: int) -> Desk:
    """`desk` with `staff_id` signed in (their credentials are the sign-in tests' business)."""
    desk.staff_id = staff_id
    return desk


def as_manager(desk: Desk) -> Desk:
    """`desk` with the clinic's first manager signed in, for a test of what a manager does."""
    with desk.db.reading() as session:
        manager = session.scalars(
            select(Staff.id).where(Staff.is_manager, Staff.active).order_by(Staff.id)
        ).first()
    assert manager is not None, "the test's clinic has no manager"
    return signed_in(desk, manager)


def as_front_desk(desk: Desk) -> Desk:
    """`desk` with the clinic's first front-desk person (no manager) signed in."""
    with desk.db.reading() as session:
        front_desk = session.scalars(
            select(Staff.id)
            .where(Staff.active, Staff.is_manager.is_(False), Staff.is_provider.is_(False))
            .order_by(Staff.id)
        ).first()
    assert front_desk is not None, "the test's clinic has no front desk"
    return signed_in(desk, front_desk)


def new_front_desk_signed_in(desk: Desk, name: str = "Lena Ross") -> Desk:
    """Books with nobody on the staff yet: a front-desk person added and signed in."""
    with desk.db.writing() as session:
        row = Staff(display_name=name, role="Front desk")
        session.add(row)
        session.flush()
        staff_id = row.id
    return signed_in(desk, staff_id)
