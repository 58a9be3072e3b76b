"""The retail lines of a receipt that a defective exchange can name (retail_stock.exchange_defective
takes the line's id), with what is left of each to exchange.

Read only. Whether an exchange is allowed (the window, a voided sale, the same product) is
exchange_defective's to decide when it is asked; this only lists what the receipt sold.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Product
from medspa_desk.storage.till_models import RetailExchange, Sale, SaleLine


@dataclass(frozen=True)
class ExchangeableLine:
    sale_line_id: int
    description: str
    sku: str
    quantity: int  # bought on the receipt
    exchanged: int  # exchanged already

    @property
    def left(self) -> int:
        return self.quantity - self.exchanged


def exchangeable_lines(desk: Desk, receipt_number: int) -> list[ExchangeableLine]:
    """The retail lines of receipt `receipt_number`, in the order it prints them."""
    exchanged = (
        select(func.coalesce(func.sum(RetailExchange.quantity), 0))
        .where(RetailExchange.sale_line_id == SaleLine.id)
        .scalar_subquery()
    )
    with desk.db.reading() as session:
        sale_id = session.scalar(select(Sale.id).where(Sale.receipt_number == receipt_number))
        if sale_id is None:
            raise DeskRefusal(f"There is no receipt number {receipt_number}.")
        rows = session.execute(
            select(SaleLine.id, SaleLine.description, Product.sku, SaleLine.quantity, exchanged)
            .join(Product, Product.id == SaleLine.product_id)
            .where(SaleLine.sale_id == sale_id, SaleLine.kind == LineKind.RETAIL)
            .order_by(SaleLine.id)
        )
        return [ExchangeableLine(*row) for row in rows]
