"""Booking: what the book dialog offers (providers, their services, the prepayment asked for) and
making the booking.

book() makes every check again inside its own write transaction, whatever the dialog already
showed: the transaction holds the write lock from BEGIN, so two desks booking the same slot at
the same moment cannot both pass the overlap check. A booking records the version of the policy
text it was made under ("By scheduling an appointment, you are agreeing to our
cancellation/no-show policy"), and that text verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.domain.strikes import PrepaymentRequirement, prepayment_requirement
from medspa_desk.domain.time_wording import clock_time, day_and_time, time_range
from medspa_desk.services.books.audit_trail import change_status, record_audit
from medspa_desk.services.clients.standing import client_strikes, credit_balance
from medspa_desk.services.clients.usable_client import usable_client
from medspa_desk.services.clinic.published_policies import policy_in_force
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number, required_text
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    BookingPayment,
    Client,
    Service,
    Staff,
    service_provider,
)

TENDERS = ("card", "cash", "account_credit")

# The statuses that hold a provider's and a client's time, as the domain names them.
_OCCUPYING = [status.value for status in AppointmentStatus if status.occupies_slot]
# No booking lasts a day: book() keeps each inside one day's opening hours. Bounding the overlap
# search by it lets the (provider, start) and (client, start) indexes answer from a day's rows
# instead of scanning years of them.
_LONGEST_BOOKING = timedelta(days=1)
_LAST4 = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class ProviderChoice:
    provider_id: int
    name: str
    role: str


@dataclass(frozen=True)
class ServiceChoice:
    service_id: int
    name: str
    category: str
    duration_minutes: int
    price_cents: int


@dataclass(frozen=True)
class BookingRequest:
    client_id: int
    provider_id: int
    service_id: int
    starts_at: datetime  # timezone-aware
    notes: str = ""


@dataclass(frozen=True)
class PrepaymentTender:
    """The prepayment taken at booking. A card is recorded as the terminal printed it (brand,
    last four digits, approval code), never by its number."""

    amount_cents: int
    tender: str  # one of TENDERS
    card_brand: str = ""
    card_last4: str = ""
    approval_code: str = ""


@dataclass(frozen=True)
class ManagerOverride:
    """A manager lets a client who must prepay book without prepaying; the reason is kept."""

    manager_id: int
    reason: str


class BookingRefused(DeskRefusal):
    """The booking cannot be made as asked; nothing was saved."""


class PrepaymentNeeded(BookingRefused):
    """The strike rule asks for prepayment in full, and neither it nor an override was given.

    `credit_cents` is the account credit that could pay it: the client's balance, and for a
    reschedule that balance with the old booking's prepayment credited, as the move would do.
    """

    def __init__(self, requirement: PrepaymentRequirement, client_name: str, credit_cents: int):
        self.requirement = requirement
        self.credit_cents = credit_cents
        super().__init__(
            f"{client_name} must prepay the full {format_cents(requirement.amount_cents)} to "
            f"book: {requirement.reason} A manager can override this with a reason."
        )


def providers(desk: Desk) -> list[ProviderChoice]:
    """The active providers, in the calendar's column order."""
    with desk.db.reading() as session:
        rows = session.execute(
            select(Staff.id, Staff.display_name, Staff.role)
            .where(Staff.is_provider, Staff.active)
            .order_by(Staff.calendar_order, Staff.display_name)
        )
        return [ProviderChoice(*row) for row in rows]


def services_for(desk: Desk, provider_id: int) -> list[ServiceChoice]:
    """The menu items this provider performs, by category and then name."""
    with desk.db.reading() as session:
        rows = session.execute(
            select(
                Service.id,
                Service.name,
                Service.category,
                Service.duration_minutes,
                Service.price_cents,
            )
            .join(service_provider, service_provider.c.service_id == Service.id)
            .where(service_provider.c.staff_id == provider_id, Service.active)
            .order_by(Service.category, Service.name)
        )
        return [ServiceChoice(*row) for row in rows]


