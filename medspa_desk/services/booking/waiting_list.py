"""The waiting list: clients waiting for a service, offered to the desk when a slot frees that
suits them (the matching rules are domain.waiting_list's), each offer recorded, and a booking
made from an entry closing it and saying where the booking came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.clinic_time import next_slot_start
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.opening_hours import WEEKDAY_NAMES
from medspa_desk.domain.time_wording import wall_clock_time
from medspa_desk.domain.waiting_list import (
    FreedSlot,
    HoursOfDay,
    OfferOutcome,
    WaitingMatch,
    WaitingWish,
    best_matches,
)
from medspa_desk.services.booking.new_booking import BookingRequest, make_booking
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clients.usable_client import usable_client
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number
from medspa_desk.services.staff_access.permissions import require
from medspa_desk.storage.models import (
    Appointment,
    Client,
    Service,
    Staff,
    WaitingListEntry,
    WaitingListOffer,
    service_provider,
)


@dataclass(frozen=True)
class WaitingRequest:
    """What the desk types for a client who would take an earlier slot."""

    client_id: int
    service_id: int
    provider_ids: frozenset[int] = frozenset()  # none: anyone who gives the service
    weekdays: frozenset[int] = frozenset()  # 0 Monday; none: any day
    hours: tuple[HoursOfDay, ...] = ()  # none: any time
    note: str = ""


@dataclass(frozen=True)
class Waiting:
    """One open entry, as the list shows it."""

    entry_id: int
    client_id: int
    client_name: str
    phone: str
    service_id: int
    service_name: str
    wish: WaitingWish
    wants: (
        str  # "Kelsey Brandt · Tue, Thu · 9:00 AM–12:00 PM", or "Any provider · any day · any time"
    )
    note: str
    added_at: datetime
    offers: int  # how often the desk has called them about a slot


@dataclass(frozen=True)
class Offer:
    """A waiting client a freed slot suits, best first."""

    waiting: Waiting
    provider_id: int
    starts_at: datetime
    named_provider: bool


def add_to_waiting_list(desk: Desk, request: WaitingRequest) -> int:
    """Put the client on the list; the entry's id."""
    note = request.note.strip()
    refuse_card_number(note, "Note")
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BOOK)
        usable_client(session, request.client_id)
        service = session.get(Service, request.service_id)
        if service is None or not service.active:
            raise DeskRefusal("Choose a service on the menu for the client to wait for.")
        _check_providers(session, request)
        if any(day not in range(7) for day in request.weekdays):
            raise DeskRefusal("A weekday is numbered 0 (Monday) to 6 (Sunday).")
        entry = WaitingListEntry(
            client_id=request.client_id,
            service_id=request.service_id,
            provider_ids=_ids_text(request.provider_ids),
            weekdays=_ids_text(request.weekdays),
            hours=_hours_text(request.hours),
            note=note,
            added_at=now,
            added_by_id=desk.staff_id,
        )
        session.add(entry)
        session.flush()
        record_audit(session, desk.staff_id, "waiting_list.added", f"client:{request.client_id}",
                     {"entry_id": entry.id, "service_id": request.service_id}, now)  # fmt: skip
        return entry.id


def waiting_list(desk: Desk) -> list[Waiting]:
    """Everyone waiting, who waited longest first."""
    with desk.db.reading() as session:
        return _open_entries(session)


def offers_for(desk: Desk, slots: Iterable[FreedSlot]) -> list[Offer]:
    """Who on the list the freed slots suit, best first for each slot, slot by slot. The wishes
    are read as plain columns and matched first; only the matches are read in full."""
    slots = list(slots)
    with desk.db.reading() as session:
        wishes = _open_wishes(session)
        if not wishes or not slots:
            return []
        gives = {
            (staff_id, service_id)
            for staff_id, service_id in session.execute(
                select(service_provider.c.staff_id, service_provider.c.service_id)
            )
        }
        found: list[tuple[int, FreedSlot, WaitingMatch]] = []
        seen: set[tuple[int, int]] = set()
        for slot in slots:
            for match in best_matches(
                wishes, slot, desk.settings.zone,
                lambda provider, service: (provider, service) in gives,
            ):  # fmt: skip
                key = (match.wish.entry_id, slot.provider_id)
                if key not in seen:
                    seen.add(key)
                    found.append((match.wish.entry_id, slot, match))
        by_entry = {
            waiting.entry_id: waiting
            for waiting in _open_entries(session, [entry_id for entry_id, _s, _m in found])
        }
    return [
        Offer(by_entry[entry_id], slot.provider_id, match.starts_at, match.named_provider)
        for entry_id, slot, match in found
    ]


