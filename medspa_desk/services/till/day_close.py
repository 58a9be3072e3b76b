"""End of day: the day's totals (the Z report's figures) and closing the day.

Totals count the sales not voided; voided sales are listed apart. Expected cash is the cash the
day's sales kept (cash handed over less change) plus prepayments and deposits taken in cash when
booking, at the desk but outside the till; the count it is compared with leaves out the
drawer's opening float.

The money the fee rules move without a sale is on the report too (BookingMoneyOfDay), so the day
adds up against the card terminal's batch: fees charged to a card on file (by the day their
approval code was entered; those still awaiting a code are listed apart, as the batch does not
have them), deposits taken and applied to fees, prepayments forfeited and account credit issued,
each from the books of that business day in the clinic's zone. Once a day is closed its sales cannot change: the service refuses in
words first, and a trigger in the database refuses as well.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.booking_payments import BookingPaymentKind, BookingPaymentOutcome
from medspa_desk.domain.clinic_time import local_date, local_day_bounds_utc

# The figures are plain values in domain, so documents.z_report prints them without services.
from medspa_desk.domain.day_totals import (
    BookingMoneyOfDay,
    ClosedBy,
    DayTotals,
    ProviderTotal,
    Rebooking,
    VoidedOnDay,
)
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.services.booking.fee_charges import awaiting_approval_on
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    BookingPayment,
    ClientFee,
    Staff,
)
from medspa_desk.storage.till_models import DayClose, Sale, SaleLine, SaleTender, SaleTip


def day_totals(desk: Desk, business_day: date) -> DayTotals:
    with desk.db.reading() as session:
        return _totals(session, desk, business_day)


def close_day(
    desk: Desk, business_day: date, *, counted_cash_cents: int, note: str = ""
) -> DayTotals:
    """Close the day with the cash counted in the drawer (without the float); its totals, closed."""
    if counted_cash_cents < 0:
        raise DeskRefusal("The cash counted cannot be negative.")
    refuse_card_number(note, "Note")
    now = desk.clock.now()
    if business_day > local_date(now, desk.settings.zone):
        raise DeskRefusal(
            f"{business_day:%a %b} {business_day.day} has not happened yet: it cannot be closed."
        )
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.CLOSE_DAY)
        if session.get(DayClose, business_day) is not None:
            raise DeskRefusal(f"{business_day:%a %b} {business_day.day} is already closed.")
        expected = _totals(session, desk, business_day).expected_cash_cents
        session.add(
            DayClose(
                business_day=business_day,
                closed_at=now,
                closed_by_id=desk.staff_id,
                expected_cash_cents=expected,
                counted_cash_cents=counted_cash_cents,
                note=note.strip(),
            )
        )
        session.flush()
        record_audit(
            session,
            desk.staff_id,
            "day.closed",
            f"day:{business_day.isoformat()}",
            {
                "expected_cash_cents": expected,
                "counted_cash_cents": counted_cash_cents,
                "difference_cents": counted_cash_cents - expected,
            },
            now,
        )
        return _totals(session, desk, business_day)


def _totals(session: Session, desk: Desk, day: date) -> DayTotals:
    live = and_(Sale.business_day == day, Sale.voided_at.is_(None))
    sums = session.execute(
        select(
            func.count(Sale.id),
            func.coalesce(func.sum(Sale.discount_cents), 0),
            func.coalesce(func.sum(Sale.tax_cents), 0),
            func.coalesce(func.sum(Sale.tip_cents), 0),
            func.coalesce(func.sum(Sale.total_cents), 0),
        ).where(live)
    ).one()
    by_tender = dict(
        session.execute(
            select(SaleTender.kind, func.sum(SaleTender.amount_cents))
            .join(Sale, Sale.id == SaleTender.sale_id)
            .where(live)
            .group_by(SaleTender.kind)
        ).all()
    )
    lines = session.execute(
        select(
            SaleLine.kind,
            func.sum(SaleLine.total_cents - SaleLine.tax_cents),
            func.sum(SaleLine.total_cents),
            func.count(SaleLine.id),
        )
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(live)
        .group_by(SaleLine.kind)
    ).all()
    fees = next((row for row in lines if row[0] == LineKind.FEE), None)
    taken_at_booking = _taken_at_booking(session, desk, day)
    closed = session.get(DayClose, day)
    return DayTotals(
        business_day=day,
        clinic_name=desk.settings.clinic_name,
        sales=sums[0],
        by_tender=by_tender,
        by_category={row[0]: row[1] for row in lines},
        discount_cents=sums[1],
        tax_cents=sums[2],
        tip_cents=sums[3],
        total_cents=sums[4],
        by_provider=_by_provider(session, live),
        fees_collected=fees[3] if fees else 0,
        fees_collected_cents=fees[2] if fees else 0,
        voids=_voids(session, day),
        taken_at_booking=taken_at_booking,
        expected_cash_cents=by_tender.get(TenderKind.CASH, 0)
        + taken_at_booking.get(TenderKind.CASH, 0),
        closed=_closed_by(session, closed, desk) if closed else None,
        booking_money=_booking_money(session, desk, day),
        rebooking=_rebooking(session, desk, day),
    )


def _by_provider(session: Session, live: ColumnElement[bool]) -> tuple[ProviderTotal, ...]:
    services = {
        provider: cents
        for provider, cents in session.execute(
            select(SaleLine.provider_id, func.sum(SaleLine.total_cents - SaleLine.tax_cents))
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(live, SaleLine.kind == LineKind.SERVICE, SaleLine.provider_id.is_not(None))
            .group_by(SaleLine.provider_id)
        )
        if provider is not None  # as the query says: the type checker cannot read SQL
    }
    tips = dict(
        session.execute(
            select(SaleTip.provider_id, func.sum(SaleTip.amount_cents))
            .join(Sale, Sale.id == SaleTip.sale_id)
            .where(live)
            .group_by(SaleTip.provider_id)
        ).all()
    )
    providers = services.keys() | tips.keys()
    names = dict(
        session.execute(
            select(Staff.id, Staff.display_name).where(Staff.id.in_(list(providers)))
        ).all()
    )
    return tuple(
        ProviderTotal(
            provider,
            names.get(provider, f"Staff {provider}"),
            services.get(provider, 0),
            tips.get(provider, 0),
        )
        for provider in sorted(providers, key=lambda provider: names.get(provider, ""))
    )


def _voids(session: Session, day: date) -> tuple[VoidedOnDay, ...]:
    rows = session.execute(
        select(Sale.receipt_number, Sale.total_cents, Staff.display_name, Sale.void_reason)
        .outerjoin(Staff, Staff.id == Sale.voided_by_id)
        .where(Sale.business_day == day, Sale.voided_at.is_not(None))
        .order_by(Sale.receipt_number)
    )
    return tuple(
        VoidedOnDay(number, total, name or "", reason) for number, total, name, reason in rows
    )


def _taken_at_booking(session: Session, desk: Desk, day: date) -> dict[TenderKind, int]:
    """Booking payments taken on the day, except those a sale took (a prepayment line)."""
    starts, ends = local_day_bounds_utc(day, desk.settings.zone)
    line, sale = aliased(SaleLine), aliased(Sale)
    # checkout writes a prepayment line's booking payment with the sale's own instant.
    from_a_sale = exists().where(
        line.kind.in_([LineKind.PREPAYMENT, LineKind.DEPOSIT]),
        line.kind == BookingPayment.kind,
        line.appointment_id == BookingPayment.appointment_id,
        sale.id == line.sale_id,
        sale.completed_at == BookingPayment.paid_at,
    )
    return dict(
        session.execute(
            select(BookingPayment.tender, func.sum(BookingPayment.amount_cents))
            .where(BookingPayment.paid_at >= starts, BookingPayment.paid_at < ends, ~from_a_sale)
            .group_by(BookingPayment.tender)
        ).all()
    )


def _booking_money(session: Session, desk: Desk, day: date) -> BookingMoneyOfDay:
    starts, ends = local_day_bounds_utc(day, desk.settings.zone)

    def count_and_sum(
        amount: InstrumentedAttribute[int], *where: ColumnElement[bool]
    ) -> tuple[int, int]:
        count, cents = session.execute(
            select(func.count(), func.coalesce(func.sum(amount), 0)).where(*where)
        ).one()
        return count, cents

    charged = count_and_sum(
        ClientFee.card_charge_cents,
        ClientFee.card_charge_cents > 0,
        ClientFee.card_approved_at >= starts,
        ClientFee.card_approved_at < ends,
        # A fee waived after its charge was run stays counted: the batch has the charge, and its
        # reversal is a separate entry at the terminal.
    )
    deposits = count_and_sum(
        BookingPayment.amount_cents,
        BookingPayment.kind == BookingPaymentKind.DEPOSIT,
        BookingPayment.paid_at >= starts,
        BookingPayment.paid_at < ends,
        BookingPayment.outcome.is_distinct_from(BookingPaymentOutcome.VOIDED),
    )
    applied = count_and_sum(
        ClientFee.from_deposit_cents,
        ClientFee.from_deposit_cents > 0,
        ClientFee.created_at >= starts,
        ClientFee.created_at < ends,
    )
    forfeited = count_and_sum(
        BookingPayment.amount_cents,
        BookingPayment.kind == BookingPaymentKind.PREPAYMENT,
        BookingPayment.outcome == BookingPaymentOutcome.FORFEITED,
        BookingPayment.outcome_at >= starts,
        BookingPayment.outcome_at < ends,
    )
    credits = count_and_sum(
        AccountCreditEntry.amount_cents,
        AccountCreditEntry.amount_cents > 0,
        AccountCreditEntry.at >= starts,
        AccountCreditEntry.at < ends,
    )
    return BookingMoneyOfDay(
        fees_charged_to_card=charged[0],
        fees_charged_to_card_cents=charged[1],
        awaiting_approval=tuple(awaiting_approval_on(session, desk, ends)),
        deposits_taken=deposits[0],
        deposits_taken_cents=deposits[1],
        deposits_applied_to_fees_cents=applied[1],
        prepayments_forfeited=forfeited[0],
        prepayments_forfeited_cents=forfeited[1],
        credits_issued=credits[0],
        credits_issued_cents=credits[1],
    )


def _closed_by(session: Session, closed: DayClose, desk: Desk) -> ClosedBy:
    name = session.scalar(select(Staff.display_name).where(Staff.id == closed.closed_by_id))
    return ClosedBy(
        closed.closed_at.astimezone(desk.settings.zone),
        name or "",
        closed.expected_cash_cents,
        closed.counted_cash_cents,
        closed.note,
    )


def _rebooking(session: Session, desk: Desk, day: date) -> Rebooking:
    """The day's visits completed, and those whose client booked again before the day was out
    (a booking made from the visit's start on, starting after it ends)."""
    starts, ends = local_day_bounds_utc(day, desk.settings.zone)
    later = aliased(Appointment)
    rebooked = (
        exists()
        .where(
            later.client_id == Appointment.client_id,
            later.id != Appointment.id,
            later.created_at >= Appointment.starts_at,
            later.created_at < ends,
            later.starts_at >= Appointment.ends_at,
        )
        .correlate(Appointment)
    )
    visits, again = session.execute(
        select(func.count(Appointment.id), func.count(Appointment.id).filter(rebooked)).where(
            Appointment.status == AppointmentStatus.COMPLETED,
            Appointment.starts_at >= starts,
            Appointment.starts_at < ends,
        )
    ).one()
    return Rebooking(visits, again)
