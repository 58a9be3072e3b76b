"""`medspa-desk receipt NUMBER --out FILE.pdf`: save any past receipt as a PDF.

It is recorded like a receipt saved at the desk: a file copy, marked REPRINT once the paper
original was printed, and never making the next paper copy a reprint.
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
from medspa_desk.domain.receipt_content import ReceiptLayout


def register(commands) -> None:
    command = commands.add_parser(
        "receipt", help="save a receipt as a PDF (marked REPRINT once printed on paper)"
    )
    command.add_argument(
        "number",
        type=whole_number(1, LARGEST_RECORD_NUMBER),
        metavar="NUMBER",
        help="the receipt number (1 or more)",
    )
    command.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    command.add_argument(
        "--layout",
        choices=[layout.value for layout in ReceiptLayout],
        default=ReceiptLayout.ROLL.value,
        help="80 mm roll (default) or US Letter",
    )
    add_database_option(command)
    command.set_defaults(run=run)


def run(args) -> int:
    from medspa_desk.services.desk_errors import DeskRefusal
    from medspa_desk.services.till.receipts import receipt_document, record_receipt_print

    try:
        with command_desk(args) as desk:
            layout = ReceiptLayout(args.layout)
            document = receipt_document(desk, args.number, layout)
            data = document.data
            write_output(args.out, document.pdf)
            record_receipt_print(desk, data, layout, on_paper=False)
    except (CommandFailed, DeskRefusal) as problem:
        return failed(str(problem))
    marked = " (marked REPRINT)" if data.reprint else ""
    print(f"receipt {args.number} saved to {args.out}{marked}")
    return 0
