"""The clinic set-up's "Retail shelf" page: every product, on sale or retired, the form that adds
one or edits the one selected (services.till.shelf), and a recount of the one selected
(services.till.retail_stock.correct_count): the form never changes a count."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QSpinBox

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.tax_categories import TaxCategory
from medspa_desk.services.desk import Desk
from medspa_desk.services.till.retail_stock import correct_count
from medspa_desk.services.till.shelf import (
    ProductDetails,
    ShelfProduct,
    add_product,
    edit_product,
    set_product_active,
    shelf_products,
)
from medspa_desk.ui.clinic_setup.catalogue_page import (
    SET_UP_CHANGED,
    CataloguePage,
    amount_text,
    cents_in,
)
from medspa_desk.ui.desk_actions import DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button, named_combo, named_field

COLUMNS = (
    "Product",
    "Brand",
    "SKU",
    "Barcode",
    "Price",
    "Cost",
    "In stock",
    "Reorder at",
    "On sale",
)


class RetailShelfPage(CataloguePage[ShelfProduct]):
    item_word = "product"

    def __init__(self, desk: Desk, desk_actions: DeskActions) -> None:
        super().__init__(desk, desk_actions, COLUMNS, "Products on the shelf")
        self.setAccessibleName("Retail shelf")
        self.sku = self.add_field("sku", "SKU", named_field("SKU", "e.g. SKN-014"))
        self.barcode = self.add_field("barcode", "Barcode", named_field("Barcode", "scan it here"))
        self.name = self.add_field("name", "Name", named_field("Product name"))
        self.brand = self.add_field("brand", "Brand", named_field("Brand"))
        self.price = self.add_field("price_cents", "Price", named_field("Price", "e.g. 42.00"))
        self.cost = self.add_field(
            "cost_cents", "Cost", named_field("Cost", "what the clinic pays")
        )
        self.tax = named_combo("Tax category")
        for category in TaxCategory:
            self.tax.addItem(category.label, category)
        self.add_field("tax_category", "Taxed as", self.tax)
        self.reorder = QSpinBox()
        self.reorder.setAccessibleName("Reorder level")
        self.reorder.setRange(0, 10_000)
        self.reorder.setToolTip("Order more when the count is down to this")
        self.add_field("reorder_level", "Reorder at", self.reorder)
        self.lay_out(self._recount_row())

    def _recount_row(self) -> QFormLayout:
        self.counted = QSpinBox()
        self.counted.setAccessibleName("Counted on the shelf")
        self.counted.setRange(0, 100_000)
        # As wide as its largest count and its arrows: the reason beside it needs the room.
        self.counted.setMaximumWidth(self.counted.fontMetrics().horizontalAdvance("100000") + 40)
        self.recount_reason = named_field("Recount reason", "why the count was wrong")
        self.recount = named_button(
            "Correct count", "Correct count", "Set the count to what is on the shelf, with why"
        )
        self.recount.clicked.connect(self._correct_count)
        self.recount_message = MessageLine("Recount message")
        row = QHBoxLayout()
        row.addWidget(self.counted)
        row.addWidget(self.recount_reason, 1)  # the room goes to the reason, to be read whole
        row.addWidget(self.recount)
        recount = QFormLayout()
        recount.addRow("Recount:", row)
        recount.addRow(self.recount_message)
        return recount

    def read_items(self) -> list[ShelfProduct]:
        return shelf_products(self.desk)

    def item_id(self, item: ShelfProduct) -> int:
        return item.product_id

    def is_active(self, item: ShelfProduct) -> bool:
        return item.active

    def item_name(self, item: ShelfProduct) -> str:
        return f"{item.details.name} ({item.details.sku})"

    def row_texts(self, item: ShelfProduct) -> list[str]:
        details = item.details
        return [
            details.name,
            details.brand,
            details.sku,
            details.barcode,
            format_cents(details.price_cents),
            format_cents(details.cost_cents),
            str(item.stock_quantity),
            str(details.reorder_level),
            "yes" if item.active else "retired",
        ]

    def show_in_form(self, item: ShelfProduct | None) -> None:
        details = item.details if item is not None else None
        self.sku.setText(details.sku if details else "")
        self.barcode.setText(details.barcode if details else "")
        self.name.setText(details.name if details else "")
        self.brand.setText(details.brand if details else "")
        self.price.setText(amount_text(details.price_cents) if details else "")
        self.cost.setText(amount_text(details.cost_cents) if details else "")
        category = details.tax_category if details else TaxCategory.RETAIL
        self.tax.setCurrentIndex(self.tax.findData(category))
        self.reorder.setValue(details.reorder_level if details else 0)
        self.sku.setFocus()
        self._recount_for(item)

    def _recount_for(self, item: ShelfProduct | None) -> None:
        for widget in (self.counted, self.recount_reason, self.recount):
            widget.setEnabled(item is not None)
        self.counted.setValue(item.stock_quantity if item is not None else 0)
        self.recount_reason.clear()
        self.recount_message.clear_message()

    def save_form(self, item_id: int | None) -> int:
        details = ProductDetails(
            sku=self.sku.text(),
            barcode=self.barcode.text(),
            name=self.name.text(),
            brand=self.brand.text(),
            price_cents=cents_in(self.price.text()),
            cost_cents=cents_in(self.cost.text(), empty_is_zero=True),
            tax_category=TaxCategory(self.tax.currentData()),
            reorder_level=self.reorder.value(),
        )
        if item_id is None:
            return add_product(self.desk, details)
        edit_product(self.desk, item_id, details)
        return item_id

    def set_active(self, item_id: int, active: bool) -> None:
        set_product_active(self.desk, item_id, active)

    def _correct_count(self) -> None:
        if self.editing is None:
            return
        product_id, counted = self.editing.product_id, self.counted.value()
        reason = self.recount_reason.text()
        self.recount_message.clear_message()
        self.desk_actions.run(
            lambda: correct_count(self.desk, product_id, counted, reason),
            SET_UP_CHANGED,
            lambda count: self._counted(product_id, count),
            refuse_here=self.recount_message.refuse,
        )

    def _counted(self, product_id: int, count: int) -> None:
        self.reload(select_id=product_id)
        self.editing = next((item for item in self.items if item.product_id == product_id), None)
        self._recount_for(self.editing)
        self.recount_message.note(f"Counted: {count} on the shelf now.")