def record_offer(desk: Desk, entry_id: int, outcome: OfferOutcome, note: str = "") -> None:
    """The desk called the client about a slot: what came of it."""
    note = note.strip()
    refuse_card_number(note, "Note")
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BOOK)
        entry = _open_entry(session, entry_id)
        session.add(WaitingListOffer(entry_id=entry.id, at=now, by_staff_id=desk.staff_id,
                                     outcome=outcome, note=note))  # fmt: skip
        record_audit(session, desk.staff_id, "waiting_list.offered", f"client:{entry.client_id}",
                     {"entry_id": entry.id, "outcome": outcome.value}, now)  # fmt: skip


def book_from_waiting_list(desk: Desk, entry_id: int, provider_id: int, starts_at: datetime) -> int:
    """Book the waiting client into the slot and close their entry, in one transaction; the new
    appointment's id. The booking's checks are a booking's (availability, clashes, strikes)."""
    now = desk.clock.now()
    with desk.db.writing() as session:
        entry = _open_entry(session, entry_id)
        appointment = make_booking(
            session, desk, BookingRequest(entry.client_id, provider_id, entry.service_id, starts_at),
            now, history_reason="Booked from the waiting list",
        )  # fmt: skip
        entry.closed_at = now
        entry.closed_reason = "booked"
        entry.booked_appointment_id = appointment.id
        record_audit(session, desk.staff_id, "waiting_list.booked", f"client:{entry.client_id}",
                     {"entry_id": entry.id, "appointment_id": appointment.id}, now)  # fmt: skip
        return appointment.id


def remove_from_waiting_list(desk: Desk, entry_id: int, reason: str = "") -> None:
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.BOOK)
        entry = _open_entry(session, entry_id)
        entry.closed_at = now
        entry.closed_reason = "removed"
        record_audit(session, desk.staff_id, "waiting_list.removed", f"client:{entry.client_id}",
                     {"entry_id": entry.id}, now)  # fmt: skip


def freed_slots(desk: Desk, appointment_ids: Iterable[int]) -> list[FreedSlot]:
    """The time these bookings held that is free again and still ahead: each one called off
    (cancelled, moved, a no-show), from its start, or from the next slot mark when it has
    begun (a no-show early in its hour leaves the rest of it)."""
    ids = list(appointment_ids)
    if not ids:
        return []
    now = desk.clock.now()
    from_now = next_slot_start(now, desk.settings.zone, desk.settings.slot_minutes)
    with desk.db.reading() as session:
        rows = session.execute(
            select(Appointment.provider_id, Appointment.starts_at, Appointment.ends_at).where(
                Appointment.id.in_(ids),
                Appointment.status.in_([s for s in Status if not s.occupies_slot]),
                Appointment.ends_at > from_now,
            )
        ).all()
    return [
        FreedSlot(provider_id, max(starts_at, from_now), ends_at)
        for provider_id, starts_at, ends_at in rows
        if ends_at > max(starts_at, from_now)
    ]


# -- reading and writing the entries ------------------------------------------------------------


def _open_entry(session: Session, entry_id: int) -> WaitingListEntry:
    entry = session.get(WaitingListEntry, entry_id)
    if entry is None:
        raise DeskRefusal(f"There is no waiting-list entry number {entry_id}.")
    if entry.closed_at is not None:
        raise DeskRefusal("This client is no longer on the waiting list.")
    return entry


_WISH_COLUMNS = (
    WaitingListEntry.id,
    WaitingListEntry.client_id,
    WaitingListEntry.service_id,
    Service.duration_minutes,
    WaitingListEntry.added_at,
    WaitingListEntry.provider_ids,
    WaitingListEntry.weekdays,
    WaitingListEntry.hours,
)