def booking_requirement(desk: Desk, client_id: int, service_id: int) -> PrepaymentRequirement:
    """What booking this service for this client asks for in advance, for the dialog to show.

    The domain's answer as it is. A free service (amount 0) asks for nothing even when
    `required` is true: book() then takes neither money nor an override.
    """
    with desk.db.reading() as session:
        usable_client(session, client_id)
        service = session.get(Service, service_id)
        if service is None:
            raise BookingRefused(f"There is no service number {service_id} on the menu.")
        strikes = client_strikes(session, client_id)
        return prepayment_requirement(strikes, service.price_cents, desk.settings)


def book(
    desk: Desk,
    request: BookingRequest,
    *,
    prepayment: PrepaymentTender | None = None,
    override: ManagerOverride | None = None,
) -> int:
    """Make the booking, with its prepayment or override; the new appointment's id.

    Raises BookingRefused (PrepaymentNeeded when the strike rule asks for money first) and saves
    nothing when it cannot be made. A client who does not have to prepay may still prepay; an
    override for such a client waives nothing and is not recorded.
    """
    now = desk.clock.now()
    with desk.db.writing() as session:
        return make_booking(
            session, desk, request, now, prepayment=prepayment, override=override
        ).id


def make_booking(
    session: Session,
    desk: Desk,
    request: BookingRequest,
    now: datetime,
    *,
    prepayment: PrepaymentTender | None = None,
    override: ManagerOverride | None = None,
    moved_from: int | None = None,
    history_reason: str = "",
) -> Appointment:
    """book() inside the caller's transaction: reschedule makes its new booking with this.

    `moved_from` is the booking being replaced, which does not clash with its replacement.
    """
    if request.starts_at.tzinfo is None:
        raise ValueError("a booking's start must be timezone-aware")
    settings = desk.settings
    client = usable_client(session, request.client_id)
    client_name = f"{client.first_name} {client.last_name}"
    provider = _bookable_provider(session, request.provider_id)
    service = _bookable_service(session, request.service_id, provider)
    starts_at = request.starts_at.astimezone(UTC)
    ends_at = starts_at + timedelta(minutes=service.duration_minutes)
    _check_time(starts_at, ends_at, service.name, settings, now)
    _check_free(session, settings, request, provider, client_name, starts_at, ends_at, moved_from)
    notes = request.notes.strip()
    refuse_card_number(notes, "Booking notes", BookingRefused)

    strikes = client_strikes(session, request.client_id)
    requirement = prepayment_requirement(strikes, service.price_cents, settings)
    # A free service (a consultation) asks for nothing, whatever the strikes.
    must_prepay = requirement.required and requirement.amount_cents > 0
    waiver = None
    if must_prepay:
        if prepayment is None and override is None:
            credit = credit_balance(session, request.client_id)
            raise PrepaymentNeeded(requirement, client_name, credit)
        if prepayment is not None and override is not None:
            raise BookingRefused("Take either the prepayment or a manager's override, not both.")
        if override is not None:
            waiver = _checked_override(session, override)
    if prepayment is not None:
        _check_tender(session, prepayment, service.price_cents, request.client_id, client_name)

    appointment = Appointment(
        client_id=request.client_id,
        provider_id=provider.id,
        service_id=service.id,
        starts_at=starts_at,
        ends_at=ends_at,
        price_cents=service.price_cents,
        policy_version=policy_in_force(session, now),
        notes=notes,
        created_at=now,
        created_by_id=desk.staff_id,
        prepayment_waived_by_id=waiver.manager_id if waiver else None,
        prepayment_waived_reason=waiver.reason if waiver else "",
    )
    history_id = change_status(
        session, desk.staff_id, appointment, AppointmentStatus.BOOKED, history_reason, now
    )
    detail = {
        "client_id": request.client_id,
        "provider_id": provider.id,
        "service_id": service.id,
        "starts_at": starts_at,
        "price_cents": service.price_cents,
        "policy_version": appointment.policy_version,
        "strikes": strikes,
        "history_id": history_id,
    }
    if moved_from is not None:
        detail["moved_from"] = moved_from
    if prepayment is not None:
        payment = _take_prepayment(session, desk, appointment, prepayment, service.name, now)
        detail["prepayment"] = {
            "payment_id": payment.id,
            "amount_cents": payment.amount_cents,
            "tender": payment.tender,
        }
    if waiver is not None:
        detail["prepayment_waived_by"] = waiver.manager_id
    record_audit(
        session, desk.staff_id, "appointment.booked", f"appointment:{appointment.id}", detail, now
    )
    return appointment


