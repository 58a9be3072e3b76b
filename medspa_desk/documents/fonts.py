"""DejaVu Sans, registered with ReportLab once, the first time a document is drawn.

ReportLab's built-in Helvetica has no glyphs for many of the world's names ("Nguyễn Thị Hoa"),
so documents embed DejaVu Sans, shipped in the package resources with its license.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from io import BytesIO

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> None:
    """Register both faces (cached: later calls return at once)."""
    folder = files("medspa_desk.resources") / "fonts"
    for name in (REGULAR, BOLD):
        # Bytes, not a path: resources may sit inside a zip or a frozen bundle.
        pdfmetrics.registerFont(TTFont(name, BytesIO((folder / f"{name}.ttf").read_bytes())))
