"""The till's More menu: reprinting a receipt, voiding a sale, a defective exchange, low stock
and receiving, the close of day. Each dialog is made when first asked for (its module loads
then) and shown again after, so the till opens without them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from medspa_desk.ui.checkout.receipt_printing import Printing, ReceiptPrinting
from medspa_desk.ui.desk_actions import DeskActions

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class MoreActions(QObject):
    day_closed = Signal()  # the close of day was done from here

    def __init__(
        self,
        desk: Desk,
        view: QWidget,
        receipts: ReceiptPrinting,
        printing: Printing,
        desk_actions: DeskActions,
    ) -> None:
        super().__init__(view)
        self._desk, self._view = desk, view
        self._receipts, self._printing, self._desk_actions = receipts, printing, desk_actions
        self._dialogs: dict[str, QWidget] = {}

    def menu_button(self) -> QToolButton:
        more = QToolButton()
        more.setText("More")
        more.setAccessibleName("More")
        more.setToolTip("Receipts, voids, exchanges, stock and the close of day")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.setAccessibleName("More actions")
        for text, action in (
            ("Reprint receipt…", lambda: self.open_receipt()),
            ("Void a sale…", self.open_void),
            ("Defective exchange…", self.open_exchange),
            ("Low stock and receiving…", self.open_stock),
            ("Close of day…", self.open_day_close),
        ):
            menu.addAction(text).triggered.connect(action)
        more.setMenu(menu)
        return more

    def open_receipt(self, receipt_number: int | None = None) -> None:
        from medspa_desk.ui.checkout.receipt_dialog import ReceiptDialog

        dialog = self._dialog(
            "receipt", lambda: ReceiptDialog(self._desk, self._receipts, self._view)
        )
        dialog.show_receipt(receipt_number)

    def open_void(self) -> None:
        from medspa_desk.ui.checkout.void_dialog import VoidDialog

        self._dialog(
            "void", lambda: VoidDialog(self._desk, self._view, desk_actions=self._desk_actions)
        ).start()

    def open_exchange(self) -> None:
        from medspa_desk.ui.checkout.exchange_dialog import ExchangeDialog

        self._dialog(
            "exchange",
            lambda: ExchangeDialog(self._desk, self._view, desk_actions=self._desk_actions),
        ).start()

    def open_day_close(self) -> None:
        self._dialog("day close", self._day_close_dialog).start()

    def _day_close_dialog(self):
        from medspa_desk.ui.checkout.day_close_dialog import DayCloseDialog

        dialog = DayCloseDialog(
            self._desk, self._printing, self._view, desk_actions=self._desk_actions
        )
        dialog.day_closed.connect(self.day_closed)
        return dialog

    def open_stock(self) -> None:
        from medspa_desk.ui.checkout.stock_dialog import StockDialog

        self._dialog(
            "stock", lambda: StockDialog(self._desk, self._view, desk_actions=self._desk_actions)
        ).start()

    def _dialog(self, key: str, make: Callable[[], QWidget]):
        """One of each dialog, made when first asked for and shown again after."""
        if key not in self._dialogs:
            self._dialogs[key] = make()
        dialog = self._dialogs[key]
        dialog.open()
        return dialog
