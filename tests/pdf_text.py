"""The words of a PDF the desk wrote, read back with pypdf, for tests that check what it says."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def pdf_text(pdf: bytes | Path) -> str:
    """Every page's text, one page after another, with runs of spaces and line breaks made one
    space (ReportLab's lines break where the layout wants, not where the sentence does)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    assert data.startswith(b"%PDF"), f"not a PDF: {data[:20]!r}"
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())
