"""What a receipt says, as plain data (domain.receipt_content) for documents.receipt to print, and the record of each print.

The refund policy printed is the clinic's published Refund Policy, word for word, in the version
the sale was made under (kept verbatim in policy_text), named for the client by the day it came
in force. The first copy printed on paper is the original; every copy after it is marked REPRINT
(a PDF saved is a file copy, never the original handed over, so it does not count). A card shows as brand and last four digits only, a gift card
that paid as the last four characters of its code; a gift card sold on the sale shows its whole
code, which the buyer needs.

receipt_document() is the one composition of a receipt's data and its PDF, for the window's
preview, print and save and for the command line alike. It imports ReportLab only when it runs:
the window loads this module, and only printing needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, Connection, Row, bindparam, exists, func, insert, select

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.policy_text import (
    POLICY_VERSION,
    PolicySection,
    policy_section,
    split_into_sections,
    version_label,
)

# What a receipt says is a plain value in domain, so documents.receipt prints it without services.
from medspa_desk.domain.receipt_content import (
    ReceiptAmount,
    ReceiptData,
    ReceiptLayout,
    ReceiptLine,
    ReceiptTender,
)
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.gift_cards import last_group
from medspa_desk.storage.models import AccountCreditEntry, BookingPayment, Client, PolicyText, Staff
from medspa_desk.storage.till_models import (
    GiftCard,
    GiftCardEntry,
    ReceiptPrint,
    RetailExchange,
    Sale,
    SaleLine,
    SaleTender,
    SaleTip,
)

_Read: TypeAlias = "Row[*tuple[Any, ...]]"  # a row of one of the statements below
_SALE_ID: BindParameter[int] = bindparam("sale_id")
# The sale, its client's name, the text of the policy it was made under and whether its receipt
# was printed before, in one statement.
_SALE = (
    select(
        Sale.id,
        Sale.receipt_number,
        Sale.completed_at,
        Sale.staff_id,
        Sale.client_id,
        Sale.subtotal_cents,
        Sale.discount_cents,
        Sale.tax_cents,
        Sale.tip_cents,
        Sale.total_cents,
        Sale.change_cents,
        Sale.refund_policy_version,
        Sale.voided_at,
        Sale.void_reason,
        Client.first_name,
        Client.last_name,
        PolicyText.text.label("policy_text"),
        PolicyText.first_used_at.label("policy_first_used_at"),
        # The original is the first copy on paper; a PDF saved is not handed over (README).
        exists()
        .where(ReceiptPrint.sale_id == Sale.id, ReceiptPrint.on_paper)
        .label("printed_before"),
    )
    .outerjoin(Client, Client.id == Sale.client_id)
    .outerjoin(PolicyText, PolicyText.version == Sale.refund_policy_version)
    .where(Sale.receipt_number == bindparam("receipt_number"))
)
_LINES = (
    select(
        SaleLine.kind,
        SaleLine.description,
        SaleLine.quantity,
        SaleLine.unit_price_cents,
        SaleLine.discount_cents,
        SaleLine.discount_reason,
        SaleLine.tax_cents,
        SaleLine.total_cents,
        SaleLine.provider_id,
        SaleLine.gift_card_id,
    )
    .where(SaleLine.sale_id == _SALE_ID)
    .order_by(SaleLine.id)
)
_TENDERS = (
    select(
        SaleTender.kind,
        SaleTender.amount_cents,
        SaleTender.cash_given_cents,
        SaleTender.card_brand,
        SaleTender.card_last4,
        SaleTender.approval_code,
        SaleTender.gift_card_id,
        SaleTender.booking_payment_id,
    )
    .where(SaleTender.sale_id == _SALE_ID)
    .order_by(SaleTender.id)
)
_TIPS = (
    select(SaleTip.provider_id, SaleTip.amount_cents)
    .where(SaleTip.sale_id == _SALE_ID)
    .order_by(SaleTip.id)
)
# The staff member at the desk and every provider on the sale.
_STAFF_NAMES = select(Staff.id, Staff.display_name).where(
    (Staff.id == bindparam("staff_id"))
    | Staff.id.in_(select(SaleLine.provider_id).where(SaleLine.sale_id == _SALE_ID))
    | Staff.id.in_(select(SaleTip.provider_id).where(SaleTip.sale_id == _SALE_ID))
)
_EXCHANGES = (
    select(RetailExchange.quantity, RetailExchange.at, SaleLine.description)
    .join(SaleLine, SaleLine.id == RetailExchange.sale_line_id)
    .where(SaleLine.sale_id == _SALE_ID)
    .order_by(RetailExchange.id)
)
_CREDIT_THEN = select(func.coalesce(func.sum(AccountCreditEntry.amount_cents), 0)).where(
    AccountCreditEntry.client_id == bindparam("client_id"),
    AccountCreditEntry.at <= bindparam("at"),
)


def receipt_data(desk: Desk, receipt_number: int) -> ReceiptData:
    """Everything receipt `receipt_number` prints; a reprint once a copy was printed on paper."""
    zone = desk.settings.zone
    with desk.db.reading() as session:
        # Core statements built once, run on the session's connection: the ORM's handling of a
        # statement was most of a receipt's reading time.
        reads = session.connection()
        sale = reads.execute(_SALE, {"receipt_number": receipt_number}).first()
        if sale is None:
            raise DeskRefusal(f"There is no receipt number {receipt_number}.")
        on_sale = {"sale_id": sale.id}
        names = dict(reads.execute(_STAFF_NAMES, {**on_sale, "staff_id": sale.staff_id}).all())
        lines = reads.execute(_LINES, on_sale).all()
        tenders = reads.execute(_TENDERS, on_sale).all()
        tips = reads.execute(_TIPS, on_sale).all()
        gift_codes = _gift_codes(reads, lines, tenders)
        deposits_paid = _deposits_paid(reads, tenders)
        policy_version, policy = _refund_policy(sale.refund_policy_version, sale.policy_text)
        in_force_since = (
            sale.policy_first_used_at.astimezone(zone).date()
            if sale.policy_text is not None and policy_version == sale.refund_policy_version
            else None
        )
        return ReceiptData(
            sale_id=sale.id,
            receipt_number=sale.receipt_number,
            clinic_name=desk.settings.clinic_name,
            address_line=desk.settings.address_line,
            city_line=desk.settings.city_line,
            phone=desk.settings.phone,
            email=desk.settings.email,
            sold_at=sale.completed_at.astimezone(zone),
            staff_name="" if sale.staff_id is None else names.get(sale.staff_id, ""),
            client_name=(
                "" if sale.first_name is None else f"{sale.first_name} {sale.last_name}".strip()
            ),
            lines=tuple(_line(line, names, gift_codes) for line in lines),
            subtotal_cents=sale.subtotal_cents,
            discount_cents=sale.discount_cents,
            tax_cents=sale.tax_cents,
            tips=tuple(
                ReceiptAmount(f"Tip for {names.get(who, 'the provider')}", cents)
                for who, cents in tips
            ),
            tip_cents=sale.tip_cents,
            total_cents=sale.total_cents,
            tenders=tuple(_tender(tender, gift_codes, deposits_paid, zone) for tender in tenders),
            change_cents=sale.change_cents,
            balances=_balances_after(reads, sale, lines, tenders, gift_codes),
            exchanges=_exchanges(reads, sale.id, zone),
            refund_policy=policy,
            refund_policy_version=policy_version,
            refund_policy_label=version_label(in_force_since),
            voided=sale.voided_at is not None,
            void_reason=sale.void_reason,
            reprint=bool(sale.printed_before),
        )


@dataclass(frozen=True)
class ReceiptDocument:
    data: ReceiptData  # what it says, and whether it prints as a reprint
    layout: ReceiptLayout
    pdf: bytes


def receipt_document(desk: Desk, receipt_number: int, layout: ReceiptLayout) -> ReceiptDocument:
    """Receipt `receipt_number` as a PDF in `layout`, with the data it prints."""
    from medspa_desk.documents.receipt import receipt_pdf  # ReportLab loads on the first print

    data = receipt_data(desk, receipt_number)
    layout = ReceiptLayout.named(layout)
    return ReceiptDocument(data, layout, receipt_pdf(data, layout))


def warm_receipts(desk: Desk) -> None:
    """Draw the newest receipt in both layouts into memory and drop it: ReportLab and the fonts
    loaded, the receipt's reads prepared. Nothing is written or recorded.

    The window calls it off the GUI thread once it has started, so that the desk's first receipt
    of a session costs what a later one does (loading alone is about a tenth of a second).
    """
    from medspa_desk.documents.receipt import receipt_pdf

    with desk.db.reading() as session:
        newest = session.scalar(select(func.max(Sale.receipt_number)))
    if newest is None:  # no sale yet: what loads without one
        from medspa_desk.documents.fonts import register_fonts

        register_fonts()
        return
    data = receipt_data(desk, newest)
    for layout in ReceiptLayout:
        receipt_pdf(data, layout)


def record_receipt_print(
    desk: Desk, printed: ReceiptData, layout: ReceiptLayout, *, on_paper: bool
) -> int:
    """Record that receipt `printed` was printed (`on_paper`) or saved as a PDF in `layout`, with
    the policy version and the REPRINT mark it printed; the record's id."""
    layout = ReceiptLayout.named(layout)
    now = desk.clock.now()
    with desk.db.writing() as session:
        # One insert on the session's connection: the ORM's unit of work for one new row cost
        # more than the row.
        return (
            session.connection()
            .execute(
                insert(ReceiptPrint).returning(ReceiptPrint.id),
                {
                    "sale_id": printed.sale_id,
                    "at": now,
                    "by_staff_id": desk.staff_id,
                    "layout": layout,
                    "reprint": printed.reprint,
                    "on_paper": on_paper,
                    "refund_policy_version": printed.refund_policy_version,
                },
            )
            .scalar_one()
        )


