"""The Z report read back as text."""

import io

from pypdf import PdfReader

from medspa_desk.documents.z_report import z_report_pdf
from tests.documents.receipt_samples import sample_totals


def read(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_closed_day_shows_every_total_and_the_cash_difference():
    text = read(z_report_pdf(sample_totals()))
    for expected in (
        "Z report for Wednesday November 25, 2026: closed",
        "Closed at 7:05 PM by Amber Holt",
        "Card",
        "$4,123.00",
        "Gift card",
        "Deposit",
        "Services",
        "$3,980.00",
        "Fees (1 collected)",
        "$75.00",
        "Nguyễn Thị Hoa",
        "$1,480.00",
        "$5.00",
        "Receipt 1043, by Amber Holt: Rang up twice",
        "$182.00",
        "Prepayments taken when booking",
        "$199.00",
        "Cash expected",
        "$274.00",
        "Cash counted",
        "$269.00",
        "Difference: cash short",
        "-$5.00",
        "Note: Count twice",
        "Total taken",
        "$4,657.00",
    ):
        assert expected in text, expected


def test_an_open_day_says_it_is_not_closed():
    text = read(z_report_pdf(sample_totals(closed=False)))
    assert "not closed yet" in text
    assert "Counted when the day is closed." in text
    assert "Cash counted" not in text
