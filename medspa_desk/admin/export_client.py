"""`medspa-desk export-client CLIENT_ID --format json|csv|pdf --out FILE`: everything the clinic
holds about one client, for the rights of access (PDF) and portability (JSON, CSV).

The export is recorded in the audit log (the client's id and the format, nothing else).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands) -> None:
    command = commands.add_parser(
        "export-client", help="save everything held about a client as JSON, CSV or PDF"
    )
    command.add_argument("client_id", type=int, metavar="CLIENT_ID", help="the client's number")
    command.add_argument(
        "--format", choices=("json", "csv", "pdf"), default="json", help="the file's format (default: json)"
    )
    command.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write")
    # SUPPRESS: without --database here, the one given before the command (or the clinic's
    # default) stands, instead of being overwritten by this sub-parser's default.
    command.add_argument(
        "--database",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="the clinic database (default: the clinic's own)",
    )
    command.set_defaults(run=run)


def run(args) -> int:
    from medspa_desk.data_locations import clinic_database_path
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.services.client_privacy import client_data_file, record_client_export
    from medspa_desk.services.clinic_settings import load_settings
    from medspa_desk.services.desk import Desk
    from medspa_desk.services.desk_errors import DeskRefusal
    from medspa_desk.storage.database import DatabaseUnusable, open_database

    path = args.database or clinic_database_path()
    if not path.is_file():
        return _fail(f"there is no clinic database at {path}.")
    try:
        db = open_database(path)
    except DatabaseUnusable as problem:
        return _fail(str(problem))
    try:
        # Nobody is at the desk for a command: the export is recorded against no staff member.
        desk = Desk(db, load_settings(db), SystemClock(), staff_id=None)
        try:
            content = client_data_file(desk, args.client_id, args.format)
        except DeskRefusal as refusal:
            return _fail(str(refusal))
        try:
            args.out.write_bytes(content)
        except OSError as error:
            return _fail(f"cannot write {args.out}: {error.strerror}.")
        record_client_export(desk, args.client_id, args.format)
    finally:
        db.close()
    print(f"client {args.client_id}'s data saved to {args.out} ({args.format})")
    return 0


def _fail(message: str) -> int:
    print(f"medspa-desk: {message}", file=sys.stderr)
    return 1