def _refund_policy(version: str, text: str | None) -> tuple[str, str]:
    """(version, text) of the Refund Policy the sale was made under, or today's if that text is
    not kept."""
    section = _refund_section(text) if text else None
    if section is None:
        return POLICY_VERSION, policy_section(PolicySection.REFUND)
    return version, section


@lru_cache(maxsize=4)
def _refund_section(text: str) -> str | None:
    """The Refund Policy section of a kept policy text: the same few texts serve every receipt."""
    return split_into_sections(text).get(PolicySection.REFUND)


def _gift_codes(
    reads: Connection, lines: Sequence[_Read], tenders: Sequence[_Read]
) -> dict[int, str]:
    ids = {line.gift_card_id for line in lines} | {tender.gift_card_id for tender in tenders}
    ids.discard(None)
    if not ids:
        return {}
    return dict(
        reads.execute(select(GiftCard.id, GiftCard.code).where(GiftCard.id.in_(list(ids)))).all()
    )


def _line(line: _Read, names: dict[int, str], gift_codes: dict[int, str]) -> ReceiptLine:
    if line.kind == LineKind.GIFT_CARD:
        note = f"Code {_gift_code(gift_codes, line.gift_card_id)}"
    elif line.provider_id is not None:
        note = f"With {names.get(line.provider_id, 'the provider')}"
    else:
        note = ""
    return ReceiptLine(
        line.description,
        line.quantity,
        line.unit_price_cents,
        line.discount_cents,
        line.discount_reason,
        line.tax_cents,
        line.total_cents,
        note,
    )


