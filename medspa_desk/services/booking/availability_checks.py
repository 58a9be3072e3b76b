"""A booking inside the provider's availability (domain.availability: opening hours, closures,
shifts, blocks), or a manager's override of it with a reason.

The refusal for unavailable time is its own kind, TimeUnavailable, so the booking and move
dialogs can offer "Book anyway (manager)…" for it and for nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from medspa_desk.domain.availability import why_unbookable
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.booking.booking_checks import BookingRefused
from medspa_desk.services.clinic.bookable_time import clinic_days, provider_times
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import refuse_card_number, required_text
from medspa_desk.services.staff_access.permissions import ManagerApproval, require
from medspa_desk.storage.models import Staff


class TimeUnavailable(BookingRefused):
    """The time is outside the provider's availability; a manager may book it anyway."""


@dataclass(frozen=True)
class AvailabilityOverride:
    """A manager books time outside availability (a provider staying late, say), signed in or
    approving for the front desk (`approval`); the reason is recorded on the appointment and in
    its audit entry. `authorised_by` is the manager, once checked."""

    reason: str
    approval: ManagerApproval | None = None
    authorised_by: int | None = None


def unavailable_reason(
    session: Session,
    settings: ClinicSettings,
    provider: Staff,
    starts_at: datetime,
    ends_at: datetime,
    service_name: str,
) -> str | None:
    """Why the provider cannot be booked for [starts_at, ends_at), or None: the rules of the
    booking's own clinic day, read in a few small queries."""
    day = local_date(starts_at, settings.zone)
    clinic = clinic_days(session, settings, day, day)
    rules = provider_times(session, {provider.id: provider.display_name}, starts_at, ends_at)
    return why_unbookable(starts_at, ends_at, clinic, rules[provider.id], service_name)


def checked_availability_override(
    session: Session, desk: Desk, override: AvailabilityOverride
) -> AvailabilityOverride:
    reason = required_text(
        override.reason,
        "Booking outside availability needs a reason, for the record.",
        BookingRefused,
    )
    refuse_card_number(reason, "Override reason", BookingRefused)
    manager_id = require(session, desk, DeskPermission.OVERRIDE_AVAILABILITY, override.approval)
    return AvailabilityOverride(reason, override.approval, manager_id)
