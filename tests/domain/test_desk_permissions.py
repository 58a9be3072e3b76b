"""Who may do what: the whole table, role by role, as the clinic's issue lists it."""

import pytest

from medspa_desk.domain.desk_permissions import (
    WHO_MAY,
    DeskPermission,
    needs_a_manager,
    role_may,
)
from medspa_desk.domain.staff_roles import StaffRole

P = DeskPermission
EVERYONE = {P.SEE_CALENDAR, P.CHECK_IN}
DESK_WORK = {
    P.BOOK,
    P.BLOCK_TIME,
    P.SEE_ANY_CLIENT,
    P.EDIT_CLIENTS,
    P.EXPORT_CLIENT_DATA,
    P.SELL,
    P.CLOSE_DAY,
}
MANAGER_ONLY = {
    P.VOID_SALE,
    P.WAIVE_FEE,
    P.OVERRIDE_PREPAYMENT,
    P.OVERRIDE_AVAILABILITY,
    P.DISCOUNT_BEYOND_LIMIT,
    P.CHANGE_PRICE,
    P.PUBLISH_POLICY,
    P.ANONYMIZE_CLIENT,
    P.MERGE_CLIENTS,
    P.REDACT_CARD_NUMBER,
    P.CHANGE_SETTINGS,
    P.CHANGE_SET_UP,
    P.MANAGE_ACCOUNTS,
    P.RESTORE_BACKUP,
    P.READ_AUDIT,
    P.IMPORT_RECORDS,
    P.EXPORT_BOOKS,
}
EXPECTED = {
    StaffRole.MANAGER: EVERYONE | DESK_WORK | MANAGER_ONLY,
    StaffRole.FRONT_DESK: EVERYONE | DESK_WORK,
    StaffRole.PROVIDER: EVERYONE,
}


def test_every_permission_is_in_the_table_once():
    assert set(WHO_MAY) == set(DeskPermission) == EVERYONE | DESK_WORK | MANAGER_ONLY


@pytest.mark.parametrize("role", list(StaffRole))
@pytest.mark.parametrize("permission", list(DeskPermission))
def test_the_matrix(role, permission):
    allowed = role_may(role, permission, providers_may_sell=False)
    assert allowed == (permission in EXPECTED[role])


def test_a_provider_rings_up_sales_only_where_the_clinic_allows_it():
    assert role_may(StaffRole.PROVIDER, P.SELL, providers_may_sell=True)
    assert not role_may(StaffRole.PROVIDER, P.SELL, providers_may_sell=False)
    assert not role_may(StaffRole.PROVIDER, P.VOID_SALE, providers_may_sell=True)


@pytest.mark.parametrize("permission", list(DeskPermission))
def test_what_needs_a_manager_is_exactly_the_manager_only_list(permission):
    assert needs_a_manager(permission) == (permission in MANAGER_ONLY)


@pytest.mark.parametrize("permission", list(DeskPermission))
def test_every_refusal_can_say_what_was_asked(permission):
    assert permission.to_do and not permission.to_do.endswith(".")
