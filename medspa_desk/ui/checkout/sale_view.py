"""The checkout view, first state: an empty sale with its lines and its total.

Tender buttons and the Complete button come with the sale itself (from a checked-in appointment
or a retail sale); until then nothing is shown that could not work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.money import format_cents

_LINE_COLUMNS = ("Item", "Qty", "Price", "Amount")
_NUMBER_COLUMN_WIDTH = 110


class SaleView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lines_model = QStandardItemModel(0, len(_LINE_COLUMNS), self)
        lines_model.setHorizontalHeaderLabels(list(_LINE_COLUMNS))
        for column in range(1, len(_LINE_COLUMNS)):  # numbers line up on the right
            lines_model.setHeaderData(
                column,
                Qt.Orientation.Horizontal,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                Qt.ItemDataRole.TextAlignmentRole,
            )

        lines = QTableView()
        lines.setObjectName("sale_lines")
        lines.setAccessibleName("Sale lines")
        lines.setModel(lines_model)
        lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        lines.setCornerButtonEnabled(False)
        lines.verticalHeader().hide()
        lines.verticalHeader().setAccessibleName("Sale line rows")
        columns = lines.horizontalHeader()
        columns.setAccessibleName("Sale line columns")
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(_NUMBER_COLUMN_WIDTH)
        columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        empty = QLabel(
            "Nothing in this sale yet. Checkout comes from a checked-in appointment or a retail sale."
        )
        empty.setObjectName("sale_empty")
        empty.setAccessibleName("Sale status")
        empty.setWordWrap(True)

        total = QLabel(f"Total {format_cents(0)}")
        total.setObjectName("sale_total")
        total.setAccessibleName("Sale total")

        left = QVBoxLayout()
        left.addWidget(empty)
        left.addWidget(lines, 1)
        right = QVBoxLayout()
        right.addWidget(total)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 1)
        self.setFocusProxy(lines)
