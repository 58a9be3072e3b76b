"""What the checkout's fields read (amounts, percents, receipt numbers) and the sale's heading.
The named widgets themselves are ui.named_widgets, and the line a refusal is shown on
ui.message_line, shared by every view."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit

from medspa_desk.domain.money import parse_cents
from medspa_desk.domain.sale_math import SaleInputError

_PERCENT = re.compile(r"^\s*(?P<whole>\d{1,3})(?:\.(?P<hundredths>\d{1,2}))?\s*%\s*$")


def amount_in(field: QLineEdit, what: str) -> int:
    """The amount typed in `field`, in cents; SaleInputError in the desk's words if it is none."""
    try:
        return parse_cents(field.text())
    except ValueError:
        raise SaleInputError(
            f"{what}: {field.text().strip()!r} is not an amount like 75.00."
        ) from None


def percent_in(text: str) -> int | None:
    """'18%' or '18.5 %' in basis points (1800, 1850); None when `text` is not a percent."""
    percent = _PERCENT.match(text)
    if percent is None:
        return None
    return int(percent["whole"]) * 100 + int((percent["hundredths"] or "0").ljust(2, "0"))


def sale_heading() -> QLabel:
    """The "Sale status" heading: what is being sold and to whom, larger and bold."""
    heading = QLabel()
    heading.setObjectName("sale_status")
    heading.setAccessibleName("Sale status")
    heading.setWordWrap(True)
    font = QFont(heading.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    heading.setFont(font)
    return heading


def receipt_number_in(text: str) -> int | None:
    """The receipt number typed ('1042' or '#1042'); None when it is not one."""
    digits = text.strip().lstrip("#").strip()
    return int(digits) if digits.isdigit() else None
