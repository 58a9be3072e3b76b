"""The till's product box: a barcode scanner types the product's barcode (or its SKU) and presses
Enter; a person types part of a name and picks from the matches shown below.

Enter asks the shelf at once for exactly what was typed (a scanner is faster than any pause), so
a scanned product is on the sale before the next one is scanned. Typing by hand shows matches
after a short pause; Down steps into them and Enter (or a double-click) takes one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from medspa_desk.domain.money import format_cents
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.retail_stock import (
    ProductMatch,
    find_product,
    retail_line,
    scanned_line,
)

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk

# As in the client search: fast typing is one search, and the list keeps up with the eye.
SEARCH_PAUSE_MS = 150
MATCHES_SHOWN = 8


class ProductEntry(QWidget):
    chosen = Signal(object)  # the CartLine of the product taken
    refused = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk

        self.box = QLineEdit()
        self.box.setObjectName("product_entry")
        self.box.setAccessibleName("Scan or search product")
        self.box.setPlaceholderText("Scan a barcode, or type a SKU or part of a name")
        self.box.setToolTip(
            "Scan a barcode or type a SKU and press Enter; type a name to see matches (F2)"
        )
        self.box.installEventFilter(self)
        self.box.textEdited.connect(lambda _text: self._pause.start())  # restarts the pause
        self.box.returnPressed.connect(self._take_typed)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._show_matches)

        self.matches = QListWidget()
        self.matches.setAccessibleName("Product matches")
        self.matches.setMaximumHeight(150)
        self.matches.itemActivated.connect(self._take_match)
        self.matches.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.matches)
        self.setFocusProxy(self.box)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.matches.isVisible() and self.matches.count():
                self.matches.setFocus()
                self.matches.setCurrentRow(max(self.matches.currentRow(), 0))
                return True
            if event.key() == Qt.Key.Key_Escape and self.matches.isVisible():
                self._clear()
                return True
        return super().eventFilter(watched, event)

    def _take_typed(self) -> None:
        self._pause.stop()
        text = self.box.text()
        if not text.strip():
            return
        try:
            line = scanned_line(self._desk, text)
        except DeskRefusal as refusal:
            self.refused.emit(str(refusal))
            self._show_matches()  # several match: they are listed to pick from
            self.box.selectAll()  # the next scan replaces what was not found
            return
        self._clear()
        self.chosen.emit(line)

    def _show_matches(self) -> None:
        found = find_product(self._desk, self.box.text())[:MATCHES_SHOWN]
        self.matches.clear()
        for product in found:
            item = QListWidgetItem(
                f"{product.name} ({product.brand}) · {product.sku} · "
                f"{format_cents(product.price_cents)} · {product.stock_quantity} on the shelf"
            )
            item.setData(Qt.ItemDataRole.UserRole, product)
            self.matches.addItem(item)
        self.matches.setVisible(bool(found))

    def _take_match(self, item: QListWidgetItem) -> None:
        product: ProductMatch = item.data(Qt.ItemDataRole.UserRole)
        self._clear()
        self.box.setFocus()
        self.chosen.emit(retail_line(product))

    def _clear(self) -> None:
        self.box.clear()
        self.matches.clear()
        self.matches.hide()
