"""The till's books, as SQLAlchemy models on storage.models' Base: sales with their lines, tips
and tenders, gift cards and their entries, the shelf's stock movements and exchanges, the day's
close and each receipt printed.

Apart from storage.models only to keep each module readable: one Base, one metadata, one schema
(storage.schema registers both for Alembic).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    ForeignKey,
    String,
    Text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from medspa_desk.domain.receipt_content import ReceiptLayout
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.domain.stock_movements import StockMovementReason
from medspa_desk.storage.column_types import EnumText
from medspa_desk.storage.models import Base


class Sale(Base):
    """A completed sale. Sales are written whole when completed, and never deleted; a void keeps
    the sale and marks it."""

    __tablename__ = "sale"
    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_number: Mapped[int] = mapped_column(unique=True)
    business_day: Mapped[date] = mapped_column(index=True)  # the clinic's local date of the sale
    completed_at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"), index=True)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    subtotal_cents: Mapped[int]
    discount_cents: Mapped[int]
    tax_cents: Mapped[int]
    tip_cents: Mapped[int]
    total_cents: Mapped[int]
    change_cents: Mapped[int] = mapped_column(default=0)
    refund_policy_version: Mapped[str] = mapped_column(String(40))  # the text its receipt states
    voided_at: Mapped[datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    void_reason: Mapped[str] = mapped_column(Text, default="")


class SaleLine(Base):
    __tablename__ = "sale_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    kind: Mapped[LineKind] = mapped_column(EnumText(LineKind, 20))
    description: Mapped[str] = mapped_column(String(200))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    # Indexed: what a fee has been paid is read for every late panel, profile and fee checkout.
    fee_id: Mapped[int | None] = mapped_column(ForeignKey("client_fee.id"), index=True)
    gift_card_id: Mapped[int | None] = mapped_column(ForeignKey("gift_card.id"))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    quantity: Mapped[int]
    unit_price_cents: Mapped[int]
    discount_cents: Mapped[int] = mapped_column(default=0)
    discount_reason: Mapped[str] = mapped_column(Text, default="")
    tax_cents: Mapped[int] = mapped_column(default=0)
    total_cents: Mapped[int]


class SaleTip(Base):
    __tablename__ = "sale_tip"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    amount_cents: Mapped[int]


class SaleTender(Base):
    """One way the sale was paid. Card tenders keep brand, last four and approval code only."""

    __tablename__ = "sale_tender"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    kind: Mapped[TenderKind] = mapped_column(EnumText(TenderKind, 20))
    amount_cents: Mapped[int]  # what this tender paid towards the total
    cash_given_cents: Mapped[int] = mapped_column(default=0)
    card_brand: Mapped[str] = mapped_column(String(20), default="")
    card_last4: Mapped[str] = mapped_column(String(4), default="")
    approval_code: Mapped[str] = mapped_column(String(20), default="")
    gift_card_id: Mapped[int | None] = mapped_column(ForeignKey("gift_card.id"))
    booking_payment_id: Mapped[int | None] = mapped_column(ForeignKey("booking_payment.id"))


class GiftCard(Base):
    __tablename__ = "gift_card"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    issued_at: Mapped[datetime]
    initial_cents: Mapped[int]


class GiftCardEntry(Base):
    """A gift card's balance moves: + when sold or topped up, - when spent. Never edited."""

    __tablename__ = "gift_card_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    gift_card_id: Mapped[int] = mapped_column(ForeignKey("gift_card.id"), index=True)
    amount_cents: Mapped[int]
    at: Mapped[datetime]
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"))
    # A card's opening balance brought in from the old system: the import that wrote it.
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class StockMovement(Base):
    """Retail stock in and out; product.stock_quantity is kept equal to their sum."""

    __tablename__ = "stock_movement"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    quantity: Mapped[int]  # + in, - out
    reason: Mapped[StockMovementReason] = mapped_column(EnumText(StockMovementReason, 20))
    at: Mapped[datetime]
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class RetailExchange(Base):
    """A defective product exchanged for the same product, against its original receipt."""

    __tablename__ = "retail_exchange"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_line_id: Mapped[int] = mapped_column(ForeignKey("sale_line.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    quantity: Mapped[int]
    at: Mapped[datetime]
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(Text)


class DayClose(Base):
    """The close of a business day: after it, that day's sales cannot change."""

    __tablename__ = "day_close"
    business_day: Mapped[date] = mapped_column(primary_key=True)
    closed_at: Mapped[datetime]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    expected_cash_cents: Mapped[int]
    counted_cash_cents: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")


class ReceiptPrint(Base):
    """Each time a receipt was printed or saved, with the layout and the policy text it stated.
    Only a copy on paper makes the next one a reprint (a PDF saved is not handed to the client)."""

    __tablename__ = "receipt_print"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    at: Mapped[datetime]
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    layout: Mapped[ReceiptLayout] = mapped_column(EnumText(ReceiptLayout, 10))
    reprint: Mapped[bool]
    on_paper: Mapped[bool] = mapped_column(server_default=true())
    refund_policy_version: Mapped[str] = mapped_column(String(40))
