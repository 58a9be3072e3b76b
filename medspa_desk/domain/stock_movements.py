"""Why a product's shelf count moved: each movement of stock is recorded with its reason."""

from __future__ import annotations

from enum import StrEnum


class StockMovementReason(StrEnum):
    SALE = "sale"
    RECEIVING = "receiving"  # a delivery put on the shelf
    EXCHANGE = "exchange"  # a defective unit swapped for the same product
    ADJUSTMENT = "adjustment"  # a recount
    VOID = "void"  # a voided sale's units back on the shelf