def _gift_code(gift_codes: dict[int, str], card_id: int | None) -> str:
    """The card's code, "" when there is none (or no card)."""
    return "" if card_id is None else gift_codes.get(card_id, "")


def _deposits_paid(reads: Connection, tenders: Sequence[_Read]) -> dict[int, datetime]:
    ids = [tender.booking_payment_id for tender in tenders if tender.booking_payment_id is not None]
    if not ids:
        return {}
    return dict(
        reads.execute(
            select(BookingPayment.id, BookingPayment.paid_at).where(BookingPayment.id.in_(ids))
        ).all()
    )


def _tender(
    tender: _Read,
    gift_codes: dict[int, str],
    deposits_paid: dict[int, datetime],
    zone: ZoneInfo,
) -> ReceiptTender:
    kind = TenderKind(tender.kind)
    if kind is TenderKind.CARD:
        return ReceiptTender(
            f"{tender.card_brand} ending {tender.card_last4}",
            f"Approval {tender.approval_code}",
            tender.amount_cents,
        )
    if kind is TenderKind.CASH:
        return ReceiptTender(
            "Cash", f"Given {format_cents(tender.cash_given_cents)}", tender.amount_cents
        )
    if kind is TenderKind.GIFT_CARD:
        code = _gift_code(gift_codes, tender.gift_card_id)
        return ReceiptTender(f"Gift card ending {last_group(code)}", "", tender.amount_cents)
    if kind is TenderKind.DEPOSIT:
        assert tender.booking_payment_id is not None, "a deposit tender names its payment"
        paid = deposits_paid[tender.booking_payment_id].astimezone(zone)
        return ReceiptTender("Deposit", f"Paid {paid:%b} {paid.day}", tender.amount_cents)
    return ReceiptTender(kind.label, "", tender.amount_cents)