def _bookable_provider(session: Session, provider_id: int) -> Staff:
    provider = session.get(Staff, provider_id)
    if provider is None:
        raise BookingRefused(f"There is no provider number {provider_id} on the staff.")
    if not provider.is_provider:
        raise BookingRefused(
            f"{provider.display_name} does not perform services: choose a provider."
        )
    if not provider.active:
        raise BookingRefused(
            f"{provider.display_name} no longer works at the clinic: choose another provider."
        )
    return provider


def _bookable_service(session: Session, service_id: int, provider: Staff) -> Service:
    service = session.get(Service, service_id)
    if service is None:
        raise BookingRefused(f"There is no service number {service_id} on the menu.")
    if not service.active:
        raise BookingRefused(f"{service.name} is no longer on the service menu.")
    performs = session.scalar(
        select(
            exists().where(
                service_provider.c.service_id == service.id,
                service_provider.c.staff_id == provider.id,
            )
        )
    )
    if not performs:
        raise BookingRefused(f"{provider.display_name} does not perform {service.name}.")
    return service


def _check_time(
    starts_at: datetime,
    ends_at: datetime,
    service_name: str,
    settings: ClinicSettings,
    now: datetime,
) -> None:
    zone = settings.zone
    if starts_at < now:
        raise BookingRefused(
            f"{day_and_time(starts_at, zone)} has already passed: book a time from now on."
        )
    # Opening and closing on the booking's own clinic day: on the DST Sundays these are
    # wall-clock times of a 23- or 25-hour day, which at_local places right.
    day = local_date(starts_at, zone)
    opens = at_local(day, settings.opening_time, zone)
    closes = at_local(day, settings.closing_time, zone)
    if starts_at < opens:
        raise BookingRefused(
            f"The clinic opens at {clock_time(opens, zone)}: {clock_time(starts_at, zone)} is "
            "before opening."
        )
    if ends_at > closes:
        raise BookingRefused(
            f"{service_name} at {clock_time(starts_at, zone)} would run to "
            f"{clock_time(ends_at, zone)}, past closing at {clock_time(closes, zone)}."
        )
    # The calendar's rows are slot_minutes apart from opening time: a booking starts on one.
    local = starts_at.astimezone(zone)
    opening = settings.opening_time
    since_opening = (local.hour - opening.hour) * 60 + local.minute - opening.minute
    if local.second or local.microsecond or since_opening % settings.slot_minutes:
        raise BookingRefused(
            f"Bookings start on the calendar's {settings.slot_minutes}-minute marks: "
            f"{clock_time(starts_at, zone)} is not one."
        )


def _check_free(
    session: Session,
    settings: ClinicSettings,
    request: BookingRequest,
    provider: Staff,
    client_name: str,
    starts_at: datetime,
    ends_at: datetime,
    moved_from: int | None,
) -> None:
    """Refuse a provider's or a client's time that another booking already holds.

    Intervals are half-open: a booking ending at 10:30 leaves 10:30 free for the next one.
    """
    zone = settings.zone
    clash = _first_clash(
        session, Appointment.provider_id == provider.id, starts_at, ends_at, moved_from
    )
    if clash is not None:
        raise BookingRefused(
            f"{provider.display_name} already has {clash.first_name} {clash.last_name} at "
            f"{time_range(clash.starts_at, clash.ends_at, zone)}."
        )
    clash = _first_clash(
        session, Appointment.client_id == request.client_id, starts_at, ends_at, moved_from
    )
    if clash is not None:
        raise BookingRefused(
            f"{client_name} is already booked with {clash.display_name} at "
            f"{time_range(clash.starts_at, clash.ends_at, zone)}."
        )


