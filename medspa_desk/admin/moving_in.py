"""`medspa-desk import KIND FILE`: the old system's export brought into the books, as the
window's import does it (services.moving_in): one transaction per file, nothing written twice.
`medspa-desk export KIND --out FILE`: the way out again (services.moving_in.books_export).

    medspa-desk import clients clients.csv --dry-run        # what it would do, and the problems
    medspa-desk import clients clients.csv --on invalid-phone=skip --save-mapping map.json
    medspa-desk import clients clients.csv --mapping map.json

Every run writes its report (every row skipped or changed, and why) beside the file, or where
--report says; a dry run too. Exit 0 when imported (or nothing new), 1 when refused, 2 for a
usage mistake.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medspa_desk.admin.command_desk import (
    CommandFailed,
    add_database_option,
    command_desk,
    failed,
    write_output,
)
from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.domain.import_problems import ProblemKind, Resolution


def register(commands) -> None:
    command = commands.add_parser(
        "import",
        help="bring clients, bookings, gift cards or credit in from the system used before",
        description="Import an export file (CSV in any encoding, or Excel .xlsx) from the "
        "system the clinic used before. One transaction per file; importing the same file "
        "again changes nothing.",
    )
    command.add_argument("kind", choices=[kind.value for kind in ImportKind], metavar="KIND",
                         help=f"what the file holds: {', '.join(ImportKind)}")  # fmt: skip
    command.add_argument("file", type=Path, metavar="FILE", help="the export (.csv or .xlsx)")
    command.add_argument(
        "--mapping", type=Path, metavar="FILE", help="a mapping saved before (JSON)"
    )
    command.add_argument(
        "--save-mapping", type=Path, metavar="FILE", help="save this run's mapping, to use again"
    )
    command.add_argument(
        "--on",
        action="append",
        default=[],
        type=_problem_choice,
        metavar="PROBLEM=CHOICE",
        help="what to do about a kind of problem, e.g. invalid-phone=skip (choices: "
        + "; ".join(f"{p}: {'/'.join(p.choices)}" for p in ProblemKind)
        + ")",
    )
    command.add_argument(
        "--dry-run", action="store_true", help="check the file and write the report only"
    )
    command.add_argument(
        "--report", type=Path, metavar="FILE", help="where the report goes (default: beside FILE)"
    )
    add_database_option(command)
    command.set_defaults(run=run_import_command)

    export = commands.add_parser(
        "export",
        help="save every client, booking or sale as CSV or Excel (columns the import reads)",
    )
    export.add_argument("kind", choices=("clients", "appointments", "sales"), metavar="KIND",
                        help="clients, appointments or sales")  # fmt: skip
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv",
                        help="the file's format (default: csv)")  # fmt: skip
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write")
    add_database_option(export)
    export.set_defaults(run=run_export_command)


def run_export_command(args) -> int:
    from medspa_desk.services.desk_errors import DeskRefusal
    from medspa_desk.services.moving_in.books_export import ExportFormat, ExportKind, export_books

    try:
        with command_desk(args) as desk:
            content, count = export_books(desk, ExportKind(args.kind), ExportFormat(args.format))
            write_output(args.out, content)
    except (CommandFailed, DeskRefusal) as problem:
        return failed(str(problem))
    print(f"{count:,} {args.kind} saved to {args.out} ({args.format})")
    return 0


def _problem_choice(text: str) -> tuple[ProblemKind, Resolution]:
    problem, _, choice = text.partition("=")
    try:
        kind, resolution = ProblemKind(problem.strip()), Resolution(choice.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not PROBLEM=CHOICE (e.g. invalid-phone=skip)"
        ) from None
    if resolution not in kind.choices:
        allowed = ", ".join(kind.choices)
        raise argparse.ArgumentTypeError(f"{problem} can be: {allowed}, not {choice}")
    return kind, resolution


def run_import_command(args) -> int:
    from medspa_desk.services.desk_errors import DeskRefusal
    from medspa_desk.services.moving_in.import_files import read_import_file
    from medspa_desk.services.moving_in.import_plan import RowAction, report_csv
    from medspa_desk.services.moving_in.imports import names_to_map, preview_import, run_import
    from medspa_desk.services.moving_in.saved_mappings import mapping_json

    kind = ImportKind(args.kind)
    try:
        with command_desk(args) as desk:
            table = read_import_file(args.file)
            providers, services = names_to_map(desk)
            choices = _choices(kind, table, args, providers, services)
            if args.save_mapping:
                text = mapping_json(
                    kind,
                    table.headers,
                    choices,
                    {id_: name for name, id_ in providers.items()},
                    {id_: name for name, id_ in services.items()},
                )
                write_output(args.save_mapping, text.encode("utf-8"))
            if args.dry_run:
                plan = preview_import(desk, kind, table, choices)
            else:
                plan = run_import(desk, kind, table, choices, progress=_show_progress).plan
    except (CommandFailed, DeskRefusal) as problem:
        return failed(str(problem))
    except KeyboardInterrupt:
        return failed("stopped: nothing of the file was imported.")
    report = args.report or args.file.with_name(f"{args.file.stem}-import-report.csv")
    try:
        write_output(report, report_csv(plan))
    except CommandFailed as problem:
        return failed(str(problem))
    counts = {action: plan.count(action) for action in RowAction}
    summary = ", ".join(f"{counts[action]:,} {action.label.lower()}" for action in RowAction)
    verb = "would be" if args.dry_run else "were"
    print(f"{args.file.name}: {len(plan.rows):,} rows; {summary} ({verb})")
    for problem, count in plan.problem_counts().items():
        print(f"  {count:,} × {problem.label}: {choices.resolution(problem).label.lower()}")
    print(f"report: {report}")
    return 0


def _choices(kind, table, args, providers, services):
    from dataclasses import replace

    from medspa_desk.domain.import_columns import guess_mapping
    from medspa_desk.services.moving_in.import_plan import ImportChoices
    from medspa_desk.services.moving_in.saved_mappings import choices_from_json

    if args.mapping:
        try:
            text = args.mapping.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandFailed(f"cannot read {args.mapping}: {error.strerror}.") from None
        choices = choices_from_json(kind, table.headers, text, providers, services)
    else:
        choices = ImportChoices(guess_mapping(kind, table.headers))
    return replace(choices, resolutions={**choices.resolutions, **dict(args.on)})


def _show_progress(done: int, total: int) -> None:
    print(f"imported {done:,} of {total:,} rows", file=sys.stderr, flush=True)
