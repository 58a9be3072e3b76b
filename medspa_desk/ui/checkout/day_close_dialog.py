"""The close of day: what the day took (by tender, category and provider with tips, fees, voids,
the cash the drawer should hold), the cash counted against it, and closing the day, after which
its sales cannot change. Then the Z report, printed or saved, as the day's paper record."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.day_totals import DayTotals, describe_difference
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.domain.sale_math import SaleInputError
from medspa_desk.domain.time_wording import clock_time
from medspa_desk.services.till.day_close import close_day, day_totals
from medspa_desk.ui.checkout.checkout_dialog import CheckoutDialog
from medspa_desk.ui.checkout.named_widgets import amount_in
from medspa_desk.ui.date_fields import DateField
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.named_widgets import named_button, named_field

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.checkout.receipt_printing import Printing


class DayCloseDialog(CheckoutDialog):
    day_closed = Signal()  # the day's books are final: a good moment for a backup

    def __init__(
        self,
        desk: Desk,
        printing: Printing,
        parent: QWidget | None = None,
        *,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__("Close of day", parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._printing = printing
        self._totals: DayTotals | None = None

        self.day = DateField()
        self.day.setAccessibleName("Business day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd MMM d, yyyy")
        self.day.dateChanged.connect(lambda _date: self._load())
        self.figures = QTreeWidget()
        self.figures.setAccessibleName("Day totals")
        self.figures.setHeaderLabels(["", "Amount"])
        self.figures.header().setAccessibleName("Day totals columns")
        self.figures.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.figures.header().setStretchLastSection(False)
        self.figures.header().resizeSection(1, 120)
        self.figures.headerItem().setTextAlignment(
            1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.figures.setMinimumHeight(320)
        self.expected = QLabel()
        self.expected.setAccessibleName("Expected cash")
        self.counted = named_field("Counted cash", "The drawer's cash less the float, e.g. 412.50")
        self.counted.textEdited.connect(lambda _text: self._show_difference())
        self.difference = QLabel()
        self.difference.setAccessibleName("Cash difference")
        self.note = named_field("Close note", "Anything the manager should know (optional)")
        self.state = QLabel()
        self.state.setAccessibleName("Day state")
        self.state.setWordWrap(True)

        self.close_button = named_button(
            "Close day…", "Close day", "Close the day: its sales cannot change after"
        )
        self.close_button.clicked.connect(self._confirm)
        self.print_report = named_button(
            "Print Z report…", "Print Z report", "Print the day's Z report"
        )
        self.print_report.clicked.connect(self._print_report)
        self.save_report = named_button(
            "Save Z report…", "Save Z report", "Save the day's Z report as a PDF"
        )
        self.save_report.clicked.connect(self._save_report)

        form = QFormLayout()
        form.addRow("Day:", self.day)
        form.addRow(self.figures)
        form.addRow("Expected cash:", self.expected)
        form.addRow("Counted cash:", self.counted)
        form.addRow("Difference:", self.difference)
        form.addRow("Note:", self.note)
        form.addRow(self.state)
        self.body.addLayout(form)
        for button in (self.print_report, self.save_report, self.close_button):
            self.add_button(button)
        self.setMinimumWidth(520)

    def start(self) -> None:
        today = local_date(self._desk.clock.now(), self._desk.settings.zone)
        self.day.setMaximumDate(QDate(today))
        self.counted.clear()
        self.note.clear()
        self.message.clear_message()
        if self.day.date() == QDate(today):
            self._load()
        else:
            self.day.setDate(QDate(today))  # loads the day
        self.counted.setFocus()

    def _business_day(self) -> date:
        return self.day.date().toPython()

    def _load(self) -> None:
        totals = day_totals(self._desk, self._business_day())
        self._totals = totals
        self._show_figures(totals)
        self.expected.setText(format_cents(totals.expected_cash_cents))
        closed = totals.closed
        if closed is not None:
            at = clock_time(closed.closed_at, closed.closed_at.tzinfo)
            by = f" by {closed.closed_by}" if closed.closed_by else ""
            self.state.setText(
                f"Closed at {at}{by}: {format_cents(closed.counted_cash_cents)} counted against "
                f"{format_cents(closed.expected_cash_cents)} expected. Its sales cannot change."
            )
            self.counted.setText(format_cents(closed.counted_cash_cents).lstrip("$"))
        else:
            self.state.setText(f"Open: {_count(totals.sales, 'sale')} so far.")
        for widget in (self.counted, self.note, self.close_button):
            widget.setEnabled(closed is None)
        self._show_difference()

    def _show_figures(self, totals: DayTotals) -> None:
        self.figures.clear()

        def section(title: str, rows: list[tuple[str, str]]) -> None:
            head = QTreeWidgetItem([title, ""])
            for label, amount in rows or [("None", "")]:
                row = QTreeWidgetItem(head, [label, amount])
                row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.figures.addTopLevelItem(head)
            head.setExpanded(True)

        section(
            "Sales",
            [
                ("Sales completed", str(totals.sales)),
                ("Discounts", format_cents(totals.discount_cents)),
                ("Tax", format_cents(totals.tax_cents)),
                ("Tips", format_cents(totals.tip_cents)),
                ("Total taken", format_cents(totals.total_cents)),
            ],
        )
        section(
            "By tender",
            [
                (kind.label, format_cents(totals.by_tender[kind]))
                for kind in TenderKind
                if kind in totals.by_tender
            ],
        )
        section(
            "By category",
            [
                (kind.total_label, format_cents(totals.by_category[kind]))
                for kind in LineKind
                if kind in totals.by_category
            ],
        )
        section(
            "By provider",
            [
                row
                for who in totals.by_provider
                for row in (
                    (f"{who.name}: services", format_cents(who.services_cents)),
                    (f"{who.name}: tips", format_cents(who.tips_cents)),
                )
            ],
        )
        section("Visits rebooked before leaving", [("Rebook rate", totals.rebooking.text())])
        section(
            "Fees collected",
            [(_count(totals.fees_collected, "fee"), format_cents(totals.fees_collected_cents))],
        )
        moved = totals.booking_money
        section(
            "Fees charged to cards on file",
            [
                (
                    _count(moved.fees_charged_to_card, "fee") + " charged",
                    format_cents(moved.fees_charged_to_card_cents),
                ),
                *(
                    (
                        f"Awaiting approval code: {fee.client_name}, {fee.card_label}",
                        format_cents(fee.charge_cents),
                    )
                    for fee in moved.awaiting_approval
                ),
            ],
        )
        section(
            "Deposits, prepayments and credit",
            [
                (
                    f"Deposits taken ({moved.deposits_taken})",
                    format_cents(moved.deposits_taken_cents),
                ),
                ("Deposits applied to fees", format_cents(moved.deposits_applied_to_fees_cents)),
                (
                    f"Prepayments forfeited ({moved.prepayments_forfeited})",
                    format_cents(moved.prepayments_forfeited_cents),
                ),
                (
                    f"Account credit issued ({moved.credits_issued})",
                    format_cents(moved.credits_issued_cents),
                ),
            ],
        )
        section(
            "Voids",
            [
                (
                    f"Receipt {void.receipt_number}: {void.reason} ({void.voided_by})",
                    format_cents(void.total_cents),
                )
                for void in totals.voids
            ],
        )
        section(
            "Taken at booking",
            [
                (TenderKind(kind).label, format_cents(cents))
                for kind, cents in totals.taken_at_booking.items()
            ],
        )

    def _counted_cents(self) -> int:
        return amount_in(self.counted, "Counted cash")

    def _show_difference(self) -> None:
        if self._totals is None or not self.counted.text().strip():
            self.difference.setText("Count the drawer and type the cash here.")
            return
        try:
            counted = self._counted_cents()
        except SaleInputError as refusal:
            self.difference.setText(str(refusal))
            return
        self.difference.setText(_difference_text(counted - self._totals.expected_cash_cents))

    def _confirm(self) -> None:
        try:
            counted = self._counted_cents()
        except SaleInputError as refusal:
            self.message.refuse(str(refusal))
            return
        day = self._business_day()
        box = QMessageBox(QMessageBox.Icon.Question, "Close the day", "", parent=self)
        box.setAccessibleName("Confirm close of day")
        box.setText(
            f"Close {day:%A %B} {day.day} with {format_cents(counted)} counted? "
            "Its sales cannot be changed or voided after."
        )
        close = box.addButton("Close the day", QMessageBox.ButtonRole.AcceptRole)
        close.setAccessibleName("Close the day")
        keep = box.addButton("Keep it open", QMessageBox.ButtonRole.RejectRole)
        keep.setAccessibleName("Keep it open")
        box.setDefaultButton(keep)
        close.clicked.connect(lambda: self._close(counted))
        box.finished.connect(box.deleteLater)
        box.open()

    def _close(self, counted_cents: int) -> None:
        self._desk_actions.run(
            lambda: close_day(
                self._desk,
                self._business_day(),
                counted_cash_cents=counted_cents,
                note=self.note.text(),
            ),
            # The close names no booking or client; its sales stay as they were, now final.
            BooksChanged.of(),
            self._closed,
            refuse_here=self.message.refuse,
        )

    def _closed(self, totals: DayTotals) -> None:
        self._load()
        self.day_closed.emit()
        self.message.note(
            f"The day is closed ({_difference_text(totals.closed.difference_cents)}). "
            "Print or save the Z report."
        )
        self.print_report.setFocus()

    def _report(self) -> tuple[bytes, str]:
        from medspa_desk.documents.z_report import z_report_pdf  # ReportLab loads when needed

        totals = day_totals(self._desk, self._business_day())
        return z_report_pdf(totals), f"Z report {totals.business_day.isoformat()}"

    def _print_report(self) -> None:
        pdf, title = self._report()
        self._printing.print_pdf(
            pdf, title, lambda where: self.message.note(f"{title} sent to {where}.")
        )

    def _save_report(self) -> None:
        pdf, title = self._report()
        self._printing.save_pdf(
            pdf, f"{title}.pdf", lambda path: self.message.note(f"{title} saved as {path}.")
        )


def _difference_text(difference_cents: int) -> str:
    """'Cash short $5.00', 'Cash over $2.00' or 'Cash balances'."""
    wording = describe_difference(difference_cents)
    return f"{wording} {format_cents(abs(difference_cents))}" if difference_cents else wording


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"
