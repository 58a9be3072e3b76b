"""What a receipt says, as plain data (domain.receipt_content) for documents.receipt to print, and the record of each print.

The refund policy printed is the clinic's published Refund Policy, word for word, in the version
the sale was made under (kept verbatim in policy_text); a receipt printed before for the same
sale prints again marked REPRINT. A card shows as brand and last four digits only, a gift card
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
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.policy_text import (
    POLICY_VERSION,
    PolicySection,
    policy_section,
    split_into_sections,
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


def receipt_data(desk: Desk, receipt_number: int) -> ReceiptData:
    """Everything receipt `receipt_number` prints; a reprint if it was printed or saved before."""
    zone = desk.settings.zone
    with desk.db.reading() as session:
        sale = session.scalars(select(Sale).where(Sale.receipt_number == receipt_number)).first()
        if sale is None:
            raise DeskRefusal(f"There is no receipt number {receipt_number}.")
        names = _staff_names(session, sale)
        lines = session.scalars(
            select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.id)
        ).all()
        tenders = session.scalars(
            select(SaleTender).where(SaleTender.sale_id == sale.id).order_by(SaleTender.id)
        ).all()
        tips = session.execute(
            select(SaleTip.provider_id, SaleTip.amount_cents)
            .where(SaleTip.sale_id == sale.id)
            .order_by(SaleTip.id)
        ).all()
        gift_codes = _gift_codes(session, lines, tenders)
        deposits_paid = _deposits_paid(session, tenders)
        policy_version, policy = _refund_policy(session, sale.refund_policy_version)
        printed_before = session.scalar(
            select(ReceiptPrint.id).where(ReceiptPrint.sale_id == sale.id).limit(1)
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
            client_name=_client_name(session, sale.client_id),
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
            balances=_balances_after(session, sale, lines, tenders, gift_codes),
            exchanges=_exchanges(session, sale, zone),
            refund_policy=policy,
            refund_policy_version=policy_version,
            voided=sale.voided_at is not None,
            void_reason=sale.void_reason,
            reprint=printed_before is not None,
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


def record_receipt_print(desk: Desk, sale_id: int, layout: ReceiptLayout, reprint: bool) -> int:
    """Record that the sale's receipt was printed or saved as a PDF; the record's id."""
    layout = ReceiptLayout.named(layout)
    now = desk.clock.now()
    with desk.db.writing() as session:
        sale = session.get(Sale, sale_id)
        if sale is None:
            raise DeskRefusal(f"There is no sale number {sale_id}.")
        version, _text = _refund_policy(session, sale.refund_policy_version)
        printed = ReceiptPrint(
            sale_id=sale.id,
            at=now,
            by_staff_id=desk.staff_id,
            layout=layout,
            reprint=reprint,
            refund_policy_version=version,
        )
        session.add(printed)
        session.flush()
        return printed.id


def _refund_policy(session: Session, version: str) -> tuple[str, str]:
    """(version, text) of the Refund Policy the sale was made under, or today's if that text is
    not kept."""
    text = session.scalar(select(PolicyText.text).where(PolicyText.version == version))
    section = split_into_sections(text).get(PolicySection.REFUND) if text else None
    if section is None:
        return POLICY_VERSION, policy_section(PolicySection.REFUND)
    return version, section


def _staff_names(session: Session, sale: Sale) -> dict[int, str]:
    """Names of the staff member at the desk and of every provider on the sale, in one query."""
    on_sale = select(SaleLine.provider_id).where(SaleLine.sale_id == sale.id)
    tipped = select(SaleTip.provider_id).where(SaleTip.sale_id == sale.id)
    return dict(
        session.execute(
            select(Staff.id, Staff.display_name).where(
                (Staff.id == sale.staff_id) | Staff.id.in_(on_sale) | Staff.id.in_(tipped)
            )
        ).all()
    )


def _client_name(session: Session, client_id: int | None) -> str:
    if client_id is None:
        return ""
    row = session.execute(
        select(Client.first_name, Client.last_name).where(Client.id == client_id)
    ).first()
    return f"{row.first_name} {row.last_name}".strip() if row else ""


def _gift_codes(
    session: Session, lines: Sequence[SaleLine], tenders: Sequence[SaleTender]
) -> dict[int, str]:
    ids = {line.gift_card_id for line in lines} | {tender.gift_card_id for tender in tenders}
    ids.discard(None)
    if not ids:
        return {}
    return dict(
        session.execute(select(GiftCard.id, GiftCard.code).where(GiftCard.id.in_(list(ids)))).all()
    )


def _line(line: SaleLine, names: dict[int, str], gift_codes: dict[int, str]) -> ReceiptLine:
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


def _deposits_paid(session: Session, tenders: Sequence[SaleTender]) -> dict[int, datetime]:
    ids = [tender.booking_payment_id for tender in tenders if tender.booking_payment_id is not None]
    if not ids:
        return {}
    return dict(
        session.execute(
            select(BookingPayment.id, BookingPayment.paid_at).where(BookingPayment.id.in_(ids))
        ).all()
    )


def _tender(
    tender: SaleTender,
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
    session: Session,
    sale: Sale,
    lines: Sequence[SaleLine],
    tenders: Sequence[SaleTender],
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
        left = session.execute(
            select(func.coalesce(func.sum(GiftCardEntry.amount_cents), 0)).where(
                GiftCardEntry.gift_card_id == card_id, GiftCardEntry.id <= last.scalar_subquery()
            )
        ).scalar_one()  # a sum is always one row
        balances.append(
            ReceiptAmount(f"Gift card ending {last_group(gift_codes[card_id])} left", left)
        )
    if sale.client_id is not None:
        credit = session.execute(
            select(func.coalesce(func.sum(AccountCreditEntry.amount_cents), 0)).where(
                AccountCreditEntry.client_id == sale.client_id,
                AccountCreditEntry.at <= sale.completed_at,
            )
        ).scalar_one()  # a sum is always one row
        used = any(t.kind == TenderKind.ACCOUNT_CREDIT for t in tenders)
        if credit or used:
            balances.append(ReceiptAmount("Account credit left", credit))
    return tuple(balances)


def _exchanges(session: Session, sale: Sale, zone: ZoneInfo) -> tuple[str, ...]:
    rows = session.execute(
        select(RetailExchange.quantity, RetailExchange.at, SaleLine.description)
        .join(SaleLine, SaleLine.id == RetailExchange.sale_line_id)
        .where(SaleLine.sale_id == sale.id)
        .order_by(RetailExchange.id)
    )
    return tuple(
        f"{at.astimezone(zone):%b} {at.astimezone(zone).day}: {quantity} x {description} "
        "exchanged (defective)"
        for quantity, at, description in rows
    )
