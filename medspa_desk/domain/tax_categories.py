"""Which of the clinic's sales tax rates a product is taxed at: the settings keep one rate per
category (tax_basis_points_service, _retail, _gift_card)."""

from __future__ import annotations

from enum import StrEnum


class TaxCategory(StrEnum):
    RETAIL = "retail"
    SERVICE = "service"
    GIFT_CARD = "gift_card"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    TaxCategory.RETAIL: "Retail",
    TaxCategory.SERVICE: "Services",
    TaxCategory.GIFT_CARD: "Gift cards",
}
