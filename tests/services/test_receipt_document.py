"""One composition of a receipt's data and its PDF, shared by the window and the command line."""

import io

import pytest
from pypdf import PdfReader

from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.receipts import (
    receipt_data,
    receipt_document,
    record_receipt_print,
)
from tests.pdf_text import pdf_text
from tests.services.checkout_fixtures import HOA, hoa_checkout

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


def test_after_a_print_the_document_says_reprint(till):
    done = hoa_checkout(till)
    first = receipt_document(till.desk, done.receipt_number, "roll")
    record_receipt_print(till.desk, first.data.sale_id, "roll", first.data.reprint)
    again = receipt_document(till.desk, done.receipt_number, "letter")
    assert again.data.reprint and "REPRINT" in pdf_text(again.pdf)


def test_an_unknown_receipt_has_no_document(till):
    with pytest.raises(DeskRefusal, match="no receipt number 404"):
        receipt_document(till.desk, 404, "roll")
