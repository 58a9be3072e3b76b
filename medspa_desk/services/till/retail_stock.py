"""The retail shelf: finding a product at the till, stock in and out, and defective exchanges.

product.stock_quantity is kept equal to the sum of the product's stock movements; every change
to it writes a movement in the same transaction.

Decisions where the policy is silent:
- A sale may take the count below zero. The unit in the client's hand is real and the count is
  what is wrong (a delivery not received, a miscount), so the sale goes through and the desk is
  told to recount; a negative count shows first on the low-stock list.
- Low stock is a count at or below LOW_STOCK_AT (3), unless the caller gives another threshold.
- A defective exchange hands over a new unit of the same product, and the defective one does
  not go back on the shelf (it goes back to the vendor or in the bin): sellable stock goes down
  by the quantity exchanged.
- "Within 14 days" counts clinic dates: a product bought on the 1st can be exchanged up to and
  including the 15th (day 14); on the 16th (day 15) it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.domain.sale_math import CartLine
from medspa_desk.domain.stock_movements import StockMovementReason
from medspa_desk.domain.tax_categories import TaxCategory
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number, required_text
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Product
from medspa_desk.storage.till_models import RetailExchange, Sale, SaleLine, StockMovement

LOW_STOCK_AT = 3
_SEARCH_LIMIT = 25


@dataclass(frozen=True)
class ProductMatch:
    product_id: int
    sku: str
    name: str
    brand: str
    price_cents: int
    stock_quantity: int
    tax_category: TaxCategory


@dataclass(frozen=True)
class ExchangeRecorded:
    exchange_id: int
    product_id: int
    quantity: int
    stock_quantity: int  # on the shelf after the exchange
    recount_warning: str  # "" unless the count went below zero


def find_product(desk: Desk, sku_or_text: str) -> list[ProductMatch]:
    """The product whose SKU or barcode is exactly this (a scanner types it and presses Enter),
    or else the active products whose name, brand or SKU contain every word typed, by name."""
    text = sku_or_text.strip()
    if not text:
        return []
    with desk.db.reading() as session:
        exact = session.execute(
            _matches().where(or_(func.upper(Product.sku) == text.upper(), Product.barcode == text))
        ).all()
        if exact:
            return [ProductMatch(*row) for row in exact]
        words = [
            or_(
                Product.name.icontains(word, autoescape=True),
                Product.brand.icontains(word, autoescape=True),
                Product.sku.icontains(word, autoescape=True),
            )
            for word in text.split()
        ]
        rows = session.execute(_matches().where(*words).order_by(Product.name).limit(_SEARCH_LIMIT))
        return [ProductMatch(*row) for row in rows]


def retail_line(product: ProductMatch, quantity: int = 1) -> CartLine:
    return CartLine(
        LineKind.RETAIL,
        f"{product.name} ({product.brand})",
        product.price_cents,
        quantity=quantity,
        product_id=product.product_id,
        tax_category=product.tax_category,
    )


def scanned_line(desk: Desk, sku_or_text: str) -> CartLine:
    """The line for what was scanned or typed at the till, when it names exactly one product."""
    found = find_product(desk, sku_or_text)
    if not found:
        raise DeskRefusal(
            f"No product on the shelf has the SKU, barcode or name {sku_or_text.strip()!r}."
        )
    if len(found) > 1:
        raise DeskRefusal(
            f"{sku_or_text.strip()!r} matches {len(found)} products: pick one from the list."
        )
    return retail_line(found[0])


def receive_stock(desk: Desk, product_id: int, quantity: int, note: str = "") -> int:
    """Units delivered onto the shelf; the new count."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.SELL)
        return write_received_stock(session, product_id, quantity, desk.staff_id, now, note)


def write_received_stock(
    session: Session,
    product_id: int,
    quantity: int,
    by_staff_id: int | None,
    now: datetime,
    note: str = "",
) -> int:
    """Units delivered onto the shelf, moved and audited inside the caller's transaction; the
    new count. The desk's Receive and the demo clinic's opening stock alike."""
    _check_receiving(quantity, note)
    product = _product(session, product_id)
    move_stock(
        session,
        product,
        quantity,
        StockMovementReason.RECEIVING,
        now,
        by_staff_id,
        note=note.strip(),
    )
    record_audit(
        session,
        by_staff_id,
        "stock.received",
        f"product:{product.id}",
        {"quantity": quantity, "stock_quantity": product.stock_quantity},
        now,
    )
    return product.stock_quantity


def _check_receiving(quantity: int, note: str) -> None:
    if quantity < 1:
        raise DeskRefusal(f"Receive 1 unit or more, not {quantity}.")
    refuse_card_number(note, "Note")


def correct_count(desk: Desk, product_id: int, counted: int, reason: str) -> int:
    """The shelf recounted: the count becomes `counted`, moved by one adjustment that keeps the
    reason (a miscount, a breakage, a tester opened); the new count."""
    reason = required_text(reason, "Say why the count was wrong: the reason is kept with it.")
    refuse_card_number(reason, "Reason")
    if counted < 0:
        raise DeskRefusal(f"A count is 0 or more, not {counted}.")
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.SELL)
        product = _product(session, product_id)
        before = product.stock_quantity
        if counted == before:
            raise DeskRefusal(f"{product.name} is counted at {before} already: nothing to correct.")
        move_stock(
            session,
            product,
            counted - before,
            StockMovementReason.ADJUSTMENT,
            now,
            desk.staff_id,
            note=reason,
        )
        record_audit(
            session,
            desk.staff_id,
            "stock.counted",
            f"product:{product.id}",
            {"stock_quantity": [before, counted]},
            now,
        )
        return product.stock_quantity


