"""`medspa-desk export-client CLIENT_ID --format json|csv|pdf --out FILE`: everything the clinic
holds about one client, for the rights of access (PDF) and portability (JSON, CSV).

The export is recorded in the audit log (the client's id and the format, nothing else).
"""

from __future__ import annotations

from pathlib import Path

from medspa_desk.admin.command_desk import (
    LARGEST_RECORD_NUMBER,
    CommandFailed,
    add_database_option,
    command_desk,
    failed,
    whole_number,
    write_output,
)


def register(commands) -> None:
    command = commands.add_parser(
        "export-client", help="save everything held about a client as JSON, CSV or PDF"
    )
    command.add_argument(
        "client_id",
        type=whole_number(1, LARGEST_RECORD_NUMBER),
        metavar="CLIENT_ID",
        help="the client's number (1 or more)",
    )
    command.add_argument(
        "--format",
        choices=("json", "csv", "pdf"),
        default="json",
        help="the file's format (default: json)",
    )
    command.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the file to write"
    )
    add_database_option(command)
    command.set_defaults(run=run)


def run(args) -> int:
    from medspa_desk.services.clients.data_export import client_data_file, record_client_export
    from medspa_desk.services.desk_errors import DeskRefusal

    try:
        with command_desk(args) as desk:
            write_output(args.out, client_data_file(desk, args.client_id, args.format))
            record_client_export(desk, args.client_id, args.format)
    except (CommandFailed, DeskRefusal) as problem:
        return failed(str(problem))
    print(f"client {args.client_id}'s data saved to {args.out} ({args.format})")
    return 0
