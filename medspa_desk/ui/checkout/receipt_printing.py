"""Printing the desk's PDFs (receipts, the Z report) on any installed printer, or saving them.

PySide6-Essentials has no QtPdf, so a ReportLab PDF reaches a QPrinter as pictures: pypdfium2
renders each page at the printer's resolution and it is drawn on the printer's QPainter. Thermal
receipt printers print raster anyway; on paper the text is as sharp as the printer makes it.

The print dialog and the save dialog open without blocking (a test, or a desk, can go on while
they are up); the rendering runs off the GUI thread, since a Letter page at 600 dpi takes about
0.4 s to render and draw, and a receipt spread over several pages a second or more. Each receipt
printed or saved is recorded (services.till.receipts); once one was printed on paper, every
further copy is marked REPRINT.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSizeF, QStandardPaths, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.receipts import (
    ReceiptDocument,
    receipt_document,
    record_receipt_print,
)
from medspa_desk.ui.background_work import Runner, run_in_background

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

# Thermal printers are 203 dpi and office printers 600; a PDF printer says 1200, where a Letter
# page would take four times the time and memory for nothing anyone can see.
MOST_DOTS_PER_INCH = 600
_POINTS_PER_INCH = 72
# pdfium serves one thread at a time: two prints started together take turns.
_PDFIUM = threading.Lock()

AskPrinter = Callable[[QPrinter, QWidget, str, Callable[[], None]], None]
AskFile = Callable[[QWidget, str, Callable[[str], None]], None]


class PrintFailed(Exception):
    """The printer would not take the job; str() says so for the desk."""


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    with _PDFIUM:
        document = _opened(pdf)
        try:
            return [document[number].get_size() for number in range(len(document))]
        finally:
            document.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of `pdf` on `printer`; the number of pages printed.

    A page is drawn at its own size, shrunk only if the paper is smaller, at the top of the paper
    and centred across it (a roll receipt on a Letter sheet stays receipt-sized).
    """
    dots_per_inch = min(printer.resolution(), MOST_DOTS_PER_INCH)
    with _PDFIUM:
        document = _opened(pdf)
        painter = QPainter()
        try:
            if not painter.begin(printer):
                name = printer.printerName() or printer.outputFileName()
                raise PrintFailed(f"The printer {name} would not start the job.")
            for number in range(len(document)):
                if number and not printer.newPage():
                    raise PrintFailed("The printer stopped taking pages.")
                page = document[number]
                # Receipts and reports are black on white: grey is a quarter of the memory of
                # colour (34 MB for a Letter page at 600 dpi, not 135).
                bitmap = page.render(scale=dots_per_inch / _POINTS_PER_INCH, grayscale=True)
                image = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_Grayscale8,
                )  # drawn while `bitmap` holds the memory: no copy of a 34 MB page
                painter.drawImage(_placed(page.get_size(), printer), image)
            return len(document)
        finally:
            if painter.isActive():
                painter.end()
            document.close()


def pdf_as_image(pdf: bytes, dots_per_inch: int) -> QImage:
    """The pages of `pdf` one under the other on grey, for a preview on the screen."""
    gap = 8
    with _PDFIUM:
        document = _opened(pdf)
        try:
            pages = [
                _as_image(
                    document[number].render(scale=dots_per_inch / _POINTS_PER_INCH, grayscale=True)
                )
                for number in range(len(document))
            ]
        finally:
            document.close()
    width = max(page.width() for page in pages)
    image = QImage(
        width, sum(page.height() + gap for page in pages) - gap, QImage.Format.Format_Grayscale8
    )
    image.fill(0xC8)
    painter = QPainter(image)
    top = 0
    for page in pages:
        painter.drawImage((width - page.width()) // 2, top, page)
        top += page.height() + gap
    painter.end()
    return image


def _as_image(bitmap) -> QImage:
    """A pdfium bitmap as a QImage of its own (the bitmap's memory goes with the bitmap)."""
    return QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_Grayscale8
    ).copy()


def _opened(pdf: bytes):
    import pypdfium2  # 40 ms to load: the window opens without it, the first print loads it

    return pypdfium2.PdfDocument(pdf)


def _placed(size: tuple[float, float], printer: QPrinter) -> QRectF:
    """Where a page of `size` points goes on the printer's paintable area, in device pixels."""
    to_pixels = printer.resolution() / _POINTS_PER_INCH
    width, height = size[0] * to_pixels, size[1] * to_pixels
    area = printer.pageRect(QPrinter.Unit.DevicePixel)
    shrink = min(1.0, area.width() / width, area.height() / height)
    width, height = width * shrink, height * shrink
    return QRectF((area.width() - width) / 2, 0, width, height)


def set_paper(printer: QPrinter, size_in_points: tuple[float, float]) -> None:
    """Offer the document's own paper in the print dialog: an 80 mm roll as long as the receipt,
    or Letter; the desk can choose other paper there."""
    width, height = size_in_points
    size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    printer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )


