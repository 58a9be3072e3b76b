"""DejaVu Sans, registered with ReportLab once, the first time a document is drawn (or when the
window warms its receipts after start-up, off the GUI thread).

ReportLab's built-in Helvetica has no glyphs for many of the world's names ("Nguyễn Thị Hoa"),
so documents embed DejaVu Sans, shipped in the package resources with its license.
"""

from __future__ import annotations

import threading
from importlib.resources import files
from io import BytesIO

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

# Reading both faces takes about 60 ms. A second thread asking meanwhile (the desk printing while
# the warm-up registers them) waits for the first rather than reading them again beside it.
_REGISTERING = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register both faces (once: later calls return at once)."""
    global _registered
    with _REGISTERING:
        if _registered:
            return
        folder = files("medspa_desk.resources") / "fonts"
        for name in (REGULAR, BOLD):
            # Bytes, not a path: resources may sit inside a zip or a frozen bundle.
            pdfmetrics.registerFont(TTFont(name, BytesIO((folder / f"{name}.ttf").read_bytes())))
        _registered = True
