"""`medspa-desk receipt NUMBER --out FILE.pdf`: save any past receipt as a PDF.

It is recorded like a receipt printed at the desk, and marked REPRINT if it was printed or saved
before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands) -> None:
    command = commands.add_parser(
        "receipt", help="save a receipt as a PDF (marked REPRINT if printed before)"
    )
    command.add_argument("number", type=int, metavar="NUMBER", help="the receipt number")
    command.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    command.add_argument(
        "--layout",
        choices=("roll", "letter"),
        default="roll",
        help="80 mm roll (default) or US Letter",
    )
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
    from medspa_desk.documents.receipt import receipt_pdf
    from medspa_desk.domain.clock import SystemClock
    from medspa_desk.services.clinic_settings import load_settings
    from medspa_desk.services.desk import Desk
    from medspa_desk.services.desk_errors import DeskRefusal
    from medspa_desk.services.receipts import receipt_data, record_receipt_print
    from medspa_desk.storage.database import DatabaseUnusable, open_database

    path = args.database or clinic_database_path()
    if not path.is_file():
        return _fail(f"there is no clinic database at {path}.")
    try:
        db = open_database(path)
    except DatabaseUnusable as problem:
        return _fail(str(problem))
    try:
        # Nobody is at the desk for a command: the print is recorded against no staff member.
        desk = Desk(db, load_settings(db), SystemClock(), staff_id=None)
        try:
            data = receipt_data(desk, args.number)
        except DeskRefusal as refusal:
            return _fail(str(refusal))
        try:
            args.out.write_bytes(receipt_pdf(data, args.layout))
        except OSError as error:
            return _fail(f"cannot write {args.out}: {error.strerror}.")
        record_receipt_print(desk, data.sale_id, args.layout, data.reprint)
    finally:
        db.close()
    marked = " (marked REPRINT)" if data.reprint else ""
    print(f"receipt {args.number} saved to {args.out}{marked}")
    return 0


def _fail(message: str) -> int:
    print(f"medspa-desk: {message}", file=sys.stderr)
    return 1
