"""Receipt PDFs read back as text: the policy in the clinic's words, names in any language, the
card's last four only, and the markers a desk must not miss."""

import io
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from pypdf import PdfReader

from medspa_desk.documents.receipt import receipt_pdf
from medspa_desk.domain.card_numbers import contains_card_number
from medspa_desk.services.till.receipts import ReceiptLine
from tests.documents.receipt_samples import POLICY_SENTENCES, sample_receipt

MM = 72 / 25.4


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, text


def words(text: str) -> str:
    """The text with every run of whitespace (line wraps included) as one space."""
    return " ".join(text.split())


@pytest.mark.parametrize("layout", ["roll", "letter"])
def test_the_receipt_states_the_refund_policy_word_for_word(layout):
    _reader, text = read(receipt_pdf(sample_receipt(), layout))
    for sentence in POLICY_SENTENCES:
        assert sentence in words(text)
    assert words(sample_receipt().refund_policy) in words(text)


@pytest.mark.parametrize("layout", ["roll", "letter"])
def test_names_in_any_language_print_as_spelled(layout):
    reader, text = read(receipt_pdf(sample_receipt(), layout))
    assert "Client: Nguyễn Thị Hoa" in text
    assert "Served by José Núñez" in text
    fonts = {
        font.get_object()["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in font for font in fonts)  # embedded, no Helvetica


@pytest.mark.parametrize("layout", ["roll", "letter"])
def test_a_card_shows_as_brand_and_last_four_only(layout):
    _reader, text = read(receipt_pdf(sample_receipt(), layout))
    assert "Visa ending 4242" in text
    assert not contains_card_number(text)
    assert not re.search(r"\d{13,}", text.replace(" ", ""))


@pytest.mark.parametrize("layout", ["roll", "letter"])
def test_amounts_and_totals_print(layout):
    _reader, text = read(receipt_pdf(sample_receipt(), layout))
    for expected in (
        "Receipt 1042",
        "Wed Nov 25, 2026 10:12 AM",
        "$868.00",
        "-$35.00",
        "Change",
        "$32.00",
        "Tip for Ava Thompson",
        "Gift card ending PQRS left",
        "Code ABCD-EFGH-JKMN-PQRS",
    ):
        assert expected in text


@pytest.mark.parametrize("layout", ["roll", "letter"])
def test_reprint_and_void_are_marked_and_only_then(layout):
    _reader, plain = read(receipt_pdf(sample_receipt(), layout))
    assert "REPRINT" not in plain and "VOID" not in plain
    _reader, text = read(receipt_pdf(sample_receipt(reprint=True), layout))
    assert "REPRINT" in text
    _reader, text = read(
        receipt_pdf(sample_receipt(voided=True, void_reason="Wrong client"), layout)
    )
    assert "VOID" in text and "This sale was voided: Wrong client" in words(text)


def test_the_roll_is_80_mm_wide_and_as_long_as_the_receipt():
    short, _text = read(receipt_pdf(sample_receipt(), "roll"))
    many = sample_receipt(lines=sample_receipt().lines * 10)
    long, text = read(receipt_pdf(many, "roll"))
    assert len(short.pages) == len(long.pages) == 1
    assert float(short.pages[0].mediabox.width) == pytest.approx(80 * MM)
    assert float(long.pages[0].mediabox.height) > float(short.pages[0].mediabox.height) + 200
    assert text.count("Neurotoxin, one area") == 10


def test_a_long_letter_receipt_flows_onto_more_pages():
    many = sample_receipt(
        lines=tuple(
            ReceiptLine(f"Product number {n}", 1, 1_000, 0, "", 0, 1_000, "") for n in range(120)
        )
    )
    reader, text = read(receipt_pdf(many, "letter"))
    assert [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages][
        0
    ] == (612, 792)
    assert len(reader.pages) >= 3
    assert all(f"Product number {n}\n" in text + "\n" for n in range(120))
    for sentence in POLICY_SENTENCES:
        assert sentence in words(text)


def test_an_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="roll, letter"):
        receipt_pdf(sample_receipt(), "a4")


def test_documents_and_the_receipt_command_are_qt_free():
    probe = (
        "import sys, medspa_desk.documents.receipt, medspa_desk.documents.z_report, medspa_desk.admin.receipt; "
        "print('PySide6' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"


def test_receipts_drawn_on_several_threads_at_once_each_come_out_whole():
    """The window's warm-up draws off the GUI thread while the desk may print on it."""
    data = sample_receipt()
    layouts = ["roll", "letter"] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        drawn = list(pool.map(lambda layout: receipt_pdf(data, layout), layouts))
    alone = {layout: read(receipt_pdf(data, layout))[1] for layout in ("roll", "letter")}
    assert [read(pdf)[1] for pdf in drawn] == [alone[layout] for layout in layouts]
