"""The clinic's settings: every number a policy rule uses, with the published defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import time
from enum import StrEnum
from functools import cached_property
from zoneinfo import ZoneInfo

from medspa_desk.domain.outgoing_mail import MailSecurity
from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.domain.sign_in_rules import LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES, LONGEST_IDLE_MINUTES


@dataclass(frozen=True)
class ClinicSettings:
    clinic_name: str = "406MedicalSpa"
    address_line: str = "13115 US Hwy 2 W"
    city_line: str = "Kalispell MT 59901"
    phone: str = "406-287-6565"
    email: str = "hello@406medicalspa.com"
    time_zone: str = "America/Denver"
    opening_time: time = time(8, 0)
    closing_time: time = time(19, 0)
    slot_minutes: int = 15
    # The appointment and cancellation policies (published-policies.txt).
    late_grace_minutes: int = 10
    late_cancel_window_hours: int = 24
    late_cancel_fee_cents: int = 7500
    strike_limit: int = 3
    reschedule_credit_hours: int = 48
    exchange_days: int = 14
    confirmation_lead_hours: int = 24
    # Sales tax per category in basis points (1/100 of a percent): Montana has no general
    # sales tax, so all are 0 until the clinic says otherwise.
    tax_basis_points_service: int = 0
    tax_basis_points_retail: int = 0
    tax_basis_points_gift_card: int = 0
    # The receipt the till offers first (the desk may still choose the other one).
    receipt_layout: ReceiptLayout = ReceiptLayout.ROLL
    # Backups: where ("" = the backups folder beside the database; a USB drive or second disk is
    # better), how often while the desk is open, and how many of each age to keep.
    backup_folder: str = ""
    backup_every_hours: int = 4
    backups_recent: int = 6  # a day's worth, whatever day they are from
    backups_daily: int = 14
    backups_weekly: int = 8
    backups_monthly: int = 12
    # Who is at the desk (domain.sign_in_rules): the idle lock (never more than 15 minutes), and
    # the wrong attempts in a row that lock an account, for how long.
    idle_lock_minutes: int = LONGEST_IDLE_MINUTES
    lockout_attempts: int = LOCKOUT_ATTEMPTS
    lockout_minutes: int = LOCKOUT_MINUTES
    # The clinic's mail server, for confirmations (domain.outgoing_mail); its password is kept in
    # the computer's credential store, never here. No host: mail waits in the queue.
    mail_host: str = ""
    mail_port: int = 587
    mail_security: MailSecurity = MailSecurity.STARTTLS
    mail_user: str = ""
    mail_from: str = ""  # "" sends from the clinic's email
    # Beyond this a discount needs a manager (domain.desk_permissions).
    discount_limit_percent: int = 20
    providers_may_sell: bool = False

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def with_stored(self, stored: dict[str, str]) -> ClinicSettings:
        """These settings overridden by the text values kept in the database."""
        known = {f.name for f in fields(self)}
        changes: dict[str, bool | int | time | str | StrEnum] = {}
        for key, text in stored.items():
            if key not in known:
                continue  # a setting from a newer version of the app: keep it, ignore it
            default = getattr(self, key)
            if isinstance(default, bool):
                changes[key] = text == "true"
            elif isinstance(default, int):
                changes[key] = int(text)
            elif isinstance(default, time):
                changes[key] = time.fromisoformat(text)
            elif isinstance(default, StrEnum):
                changes[key] = type(default)(text)
            else:
                changes[key] = text
        return replace(self, **changes)  # type: ignore[arg-type]  # each value has its field's type

    @staticmethod
    def as_text(value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, time):
            return value.strftime("%H:%M")
        return str(value)
