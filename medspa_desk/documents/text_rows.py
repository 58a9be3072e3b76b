"""Rows of text down a page, measured before they are drawn.

A receipt on a roll is as long as what it says, so its rows are measured first and the page is
cut to fit; on a sheet the same rows flow over as many pages as they need. Amounts sit in cells
whose right edges line up; descriptions wrap in the room left of them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from medspa_desk.documents.fonts import BOLD, REGULAR, register_fonts

LEADING = 1.25  # line height, as a multiple of the font size
_CELL_GAP = 6.0  # points between wrapped text and the cells on its right

Draw = Callable[[Canvas, float, float], None]  # (canvas, left, top)
# The registered fonts are shared by every document, and ReportLab keeps each document's font
# subset in them: documents drawn on two threads at once (the desk's receipt on the GUI thread, a
# data export or the start-up warm-up off it) take turns.
_DRAWING = threading.Lock()


@dataclass(frozen=True)
class Cell:
    text: str
    right: float  # where the text ends, measured from the content's left edge
    bold: bool = False


class TextRows:
    def __init__(self, width: float) -> None:
        register_fonts()
        self.width = width
        self._rows: list[tuple[float, Draw]] = []

    @property
    def height(self) -> float:
        return sum(height for height, _draw in self._rows)

    def text_width(self, text: str, size: float, *, bold: bool = False) -> float:
        width: float = stringWidth(text, BOLD if bold else REGULAR, size)  # ReportLab has no types
        return width

    def line(
        self,
        text: str = "",
        cells: tuple[Cell, ...] = (),
        *,
        size: float,
        bold: bool = False,
        indent: float = 0.0,
        centre: bool = False,
        wrap_width: float | None = None,
    ) -> None:
        """`text` wrapped to fit beside `cells`, which are drawn on its first line."""
        font = BOLD if bold else REGULAR
        if wrap_width is None:
            room = [cell.right - stringWidth(cell.text, _font(cell, bold), size) for cell in cells]
            wrap_width = (min(room) - _CELL_GAP if room else self.width) - indent
        wrapped = simpleSplit(text, font, size, wrap_width) or [""]
        step = size * LEADING

        def draw(canvas: Canvas, left: float, top: float) -> None:
            for number, words in enumerate(wrapped):
                baseline = top - size - number * step + size * (LEADING - 1)
                canvas.setFont(font, size)
                if centre:
                    canvas.drawCentredString(left + self.width / 2, baseline, words)
                else:
                    canvas.drawString(left + indent, baseline, words)
            baseline = top - size + size * (LEADING - 1)
            for cell in cells:
                canvas.setFont(_font(cell, bold), size)
                canvas.drawRightString(left + cell.right, baseline, cell.text)

        self._rows.append((step * len(wrapped), draw))

    def paragraphs(self, text: str, *, size: float) -> None:
        """Blank-line-separated paragraphs, wrapped to the full width with a gap between them."""
        for number, paragraph in enumerate(text.split("\n\n")):
            if number:
                self.space(size * 0.5)
            self.line(" ".join(paragraph.split()), size=size)

    def rule(self, *, space: float = 4.0) -> None:
        def draw(canvas: Canvas, left: float, top: float) -> None:
            canvas.setLineWidth(0.5)
            canvas.line(left, top - space, left + self.width, top - space)

        self._rows.append((2 * space, draw))

    def banner(self, text: str, *, size: float) -> None:
        """Large bold text in a box across the width: VOID, REPRINT."""
        pad = size * 0.35

        def draw(canvas: Canvas, left: float, top: float) -> None:
            canvas.setLineWidth(1.5)
            canvas.rect(left, top - size - 2 * pad, self.width, size + 2 * pad)
            canvas.setFont(BOLD, size)
            canvas.drawCentredString(left + self.width / 2, top - pad - size * 0.8, text)

        self._rows.append((size + 2 * pad + 4, draw))

    def space(self, points: float) -> None:
        self._rows.append((points, lambda canvas, left, top: None))

    def draw(self, canvas: Canvas, left: float, top: float) -> None:
        for height, draw in self._rows:
            draw(canvas, left, top)
            top -= height

    def pages(self, page_height: float) -> list[TextRows]:
        """These rows cut into pages of at most `page_height` points each."""
        pages, used = [TextRows(self.width)], 0.0
        for height, draw in self._rows:
            if pages[-1]._rows and used + height > page_height:
                pages.append(TextRows(self.width))
                used = 0.0
            pages[-1]._rows.append((height, draw))
            used += height
        return pages


def _font(cell: Cell, bold: bool) -> str:
    return BOLD if cell.bold or bold else REGULAR


def pdf_bytes(
    title: str, page_size: tuple[float, float], pages: list[TextRows], margin: float
) -> bytes:
    """A PDF of `pages`, each drawn from the top-left margin of a page of `page_size`."""
    out = BytesIO()
    with _DRAWING:
        # DejaVu from the first mark: otherwise every page also names Helvetica, not embedded.
        canvas = Canvas(out, pagesize=page_size, pageCompression=1, initialFontName=REGULAR)
        canvas.setTitle(title)
        canvas.setAuthor("medspa_desk")
        for page in pages:
            page.draw(canvas, margin, page_size[1] - margin)
            canvas.showPage()
        canvas.save()
    return out.getvalue()