def ask_printer_in_dialog(
    printer: QPrinter, parent: QWidget, title: str, then: Callable[[], None]
) -> None:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title}")
    dialog.setAccessibleName("Print")
    dialog.accepted.connect(then)
    dialog.finished.connect(dialog.deleteLater)
    # PySide6's QPrintDialog.open() takes a receiver and a slot; QDialog's, window-modal without
    # blocking, is the one wanted.
    QDialog.open(dialog)


def ask_file_in_dialog(parent: QWidget, file_name: str, then: Callable[[str], None]) -> None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    dialog = QFileDialog(parent, "Save as PDF", str(Path(folder) / file_name), "PDF files (*.pdf)")
    dialog.setAccessibleName("Save as PDF")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("pdf")
    dialog.fileSelected.connect(then)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


class Printing(QObject):
    """Sends PDFs to a printer the desk picks, or to a file it names; says how it went."""

    finished = Signal(str)  # a sentence for the desk
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        *,
        runner: Runner = run_in_background,
        ask_printer: AskPrinter = ask_printer_in_dialog,
        ask_file: AskFile = ask_file_in_dialog,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._runner = runner
        self._ask_printer = ask_printer
        self._ask_file = ask_file
        self._jobs: set[QPrinter] = set()  # each printer lives until its pages are drawn

    def print_pdf(self, pdf: bytes, title: str, then: Callable[[str], None]) -> None:
        """Ask for a printer, then print; `then(printer name)` once the pages are sent.

        The paper size is read off the GUI thread as well: pdfium may be busy drawing another
        print there, and the window does not wait for it.
        """

        def ask(sizes: list[tuple[float, float]]) -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(title)  # the print queue and a PDF printer's file are named by it
            set_paper(printer, sizes[0])
            self._ask_printer(
                printer, self._window, title, lambda: self._send(pdf, printer, title, then)
            )

        def unreadable(error: Exception) -> None:
            self.failed.emit(f"{title} was not printed: {error}")

        self._runner(lambda: page_sizes(pdf), ask, unreadable)

    def save_pdf(self, pdf: bytes, file_name: str, then: Callable[[str], None]) -> None:
        """Ask where, then write the PDF there; `then(path)` once it is written."""

        def write(path: str) -> None:
            try:
                Path(path).write_bytes(pdf)
            except OSError as problem:
                self.failed.emit(
                    f"The PDF could not be saved to {path}: {problem.strerror or problem}."
                )
                return
            then(path)

        self._ask_file(self._window, file_name, write)

    def _send(self, pdf: bytes, printer: QPrinter, title: str, then: Callable[[str], None]) -> None:
        self._jobs.add(printer)
        where = (
            printer.outputFileName()
            if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
            else ""
        )
        where = where or printer.printerName()

        def printed(_pages: int) -> None:
            self._jobs.discard(printer)
            then(where)

        def not_printed(error: Exception) -> None:
            self._jobs.discard(printer)
            self.failed.emit(f"{title} was not printed: {error}")

        self._runner(lambda: print_pdf(pdf, printer), printed, not_printed)


class ReceiptPrinting(QObject):
    """A receipt from the records, printed or saved in either layout, and each time recorded."""

    def __init__(self, desk: Desk, printing: Printing) -> None:
        super().__init__(printing)
        self._desk = desk
        self.printing = printing

    def print_receipt(self, receipt_number: int, layout: ReceiptLayout) -> None:
        made = self._receipt(receipt_number, layout)
        if made is None:
            return
        data, pdf = made.data, made.pdf

        def printed(where: str) -> None:
            record_receipt_print(self._desk, data, layout, on_paper=True)
            again = " (marked REPRINT)" if data.reprint else ""
            self.printing.finished.emit(f"Receipt {receipt_number} sent to {where}{again}.")

        self.printing.print_pdf(pdf, f"Receipt {receipt_number}", printed)

    def save_receipt(self, receipt_number: int, layout: ReceiptLayout) -> None:
        made = self._receipt(receipt_number, layout)
        if made is None:
            return
        data, pdf = made.data, made.pdf

        def saved(path: str) -> None:
            record_receipt_print(self._desk, data, layout, on_paper=False)
            again = " (marked REPRINT)" if data.reprint else ""
            self.printing.finished.emit(f"Receipt {receipt_number} saved as {path}{again}.")

        self.printing.save_pdf(pdf, f"Receipt {receipt_number} ({layout}).pdf", saved)

    def _receipt(self, receipt_number: int, layout: ReceiptLayout) -> ReceiptDocument | None:
        try:
            return receipt_document(self._desk, receipt_number, layout)
        except DeskRefusal as refusal:
            self.printing.failed.emit(str(refusal))
            return None
