"""What a sale's lines sell and what its tenders pay with: the words the till, the books, the
receipt and the day's totals share."""

from __future__ import annotations

from enum import StrEnum


class LineKind(StrEnum):
    SERVICE = "service"
    RETAIL = "retail"
    GIFT_CARD = "gift_card"
    FEE = "fee"
    PREPAYMENT = "prepayment"
    DEPOSIT = "deposit"  # a booking deposit taken at the till, held against the visit

    @property
    def total_label(self) -> str:
        """What the day's totals (the close-of-day dialog, the Z report) call this kind's sales."""
        return _TOTAL_LABELS[self]


_TOTAL_LABELS = {
    LineKind.SERVICE: "Services",
    LineKind.RETAIL: "Retail",
    LineKind.GIFT_CARD: "Gift cards sold",
    LineKind.FEE: "Fees",
    LineKind.PREPAYMENT: "Prepayments",
    LineKind.DEPOSIT: "Deposits taken",
}


class TenderKind(StrEnum):
    """How money is paid: at the till, and (card, cash or account credit) for a booking ahead."""

    CASH = "cash"
    CARD = "card"
    GIFT_CARD = "gift_card"
    ACCOUNT_CREDIT = "account_credit"
    DEPOSIT = "deposit"

    @property
    def label(self) -> str:
        return _TENDER_LABELS[self]


_TENDER_LABELS = {
    TenderKind.CASH: "Cash",
    TenderKind.CARD: "Card",
    TenderKind.GIFT_CARD: "Gift card",
    TenderKind.ACCOUNT_CREDIT: "Account credit",
    TenderKind.DEPOSIT: "Deposit",
}
