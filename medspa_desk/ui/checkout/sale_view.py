"""The checkout view: the sale's lines on the left, its totals, tip and payments on the right, and
one large Complete button; once the sale is written, its receipt to print or save.

A sale starts as a walk-in (start_walk_in) or from a visit the calendar hands over
(start_for_appointment). Until Complete nothing is written: the cart and its payments live in
SaleInProgress and are totalled on every change. Complete writes the sale in one transaction
(services.till.sale_completion.complete_sale) or refuses and writes nothing; refusals are shown in
the "Sale message" line, in the service's own words. The tip, payments and Complete button are
ui.checkout.paying_panel's, the lines' table and buttons sale_lines_table's, the More menu's
dialogs more_actions'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.sale_math import Cart, Tender
from medspa_desk.services.booking.booking_change import AppointmentFacts, appointment_facts
from medspa_desk.services.booking.booking_choices import providers
from medspa_desk.services.booking.deposits import deposit_cart
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.till.cart import cart_for_appointment, fee_lines, walk_in_cart
from medspa_desk.services.till.sale_completion import CompletedSale, complete_sale
from medspa_desk.ui.background_work import Runner, run_in_background
from medspa_desk.ui.checkout.completed_sale_panel import CompletedSalePanel
from medspa_desk.ui.checkout.line_forms import Discount, LineForms
from medspa_desk.ui.checkout.more_actions import MoreActions
from medspa_desk.ui.checkout.named_widgets import sale_heading
from medspa_desk.ui.checkout.paying_panel import COMPLETE_KEY, PayingPanel
from medspa_desk.ui.checkout.product_entry import ProductEntry
from medspa_desk.ui.checkout.receipt_printing import (
    AskFile,
    AskPrinter,
    Printing,
    ReceiptPrinting,
    ask_file_in_dialog,
    ask_printer_in_dialog,
)
from medspa_desk.ui.checkout.sale_client import SaleClient
from medspa_desk.ui.checkout.sale_in_progress import SaleInProgress, books_changed_by_sale
from medspa_desk.ui.checkout.sale_lines_model import SaleLinesModel
from medspa_desk.ui.checkout.sale_lines_table import (
    ADD_SERVICE_KEY,
    SELL_GIFT_CARD_KEY,
    LineButtons,
    sale_lines_table,
)
from medspa_desk.ui.checkout.tender_panel import TENDER_KEYS
from medspa_desk.ui.checkout.totals_panel import TotalsPanel
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


@dataclass(frozen=True)
class HeldSale:
    """A sale taken off the till while its person is away (the desk locked or switched user)."""

    cart: Cart
    tenders: tuple[Tender, ...]
    title: str
    client_name: str
    fixed_client: bool
    visit_kind: str


class SaleView(QWidget):
    day_closed = Signal()  # the close of day was done here

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None = None,
        *,
        runner: Runner = run_in_background,
        ask_printer: AskPrinter = ask_printer_in_dialog,
        ask_file: AskFile = ask_file_in_dialog,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self.desk_actions = desk_actions or DeskActions(self)
        self.desk_actions.books_changed.connect(self._books_changed)
        self._visit_kind = "Checkout"  # or "Deposit": the heading of a visit's sale
        self._provider_names: dict[int, str] = {}
        self.sale = SaleInProgress(Cart(), self)
        self._visit_paid: AppointmentFacts | None = None  # the visit of the sale just completed
        self.printing = Printing(self, runner=runner, ask_printer=ask_printer, ask_file=ask_file)
        self.receipts = ReceiptPrinting(desk, self.printing)
        self.more = MoreActions(desk, self, self.receipts, self.printing, self.desk_actions)
        self.more.day_closed.connect(self.day_closed)

        self.status = sale_heading()

        self.client = SaleClient(desk)
        self.products = ProductEntry(desk)
        self.lines_model = SaleLinesModel(self.sale, self)
        self.lines = sale_lines_table(self.lines_model)
        self.line_forms = LineForms(desk)
        self.line_buttons = LineButtons()

        self.totals = TotalsPanel()
        paying = PayingPanel(desk)
        # The view acts on these throughout: named here once.
        self.tip, self.tenders = paying.tip, paying.tenders
        self.complete = paying.complete
        # Under the totals, above both pages of the right side (the paying and the completed):
        # where the desk looks throughout, so what printing or saving the receipt did is seen
        # once the sale is done, and a payment refused is said beside the balance it is about.
        self.message = MessageLine("Sale message")
        self.complete.clicked.connect(self._complete)
        self.done = CompletedSalePanel()

        left = QVBoxLayout()
        left.addWidget(self.status)
        left.addWidget(self.client)
        left.addWidget(self.products)
        left.addWidget(self.lines, 1)
        left.addWidget(self.line_buttons)
        left.addWidget(self.line_forms)

        self._right = QStackedWidget()
        self._right.addWidget(paying)
        self._right.addWidget(self.done)
        right = QVBoxLayout()
        right.addWidget(self.totals)
        right.addWidget(self.message)
        right.addWidget(self._right, 1)
        right.addLayout(self._more_row())

        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        # Not a focus proxy: Tab then jumped from the last control to the product field, past
        # the client's (focusInEvent sends the view's own focus on to the product field).

        self._connect()
        self._add_shortcuts()
        self.start_walk_in()

    # Starting a sale

    def start_walk_in(self) -> None:
        """A new, empty sale for nobody in particular (name the client to sell to them)."""
        self._start(walk_in_cart(self._desk), "Walk-in sale", client_name="", fixed_client=False)

    def start_for_appointment(self, appointment_id: int) -> bool:
        """Check out a visit: its service, the client's unpaid fees and the money held for it.
        False (with the reason shown) when the visit cannot be checked out."""
        return self._start_visit(
            "Checkout", appointment_id, lambda: cart_for_appointment(self._desk, appointment_id)
        )

    def start_for_deposit(self, appointment_id: int, amount_cents: int) -> bool:
        """Take a booking's deposit: a sale of the deposit line for the booking's client.
        False (with the reason shown) when no deposit can be taken for it."""
        return self._start_visit(
            "Deposit",
            appointment_id,
            lambda: deposit_cart(self._desk, appointment_id, amount_cents),
        )

    def hold_sale(self) -> HeldSale | None:
        """Take the sale being rung up off the till, leaving a new walk-in; None if there is
        nothing on it (or it is complete)."""
        if self._right.currentIndex() != 0 or not (self.sale.cart.lines or self.sale.tenders):
            return None
        held = HeldSale(
            self.sale.cart,
            tuple(self.sale.tenders),
            self.status.text(),
            self.client.search.text(),
            self.client.search.isReadOnly(),
            self._visit_kind,
        )
        self.start_walk_in()
        return held

    def resume_sale(self, held: HeldSale) -> None:
        """Put a held sale back on the till, as it was."""
        self._visit_kind = held.visit_kind
        self._start(
            held.cart, held.title, client_name=held.client_name, fixed_client=held.fixed_client
        )
        for tender in held.tenders:
            self.sale.add_tender(tender)

    def _start_visit(self, kind: str, appointment_id: int, make_cart) -> bool:
        if not self._may_drop_sale():
            return False
        try:
            cart = make_cart()
            facts = appointment_facts(self._desk, appointment_id)
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return False
        self._visit_kind = kind
        self._start(
            cart, _visit_title(kind, facts), client_name=facts.client_name, fixed_client=True
        )
        return True

    def _books_changed(self, changed: BooksChanged) -> None:
        """A visit's sale names its client as they were read: a change to the client or the visit
        made elsewhere meanwhile (an anonymized client, say) is read again."""
        cart = self.sale.cart
        if self._right.currentIndex() != 0 or cart.appointment_id is None:
            return  # a walk-in names no visit; a sale written is a record of its moment
        if (
            cart.client_id not in changed.client_ids
            and cart.appointment_id not in changed.appointment_ids
        ):
            return
        try:
            facts = appointment_facts(self._desk, cart.appointment_id)
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return
        self.status.setText(_visit_title(self._visit_kind, facts))
        self.client.show_client(facts.client_name, fixed=True)

    def _start(self, cart: Cart, title: str, *, client_name: str, fixed_client: bool) -> None:
        self._provider_names = {choice.provider_id: choice.name for choice in providers(self._desk)}
        self.lines_model.set_provider_names(self._provider_names)
        self.status.setText(title)
        self.client.show_client(client_name, fixed=fixed_client)
        self.tip.clear()
        self.tenders.close_form()
        self.line_forms.close_form()
        self.message.clear_message()
        self._right.setCurrentIndex(0)
        self._set_taking(True)
        self.sale.start(cart)
        self.products.setFocus()

    # Wiring

    def _connect(self) -> None:
        buttons = self.line_buttons
        buttons.service.clicked.connect(self.line_forms.open_service)
        buttons.gift.clicked.connect(self.line_forms.open_gift_card)
        buttons.fees.clicked.connect(self._add_unpaid_fees)
        buttons.prepay.clicked.connect(
            lambda: self.line_forms.open_prepayment(self.sale.cart.client_id)
        )
        buttons.discount.clicked.connect(self._open_discount)
        buttons.remove.clicked.connect(self._remove_line)
        self.sale.changed.connect(self._sale_changed)
        self.lines_model.refused.connect(self.message.refuse)
        self.products.chosen.connect(self._add_line)
        self.products.refused.connect(self.message.refuse)
        self.client.chosen.connect(
            lambda client_id: self._change(lambda: self.sale.set_client(client_id))
        )
        self.line_forms.line_ready.connect(self._add_line)
        self.line_forms.discount_ready.connect(self._discount)
        self.line_forms.refused.connect(self.message.refuse)
        self.tip.tip_changed.connect(lambda tip: self._change(lambda: self.sale.set_tip(tip)))
        self.tip.refused.connect(self.message.refuse)
        self.tenders.tender_ready.connect(self._add_tender)
        self.tenders.remove_requested.connect(
            lambda row: self._change(lambda: self.sale.remove_tender(row))
        )
        self.tenders.refused.connect(self.message.refuse)
        self.done.print_requested.connect(self.receipts.print_receipt)
        self.done.save_requested.connect(self.receipts.save_receipt)
        self.done.preview_requested.connect(self.more.open_receipt)
        self.done.new_sale_requested.connect(self.start_walk_in)
        self.done.rebook_requested.connect(self._rebook)
        self.printing.finished.connect(self.message.note)
        self.printing.failed.connect(self.message.refuse)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """The view given the focus (shown, or Ctrl+3) hands it to the product field."""
        super().focusInEvent(event)
        self.products.setFocus(event.reason())

    def _add_shortcuts(self) -> None:
        for keys, action in (
            (COMPLETE_KEY, self._complete),
            ("F2", self.products.setFocus),
            ("Ctrl+L", self.client.setFocus),
            ("Ctrl+T", self.tip.setFocus),
            ("Ctrl+D", self._open_discount),
            (ADD_SERVICE_KEY, self.line_buttons.service.click),
            (SELL_GIFT_CARD_KEY, self.line_buttons.gift.click),
            ("Ctrl+N", self._start_over),
            (
                "Ctrl+P",
                lambda: (
                    self.done.print_button.click()
                    if self._right.currentWidget() is self.done
                    else None
                ),
            ),
            *((keys, partial(self.tenders.open_form, kind)) for kind, keys in TENDER_KEYS.items()),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.lines)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_line)

    def _sale_changed(self) -> None:
        settlement = self.sale.settlement
        self.totals.show_settlement(settlement)
        self.tip.show_providers(self.sale.cart.lines, self._provider_names)
        self.tenders.show_sale(self.sale)
        taking = self._right.currentIndex() == 0
        self.complete.setEnabled(taking and self.sale.complete_allowed)
        self.line_buttons.fees.setEnabled(taking and self.sale.cart.client_id is not None)
        has_lines = bool(self.sale.cart.lines)
        self.line_buttons.discount.setEnabled(taking and has_lines)
        self.line_buttons.remove.setEnabled(taking and has_lines)

    # The desk's actions on the sale

    def _change(self, change) -> bool:
        """Make a change to the sale; its refusal, if any, is shown and the sale stays as it was."""
        try:
            change()
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return False
        self.message.clear_message()
        return True

    def _add_line(self, line) -> None:
        rows: list[int] = []
        if self._change(lambda: rows.append(self.sale.add_line(line))):
            self.lines.selectRow(rows[0])

    def _remove_line(self) -> None:
        row = self.lines.currentIndex().row()
        if row >= 0 and self._change(lambda: self.sale.remove_line(row)):
            self.lines.selectRow(min(row, self.lines_model.rowCount() - 1))

    def _open_discount(self) -> None:
        row = self.lines.currentIndex().row()
        if row < 0 and self.sale.cart.lines:
            row = len(self.sale.cart.lines) - 1  # the line just added
        if row >= 0:
            self.line_forms.open_discount(row, self.sale.cart.lines[row])

    def _discount(self, discount: Discount) -> None:
        if self._change(
            lambda: self.sale.change_line(
                discount.row, discount_cents=discount.cents, discount_reason=discount.reason
            )
        ):
            self.line_forms.close_form()

    def _add_unpaid_fees(self) -> None:
        client_id = self.sale.cart.client_id
        if client_id is None:
            return
        on_sale = {line.fee_id for line in self.sale.cart.lines if line.fee_id is not None}
        try:
            owed = [line for line in fee_lines(self._desk, client_id) if line.fee_id not in on_sale]
        except DeskRefusal as refusal:
            self.message.refuse(str(refusal))
            return
        if not owed:
            self.message.note("The client owes no fee that is not on this sale already.")
            return
        for line in owed:
            self._add_line(line)

    def _start_over(self) -> None:
        if self._may_drop_sale():
            self.start_walk_in()

    def _may_drop_sale(self) -> bool:
        """A sale being paid is not dropped for another: the card terminal may have charged
        already, so its payments are removed by hand first (and the terminal's voided)."""
        if self._right.currentIndex() == 0 and self.sale.tenders:
            self.message.refuse(
                "Payments are taken on this sale: remove them before starting another."
            )
            return False
        return True

    def _add_tender(self, tender) -> None:
        if self._change(lambda: self.sale.add_tender(tender)):
            self.tenders.tender_taken()
            if self.complete.isEnabled():
                self.complete.setFocus()  # paid: Enter or F12 completes

    def _complete(self) -> None:
        if not self.complete.isEnabled():
            return
        cart, tenders = self.sale.cart, list(self.sale.tenders)
        # A discount beyond the clinic's limit waits for a manager's approval on the spot.
        self.desk_actions.run_approved(
            self._desk,
            lambda approval: complete_sale(self._desk, cart, tenders, approval),
            lambda done: books_changed_by_sale(cart, done),
            self._show_completed,
            refuse_here=self.message.refuse,
            parent=self,
        )

    def _show_completed(self, done: CompletedSale) -> None:
        self.message.clear_message()
        self._set_taking(False)
        # Filled before it shows: laid out and painted once.
        self.done.show_sale(done, self._desk.settings.receipt_layout)
        visit = self.sale.cart.appointment_id
        self._visit_paid = appointment_facts(self._desk, visit) if visit is not None else None
        self.done.offer_rebook(
            f"{self._visit_paid.service_name} with {self._visit_paid.provider_name}"
            if self._visit_paid is not None
            else None
        )
        self._right.setCurrentWidget(self.done)
        self.done.print_button.setFocus()
        self._sale_changed()

    def _rebook(self, weeks: int) -> None:
        """The Book dialog for the visit's next one: its client, provider and service, at the
        same wall-clock time `weeks` weeks on (the dialog refuses a time that is not free)."""
        from medspa_desk.ui.calendar.booking_dialog import BookingDialog

        visit = self._visit_paid
        if visit is None:
            return
        zone = self._desk.settings.zone
        local = visit.starts_at.astimezone(zone)
        dialog = BookingDialog(
            self._desk,
            self,
            provider_id=visit.provider_id,
            starts_at=at_local(local.date() + timedelta(weeks=weeks), local.time(), zone),
            client=(visit.client_id, visit.client_name),
            service_id=visit.service_id,
            desk_actions=self.desk_actions,
        )
        dialog.booked.connect(lambda _id, _day, said: self.message.note(said))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _set_taking(self, taking: bool) -> None:
        """While a sale is being taken its lines can change; once written, they are its record."""
        for widget in (self.client, self.products, self.line_forms, self.line_buttons):
            widget.setEnabled(taking)
        self._start_over_button.setVisible(taking)  # once written, the panel offers the next sale
        triggers = QAbstractItemView.EditTrigger
        self.lines.setEditTriggers(
            triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
            if taking
            else triggers.NoEditTriggers
        )

    def _more_row(self) -> QHBoxLayout:
        more = self.more.menu_button()
        self._start_over_button = named_button(
            "New sale", "Start new sale", "Drop this sale and start an empty one (Ctrl+N)"
        )
        self._start_over_button.clicked.connect(self._start_over)
        row = QHBoxLayout()
        row.addWidget(more)
        row.addStretch(1)
        row.addWidget(self._start_over_button)
        return row


def _visit_title(kind: str, facts) -> str:
    return f"{kind}: {facts.client_name} — {facts.service_name} with {facts.provider_name}"
