"""The Z report shows the money the fee rules move without a sale line (fees charged to cards,
those awaiting an approval code, deposits taken and applied, prepayments forfeited, credit
issued), from the books of that business day, in the day-close result and in the PDF."""

import io
import os
from pathlib import Path

from pypdf import PdfReader

from medspa_desk.documents.z_report import z_report_pdf
from medspa_desk.domain.sale_math import Tender
from medspa_desk.services.booking.booking_prepayment import PrepaymentTender
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.deposits import deposit_cart
from medspa_desk.services.booking.fee_charges import enter_approval_code
from medspa_desk.services.booking.fee_waiver import waive_fee
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.till.day_close import close_day, day_totals
from medspa_desk.services.till.sale_completion import complete_sale
from medspa_desk.storage.models import ClientFee
from tests.approvals import as_manager
from tests.services.conftest import NEXT_WEEK, TODAY, TOMORROW, at, one


def a_day_of_booking_money(desk, clinic):
    """On Wed Jun 10: Emma's two late cancellations (one charged with its code, one waiting for
    it), Noah's $50 deposit taken at the till and applied to his late-cancel fee, Olivia's $300
    prepayment forfeited, and Liam's prepayment credited when the clinic cancels."""

    def booking(client, hour, day=TODAY, prepaid=False):
        prepayment = PrepaymentTender(30000, "cash") if prepaid else None
        request = BookingRequest(client, clinic.kelsey, clinic.botox, at(day, hour))
        return book(desk, request, prepayment=prepayment)

    emma_ten, emma_two = booking(clinic.emma, 10), booking(clinic.emma, 14)
    noah = booking(clinic.noah, 11)
    olivia = booking(clinic.olivia, 12, prepaid=True)
    liam = booking(clinic.liam, 10, day=NEXT_WEEK, prepaid=True)
    complete_sale(desk, deposit_cart(desk, noah, 5000), [Tender.cash(5000)])
    cancel(desk, emma_ten, by_clinic=False, reason="Sick", card_approval_code="AB1234")
    waiting = cancel(desk, emma_two, by_clinic=False, reason="Work")
    cancel(desk, noah, by_clinic=False, reason="Car trouble")
    cancel(desk, olivia, by_clinic=False, reason="Forgot")
    cancel(desk, liam, by_clinic=True, reason="Provider ill")
    return waiting


def test_the_day_close_result_counts_the_booking_money_of_the_day(desk, clinic):
    waiting = a_day_of_booking_money(desk, clinic)

    moved = day_totals(desk, TODAY).booking_money

    assert (moved.fees_charged_to_card, moved.fees_charged_to_card_cents) == (1, 7500)
    assert [(fee.fee_id, fee.client_name, fee.charge_cents) for fee in moved.awaiting_approval] == [
        (waiting.fee_id, "Emma Sanders", 7500)
    ]
    assert moved.awaiting_approval_cents == 7500
    assert (moved.deposits_taken, moved.deposits_taken_cents) == (1, 5000)
    assert moved.deposits_applied_to_fees_cents == 5000
    assert (moved.prepayments_forfeited, moved.prepayments_forfeited_cents) == (1, 30000)
    assert (moved.credits_issued, moved.credits_issued_cents) == (1, 30000)
    assert day_totals(desk, TOMORROW).booking_money.fees_charged_to_card == 0


def test_a_charged_fee_waived_later_stays_in_the_days_batch_and_a_waived_one_never_run_leaves_the_list(
    desk, clinic
):
    waiting = a_day_of_booking_money(desk, clinic)
    charged = one(desk, ClientFee, card_approval_code="AB1234")
    waive_fee(as_manager(desk), charged.id, reason="Manager's call")
    waive_fee(as_manager(desk), waiting.fee_id, reason="Manager's call")

    moved = day_totals(desk, TODAY).booking_money

    assert (moved.fees_charged_to_card, moved.fees_charged_to_card_cents) == (1, 7500)
    assert moved.awaiting_approval == ()


def test_a_code_entered_the_next_day_counts_on_the_next_days_batch(desk, clinic):
    waiting = a_day_of_booking_money(desk, clinic)
    desk.clock.set(at(TOMORROW, 8))
    enter_approval_code(desk, waiting.fee_id, "CD5678")

    today, tomorrow = (
        day_totals(desk, TODAY).booking_money,
        day_totals(desk, TOMORROW).booking_money,
    )

    assert (today.fees_charged_to_card_cents, len(today.awaiting_approval)) == (7500, 1)
    assert (tomorrow.fees_charged_to_card, tomorrow.fees_charged_to_card_cents) == (1, 7500)
    assert tomorrow.awaiting_approval == ()


def test_the_z_report_pdf_states_the_figures(desk, clinic):
    a_day_of_booking_money(desk, clinic)
    desk.clock.set(at(TODAY, 19))
    totals = close_day(desk, TODAY, counted_cash_cents=5000)
    pdf = z_report_pdf(totals)
    if out := os.environ.get("MEDSPA_KEEP_PDF"):  # to look at the page as a picture
        Path(out).write_bytes(pdf)
    lines = [
        line.strip()
        for page in PdfReader(io.BytesIO(pdf)).pages
        for line in page.extract_text().splitlines()
    ]

    def amount_of(label):
        """The figure printed at the right of the row `label` (pypdf reads it as the next line)."""
        found = [index for index, line in enumerate(lines) if line.startswith(label)]
        assert found, (label, lines)
        return lines[found[0] + 1]

    assert amount_of("Fees charged by card (1)") == "$75.00"
    assert amount_of("Awaiting the terminal's approval code (1)") == "$75.00"
    waiting = "Emma Sanders, Visa ending 4242: Late-cancellation fee: Botox: frown lines, Wed Jun 10 at 2:00 PM"
    assert amount_of(waiting) == "$75.00"
    assert amount_of("Deposits taken (1)") == "$50.00"
    assert amount_of("Deposits applied to fees") == "$50.00"
    assert amount_of("Prepayments forfeited (1)") == "$300.00"
    assert amount_of("Account credit issued (1)") == "$300.00"
    # The $50 deposit at the till, and two $300 prepayments taken in cash when booking.
    assert amount_of("Cash expected") == "$650.00"
