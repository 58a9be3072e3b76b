"""The command line: opens the window, or runs an admin command over the same services."""

from __future__ import annotations

import argparse
import importlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from medspa_desk import __version__
from medspa_desk.data_locations import clinic_database_path, demo_database_path
from medspa_desk.start_up_collection import StartUpCollection

# Modules of medspa_desk.admin, in the order `--help` lists them.
ADMIN_COMMANDS = [
    "clinic_setup",
    "demo_data",
    "receipt",
    "backup",
    "export_client",
    "sign_in_account",
    "moving_in",
]

# The training clock's naive --now is read in the clinic's zone. Settings live in the database,
# which is not open yet when arguments are parsed; every clinic so far is the default zone.
_CLINIC_ZONE = ZoneInfo("America/Denver")


def main(argv: list[str] | None = None) -> int:
    # The collector waits from before the window's imports (see start_up_collection): the
    # parser's commands import most of them, the books' models among them (a full round there
    # cost some 50 ms of a start). A command runs with the collector as it found it.
    collection = StartUpCollection()
    collection.hold()
    try:
        args = _parser().parse_args(argv)
    except BaseException:  # --help, --version, or a usage error: the process is ending
        collection.release()
        raise
    # Whatever the window or a command creates (database, backups, exports) is the owner's alone.
    from medspa_desk.services.books.files import keep_new_files_private

    keep_new_files_private()
    if args.command:
        collection.release()
        return args.run(args)
    # The books' modules before PySide6's: once PySide6 is imported, its import hook reads the
    # source of every module imported after it (shibokensupport's feature check), which cost
    # these about 100 ms of a start.
    import medspa_desk.services.desk  # noqa: F401
    from medspa_desk.ui.app import run_window

    path = args.database
    if path is None:  # the app's own folder is made on first start; a folder named by hand is not
        path = demo_database_path() if args.demo else clinic_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
    return run_window(path, demo=args.demo, clock=_clock(args.now), collection=collection)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medspa-desk",
        description="The front desk of 406MedicalSpa: calendar, clients and checkout.",
    )
    parser.add_argument("--version", action="version", version=f"medspa_desk {__version__}")
    parser.add_argument(
        "--database",
        type=Path,
        metavar="PATH",
        help=f"the clinic database to open (default: {clinic_database_path()})",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=f"open the demo clinic, building it for today if needed (default file: {demo_database_path()})",
    )
    parser.add_argument(
        "--now",
        type=_training_start,
        metavar="ISO-DATETIME",
        help="training clock: the app believes it is this local time (e.g. 2026-11-25T10:12) and runs on from there",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in ADMIN_COMMANDS:
        importlib.import_module(f"medspa_desk.admin.{command}").register(commands)
    return parser


def _training_start(text: str) -> datetime:
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time like 2026-11-25T10:12"
        ) from None
    return instant if instant.tzinfo else instant.replace(tzinfo=_CLINIC_ZONE)


def _clock(training_start: datetime | None):
    from medspa_desk.domain.clock import SystemClock, TrainingClock

    return TrainingClock(training_start) if training_start else SystemClock()
