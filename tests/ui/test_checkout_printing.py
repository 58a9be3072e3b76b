"""Receipts on paper and as files: PDF pages drawn on a QPrinter (a PDF file here, a real CUPS
queue when there is one), the print and save dialogs, each print recorded, and reprints marked."""

import re
import shutil
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QLineEdit, QPushButton, QToolButton
from sqlalchemy import select

from medspa_desk.documents.receipt import receipt_pdf
from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.services.till.receipts import receipt_data
from medspa_desk.storage.till_models import ReceiptPrint
from medspa_desk.ui.background_work import run_at_once
from medspa_desk.ui.checkout.receipt_printing import page_sizes, print_pdf, set_paper
from medspa_desk.ui.checkout.sale_view import SaleView
from tests.documents.receipt_samples import POLICY_SENTENCES, sample_receipt
from tests.pdf_text import pdf_text
from tests.ui.checkout_fixtures import click, pay_cash, scan, text_of
from tests.ui.conftest import find, named
from tests.ui.gestures import choose_from_button_menu

CUPS_QUEUE = "PDF"  # ../shared/tools/pdfprinter: a CUPS queue whose jobs land in ~/PDF/
CUPS_WAIT_S = 30


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def sell_and_complete(qtbot, view) -> None:
    scan(qtbot, view, "SKN-004")
    pay_cash(qtbot, view, "50")
    click(qtbot, view, "Complete sale")


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("layout", "lines"), [("roll", 2), ("letter", 2), ("letter", 60)])
def test_every_page_of_the_pdf_reaches_the_printer(qtbot, tmp_path, layout, lines):
    data = sample_receipt()
    data = replace(data, lines=data.lines[:1] * lines)
    pdf = receipt_pdf(data, layout)
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    set_paper(printer, page_sizes(pdf)[0])
    pages = len(page_sizes(pdf))
    assert (pages > 1) == (lines == 60)  # a long receipt on Letter runs over several sheets
    assert print_pdf(pdf, printer) == pages
    printed = PdfReader(out)
    assert out.stat().st_size > 10_000  # pictures of the pages, not blank sheets
    assert len(printed.pages) == pages
    width, height = page_sizes(pdf)[0]
    box = printed.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(width), round(height))


def test_print_receipt_prints_records_and_the_next_print_is_a_reprint(
    qtbot, checkout, till, answers
):
    sell_and_complete(qtbot, checkout)
    assert not receipt_data(till.desk, 1).reprint
    qtbot.keyClick(
        find(checkout, "Print receipt", QPushButton),
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier,
    )
    assert len(answers.printed) == 1 and len(PdfReader(answers.printed[0]).pages) == 1
    assert find(checkout, "Sale message").text() == f"Receipt 1 sent to {answers.printed[0]}."
    assert receipt_data(till.desk, 1).reprint  # printed once: the next one says REPRINT
    layout = find(checkout, "Receipt layout", QComboBox)
    layout.setCurrentIndex(layout.findData("letter"))
    click(qtbot, checkout, "Print receipt")
    assert (
        text_of(checkout, "Sale message")
        == f"Receipt 1 sent to {answers.printed[1]} (marked REPRINT)."
    )


def test_save_pdf_writes_the_receipt_with_its_refund_policy(qtbot, checkout, till, answers):
    sell_and_complete(qtbot, checkout)
    click(qtbot, checkout, "Save PDF")
    assert [path.name for path in answers.saved] == ["Receipt 1 (roll).pdf"]
    text = words(" ".join(page.extract_text() for page in PdfReader(answers.saved[0]).pages))
    assert "Receipt 1" in text and POLICY_SENTENCES[0] in text
    # Said where the desk is looking: below the completed sale, not on the payment page it left.
    assert find(checkout, "Sale message").text() == f"Receipt 1 saved as {answers.saved[0]}."
    assert not receipt_data(till.desk, 1).reprint  # a file is not a copy handed over


def test_the_first_paper_receipt_is_the_original_whatever_was_saved_before(
    qtbot, checkout, till, answers
):
    sell_and_complete(qtbot, checkout)
    click(qtbot, checkout, "Save PDF")
    assert "REPRINT" not in pdf_text(answers.saved[0])
    click(qtbot, checkout, "Print receipt")  # printed as pictures of the pages: the books say
    assert find(checkout, "Sale message").text() == f"Receipt 1 sent to {answers.printed[0]}."
    click(qtbot, checkout, "Save PDF")  # after the original: a copy of it
    assert "REPRINT" in pdf_text(answers.saved[1])
    assert find(checkout, "Sale message").text() == (
        f"Receipt 1 saved as {answers.saved[1]} (marked REPRINT)."
    )
    with till.desk.db.reading() as session:
        copies = session.execute(
            select(ReceiptPrint.on_paper, ReceiptPrint.reprint).order_by(ReceiptPrint.id)
        ).all()
    assert copies == [(False, False), (True, False), (False, True)]


