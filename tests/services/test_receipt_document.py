"""One composition of a receipt's data and its PDF, shared by the window and the command line."""

import io
import subprocess
import sys

import pytest
from pypdf import PdfReader

from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.receipts import (
    receipt_data,
    receipt_document,
    record_receipt_print,
    warm_receipts,
)
from medspa_desk.storage.till_models import ReceiptPrint
from tests.pdf_text import pdf_text
from tests.services.checkout_fixtures import HOA, hoa_checkout
from tests.services.conftest import count_rows, fetch

ROLL_WIDTH_POINTS = 80 / 25.4 * 72


@pytest.mark.parametrize("layout", ["roll", "letter"])
def test_the_document_is_the_receipts_data_printed_in_the_layout_asked(till, layout):
    done = hoa_checkout(till)
    document = receipt_document(till.desk, done.receipt_number, layout)
    assert document.data == receipt_data(till.desk, done.receipt_number)
    assert document.layout == layout
    text = pdf_text(document.pdf)
    assert f"Receipt {done.receipt_number}" in text and HOA in text
    assert "REPRINT" not in text
    width = float(PdfReader(io.BytesIO(document.pdf)).pages[0].mediabox.width)
    assert (width == pytest.approx(ROLL_WIDTH_POINTS, abs=1)) == (layout == "roll")


def test_after_a_paper_copy_the_document_says_reprint(till):
    done = hoa_checkout(till)
    first = receipt_document(till.desk, done.receipt_number, "roll")
    record_receipt_print(till.desk, first.data, "roll", on_paper=True)
    again = receipt_document(till.desk, done.receipt_number, "letter")
    assert again.data.reprint and "REPRINT" in pdf_text(again.pdf)


def test_a_pdf_saved_first_leaves_the_first_paper_copy_the_original(till):
    done = hoa_checkout(till)
    saved = receipt_document(till.desk, done.receipt_number, "letter")
    record_receipt_print(till.desk, saved.data, "letter", on_paper=False)
    record_receipt_print(till.desk, saved.data, "roll", on_paper=False)  # and once more
    paper = receipt_document(till.desk, done.receipt_number, "roll")
    assert not paper.data.reprint and "REPRINT" not in pdf_text(paper.pdf)


def test_the_receipt_names_its_policies_by_the_day_they_came_in_force(till):
    done = hoa_checkout(till)
    text = pdf_text(receipt_document(till.desk, done.receipt_number, "roll").pdf)
    assert "Policies of October 26, 2026" in text  # the till's first booking was made under them
    assert "sha256" not in text


def test_an_unknown_receipt_has_no_document(till):
    with pytest.raises(DeskRefusal, match="no receipt number 404"):
        receipt_document(till.desk, 404, "roll")


def test_warming_the_receipts_records_no_print_and_loads_reportlab(till):
    done = hoa_checkout(till)
    probe = (
        "import sys\n"
        "from medspa_desk.domain.clock import SystemClock\n"
        "from medspa_desk.services.desk import open_desk\n"
        "from medspa_desk.services.till.receipts import warm_receipts\n"
        "desk = open_desk(sys.argv[1], SystemClock())\n"
        "before = 'reportlab' in sys.modules\n"
        "warm_receipts(desk)\n"
        "desk.close()\n"
        "print(before, 'reportlab.pdfgen.canvas' in sys.modules)\n"
    )
    warmed = subprocess.run(
        [sys.executable, "-c", probe, str(till.desk.db.path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert warmed.stdout.split() == ["False", "True"]
    # Drawn and dropped: the desk's own first print of the receipt is no reprint.
    assert fetch(till.desk, ReceiptPrint, sale_id=done.sale_id) == []
    first = receipt_document(till.desk, done.receipt_number, "roll")
    assert not first.data.reprint and "REPRINT" not in pdf_text(first.pdf)


def test_books_with_no_sale_yet_warm_too(desk):
    warm_receipts(desk)  # the fonts, with no receipt to draw
    assert count_rows(desk, ReceiptPrint) == 0
