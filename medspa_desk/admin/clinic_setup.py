"""`medspa-desk setup`: the first start without a screen, for an IT person's scripted install.

The answers come from options, a TOML file (`--from`), or both (an option wins); the manager's
password from a file or a prompt, never from an option (it would stay in the shell's history and
in the process list). It sets up what the window's assistant sets up (services.clinic.first_start)
and refuses books that are already set up. Answers that cannot be kept exit 2 with a line each;
books it may not touch exit 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from medspa_desk.admin.command_desk import add_database_option, failed

# [section] key in the TOML file -> the setting it gives.
_FILE_KEYS = {
    ("clinic", "name"): "clinic_name",
    ("clinic", "address"): "address_line",
    ("clinic", "city"): "city_line",
    ("clinic", "phone"): "phone",
    ("clinic", "email"): "email",
    ("clinic", "time_zone"): "time_zone",
    ("tax", "services"): "tax_basis_points_service",
    ("tax", "retail"): "tax_basis_points_retail",
    ("tax", "gift_cards"): "tax_basis_points_gift_card",
    ("receipt", "layout"): "receipt_layout",
    ("backup", "folder"): "backup_folder",
    ("backup", "every_hours"): "backup_every_hours",
    ("policies", "late_cancel_fee"): "late_cancel_fee_cents",  # in dollars: 75.00
    **{
        ("policies", name): name
        for name in (
            "late_grace_minutes",
            "late_cancel_window_hours",
            "strike_limit",
            "reschedule_credit_hours",
            "exchange_days",
            "confirmation_lead_hours",
        )
    },
}
_OPTIONS = {  # option's dest -> the setting it gives
    "name": "clinic_name",
    "address": "address_line",
    "city": "city_line",
    "phone": "phone",
    "email": "email",
    "time_zone": "time_zone",
    "tax_services": "tax_basis_points_service",
    "tax_retail": "tax_basis_points_retail",
    "tax_gift_cards": "tax_basis_points_gift_card",
    "receipt_layout": "receipt_layout",
    "backup_folder": "backup_folder",
    "backup_every_hours": "backup_every_hours",
}


class _AnswersUnusable(Exception):
    """The answers cannot be read or kept; str() is what to print, a line per problem."""


def register(commands) -> None:
    command = commands.add_parser(
        "setup",
        help="set up a new clinic's books without the window (refuses books already set up)",
        description="Set up a new clinic's books: the answers the window's first start asks, "
        "from options and/or a TOML file. Every answer must be given except the time zone "
        "(America/Denver), the gift-card tax (0), the receipt layout (roll) and the backups "
        "(beside the database, every 4 hours).",
    )
    command.add_argument(
        "--from", dest="answers_file", type=Path, metavar="FILE.toml", help="the answers"
    )
    for dest, what in (
        ("name", "the clinic's name"),
        ("address", "the street address"),
        ("city", "the city, state and ZIP"),
        ("phone", "the clinic's phone number"),
        ("email", "the clinic's email address"),
        ("time_zone", "the time zone (default America/Denver)"),
        ("tax_services", "the tax rate on services, in percent (0 allowed)"),
        ("tax_retail", "the tax rate on retail, in percent (0 allowed)"),
        ("tax_gift_cards", "the tax rate on gift cards, in percent (default 0)"),
        ("receipt_layout", "roll (default) or letter"),
        ("backup_folder", "a full path, best a USB drive or second disk"),
        ("backup_every_hours", "how often to back up while the desk is open (default 4)"),
        ("manager_name", "the first manager's display name"),
    ):
        command.add_argument(f"--{dest.replace('_', '-')}", dest=dest, metavar="TEXT", help=what)
    command.add_argument(
        "--hours",
        action="append",
        default=[],
        metavar="DAYS=HOURS",
        help="opening hours, e.g. mon,tue,wed,thu,fri=09:00-18:00 and sun=closed; every day "
        "must be given",
    )
    command.add_argument(
        "--manager-password-file",
        type=Path,
        metavar="FILE",
        help="a file whose first line is the manager's password (asked for if not given)",
    )
    add_database_option(command)
    command.set_defaults(run=run)


def run(args) -> int:
    from medspa_desk.data_locations import clinic_database_path
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.domain.setting_rules import SettingsRefused
    from medspa_desk.services.books.files import DatabaseUnusable
    from medspa_desk.services.clinic.first_start import ClinicAlreadySetUp, set_up_clinic

    path = Path(args.database or clinic_database_path()).expanduser().absolute()
    if args.database is None:  # the app's own folder is made on first start, as the window does
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        answers = _answers(args, path)
        done = set_up_clinic(path, answers, SystemClock().now())
    except SettingsRefused as refused:  # the password, checked once it is given
        return _unusable("\n".join(refused.problems.values()))
    except _AnswersUnusable as problem:
        return _unusable(str(problem))
    except (ClinicAlreadySetUp, DatabaseUnusable) as problem:
        return failed(str(problem))
    print(f"{done.message} The books are {done.path}.")
    return 0


def _unusable(lines: str) -> int:
    for line in lines.splitlines():
        print(f"medspa-desk: {line}", file=sys.stderr)
    return 2


def _answers(args, path: Path):
    from medspa_desk.domain.opening_hours import HoursInvalid, WeekHours
    from medspa_desk.domain.setting_rules import SettingsRefused
    from medspa_desk.domain.week_hours_text import week_from_text
    from medspa_desk.services.clinic.first_start import (
        DEFAULT_TIME_ZONE,
        ClinicAnswers,
        check_answers,
        refuse_books_set_up,
    )

    settings, days, manager = _from_file(args.answers_file) if args.answers_file else ({}, {}, {})
    settings.setdefault("time_zone", DEFAULT_TIME_ZONE)
    for dest, name in _OPTIONS.items():
        if getattr(args, dest) is not None:
            settings[name] = getattr(args, dest)
    for given in args.hours:
        names, _, hours = given.partition("=")
        if not hours:
            raise _AnswersUnusable(f"--hours {given}: give them as DAYS=HOURS, like sun=closed.")
        for name in names.split(","):
            days[name] = hours
    manager_name = args.manager_name or manager.get("name", "")
    problems: dict[str, str] = {}
    week: WeekHours = {}
    try:
        week = week_from_text(days)
    except HoursInvalid as problem:
        problems["hours"] = str(problem)
    try:  # every answer but the password, before the password is asked for
        check_answers(ClinicAnswers(settings, week, manager_name, ""), with_password=False)
    except SettingsRefused as refused:
        problems = refused.problems | problems
    if problems:
        raise _AnswersUnusable("\n".join(problems.values()))
    refuse_books_set_up(path)
    password, again = _password(args.manager_password_file or manager.get("password_file"))
    return ClinicAnswers(settings, week, manager_name, password, again)


def _from_file(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    import tomllib

    try:
        with path.open("rb") as file:
            content = tomllib.load(file)
    except OSError as error:
        raise _AnswersUnusable(f"cannot read {path}: {error.strerror}.") from None
    except tomllib.TOMLDecodeError as error:
        raise _AnswersUnusable(f"{path} is not a TOML file: {error}.") from None
    settings: dict[str, str] = {}
    days: dict[str, str] = {}
    manager: dict[str, str] = {}
    unknown = []
    for section, values in content.items():
        if not isinstance(values, dict):
            unknown.append(section)
            continue
        for key, value in values.items():
            text = str(value)
            if section == "hours":
                days[key] = text
            elif section == "manager" and key in ("name", "password_file"):
                manager[key] = text
            elif (section, key) in _FILE_KEYS:
                settings[_FILE_KEYS[section, key]] = text
            else:
                unknown.append(f"{section}.{key}")
    if unknown:
        raise _AnswersUnusable(f"{path} has keys the setup does not know: {', '.join(unknown)}.")
    if "password_file" in manager:
        manager["password_file"] = str(path.parent / manager["password_file"])
    return settings, days, manager


def _password(password_file: Path | str | None) -> tuple[str, str | None]:
    """The manager's password from its file (read once), or asked for twice at a terminal."""
    if password_file is not None:
        try:
            lines = Path(password_file).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise _AnswersUnusable(f"cannot read {password_file}: {error.strerror}.") from None
        return (lines[0] if lines else ""), None
    if not sys.stdin or not sys.stdin.isatty():
        raise _AnswersUnusable(
            "there is nobody to ask the manager's password of: give it in a file with "
            "--manager-password-file."
        )
    import getpass

    password = getpass.getpass("The manager's password: ")
    return password, getpass.getpass("The same password again: ")