def test_the_print_dialog_opens_without_blocking_and_prints_where_chosen(qtbot, till, tmp_path):
    view = SaleView(till.desk, runner=run_at_once)  # the real print dialog
    qtbot.addWidget(view)
    view.show()
    sell_and_complete(qtbot, view)
    click(qtbot, view, "Print receipt")
    dialog = find(view, "Print", QPrintDialog)
    assert dialog.isVisible() and dialog.windowTitle() == "Print Receipt 1"
    # Qt's own dialog: its printer list and file field are known by Qt's object names.
    printers = dialog.findChild(QComboBox, "printers")
    printers.setCurrentIndex(printers.findText("Print to File (PDF)"))
    out = tmp_path / "from-dialog.pdf"
    dialog.findChild(QLineEdit, "filename").setText(str(out))
    dialog.accept()
    assert len(PdfReader(out).pages) == 1
    assert receipt_data(till.desk, 1).reprint


def test_a_cancelled_print_records_nothing(qtbot, till):
    view = SaleView(till.desk, runner=run_at_once)
    qtbot.addWidget(view)
    view.show()
    sell_and_complete(qtbot, view)
    click(qtbot, view, "Print receipt")
    find(view, "Print", QPrintDialog).reject()
    assert not receipt_data(till.desk, 1).reprint


def test_the_save_dialog_opens_without_blocking_and_writes_where_chosen(qtbot, till, tmp_path):
    view = SaleView(till.desk, runner=run_at_once)
    qtbot.addWidget(view)
    view.show()
    sell_and_complete(qtbot, view)
    click(qtbot, view, "Save PDF")
    dialog = find(view, "Save as PDF", QFileDialog)
    assert dialog.isVisible()
    out = tmp_path / "chosen.pdf"
    dialog.selectFile(str(out))
    dialog.accept()
    text = pdf_text(out)
    assert "Receipt 1 " in text and words(POLICY_SENTENCES[0]) in words(text), text


def test_reprint_finds_a_past_receipt_previews_and_prints_it(qtbot, checkout, till, answers):
    sell_and_complete(qtbot, checkout)
    click(qtbot, checkout, "New sale")
    choose_from_button_menu(qtbot, find(checkout, "More", QToolButton), "Reprint receipt…")
    number = find(checkout, "Receipt number", QLineEdit)
    qtbot.keyClicks(number, "1")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    preview = find(checkout, "Receipt preview", QLabel)
    assert not preview.pixmap().isNull() and preview.pixmap().width() > 300
    click(qtbot, checkout, "Print this receipt")
    assert len(answers.printed) == 1
    assert text_of(checkout, "Receipt message") == f"Receipt 1 sent to {answers.printed[0]}."
    number.setText("77")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert text_of(checkout, "Receipt message") == "There is no receipt number 77."
    assert not named(checkout, "Print this receipt", QPushButton).isEnabled()


def _ocr(pdf_path: Path, tmp_path: Path) -> str:
    """The text of a printed (raster) PDF, read back by tesseract: the pages are pictures."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_path)
    text = []
    for number in range(len(document)):
        image = tmp_path / f"page{number}.png"
        document[number].render(scale=400 / 72, grayscale=True).to_pil().save(image)
        read = subprocess.run(
            ["tesseract", str(image), "-"], capture_output=True, text=True, check=True
        )
        text.append(read.stdout)
    document.close()
    return words(" ".join(text))


def test_a_receipt_printed_to_a_real_cups_queue_comes_out_whole(qtbot, till, tmp_path, answers):
    if QPrinterInfo.printerInfo(CUPS_QUEUE).isNull():
        pytest.skip(
            f"no printer {CUPS_QUEUE!r}: run ../shared/tools/pdfprinter to set up the CUPS queue"
        )
    if shutil.which("tesseract") is None:
        pytest.skip(
            "tesseract is needed to read back a printed (raster) receipt: apt-get install tesseract-ocr"
        )
    jobs = Path.home() / "PDF"
    before = set(jobs.glob("*.pdf")) if jobs.exists() else set()

    def choose_the_queue(printer, _parent, _title, then):
        printer.setPrinterName(CUPS_QUEUE)
        then()

    view = SaleView(
        till.desk, runner=run_at_once, ask_printer=choose_the_queue, ask_file=answers.ask_file
    )
    qtbot.addWidget(view)
    view.show()
    sell_and_complete(qtbot, view)
    click(qtbot, view, "Print receipt")
    assert text_of(view, "Sale message") == f"Receipt 1 sent to {CUPS_QUEUE}."

    deadline = time.monotonic() + CUPS_WAIT_S
    landed: list[Path] = []
    while not landed and time.monotonic() < deadline:
        landed = [path for path in set(jobs.glob("Receipt_1*.pdf")) - before if path.stat().st_size]
        time.sleep(0.2)
    assert landed, f"no job PDF in {jobs} after {CUPS_WAIT_S} s"
    time.sleep(0.5)  # cups-pdf writes the file, then closes it
    try:
        text = _ocr(landed[0], tmp_path)
        assert re.search(r"Receipt 1\b", text), text
        assert POLICY_SENTENCES[0] in text, text
    finally:
        landed[0].unlink()


def test_the_clinics_receipt_layout_is_the_one_offered(qtbot, checkout, till):
    till.desk.settings = replace(till.desk.settings, receipt_layout=ReceiptLayout.LETTER)
    sell_and_complete(qtbot, checkout)
    assert find(checkout, "Receipt layout", QComboBox).currentData() == "letter"
