"""What a sale may name, checked when the cart is made and again inside the sale's transaction:
the visit checked out, the booking prepaid, the day still open. (The client is
services.clients.usable_client's to refuse, the fees still owed services.clients.standing's.)

SaleRefused is the till's refusal: the sale cannot complete (or be voided) as asked, and
nothing was saved.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus, check_out_refusal
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.time_wording import day_and_time
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Appointment, BookingPayment
from medspa_desk.storage.till_models import DayClose, Sale


class SaleRefused(DeskRefusal):
    """The sale cannot complete (or be voided) as asked; nothing was saved."""


def checkable_appointment(
    session: Session, appointment_id: int, today: date, desk: Desk
) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise SaleRefused(f"There is no appointment number {appointment_id}.")
    status = AppointmentStatus(appointment.status)
    if local_date(appointment.starts_at, desk.settings.zone) > today:
        when = day_and_time(appointment.starts_at, desk.settings.zone)
        raise SaleRefused(f"This visit is on {when}: it is checked out on the day.")
    refusal = check_out_refusal(status)  # a completed visit: only while no sale stands for it
    if refusal is not None:
        raise SaleRefused(refusal)
    receipt = session.scalar(
        select(Sale.receipt_number).where(
            Sale.appointment_id == appointment.id, Sale.voided_at.is_(None)
        )
    )
    if receipt is not None:
        raise SaleRefused(f"This appointment was already checked out on receipt {receipt}.")
    return appointment


def prepayable_booking(session: Session, appointment_id: int | None, now: datetime) -> Appointment:
    appointment = session.get(Appointment, appointment_id) if appointment_id is not None else None
    if appointment is None:
        raise SaleRefused(f"There is no appointment number {appointment_id}.")
    if not AppointmentStatus(appointment.status).can_be_prepaid or appointment.starts_at <= now:
        raise SaleRefused("Only a booking still to come can be prepaid.")
    held = session.scalar(
        select(BookingPayment.id).where(
            BookingPayment.appointment_id == appointment.id, BookingPayment.outcome.is_(None)
        )
    )
    if held is not None:
        raise SaleRefused("This booking already has money held for it.")
    return appointment


def refuse_if_day_closed(session: Session, day: date, consequence: str) -> None:
    closed = session.get(DayClose, day)
    if closed is not None:
        raise SaleRefused(f"The business day {day:%a %b} {day.day} has been closed. {consequence}")