def _open_wishes(session: Session) -> list[WaitingWish]:
    rows = session.execute(
        select(*_WISH_COLUMNS)
        .join(Service, Service.id == WaitingListEntry.service_id)
        .where(WaitingListEntry.closed_at.is_(None))
        .order_by(WaitingListEntry.added_at, WaitingListEntry.id)
    )
    return [_wish(*row) for row in rows]


def _wish(*columns: Any) -> WaitingWish:
    """A wish from _WISH_COLUMNS as read."""
    entry_id, client_id, service_id, minutes, added_at, providers, weekdays, hours = columns
    return WaitingWish(entry_id, client_id, service_id, minutes, added_at, _ids(providers),
                       _ids(weekdays), _hours(hours))  # fmt: skip


def _open_entries(session: Session, only: list[int] | None = None) -> list[Waiting]:
    """The open entries as the list shows them (`only`: these ids), who waited longest first."""
    where = [WaitingListEntry.closed_at.is_(None)]
    if only is not None:
        if not only:
            return []
        where.append(WaitingListEntry.id.in_(only))
    names = {
        staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.display_name))
    }
    offers = dict(
        session.execute(
            select(WaitingListOffer.entry_id, func.count(WaitingListOffer.id))
            .join(WaitingListEntry, WaitingListEntry.id == WaitingListOffer.entry_id)
            .where(*where)
            .group_by(WaitingListOffer.entry_id)
        ).all()
    )
    rows = session.execute(
        select(*_WISH_COLUMNS, WaitingListEntry.note, Client.first_name, Client.last_name,
               Client.phone_e164, Service.name)
        .join(Client, Client.id == WaitingListEntry.client_id)
        .join(Service, Service.id == WaitingListEntry.service_id)
        .where(*where)
        .order_by(WaitingListEntry.added_at, WaitingListEntry.id)
    )  # fmt: skip
    waiting = []
    for *wish_columns, note, first, last, phone, service_name in rows:
        wish = _wish(*wish_columns)
        waiting.append(
            Waiting(
                wish.entry_id, wish.client_id, f"{first} {last}", phone or "", wish.service_id,
                service_name, wish, _wants(wish, names), note, wish.added_at,
                offers.get(wish.entry_id, 0),
            )
        )  # fmt: skip
    return waiting


def _check_providers(session: Session, request: WaitingRequest) -> None:
    for provider_id in request.provider_ids:
        gives = session.scalar(
            select(service_provider.c.staff_id).where(
                service_provider.c.staff_id == provider_id,
                service_provider.c.service_id == request.service_id,
            )
        )
        if gives is None:
            name = session.scalar(select(Staff.display_name).where(Staff.id == provider_id))
            raise DeskRefusal(f"{name or 'That provider'} does not give this service.")


def _wants(wish: WaitingWish, names: dict[int, str]) -> str:
    providers = ", ".join(sorted(names.get(p, "?") for p in wish.provider_ids)) or "Any provider"
    days = ", ".join(WEEKDAY_NAMES[d][:3] for d in sorted(wish.weekdays)) or "any day"
    hours = (
        ", ".join(
            f"{wall_clock_time(window.starts)}–{wall_clock_time(window.ends)}"
            for window in wish.hours
        )
        or "any time"
    )
    return f"{providers} · {days} · {hours}"


def _ids_text(ids: Iterable[int]) -> str:
    return ",".join(str(number) for number in sorted(ids))


@lru_cache(maxsize=4096)  # a handful of different wishes, read for every slot freed
def _ids(text: str) -> frozenset[int]:
    return frozenset(int(part) for part in text.split(",") if part)


def _hours_text(hours: Iterable[HoursOfDay]) -> str:
    return ";".join(f"{h.starts:%H:%M}-{h.ends:%H:%M}" for h in hours)


@lru_cache(maxsize=4096)
def _hours(text: str) -> tuple[HoursOfDay, ...]:
    windows = []
    for part in text.split(";"):
        if part:
            starts, ends = part.split("-")
            windows.append(HoursOfDay(time.fromisoformat(starts), time.fromisoformat(ends)))
    return tuple(windows)
