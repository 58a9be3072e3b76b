"""Export files in the shapes other booking systems write them: CSV in UTF-8 with or without a
byte-order mark or in Windows-1252, comma- or semicolon-separated, CRLF line ends, quoted
fields with line breaks; and Excel workbooks with real date and number cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook


def write_csv(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    delimiter: str = ",",
    blank_lines: bool = False,
) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for number, row in enumerate(rows):
        writer.writerow(row)
        if blank_lines and number % 3 == 1:
            out.write("\r\n" if number % 2 else delimiter * (len(headers) - 1) + "\r\n")
    content = out.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + content)
    return path


def write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path