def _balances_after(
    reads: Connection,
    sale: _Read,
    lines: Sequence[_Read],
    tenders: Sequence[_Read],
    gift_codes: dict[int, str],
) -> tuple[ReceiptAmount, ...]:
    """What the sale's gift cards and the client's account credit held right after the sale.

    A card's balance is summed up to the sale's own entry for it: the entry the sale wrote has
    the sign of what the sale did (+ sold, - spent), which tells it from a void's reversal.
    """
    balances: list[ReceiptAmount] = []
    sold = {line.gift_card_id for line in lines if line.gift_card_id is not None}
    for card_id in dict.fromkeys([*sold, *(t.gift_card_id for t in tenders if t.gift_card_id)]):
        own = GiftCardEntry.amount_cents > 0 if card_id in sold else GiftCardEntry.amount_cents < 0
        last = select(func.max(GiftCardEntry.id)).where(
            GiftCardEntry.gift_card_id == card_id, GiftCardEntry.sale_id == sale.id, own
        )
        left = reads.execute(
            select(func.coalesce(func.sum(GiftCardEntry.amount_cents), 0)).where(
                GiftCardEntry.gift_card_id == card_id, GiftCardEntry.id <= last.scalar_subquery()
            )
        ).scalar_one()  # a sum is always one row
        balances.append(
            ReceiptAmount(f"Gift card ending {last_group(gift_codes[card_id])} left", left)
        )
    if sale.client_id is not None:
        credit = reads.execute(
            _CREDIT_THEN, {"client_id": sale.client_id, "at": sale.completed_at}
        ).scalar_one()  # a sum is always one row
        used = any(t.kind == TenderKind.ACCOUNT_CREDIT for t in tenders)
        if credit or used:
            balances.append(ReceiptAmount("Account credit left", credit))
    return tuple(balances)


def _exchanges(reads: Connection, sale_id: int, zone: ZoneInfo) -> tuple[str, ...]:
    return tuple(
        f"{at.astimezone(zone):%b} {at.astimezone(zone).day}: {quantity} x {description} "
        "exchanged (defective)"
        for quantity, at, description in reads.execute(_EXCHANGES, {"sale_id": sale_id})
    )
