"""The sale on the screen: its cart and the payments taken so far, totalled after every change.

Nothing here is written to the database: the cart stays in memory until complete_sale() writes
it whole. Every change is tried, then settled with the domain's settle(); a change the sale
cannot take (a card payment left larger than what is now due, a tip with nobody to go to) is
undone before the error reaches the screen, so what is shown is always a sale that adds up.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from medspa_desk.domain.sale_math import (
    Cart,
    CartLine,
    SaleInputError,
    Settlement,
    Tender,
    Tip,
    settle,
)
from medspa_desk.services.till.sale_completion import CompletedSale
from medspa_desk.ui.desk_actions import BooksChanged


class SaleInProgress(QObject):
    changed = Signal()

    def __init__(self, cart: Cart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cart = cart
        self.tenders: list[Tender] = []
        self.settlement: Settlement = settle(cart)

    def start(self, cart: Cart) -> None:
        """Put a new sale on the screen, with no payments."""
        self.cart = cart
        self.tenders = []
        self.settlement = settle(cart)
        self.changed.emit()

    @property
    def complete_allowed(self) -> bool:
        return bool(self.cart.lines) and self.settlement.is_paid

    def add_line(self, line: CartLine) -> int:
        """Add `line` (a product scanned again adds to its line); the line's row."""
        rows: list[int] = []
        self._try(lambda: rows.append(self.cart.add(line)))
        return rows[0]

    def change_line(self, row: int, **changes) -> None:
        self._try(lambda: self.cart.change(row, **changes))

    def remove_line(self, row: int) -> None:
        self._try(lambda: self.cart.remove(row))

    def set_tip(self, tip: Tip) -> None:
        self._try(lambda: setattr(self.cart, "tip", tip))

    def set_client(self, client_id: int | None) -> None:
        self._try(lambda: setattr(self.cart, "client_id", client_id))

    def add_tender(self, tender: Tender) -> None:
        self._try(lambda: self.tenders.append(tender))

    def remove_tender(self, position: int) -> None:
        self._try(lambda: self.tenders.pop(position))

    def _try(self, change) -> None:
        kept = (list(self.cart.lines), self.cart.tip, self.cart.client_id, list(self.tenders))
        try:
            change()
            settlement = settle(self.cart, self.tenders)
        except SaleInputError:
            lines, self.cart.tip, self.cart.client_id, self.tenders = kept
            self.cart.lines[:] = lines
            raise
        self.settlement = settlement
        self.changed.emit()


def books_changed_by_sale(cart: Cart, done: CompletedSale) -> BooksChanged:
    """What a sale changed that a view may show: the visit it checked out (on the sale's day) and
    the bookings its lines prepaid, its client, the sale. A sale naming no booking changed no day
    of the calendar, so it names none: the calendar is not read again for a walk-in's serum."""
    booked = {cart.appointment_id, *(line.appointment_id for line in cart.lines)} - {None}
    return BooksChanged.of(
        appointments=booked,
        days=[done.business_day] if booked else [],
        clients=[cart.client_id],
        sales=[done.sale_id],
    )
