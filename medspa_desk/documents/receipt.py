"""A receipt as a PDF: an 80 mm roll as long as the receipt, or a US Letter sheet.

Thermal printers print the roll layout from the system print dialog (it is 72 mm of print on
80 mm paper); the letter layout is for clients who want a receipt by email or on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from medspa_desk.documents.text_rows import Cell, TextRows, pdf_bytes
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.receipt_content import ReceiptData, ReceiptLayout
from medspa_desk.domain.time_wording import wall_clock_time

_MM = 72 / 25.4
_WIDEST_AMOUNT = "-$00,000.00"
_LETTER = (612.0, 792.0)


@dataclass(frozen=True)
class _Style:
    page_width: float
    margin: float
    body: float  # font sizes, points
    small: float
    title: float
    total: float
    banner: float
    wide: bool  # room for quantity and unit price columns


_ROLL = _Style(80 * _MM, 4 * _MM, 8.0, 7.0, 12.0, 10.0, 16.0, wide=False)
_SHEET = _Style(_LETTER[0], 54.0, 10.0, 8.5, 16.0, 12.0, 22.0, wide=True)


def receipt_pdf(data: ReceiptData, layout: ReceiptLayout) -> bytes:
    """The receipt in `layout`, the 80 mm roll or a Letter sheet."""
    layout = ReceiptLayout.named(layout)  # a layout that came as text is checked here
    style = _ROLL if layout is ReceiptLayout.ROLL else _SHEET
    rows = _receipt_rows(data, style)
    title = f"Receipt {data.receipt_number}"
    if layout is ReceiptLayout.ROLL:
        height = rows.height + 2 * style.margin
        return pdf_bytes(title, (style.page_width, height), [rows], style.margin)
    return pdf_bytes(title, _LETTER, rows.pages(_LETTER[1] - 2 * style.margin), style.margin)


def _receipt_rows(data: ReceiptData, style: _Style) -> TextRows:
    rows = TextRows(style.page_width - 2 * style.margin)
    amount = rows.width  # the right edge every amount lines up on
    # Labels wrap short of the widest amount a receipt holds, so all of them wrap alike.
    labels = amount - rows.text_width(_WIDEST_AMOUNT, style.total, bold=True) - 6

    def money(
        label: str, cents: int, *, bold: bool = False, size: float = style.body, indent: float = 0
    ) -> None:
        rows.line(
            label,
            (Cell(format_cents(cents), amount),),
            size=size,
            bold=bold,
            indent=indent,
            wrap_width=labels - indent,
        )

    rows.line(data.clinic_name, size=style.title, bold=True, centre=True)
    for text in (data.address_line, data.city_line, f"{data.phone} · {data.email}"):
        rows.line(text, size=style.small, centre=True)
    rows.space(6)
    if data.voided:
        rows.banner("VOID", size=style.banner)
    if data.reprint:
        rows.banner("REPRINT", size=style.banner)
    sold = data.sold_at
    when = f"{sold:%a %b} {sold.day}, {sold.year} {wall_clock_time(sold)}"
    rows.line(f"Receipt {data.receipt_number}", (Cell(when, amount),), size=style.body, bold=True)
    if data.staff_name:
        rows.line(f"Served by {data.staff_name}", size=style.body)
    if data.client_name:
        rows.line(f"Client: {data.client_name}", size=style.body)
    rows.rule()

    quantity_right, unit_right = amount * 0.62, amount * 0.8
    if style.wide:
        rows.line(
            "Item",
            (Cell("Qty", quantity_right), Cell("Unit price", unit_right), Cell("Amount", amount)),
            size=style.small,
            bold=True,
            wrap_width=quantity_right - 40,
        )
    for line in data.lines:
        if style.wide:
            cells = (
                Cell(str(line.quantity), quantity_right),
                Cell(format_cents(line.unit_price_cents), unit_right),
                Cell(format_cents(line.quantity * line.unit_price_cents), amount),
            )
            rows.line(line.description, cells, size=style.body, wrap_width=quantity_right - 40)
        else:
            money(line.description, line.quantity * line.unit_price_cents)
            if line.quantity > 1:
                rows.line(
                    f"{line.quantity} × {format_cents(line.unit_price_cents)}",
                    size=style.small,
                    indent=8,
                )
        if line.note:
            rows.line(line.note, size=style.small, indent=8)
        if line.discount_cents:
            money(
                f"Discount: {line.discount_reason}",
                -line.discount_cents,
                size=style.small,
                indent=8,
            )
        if line.tax_cents:
            money("Tax", line.tax_cents, size=style.small, indent=8)
    rows.rule()

    money("Subtotal", data.subtotal_cents)
    if data.discount_cents:
        money("Discounts", -data.discount_cents)
    money("Tax", data.tax_cents)
    for tip in data.tips:
        money(tip.label, tip.amount_cents)
    rows.space(2)
    money("Total", data.total_cents, bold=True, size=style.total)
    rows.rule()

    if data.tenders:
        rows.line("Paid with", size=style.small, bold=True)
    for tender in data.tenders:
        money(tender.label, tender.amount_cents)
        if tender.detail:
            rows.line(tender.detail, size=style.small, indent=8)
    if data.change_cents or any(tender.label == "Cash" for tender in data.tenders):
        money("Change", data.change_cents, bold=True)
    if data.balances:
        rows.space(4)
        for balance in data.balances:
            money(balance.label, balance.amount_cents, size=style.small)
    for exchange in data.exchanges:
        rows.line(exchange, size=style.small)
    if data.voided:
        rows.space(4)
        rows.line(f"This sale was voided: {data.void_reason}", size=style.body, bold=True)
    rows.rule()

    rows.line("Refund Policy", size=style.body, bold=True)
    rows.space(2)
    rows.paragraphs(data.refund_policy, size=style.small)
    rows.space(4)
    rows.line(data.refund_policy_label, size=style.small - 1)
    rows.space(6)
    rows.line("Thank you!", size=style.body, centre=True)
    return rows
