"""The end-of-day Z report on US Letter: what the day took, by tender, category and provider; the
money the fee rules moved (fees charged to cards, deposits, prepayments forfeited, credit), to
check against the card terminal's batch; and the cash drawer's count against what it should hold."""

from __future__ import annotations

from collections.abc import Callable

from medspa_desk.documents.text_rows import Cell, TextRows, pdf_bytes
from medspa_desk.domain.day_totals import DayTotals, describe_difference
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.domain.time_wording import wall_clock_time

_LETTER = (612.0, 792.0)
_MARGIN = 54.0
_BODY, _SMALL, _HEADING, _TITLE = 10.0, 8.5, 12.0, 16.0


def z_report_pdf(totals: DayTotals) -> bytes:
    rows = TextRows(_LETTER[0] - 2 * _MARGIN)
    right = rows.width
    middle = right * 0.7

    def money(label: str, cents: int, *, bold: bool = False) -> None:
        rows.line(label, (Cell(format_cents(cents), right),), size=_BODY, bold=bold, indent=12)

    def heading(text: str) -> None:
        rows.space(8)
        rows.line(text, size=_HEADING, bold=True)
        rows.rule(space=2)

    day = totals.business_day
    rows.line(totals.clinic_name, size=_TITLE, bold=True)
    state = "closed" if totals.closed else "not closed yet (figures so far)"
    rows.line(f"Z report for {day:%A %B} {day.day}, {day.year}: {state}", size=_HEADING)
    if totals.closed:
        closed = totals.closed
        at = closed.closed_at
        who = f" by {closed.closed_by}" if closed.closed_by else ""
        rows.line(f"Closed at {wall_clock_time(at)}{who}", size=_SMALL)

    heading("Sales")
    rows.line("Sales completed", (Cell(str(totals.sales), right),), size=_BODY, indent=12)
    money("Discounts given", totals.discount_cents)
    money("Tax", totals.tax_cents)
    money("Tips", totals.tip_cents)
    money("Total taken", totals.total_cents, bold=True)

    heading("By tender")
    for kind in TenderKind:
        if kind in totals.by_tender:
            money(kind.label, totals.by_tender[kind])

    heading("By category (after discounts, before tax)")
    for line_kind in LineKind:
        if line_kind is not LineKind.FEE and line_kind in totals.by_category:
            money(line_kind.total_label, totals.by_category[line_kind])
    money(f"Fees ({totals.fees_collected} collected)", totals.fees_collected_cents)

    heading("By provider")
    rows.line(
        "", (Cell("Services", middle, bold=True), Cell("Tips", right, bold=True)), size=_SMALL
    )
    for provider in totals.by_provider:
        rows.line(
            provider.name,
            (
                Cell(format_cents(provider.services_cents), middle),
                Cell(format_cents(provider.tips_cents), right),
            ),
            size=_BODY,
            indent=12,
        )
    if not totals.by_provider:
        rows.line("No services sold.", size=_BODY, indent=12)

    heading("Visits rebooked before leaving")
    rows.line(totals.rebooking.text(), size=_BODY, indent=12)

    _booking_money(rows, totals, money, heading)

    if totals.taken_at_booking:
        heading("Prepayments taken when booking (outside the till)")
        for tender, cents in sorted(totals.taken_at_booking.items()):
            money(TenderKind(tender).label, cents)

    heading("Voids")
    for void in totals.voids:
        by = f", by {void.voided_by}" if void.voided_by else ""
        rows.line(
            f"Receipt {void.receipt_number}{by}: {void.reason}",
            (Cell(format_cents(void.total_cents), right),),
            size=_BODY,
            indent=12,
        )
    if not totals.voids:
        rows.line("None.", size=_BODY, indent=12)

    heading("Cash drawer (without the float)")
    money(
        "Cash expected",
        totals.closed.expected_cash_cents if totals.closed else totals.expected_cash_cents,
    )
    if totals.closed:
        money("Cash counted", totals.closed.counted_cash_cents)
        difference = totals.closed.difference_cents
        money(f"Difference: {describe_difference(difference).lower()}", difference, bold=True)
        if totals.closed.note:
            rows.line(f"Note: {totals.closed.note}", size=_SMALL, indent=12)
    else:
        rows.line("Counted when the day is closed.", size=_SMALL, indent=12)
    return pdf_bytes(
        f"Z report {day.isoformat()}", _LETTER, rows.pages(_LETTER[1] - 2 * _MARGIN), _MARGIN
    )


def _booking_money(
    rows: TextRows,
    totals: DayTotals,
    money: Callable[[str, int], None],
    heading: Callable[[str], None],
) -> None:
    """Fees charged to cards on file (the terminal batch has these, and no sale shows them),
    the charges still awaiting an approval code (the batch does not have them), and the money
    held for bookings that the day took, applied, forfeited or credited."""
    moved = totals.booking_money
    right = rows.width
    heading("Fees charged to cards on file (in the terminal's batch)")
    money(f"Fees charged by card ({moved.fees_charged_to_card})", moved.fees_charged_to_card_cents)
    if moved.awaiting_approval:
        rows.line(
            f"Awaiting the terminal's approval code ({len(moved.awaiting_approval)}), "
            "not in the batch:",
            (Cell(format_cents(moved.awaiting_approval_cents), right),),
            size=_BODY,
            indent=12,
        )
        for fee in moved.awaiting_approval:
            rows.line(
                f"{fee.client_name}, {fee.card_label}: {fee.what}",
                (Cell(format_cents(fee.charge_cents), right),),
                size=_SMALL,
                indent=24,
            )
    else:
        rows.line("None awaiting an approval code.", size=_SMALL, indent=12)

    heading("Deposits, prepayments and credit")
    money(f"Deposits taken ({moved.deposits_taken})", moved.deposits_taken_cents)
    money("Deposits applied to fees", moved.deposits_applied_to_fees_cents)
    money(
        f"Prepayments forfeited ({moved.prepayments_forfeited})", moved.prepayments_forfeited_cents
    )
    money(f"Account credit issued ({moved.credits_issued})", moved.credits_issued_cents)
