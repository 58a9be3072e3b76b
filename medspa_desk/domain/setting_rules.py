"""What each of the clinic's settings may be, and how the desk types it: a sentence per field.

The settings screen, the first start and `medspa-desk setup` all enter settings as text (a fee
as "80.00", a tax rate as the percent "8.25"); `settings_from_text` reads and checks them, and
`check_setting` checks a value already typed, so the writer refuses what no screen could enter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from medspa_desk.domain.contact_details import (
    ContactRefused,
    normalized_email,
    phone_for_display,
    phone_in_e164,
)
from medspa_desk.domain.desk_refusal import DeskRefusal
from medspa_desk.domain.money import format_cents, parse_cents
from medspa_desk.domain.outgoing_mail import MailSecurity
from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.domain.sign_in_rules import (
    LOCKOUT_ATTEMPTS,
    LOCKOUT_MINUTES,
    LONGEST_IDLE_MINUTES,
    LONGEST_LOCKOUT_MINUTES,
)

SettingValue = bool | int | str | ReceiptLayout


class SettingsRefused(DeskRefusal):
    """One or more settings cannot be kept: `problems` has a sentence per field."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


@dataclass(frozen=True)
class _WholeNumber:
    what: str  # "The late grace"
    unit: str  # "minutes"
    lowest: int
    highest: int

    def sentence(self) -> str:
        unit = f" of {self.unit}" if self.unit else ""
        return f"{self.what} must be a whole number{unit} from {self.lowest} to {self.highest}."


_WHOLE_NUMBERS = {
    "late_grace_minutes": _WholeNumber("The late grace", "minutes", 0, 60),
    "late_cancel_window_hours": _WholeNumber("The late-cancel notice", "hours", 0, 168),
    "strike_limit": _WholeNumber("The strike limit", "strikes", 1, 10),
    "reschedule_credit_hours": _WholeNumber("The reschedule-credit notice", "hours", 0, 336),
    "exchange_days": _WholeNumber("The exchange window", "days", 0, 90),
    "confirmation_lead_hours": _WholeNumber("The confirmation lead", "hours", 0, 168),
    "backup_every_hours": _WholeNumber("The backup interval", "hours", 1, 24),
    "idle_lock_minutes": _WholeNumber("The idle lock", "minutes", 1, LONGEST_IDLE_MINUTES),
    "lockout_attempts": _WholeNumber(
        "The wrong attempts before a lockout", "attempts", 3, LOCKOUT_ATTEMPTS
    ),
    "lockout_minutes": _WholeNumber(
        "The lockout", "minutes", LOCKOUT_MINUTES, LONGEST_LOCKOUT_MINUTES
    ),
    "discount_limit_percent": _WholeNumber("The discount limit", "percent", 0, 100),
    "mail_port": _WholeNumber("The mail server's port", "", 1, 65535),
}
_YES_NO = {"providers_may_sell": "Whether providers may ring up sales"}
_TEXTS = {  # field -> (what it is, whether it may be empty, longest)
    "clinic_name": ("The clinic's name", False, 80),
    "address_line": ("The street address", False, 120),
    "city_line": ("The city, state and ZIP", False, 120),
    "mail_host": ("The mail server", True, 253),
    "mail_user": ("The mail server's user name", True, 254),
}
TAX_FIELDS = {
    "tax_basis_points_service": "services",
    "tax_basis_points_retail": "retail",
    "tax_basis_points_gift_card": "gift cards",
}
HIGHEST_FEE_CENTS = 100_000
HIGHEST_TAX_BASIS_POINTS = 2_500  # 25 %
_PERCENT = re.compile(r"^\s*(?P<whole>\d{1,2})(?:\.(?P<part>\d{1,2}))?\s*%?\s*$")

# Every field a clinic may change, in the order the screens show them.
EDITABLE_SETTINGS = (
    "clinic_name",
    "address_line",
    "city_line",
    "phone",
    "email",
    "time_zone",
    "late_grace_minutes",
    "late_cancel_window_hours",
    "late_cancel_fee_cents",
    "strike_limit",
    "reschedule_credit_hours",
    "exchange_days",
    "confirmation_lead_hours",
    *TAX_FIELDS,
    "receipt_layout",
    "backup_folder",
    "backup_every_hours",
    "idle_lock_minutes",
    "lockout_attempts",
    "lockout_minutes",
    "discount_limit_percent",
    "providers_may_sell",
    "mail_host",
    "mail_port",
    "mail_security",
    "mail_user",
    "mail_from",
)


def settings_from_text(entered: Mapping[str, str]) -> dict[str, SettingValue]:
    """The settings typed at a screen or in a file, read and checked; SettingsRefused names
    every field that cannot be kept."""
    values: dict[str, SettingValue] = {}
    problems: dict[str, str] = {}
    for name, text in entered.items():
        try:
            values[name] = setting_from_text(name, text)
        except SettingsRefused as refused:
            problems.update(refused.problems)
    if problems:
        raise SettingsRefused(problems)
    return values


def setting_from_text(name: str, text: str) -> SettingValue:
    reader = _READERS.get(name)
    if reader is None:
        raise SettingsRefused({name: f"There is no setting called {name!r}."})
    try:
        return reader(name, text.strip())
    except (ValueError, ContactRefused) as problem:
        raise SettingsRefused({name: str(problem)}) from None


