"""What a command that reads or records the books works on: the clinic database, as a desk with
nobody at it (a command's prints and exports are recorded against no staff member)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from medspa_desk.services.books.files import create_private_file


class CommandFailed(Exception):
    """The command cannot do what was asked; str() is the one line it prints."""


def add_database_option(command) -> None:
    # SUPPRESS: without --database here, the one given before the command (or the clinic's
    # default) stands, instead of being overwritten by this sub-parser's default.
    command.add_argument(
        "--database",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="the clinic database (default: the clinic's own)",
    )


def whole_number(lowest: int, highest: int):
    """An argparse type: a whole number from `lowest` to `highest`, or one line saying so."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not lowest <= number <= highest:
            raise argparse.ArgumentTypeError(f"{text} is not between {lowest:,} and {highest:,}")
        return number

    return parse


# The largest whole number SQLite keeps: a record's number beyond it names nothing.
LARGEST_RECORD_NUMBER = 2**63 - 1


def existing_clinic(args, *, writable: bool = True) -> Path:
    """The clinic database the command was pointed at, which must already hold a clinic.

    A command never makes a clinic: a missing file, an empty one, or another program's SQLite
    file is refused here, before SQLite may write a schema into it.
    """
    from medspa_desk.data_locations import clinic_database_path
    from medspa_desk.services.books.files import DatabaseUnusable, check_database_file

    path = Path(args.database or clinic_database_path()).expanduser().absolute()
    if not path.is_file():
        raise CommandFailed(f"there is no clinic database at {path}.")
    try:
        revision = check_database_file(path, must_be_writable=writable)
    except DatabaseUnusable as problem:
        raise CommandFailed(str(problem)) from None
    if revision is None:
        raise CommandFailed(
            f"{path} holds no clinic's books (it is empty); a command never makes a clinic."
        )
    return path


@contextmanager
def command_desk(args) -> Iterator:
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.services.books.files import DatabaseUnusable
    from medspa_desk.services.desk import open_command_desk

    path = existing_clinic(args)
    try:
        desk = open_command_desk(path, SystemClock())
    except DatabaseUnusable as problem:
        raise CommandFailed(str(problem)) from None
    try:
        yield desk
    finally:
        desk.close()


def write_output(path: Path, content: bytes) -> None:
    try:
        create_private_file(path)  # a client's data or a receipt: the owner's alone
        path.write_bytes(content)
    except OSError as error:
        raise CommandFailed(f"cannot write {path}: {error.strerror}.") from None


def failed(message: str) -> int:
    print(f"medspa-desk: {message}", file=sys.stderr)
    return 1
