"""What a receipt says, as plain values: made by services.till.receipts from the books, printed by
documents.receipt (which therefore needs nothing from services).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ReceiptLayout(StrEnum):
    ROLL = "roll"  # the 80 mm receipt printer
    LETTER = "letter"  # a US Letter sheet, printed or emailed

    @property
    def label(self) -> str:
        return _LAYOUT_LABELS[self]

    @classmethod
    def named(cls, name: str) -> ReceiptLayout:
        """The layout called `name`; a ValueError names the layouts there are."""
        try:
            return cls(name)
        except ValueError:
            raise ValueError(f"a receipt layout is one of {', '.join(cls)}, not {name!r}") from None


_LAYOUT_LABELS = {ReceiptLayout.ROLL: "Roll (80 mm)", ReceiptLayout.LETTER: "Letter"}


@dataclass(frozen=True)
class ReceiptLine:
    description: str
    quantity: int
    unit_price_cents: int
    discount_cents: int
    discount_reason: str
    tax_cents: int
    total_cents: int
    note: str  # the provider of a service, the code of a gift card sold


@dataclass(frozen=True)
class ReceiptTender:
    label: str  # "Cash", "Visa ending 4242", "Gift card ending PQRS"
    detail: str  # "Approval 123456", "Given $100.00", ...
    amount_cents: int


@dataclass(frozen=True)
class ReceiptAmount:
    label: str
    amount_cents: int


@dataclass(frozen=True)
class ReceiptData:
    sale_id: int
    receipt_number: int
    clinic_name: str
    address_line: str
    city_line: str
    phone: str
    email: str
    sold_at: datetime  # in the clinic's zone
    staff_name: str
    client_name: str  # "" for a sale to nobody in particular
    lines: tuple[ReceiptLine, ...]
    subtotal_cents: int
    discount_cents: int
    tax_cents: int
    tips: tuple[ReceiptAmount, ...]  # per provider
    tip_cents: int
    total_cents: int
    tenders: tuple[ReceiptTender, ...]
    change_cents: int
    balances: tuple[ReceiptAmount, ...]  # gift cards and account credit left after the sale
    exchanges: tuple[str, ...]  # defective exchanges made since against this receipt
    refund_policy: str  # paragraphs separated by blank lines
    refund_policy_version: str  # the hash the books keep (policy_text.version_of)
    refund_policy_label: str  # what the client reads: "Policies of November 25, 2026"
    voided: bool
    void_reason: str
    reprint: bool  # a paper copy was printed before (PDFs saved do not count)
