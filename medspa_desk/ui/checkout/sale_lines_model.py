"""The sale's lines as a Qt table: Item, Qty, Price, Discount, Amount.

It reads the settled sale (so Amount includes the line's tax) and edits the quantity through
SaleInProgress, which lets the domain accept or refuse it; a refusal is passed on as a sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.domain.sale_math import SaleInputError
from medspa_desk.ui.checkout.sale_in_progress import SaleInProgress

COLUMNS = ("Item", "Qty", "Price", "Discount", "Amount")
ITEM, QUANTITY, PRICE, DISCOUNT, AMOUNT = range(len(COLUMNS))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class SaleLinesModel(QAbstractTableModel):
    refused = Signal(str)

    def __init__(self, sale: SaleInProgress, parent=None) -> None:
        super().__init__(parent)
        self._sale = sale
        self._rows = 0
        self._provider_names: dict[int, str] = {}
        sale.changed.connect(self._sale_changed)

    def set_provider_names(self, names: dict[int, str]) -> None:
        """Who performs each service, so a service line says with whom."""
        self._provider_names = names

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._sale.settlement.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != ITEM:
            return _RIGHT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == QUANTITY:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        settled = self._sale.settlement.lines[index.row()]
        line = settled.line
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(settled, column)
        if role == Qt.ItemDataRole.EditRole and column == QUANTITY:
            return line.quantity
        if role == Qt.ItemDataRole.TextAlignmentRole and column != ITEM:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DISCOUNT and line.discount_cents:
                return f"Discount: {line.discount_reason}"
            if column == AMOUNT and settled.tax_cents:
                return f"Includes {format_cents(settled.tax_cents)} tax"
            if column == QUANTITY:
                return "Type a new quantity and press Enter"
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != QUANTITY:
            return False
        try:
            quantity = int(str(value).strip())
        except ValueError:
            self.refused.emit(f"The quantity is a whole number of units, not {value!r}.")
            return False
        try:
            self._sale.change_line(index.row(), quantity=quantity)
        except SaleInputError as refusal:
            self.refused.emit(str(refusal))
            return False
        return True

    def _display(self, settled, column: int) -> str:
        line = settled.line
        if column == ITEM:
            provider = (
                self._provider_names.get(line.provider_id)
                if line.kind is LineKind.SERVICE
                else None
            )
            return f"{line.description} — {provider}" if provider else line.description
        if column == QUANTITY:
            return str(line.quantity)
        if column == PRICE:
            return format_cents(line.unit_price_cents)
        if column == DISCOUNT:
            return format_cents(-line.discount_cents) if line.discount_cents else ""
        return format_cents(settled.total_cents)

    def _sale_changed(self) -> None:
        # A line added or removed changes the row count: the view is told to start over. An edit
        # keeps the rows (and the selection on them) and only repaints them.
        rows = len(self._sale.settlement.lines)
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(COLUMNS) - 1))
