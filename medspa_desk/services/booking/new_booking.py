"""Making a booking, with the prepayment the strike rule asks for or a manager's override.

book() makes every check again (booking_checks) inside its own write transaction, whatever the
dialog already showed (booking_choices): the transaction holds the write lock from BEGIN, so two
desks booking the same slot at the same moment cannot both pass the overlap check. A booking
records the version of the policy text it was made under ("By scheduling an appointment, you are
agreeing to our cancellation/no-show policy"), and that text verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.strikes import prepayment_requirement
from medspa_desk.services.booking.availability_checks import (
    AvailabilityOverride,
    TimeUnavailable,
    checked_availability_override,
    unavailable_reason,
)
from medspa_desk.services.booking.booking_checks import (
    BookingRefused,
    bookable_client,
    bookable_provider,
    bookable_service,
    check_free,
    check_time,
)
from medspa_desk.services.booking.booking_prepayment import (
    ManagerOverride,
    PrepaymentNeeded,
    PrepaymentTender,
    check_tender,
    checked_override,
    take_prepayment,
)
from medspa_desk.services.books.audit_trail import change_status, record_audit
from medspa_desk.services.clients.standing import client_strikes, credit_balance
from medspa_desk.services.clinic.published_policies import policy_in_force
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import refuse_card_number
from medspa_desk.services.mail.confirmation_email import queue_confirmation
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import Appointment


@dataclass(frozen=True)
class BookingRequest:
    client_id: int
    provider_id: int
    service_id: int
    starts_at: datetime  # timezone-aware
    notes: str = ""


def book(
    desk: Desk,
    request: BookingRequest,
    *,
    prepayment: PrepaymentTender | None = None,
    override: ManagerOverride | None = None,
    availability_override: AvailabilityOverride | None = None,
) -> int:
    """Make the booking, with its prepayment or override; the new appointment's id.

    Raises BookingRefused (PrepaymentNeeded when the strike rule asks for money first,
    TimeUnavailable when the provider is not available then) and saves nothing when it cannot
    be made. A client who does not have to prepay may still prepay; an override for such a
    client waives nothing and is not recorded. Likewise `availability_override` (a manager's,
    with a reason) is recorded only when the time is outside availability.
    """
    now = desk.clock.now()
    with desk.db.writing() as session:
        return make_booking(
            session,
            desk,
            request,
            now,
            prepayment=prepayment,
            override=override,
            availability_override=availability_override,
        ).id


def make_booking(
    session: Session,
    desk: Desk,
    request: BookingRequest,
    now: datetime,
    *,
    prepayment: PrepaymentTender | None = None,
    override: ManagerOverride | None = None,
    availability_override: AvailabilityOverride | None = None,
    moved_from: int | None = None,
    history_reason: str = "",
) -> Appointment:
    """book() inside the caller's transaction: reschedule makes its new booking with this.

    `moved_from` is the booking being replaced, which does not clash with its replacement.
    """
    if request.starts_at.tzinfo is None:
        raise ValueError("a booking's start must be timezone-aware")
    require(session, desk, DeskPermission.BOOK)
    settings = desk.settings
    client_name = bookable_client(session, request.client_id)
    provider = bookable_provider(session, request.provider_id)
    service = bookable_service(session, request.service_id, provider)
    starts_at = request.starts_at.astimezone(UTC)
    ends_at = starts_at + timedelta(minutes=service.duration_minutes)
    check_time(starts_at, settings, now)
    unavailable = unavailable_reason(session, settings, provider, starts_at, ends_at, service.name)
    outside = None
    if unavailable is not None:
        if availability_override is None:
            raise TimeUnavailable(unavailable)
        outside = checked_availability_override(session, desk, availability_override)
    check_free(
        session,
        settings,
        request.client_id,
        provider,
        client_name,
        service,
        starts_at,
        ends_at,
        moved_from,
    )
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
            waiver = checked_override(session, desk, override)
    if prepayment is not None:
        check_tender(session, prepayment, service.price_cents, request.client_id, client_name)

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
        prepayment_waived_by_id=waiver.authorised_by if waiver else None,
        prepayment_waived_reason=waiver.reason if waiver else "",
        availability_override_by_id=outside.authorised_by if outside else None,
        availability_override_reason=outside.reason if outside else "",
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
        payment = take_prepayment(session, desk, appointment, prepayment, service.name, now)
        detail["prepayment"] = {
            "payment_id": payment.id,
            "amount_cents": payment.amount_cents,
            "tender": payment.tender,
        }
    if waiver is not None:
        detail["prepayment_waived_by"] = waiver.authorised_by
    if outside is not None:
        detail["availability_override"] = {
            "manager_id": outside.authorised_by,
            "reason": outside.reason,
            "unavailable": unavailable,
        }
    record_audit(
        session, desk.staff_id, "appointment.booked", f"appointment:{appointment.id}", detail, now
    )
    # Written with the booking, sent when it is due and the line is up (services.mail).
    queue_confirmation(session, desk, appointment, now)
    return appointment
