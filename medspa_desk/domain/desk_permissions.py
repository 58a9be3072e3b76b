"""Who may do what at the desk: one table, a row per kind of action, naming the roles allowed.

A front-desk person who needs a manager-only action gets it approved on the spot by a manager's
own credentials (services.staff_access.permissions); the table says only whose own sign-in is
enough. Services check it before they write, so a hidden button is never the only guard.
"""

from __future__ import annotations

from enum import StrEnum

from medspa_desk.domain.staff_roles import StaffRole


class DeskPermission(StrEnum):
    SEE_CALENDAR = "see_calendar"
    CHECK_IN = "check_in"
    BOOK = "book"  # make, move and cancel bookings, mark no-shows
    BLOCK_TIME = "block_time"  # a provider's time off on the calendar
    SEE_ANY_CLIENT = "see_any_client"  # a provider sees their own clients' profiles only
    EDIT_CLIENTS = "edit_clients"  # add, edit, cards on file, consent
    EXPORT_CLIENT_DATA = "export_client_data"  # a client's copy of their data
    SELL = "sell"  # ring up a sale (a provider only where the clinic allows it)
    CLOSE_DAY = "close_day"
    # Manager-only: a front desk needs a manager's approval for each of these.
    VOID_SALE = "void_sale"
    WAIVE_FEE = "waive_fee"
    OVERRIDE_PREPAYMENT = "override_prepayment"  # the strike rule's prepayment, waived
    OVERRIDE_AVAILABILITY = "override_availability"  # a booking into closed or off time
    DISCOUNT_BEYOND_LIMIT = "discount_beyond_limit"
    CHANGE_PRICE = "change_price"
    PUBLISH_POLICY = "publish_policy"
    ANONYMIZE_CLIENT = "anonymize_client"
    MERGE_CLIENTS = "merge_clients"
    REDACT_CARD_NUMBER = "redact_card_number"
    CHANGE_SETTINGS = "change_settings"
    CHANGE_SET_UP = "change_set_up"  # staff, hours, closures, the menu and the shelf
    MANAGE_ACCOUNTS = "manage_accounts"  # sign-in accounts: add, reset, unlock, disable
    RESTORE_BACKUP = "restore_backup"
    READ_AUDIT = "read_audit"
    IMPORT_RECORDS = "import_records"  # moving in from the system used before
    EXPORT_BOOKS = "export_books"  # every client, booking or sale, to a file

    @property
    def to_do(self) -> str:
        """What the permission allows, to finish "Only a manager can …"."""
        return _TO_DO[self]


_DESK = frozenset({StaffRole.FRONT_DESK, StaffRole.MANAGER})
_EVERYONE = frozenset(StaffRole)
_MANAGER = frozenset({StaffRole.MANAGER})

WHO_MAY: dict[DeskPermission, frozenset[StaffRole]] = {
    DeskPermission.SEE_CALENDAR: _EVERYONE,
    DeskPermission.CHECK_IN: _EVERYONE,
    DeskPermission.BOOK: _DESK,
    DeskPermission.BLOCK_TIME: _DESK,
    DeskPermission.SEE_ANY_CLIENT: _DESK,
    DeskPermission.EDIT_CLIENTS: _DESK,
    DeskPermission.EXPORT_CLIENT_DATA: _DESK,
    DeskPermission.SELL: _DESK,  # and providers, where settings.providers_may_sell
    DeskPermission.CLOSE_DAY: _DESK,
    DeskPermission.VOID_SALE: _MANAGER,
    DeskPermission.WAIVE_FEE: _MANAGER,
    DeskPermission.OVERRIDE_PREPAYMENT: _MANAGER,
    DeskPermission.OVERRIDE_AVAILABILITY: _MANAGER,
    DeskPermission.DISCOUNT_BEYOND_LIMIT: _MANAGER,
    DeskPermission.CHANGE_PRICE: _MANAGER,
    DeskPermission.PUBLISH_POLICY: _MANAGER,
    DeskPermission.ANONYMIZE_CLIENT: _MANAGER,
    DeskPermission.MERGE_CLIENTS: _MANAGER,
    DeskPermission.REDACT_CARD_NUMBER: _MANAGER,
    DeskPermission.CHANGE_SETTINGS: _MANAGER,
    DeskPermission.CHANGE_SET_UP: _MANAGER,
    DeskPermission.MANAGE_ACCOUNTS: _MANAGER,
    DeskPermission.RESTORE_BACKUP: _MANAGER,
    DeskPermission.READ_AUDIT: _MANAGER,
    DeskPermission.IMPORT_RECORDS: _MANAGER,
    DeskPermission.EXPORT_BOOKS: _MANAGER,
}

_TO_DO = {
    DeskPermission.SEE_CALENDAR: "see the calendar",
    DeskPermission.CHECK_IN: "check a client in",
    DeskPermission.BOOK: "book, move or cancel an appointment",
    DeskPermission.BLOCK_TIME: "block a provider's time",
    DeskPermission.SEE_ANY_CLIENT: "open this client's profile",
    DeskPermission.EDIT_CLIENTS: "change a client's record",
    DeskPermission.EXPORT_CLIENT_DATA: "export a client's data",
    DeskPermission.SELL: "ring up a sale",
    DeskPermission.CLOSE_DAY: "close the day",
    DeskPermission.VOID_SALE: "void a sale",
    DeskPermission.WAIVE_FEE: "waive a fee",
    DeskPermission.OVERRIDE_PREPAYMENT: "waive a required prepayment",
    DeskPermission.OVERRIDE_AVAILABILITY: "book into time that cannot be booked",
    DeskPermission.DISCOUNT_BEYOND_LIMIT: "give a discount beyond the limit",
    DeskPermission.CHANGE_PRICE: "change a price at the till",
    DeskPermission.PUBLISH_POLICY: "publish the clinic's policy text",
    DeskPermission.ANONYMIZE_CLIENT: "anonymize a client",
    DeskPermission.MERGE_CLIENTS: "merge two clients",
    DeskPermission.REDACT_CARD_NUMBER: "remove a card number from a client's record",
    DeskPermission.CHANGE_SETTINGS: "change the clinic's settings",
    DeskPermission.CHANGE_SET_UP: "change the clinic's set-up",
    DeskPermission.MANAGE_ACCOUNTS: "change sign-in accounts",
    DeskPermission.RESTORE_BACKUP: "restore a backup",
    DeskPermission.READ_AUDIT: "read the audit trail",
    DeskPermission.IMPORT_RECORDS: "import records from another system",
    DeskPermission.EXPORT_BOOKS: "export the clinic's clients, bookings or sales",
}


def role_may(role: StaffRole, permission: DeskPermission, *, providers_may_sell: bool) -> bool:
    """Whether `role`'s own sign-in is enough for `permission`."""
    if permission is DeskPermission.SELL and role is StaffRole.PROVIDER:
        return providers_may_sell
    return role in WHO_MAY[permission]


def needs_a_manager(permission: DeskPermission) -> bool:
    """Whether only a manager may do it (a front desk gets a manager's approval for it)."""
    return WHO_MAY[permission] == _MANAGER


def role_at_desk(is_provider: bool, is_manager: bool) -> StaffRole:
    """The role a staff member's sign-in carries: a manager's, if they manage at all (books made
    before roles may hold a provider who also manages; domain.staff_roles.role_of shows them as
    the provider they are on the calendar)."""
    if is_manager:
        return StaffRole.MANAGER
    return StaffRole.PROVIDER if is_provider else StaffRole.FRONT_DESK
