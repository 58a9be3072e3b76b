"""`medspa-desk set-password NAME [--password-file FILE]`: a new password for a staff member,
typed at the desk PC's prompt, for when nobody who could set it can sign in (the only manager
forgot theirs). As when a manager sets one, the person chooses their own at their next sign-in.
Recorded in the audit trail against no staff member, with the PC's name.
"""

from __future__ import annotations

import sys
from pathlib import Path

from medspa_desk.admin.command_desk import CommandFailed, add_database_option, command_desk, failed


def register(commands) -> None:
    command = commands.add_parser(
        "set-password", help="give a staff member a password to sign in with (to change at once)"
    )
    command.add_argument(
        "name", metavar="NAME", help="the staff member's name, as the desk shows it"
    )
    command.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help="read the password from the first line of FILE (default: ask for it twice)",
    )
    add_database_option(command)
    command.set_defaults(run=run)


def run(args) -> int:
    from medspa_desk.domain.sign_in_rules import SecretKind
    from medspa_desk.services.clinic.staff import staff_records
    from medspa_desk.services.desk_errors import DeskRefusal
    from medspa_desk.services.staff_access.accounts import set_secret
    from medspa_desk.services.staff_access.sign_in import NewSecret

    try:
        password, again = _password(args.password_file)
        with command_desk(args) as desk:
            wanted = args.name.strip().casefold()
            matches = [
                record
                for record in staff_records(desk)
                if record.active and record.details.name.casefold() == wanted
            ]
            if len(matches) != 1:
                raise CommandFailed(
                    f"nobody working here is called {args.name!r}: give the name as the desk "
                    "shows it."
                )
            message = set_secret(
                desk, matches[0].staff_id, NewSecret(SecretKind.PASSWORD, password, again)
            )
    except (CommandFailed, DeskRefusal) as problem:
        return failed(str(problem))
    print(message)
    return 0


def _password(password_file: Path | None) -> tuple[str, str]:
    if password_file is not None:
        try:
            lines = password_file.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise CommandFailed(f"cannot read {password_file}: {error.strerror}.") from None
        first = lines[0] if lines else ""
        return first, first
    if not sys.stdin or not sys.stdin.isatty():
        raise CommandFailed("there is nobody to ask the password of: give it with --password-file.")
    import getpass

    return getpass.getpass("The new password: "), getpass.getpass("The same password again: ")
