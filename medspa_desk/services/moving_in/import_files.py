"""An export file from another system, read into rows of text: CSV in whatever encoding and
delimiter it came in, or an Excel workbook's first sheet.

Everything arrives as text, the way a person would read it off the screen, so that one set of
readers (domain.import_values) handles a CSV's "03/04/1985" and a workbook's date cell alike:
a spreadsheet date becomes "1985-03-04", a whole number stays whole ("4065550123", not
"4065550123.0"). Rows that are blank are dropped; each row keeps its line in the file (the
spreadsheet's row number, the CSV's record number counting the header as 1) for the problem
list and the report.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from medspa_desk.services.desk_errors import DeskRefusal

_WESTERN_CODE_PAGES = ["cp1252", "cp850", "mac_roman"]
# A file this big is not a clinic's export: refused before it is read into memory.
LARGEST_FILE = 200 * 1024 * 1024


class FileUnreadable(DeskRefusal):
    """The file cannot be read as an export; str() says why, for the person who chose it."""


@dataclass(frozen=True)
class ImportTable:
    file_name: str
    sha256: str  # of the file's bytes: the same export imported twice is recognised
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # each as long as the headers
    row_numbers: tuple[int, ...]  # each row's number in the file, the header row being 1
    encoding: str  # "xlsx" for a workbook

    def column(self, row: tuple[str, ...], index: int | None) -> str:
        return row[index].strip() if index is not None else ""

    def numbered(self, limit: int | None = None) -> list[tuple[int, tuple[str, ...]]]:
        """(row number, cells) of each row, or of the first `limit`."""
        pairs = list(zip(self.row_numbers, self.rows, strict=True))
        return pairs if limit is None else pairs[:limit]


def read_import_file(path: Path) -> ImportTable:
    """The file's header row and its rows of text; FileUnreadable when it is not a CSV or Excel
    file with a header row."""
    try:
        if path.stat().st_size > LARGEST_FILE:
            raise FileUnreadable(f"{path.name} is larger than any clinic's export (over 200 MB).")
        content = path.read_bytes()
    except OSError as error:
        raise FileUnreadable(f"{path.name} cannot be read: {error.strerror}.") from None
    digest = hashlib.sha256(content).hexdigest()
    if path.suffix.lower() in (".xlsx", ".xlsm") or content.startswith(b"PK\x03\x04"):
        encoding, records = "xlsx", _workbook_rows(path.name, content)
    else:
        encoding, text = _decoded(path.name, content)
        records = _csv_rows(text)
    return _table(path.name, digest, encoding, records)


def _table(
    file_name: str, digest: str, encoding: str, records: Iterable[tuple[int, list[str]]]
) -> ImportTable:
    headers: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    for number, record in records:
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if headers is None:
            headers = tuple(cells)
            width = len(headers)
            continue
        rows.append(tuple((cells + [""] * width)[:width]))
        numbers.append(number)
    if headers is None:
        raise FileUnreadable(f"{file_name} is empty: there is no header row.")
    if sum(1 for header in headers if header) < 1:
        raise FileUnreadable(f"{file_name} has no column names in its first row.")
    return ImportTable(file_name, digest, headers, tuple(rows), tuple(numbers), encoding)


def _decoded(file_name: str, content: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without a byte-order mark) when it
    reads as UTF-8; UTF-16 with its mark (Excel's "Unicode text"); else the Western code page
    charset-normalizer judges it in, Windows-1252 (an old Windows PC's) first. Judging among
    every code page, a short file of names reads as Baltic or Cyrillic ("Zoļ N·±ez")."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return "utf-16", content.decode("utf-16")
        except UnicodeDecodeError:
            raise FileUnreadable(f"{file_name} is not a CSV or Excel file.") from None
    try:
        return "utf-8", content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in content[:4096]:
        raise FileUnreadable(f"{file_name} is not a CSV or Excel file.")
    from charset_normalizer import from_bytes

    best = from_bytes(content[: 1024 * 1024], cp_isolation=_WESTERN_CODE_PAGES).best()
    encoding = best.encoding if best is not None else "cp1252"
    return encoding, content.decode(encoding, errors="replace")


def _csv_rows(text: str) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, record
    except csv.Error as error:
        message = f"the file cannot be read as CSV at record {number + 1}: {error}."
        raise FileUnreadable(message) from None


def _delimiter(text: str) -> str:
    """The delimiter the header row uses most: a comma, semicolon (a European Excel's CSV), tab
    or bar. The header row, since a quoted note below it may hold any of them (csv.Sniffer
    reads the whole sample and is led astray by them)."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return max(",;\t|", key=first_line.count)


def _workbook_rows(file_name: str, content: bytes) -> Iterable[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises a dozen kinds for a file that is not a workbook
        message = f"{file_name} is not an Excel workbook (.xlsx) that can be read."
        raise FileUnreadable(message) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