def low_stock(desk: Desk, threshold: int | None = None) -> list[ProductMatch]:
    """Active products with `threshold` (LOW_STOCK_AT) units or fewer, the emptiest first."""
    limit = LOW_STOCK_AT if threshold is None else threshold
    with desk.db.reading() as session:
        rows = session.execute(
            _matches()
            .where(Product.stock_quantity <= limit)
            .order_by(Product.stock_quantity, Product.name)
        )
        return [ProductMatch(*row) for row in rows]


def exchange_defective(
    desk: Desk,
    receipt_number: int,
    sale_line_id: int,
    *,
    quantity: int,
    reason: str,
    replacement_sku: str | None = None,
) -> ExchangeRecorded:
    """Exchange defective units bought on this receipt for new units of the same product.

    `replacement_sku` is what was scanned to hand over, when it was scanned: it must be the same
    product (published policy: "for the same product only").
    """
    reason = required_text(reason, "Say what is defective: the reason is kept with the exchange.")
    refuse_card_number(reason, "Reason")
    now = desk.clock.now()
    today = local_date(now, desk.settings.zone)
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.SELL)
        sale = session.scalars(select(Sale).where(Sale.receipt_number == receipt_number)).first()
        if sale is None:
            raise DeskRefusal(f"There is no receipt number {receipt_number}.")
        line = session.get(SaleLine, sale_line_id)
        if line is None or line.sale_id != sale.id:
            raise DeskRefusal(f"That line is not on receipt {receipt_number}.")
        if sale.voided_at is not None:
            raise DeskRefusal(f"Receipt {receipt_number} was voided: there is nothing to exchange.")
        if line.kind != LineKind.RETAIL:
            raise DeskRefusal(
                "Only retail products are exchanged. Services and gift cards are not refunded "
                "or exchanged (Refund Policy)."
            )
        product = _product(session, line.product_id)
        if replacement_sku is not None and replacement_sku.strip().upper() != product.sku.upper():
            raise DeskRefusal(
                f"A defective product is exchanged for the same product only: this is "
                f"{product.name} ({product.sku}), not {replacement_sku.strip()!r}."
            )
        _check_window(sale.business_day, today, desk.settings.exchange_days, receipt_number)
        exchanged = session.execute(
            select(func.coalesce(func.sum(RetailExchange.quantity), 0)).where(
                RetailExchange.sale_line_id == line.id
            )
        ).scalar_one()  # a sum is always one row
        left = line.quantity - exchanged
        if quantity < 1 or quantity > left:
            raise DeskRefusal(
                f"Receipt {receipt_number} has {left} of {product.name} left to exchange "
                f"({line.quantity} bought, {exchanged} exchanged already); {quantity} asked."
            )
        exchange = RetailExchange(
            sale_line_id=line.id,
            product_id=product.id,
            quantity=quantity,
            at=now,
            by_staff_id=desk.staff_id,
            reason=reason,
        )
        session.add(exchange)
        warning = move_stock(
            session,
            product,
            -quantity,
            StockMovementReason.EXCHANGE,
            now,
            desk.staff_id,
            sale_id=sale.id,
            note=f"Defective unit exchanged on receipt {receipt_number}",
        )
        session.flush()
        record_audit(
            session,
            desk.staff_id,
            "retail.exchanged",
            f"sale:{sale.id}",
            {
                "exchange_id": exchange.id,
                "sale_line_id": line.id,
                "product_id": product.id,
                "quantity": quantity,
            },
            now,
        )
        return ExchangeRecorded(exchange.id, product.id, quantity, product.stock_quantity, warning)


def move_stock(
    session: Session,
    product: Product,
    quantity: int,
    reason: StockMovementReason,
    now: datetime,
    staff_id: int | None,
    *,
    sale_id: int | None = None,
    note: str = "",
) -> str:
    """Move `quantity` units (+ in, - out) and record why; a recount warning, or ""."""
    product.stock_quantity += quantity
    session.add(
        StockMovement(
            product_id=product.id,
            quantity=quantity,
            reason=reason,
            at=now,
            by_staff_id=staff_id,
            sale_id=sale_id,
            note=note,
        )
    )
    if product.stock_quantity < 0:
        return (
            f"{product.name} ({product.sku}): the count is now {product.stock_quantity}. "
            "Please recount the shelf and correct the stock."
        )
    return ""


def _matches() -> Select[int, str, str, str, int, int, TaxCategory]:
    """A ProductMatch's columns, in its order, of the products on sale."""
    return select(
        Product.id,
        Product.sku,
        Product.name,
        Product.brand,
        Product.price_cents,
        Product.stock_quantity,
        Product.tax_category,
    ).where(Product.active)


def _product(session: Session, product_id: int | None) -> Product:
    product = session.get(Product, product_id) if product_id is not None else None
    if product is None:
        raise DeskRefusal(f"There is no product number {product_id} on the shelf.")
    return product


def _check_window(sold_on: date, today: date, days: int, receipt_number: int) -> None:
    age = (today - sold_on).days
    if age > days:
        raise DeskRefusal(
            f"Receipt {receipt_number} is from {sold_on:%a %b} {sold_on.day}, {age} days ago: "
            f"defective products may be exchanged within {days} days (Refund Policy)."
        )