def _first_clash(session: Session, whose, starts_at: datetime, ends_at: datetime, moved_from):
    statement = (
        select(
            Appointment.starts_at,
            Appointment.ends_at,
            Client.first_name,
            Client.last_name,
            Staff.display_name,
        )
        .join(Client, Client.id == Appointment.client_id)
        .join(Staff, Staff.id == Appointment.provider_id)
        .where(
            whose,
            Appointment.starts_at > starts_at - _LONGEST_BOOKING,
            Appointment.starts_at < ends_at,
            Appointment.ends_at > starts_at,
            Appointment.status.in_(_OCCUPYING),
        )
        .order_by(Appointment.starts_at)
        .limit(1)
    )
    if moved_from is not None:
        statement = statement.where(Appointment.id != moved_from)
    return session.execute(statement).first()


def _checked_override(session: Session, override: ManagerOverride) -> ManagerOverride:
    reason = required_text(
        override.reason, "A manager's override needs a reason, for the record.", BookingRefused
    )
    refuse_card_number(reason, "Override reason", BookingRefused)
    manager = session.get(Staff, override.manager_id)
    if manager is None or not manager.active or not manager.is_manager:
        who = manager.display_name if manager is not None else "That staff member"
        raise BookingRefused(
            f"{who} is not a manager: only a manager can book without the prepayment."
        )
    return ManagerOverride(manager.id, reason)


def _check_tender(
    session: Session, tender: PrepaymentTender, price_cents: int, client_id: int, client_name: str
) -> None:
    if tender.tender not in TENDERS:
        raise ValueError(f"unknown tender {tender.tender!r}: one of {', '.join(TENDERS)}")
    if price_cents == 0:
        raise BookingRefused("This service is free: there is nothing to prepay.")
    if tender.amount_cents != price_cents:
        raise BookingRefused(
            f"The prepayment is the full price, {format_cents(price_cents)}, not "
            f"{format_cents(tender.amount_cents)}."
        )
    if tender.tender == "card":
        required_text(
            tender.card_brand, "Say which card paid (Visa, Mastercard, ...).", BookingRefused
        )
        if not _LAST4.fullmatch(tender.card_last4):
            raise BookingRefused("Enter the last four digits of the card, exactly 4 digits.")
        required_text(
            tender.approval_code,
            "Enter the approval code the terminal printed for the prepayment.",
            BookingRefused,
        )
        refuse_card_number(tender.card_brand, "Card brand", BookingRefused)
        refuse_card_number(tender.approval_code, "Approval code", BookingRefused)
    elif tender.tender == "account_credit":
        balance = credit_balance(session, client_id)
        if balance < tender.amount_cents:
            raise BookingRefused(
                f"{client_name} has {format_cents(balance)} of account credit; the prepayment "
                f"is {format_cents(tender.amount_cents)}."
            )


def _take_prepayment(
    session: Session,
    desk: Desk,
    appointment: Appointment,
    tender: PrepaymentTender,
    service_name: str,
    now: datetime,
) -> BookingPayment:
    by_card = tender.tender == "card"
    payment = BookingPayment(
        appointment_id=appointment.id,
        client_id=appointment.client_id,
        kind="prepayment",
        amount_cents=tender.amount_cents,
        tender=tender.tender,
        card_brand=tender.card_brand.strip() if by_card else "",
        card_last4=tender.card_last4 if by_card else "",
        approval_code=tender.approval_code.strip() if by_card else "",
        paid_at=now,
        taken_by_id=desk.staff_id,
        outcome=None,  # held until the visit or the call-off
    )
    session.add(payment)
    session.flush()
    if tender.tender == "account_credit":
        when = day_and_time(appointment.starts_at, desk.settings.zone)
        session.add(
            AccountCreditEntry(
                client_id=appointment.client_id,
                amount_cents=-tender.amount_cents,
                at=now,
                by_staff_id=desk.staff_id,
                reason=f"Prepaid {service_name} on {when}",
                appointment_id=appointment.id,
                booking_payment_id=payment.id,
            )
        )
    return payment