def check_setting(name: str, value: SettingValue) -> SettingValue:
    """`value` as the clinic keeps it (a phone in its readable form), or SettingsRefused."""
    if name in _WHOLE_NUMBERS or name in TAX_FIELDS or name == "late_cancel_fee_cents":
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsRefused({name: _out_of_range(name)})
        if not _LOWEST_HIGHEST[name][0] <= value <= _LOWEST_HIGHEST[name][1]:
            raise SettingsRefused({name: _out_of_range(name)})
        return value
    if name in _YES_NO:
        if not isinstance(value, bool):
            raise SettingsRefused({name: f"{_YES_NO[name]} is yes or no."})
        return value
    if name == "receipt_layout":
        if not isinstance(value, ReceiptLayout):
            return setting_from_text(name, str(value))
        return value
    if name == "mail_security":
        if not isinstance(value, MailSecurity):
            return setting_from_text(name, str(value))
        return value
    if not isinstance(value, str):
        raise SettingsRefused({name: f"The {name.replace('_', ' ')} must be text."})
    return setting_from_text(name, value)


def setting_as_entered(name: str, value: object) -> str:
    """A kept value as a screen shows it for editing: the inverse of setting_from_text."""
    if name == "late_cancel_fee_cents" and isinstance(value, int):
        return format_cents(value).removeprefix("$").replace(",", "")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in TAX_FIELDS and isinstance(value, int):
        return f"{value // 100}.{value % 100:02d}"
    return str(value)


def _out_of_range(name: str) -> str:
    if name == "late_cancel_fee_cents":
        return (
            f"The late-cancel fee must be an amount from $0.00 to "
            f"{format_cents(HIGHEST_FEE_CENTS)}, like 75.00."
        )
    if name in TAX_FIELDS:
        return (
            f"The tax rate on {TAX_FIELDS[name]} must be a percent from 0 to 25 with at most "
            "two decimals, like 8.25."
        )
    return _WHOLE_NUMBERS[name].sentence()


_LOWEST_HIGHEST = {name: (rule.lowest, rule.highest) for name, rule in _WHOLE_NUMBERS.items()} | {
    "late_cancel_fee_cents": (0, HIGHEST_FEE_CENTS),
    **{name: (0, HIGHEST_TAX_BASIS_POINTS) for name in TAX_FIELDS},
}


def _whole_number(name: str, text: str) -> int:
    if not re.fullmatch(r"\d{1,6}", text):
        raise ValueError(_out_of_range(name))
    return int(check_setting(name, int(text)))


def _fee(name: str, text: str) -> int:
    try:
        cents = parse_cents(text)
    except ValueError:
        raise ValueError(_out_of_range(name)) from None
    return int(check_setting(name, cents))


def _tax(name: str, text: str) -> int:
    match = _PERCENT.match(text)
    if not match:
        raise ValueError(_out_of_range(name))
    basis_points = int(match["whole"]) * 100 + int((match["part"] or "0").ljust(2, "0"))
    return int(check_setting(name, basis_points))


def _text(name: str, text: str) -> str:
    what, may_be_empty, longest = _TEXTS[name]
    if not text and not may_be_empty:
        raise ValueError(f"{what} must be given.")
    if len(text) > longest:
        raise ValueError(f"{what} must be at most {longest} characters.")
    return text


def _phone(name: str, text: str) -> str:
    if not text:
        raise ValueError("The clinic's phone number must be given.")
    return phone_for_display(phone_in_e164(text))


def _email(name: str, text: str) -> str:
    if not text:
        raise ValueError("The clinic's email address must be given.")
    return normalized_email(text)


def _time_zone(name: str, text: str) -> str:
    from zoneinfo import available_timezones

    if text not in available_timezones():
        raise ValueError(
            f"“{text}” is not a time zone the desk knows: use a name like America/Denver."
        )
    return text


def _yes_no(name: str, text: str) -> bool:
    answer = {"yes": True, "no": False, "true": True, "false": False}.get(text.lower())
    if answer is None:
        raise ValueError(f"{_YES_NO[name]} is yes or no.")
    return answer


def _receipt_layout(name: str, text: str) -> ReceiptLayout:
    for layout in ReceiptLayout:
        if text.lower() in (layout.value, layout.label.lower()):
            return layout
    choices = ", ".join(layout.value for layout in ReceiptLayout)
    raise ValueError(f"The receipt layout must be one of {choices}.")


def _mail_security(name: str, text: str) -> MailSecurity:
    for security in MailSecurity:
        if text.lower() in (security.value, security.label.lower()):
            return security
    choices = ", ".join(security.value for security in MailSecurity)
    raise ValueError(f"The mail server's security must be one of {choices}.")


def _mail_from(name: str, text: str) -> str:
    return normalized_email(text) if text else ""  # "": the clinic's email


def _backup_folder(name: str, text: str) -> str:
    # "" keeps the backups beside the database; anything else must say where from the root, as
    # the desk may be started from any folder.
    if text and not (PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute()):
        raise ValueError(
            "The backup folder must be a full path (like /media/usb/backups or E:\\Backups), "
            "or empty to keep backups beside the database."
        )
    return text


_READERS: dict[str, Callable[[str, str], SettingValue]] = {
    **dict.fromkeys(_WHOLE_NUMBERS, _whole_number),
    **dict.fromkeys(_TEXTS, _text),
    **dict.fromkeys(TAX_FIELDS, _tax),
    **dict.fromkeys(_YES_NO, _yes_no),
    "late_cancel_fee_cents": _fee,
    "phone": _phone,
    "email": _email,
    "time_zone": _time_zone,
    "receipt_layout": _receipt_layout,
    "backup_folder": _backup_folder,
    "mail_security": _mail_security,
    "mail_from": _mail_from,
}
