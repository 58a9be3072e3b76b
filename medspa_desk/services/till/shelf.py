"""The retail shelf as the clinic keeps it: add, edit, retire and bring back a product.

Decisions where the issue is silent:
- A product's edit never changes its count: stock moves only through stock movements (received,
  sold, exchanged, a count corrected: services.till.retail_stock). A new product starts at 0 and
  is received onto the shelf.
- SKUs are unique whatever their case (the till finds one whatever case is typed); a barcode is
  unique where given, and neither may be another product's SKU or barcode, so what a scanner
  reads names one product.
- A product is never deleted: sales and stock movements name it. Retiring takes it off the till
  and the low-stock list; its sales stay in the books.
- Only a manager at the desk changes the shelf: it sets what clients are charged.
- The audit entry holds each changed field's old and new value (shelf settings, not client data).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.tax_categories import TaxCategory
from medspa_desk.services.books.audit_trail import changed_fields, record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, FieldsRefused, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Product

_LENGTHS = {"sku": 40, "barcode": 64, "name": 120, "brand": 60}
HIGHEST_REORDER_LEVEL = 10_000


class ProductRefused(FieldsRefused):
    """Fields of a product are not right (`problems`, by ProductDetails' field names)."""


@dataclass(frozen=True)
class ProductDetails:
    """A product as the shelf form gives it."""

    sku: str
    barcode: str  # "" when the product has none
    name: str
    brand: str
    price_cents: int | None  # None: what was typed is not an amount
    cost_cents: int | None
    tax_category: TaxCategory
    reorder_level: int


@dataclass(frozen=True)
class ShelfProduct:
    """A product, on sale or retired, as the shelf page lists it."""

    product_id: int
    details: ProductDetails
    stock_quantity: int
    active: bool


def shelf_products(desk: Desk) -> list[ShelfProduct]:
    """Every product, on sale first, by name."""
    with desk.db.reading() as session:
        products = session.scalars(
            select(Product).order_by(Product.active.desc(), Product.name, Product.sku)
        ).all()
        return [
            ShelfProduct(product.id, _details(product), product.stock_quantity, product.active)
            for product in products
        ]


def add_product(desk: Desk, details: ProductDetails) -> int:
    """Put a new product on the shelf, with none in stock yet; its id."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        return write_new_product(session, details, desk.staff_id, now)


def write_new_product(
    session: Session, details: ProductDetails, by_staff_id: int | None, now: datetime
) -> int:
    """Check a new product and write it, with none in stock, audited, inside the caller's
    transaction; its id, or ProductRefused. The one way a Product row is made: the shelf page's
    Add, and the demo clinic (built with nobody signed in), which then receives its stock as the desk would."""
    details = _tidied(details)
    _check(session, details, None)
    product = Product(stock_quantity=0, **_columns(details))
    session.add(product)
    session.flush()
    subject = f"product:{product.id}"
    record_audit(session, by_staff_id, "shelf.product_added", subject, _as_audit(details), now)
    return product.id


def edit_product(desk: Desk, product_id: int, details: ProductDetails) -> dict[str, list[object]]:
    """Change a product (never its count); each changed field's [old, new] (empty: no change)."""
    details = _tidied(details)
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        product = _product(session, product_id)
        _check(session, details, product_id)
        changes = changed_fields(_as_audit(_details(product)), _as_audit(details))
        if not changes:
            return {}
        for column, value in _columns(details).items():
            setattr(product, column, value)
        record_audit(
            session, desk.staff_id, "shelf.product_changed", f"product:{product.id}", changes, now
        )
        return changes


def set_product_active(desk: Desk, product_id: int, active: bool) -> None:
    """Retire a product (off the till and the low-stock list) or put it back on sale."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CHANGE_SET_UP)
        product = _product(session, product_id)
        if product.active == active:
            state = "on sale" if active else "retired"
            raise DeskRefusal(f"{product.name} ({product.sku}) is {state} already.")
        product.active = active
        action = "shelf.product_restored" if active else "shelf.product_retired"
        record_audit(session, desk.staff_id, action, f"product:{product.id}", {}, now)


def _tidied(details: ProductDetails) -> ProductDetails:
    return ProductDetails(
        details.sku.strip(),
        details.barcode.strip(),
        " ".join(details.name.split()),
        " ".join(details.brand.split()),
        details.price_cents,
        details.cost_cents,
        details.tax_category,
        details.reorder_level,
    )


def _check(session: Session, details: ProductDetails, product_id: int | None) -> None:
    """Nothing, when every field is right; or ProductRefused naming each wrong field."""
    problems: dict[str, str] = {}
    if not details.sku:
        problems["sku"] = "Give the product a SKU (the clinic's stock code, e.g. SKN-014)."
    if not details.name:
        problems["name"] = "Give the product a name, as the till and receipts show it."
    if not details.brand:
        problems["brand"] = "Give the product's brand, as the till and receipts show it."
    for field, limit in _LENGTHS.items():
        text = getattr(details, field)
        if len(text) > limit:
            problems.setdefault(field, f"Too long: {limit} characters at most.")
        elif any(character.isspace() for character in text) and field in ("sku", "barcode"):
            problems.setdefault(field, "No spaces: a scanner types it as one word.")
        try:
            refuse_card_number(text, "This field")
        except DeskRefusal as refusal:
            problems.setdefault(field, str(refusal))
    if "sku" not in problems:
        clash = _product_named_by(session, details.sku, product_id)
        if clash is not None:
            problems["sku"] = f"The SKU {details.sku} is {clash}'s already: SKUs are unique."
    if details.barcode and "barcode" not in problems:
        clash = _product_named_by(session, details.barcode, product_id)
        if clash is not None:
            problems["barcode"] = (
                f"The barcode {details.barcode} is {clash}'s already: barcodes are unique."
            )
    if details.barcode and details.barcode.upper() == details.sku.upper():
        problems.setdefault("barcode", "Leave the barcode empty when it is the SKU itself.")
    if details.price_cents is None:
        problems["price_cents"] = "Give the price as an amount like 42.00."
    elif details.price_cents < 0:
        problems["price_cents"] = "The price cannot be below $0.00."
    if details.cost_cents is None:
        problems["cost_cents"] = "Give the cost as an amount like 21.00, or leave it empty."
    elif details.cost_cents < 0:
        problems["cost_cents"] = "The cost cannot be below $0.00."
    if not isinstance(details.tax_category, TaxCategory):
        problems["tax_category"] = "Choose the tax rate it is sold at."
    if not 0 <= details.reorder_level <= HIGHEST_REORDER_LEVEL:
        problems["reorder_level"] = (
            f"The reorder level is a count from 0 to {HIGHEST_REORDER_LEVEL:,}, "
            f"not {details.reorder_level}."
        )
    if problems:
        order = [field.name for field in fields(ProductDetails)]
        in_order = dict(sorted(problems.items(), key=lambda item: order.index(item[0])))
        field, sentence = next(iter(in_order.items()))
        raise ProductRefused(field, sentence, in_order)


def _product_named_by(session: Session, code: str, product_id: int | None) -> str | None:
    """The product (but this one) whose SKU or barcode is `code`, as "name (SKU)"; or None."""
    same = select(Product.name, Product.sku).where(
        or_(func.upper(Product.sku) == code.upper(), func.upper(Product.barcode) == code.upper())
    )
    if product_id is not None:
        same = same.where(Product.id != product_id)
    row = session.execute(same.limit(1)).first()
    return None if row is None else f"{row.name} ({row.sku})"


def _product(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise DeskRefusal(f"There is no product number {product_id} on the shelf.")
    return product


def _details(product: Product) -> ProductDetails:
    return ProductDetails(
        product.sku,
        product.barcode or "",
        product.name,
        product.brand,
        product.price_cents,
        product.cost_cents,
        product.tax_category,
        product.reorder_level,
    )


def _columns(details: ProductDetails) -> dict[str, object]:
    return {
        "sku": details.sku,
        "barcode": details.barcode or None,  # NULLs do not clash in the unique index
        "name": details.name,
        "brand": details.brand,
        "price_cents": details.price_cents,
        "cost_cents": details.cost_cents,
        "tax_category": details.tax_category,
        "reorder_level": details.reorder_level,
    }


def _as_audit(details: ProductDetails) -> dict[str, object]:
    return {field.name: getattr(details, field.name) for field in fields(ProductDetails)}
