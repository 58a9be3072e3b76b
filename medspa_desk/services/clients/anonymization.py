"""The right of deletion, "subject to legal obligations" (the clinic's Privacy Policy): the
person leaves the records, the books the clinic must keep stay whole."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, case, delete, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.cancellation_policy import CallOff
from medspa_desk.domain.data_deletion import UpcomingBookings
from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.domain.outgoing_mail import MailState
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.booking.call_off import cancel_in
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clients.usable_client import current_client
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal, refuse_card_number, required_text
from medspa_desk.services.staff_access.permissions import ManagerApproval, require
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    AppointmentStatusChange,
    Base,
    BookingPayment,
    CardOnFile,
    Client,
    ClientChange,
    ClientFee,
    ConfirmationAttempt,
    ImportedRecord,
    MarketingConsent,
    OutgoingMessage,
    Service,
    Staff,
    WaitingListEntry,
)

REMOVED = "[removed]"
_AWAITED = [status.value for status in AppointmentStatus if status.awaiting_arrival]
# A word in free text, with the apostrophes and hyphens names carry ("O'Brien", "Smith-Jones").
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass(frozen=True)
class UpcomingBooking:
    appointment_id: int
    starts_at: datetime
    service_name: str
    provider_name: str


class UpcomingBookingsUndecided(DeskRefusal):
    """The client has bookings to come: the desk must say what becomes of them."""


def upcoming_bookings(desk: Desk, client_id: int) -> list[UpcomingBooking]:
    """The client's bookings still to come (theirs and their merged records'), soonest first:
    what the deletion asks the desk about."""
    with desk.db.reading() as session:
        return _upcoming(session, client_id, desk.clock.now())


def anonymize_client(
    desk: Desk,
    client_id: int,
    *,
    reason: str,
    approval: ManagerApproval | None = None,
    upcoming: UpcomingBookings | None = None,
) -> list[int]:
    """Delete the person from the records, keeping the books the clinic must retain.

    The client's record, and every record merged into it, becomes "Anonymized client #<id>":
    phone, email, birthday, notes and emergency contact are cleared. Cards on file lose the
    cardholder's name and the terminal's token (kept for nothing once no fee can be charged) and
    are taken off file; brand and last four stay, as the sales' receipts show them anyway. The
    change history keeps when each field changed but not its values, and consents keep their
    yes or no (evidence of an opt-out) but not their notes. Where the desk typed the person's
    names, phone or email into an appointment's notes or a reason, those words are removed.

    Appointments, fees, payments, credit and sales stay as they are, so the calendar, the day
    totals and reprinted receipts still add up. Sales are not touched at all (a closed day's
    sales cannot change); their texts are the till's, not the desk's. The ids anonymized.

    Bookings still to come are cancelled as the clinic's cancellation (no fee, no strike, a
    prepayment credited) or kept, as `upcoming` says; with such bookings and no answer, nothing
    is done (UpcomingBookingsUndecided).

    Backups made before keep the person until they are rotated away (the oldest after a year);
    the newest copy kept as evidence (before a restore or an upgrade, of a damaged file) until a
    newer one of its kind replaces it (services.books.backups.rotate_backups).
    """
    reason = required_text(reason, "Say why: who asked, when and how (it is kept as evidence).")
    refuse_card_number(reason, "Reason")
    now = desk.clock.now()
    with desk.db.writing() as session:
        require(session, desk, DeskPermission.ANONYMIZE_CLIENT, approval)
        client = current_client(session, client_id)
        if client.anonymized_at is not None:
            raise DeskRefusal(f"Client number {client_id} was anonymized already.")
        records = [
            client,
            *session.scalars(select(Client).where(Client.merged_into_id == client_id)),
        ]
        ids = [record.id for record in records]
        to_come = _upcoming(session, client_id, now)
        if to_come and upcoming is None:
            count = len(to_come)
            raise UpcomingBookingsUndecided(
                f"{client.first_name} {client.last_name} has {count} booking"
                f"{'' if count == 1 else 's'} to come: say whether to cancel or keep "
                f"{'it' if count == 1 else 'them'}."
            )
        if upcoming is UpcomingBookings.CANCEL:
            for booking in to_come:
                cancel_in(session, desk, booking.appointment_id, CallOff.CLINIC_CANCELS, now,
                          "The client asked for their personal data to be deleted")  # fmt: skip
        words, contacts = _identifiers(records)
        _scrub_free_text(session, ids, lambda typed: _scrubbed(typed, words, contacts))
        session.execute(  # nobody left to write to, nothing of them left in the queue
            update(OutgoingMessage)
            .where(OutgoingMessage.client_id.in_(ids))
            .values(
                to_address="",
                subject=REMOVED,
                text_body=REMOVED,
                html_body="",
                calendar_ics="",
                state=case(
                    (OutgoingMessage.state == MailState.WAITING, MailState.CANCELLED.value),
                    else_=OutgoingMessage.state,
                ),
            ),
            execution_options={"synchronize_session": False},
        )
        session.execute(  # nobody left to offer a slot to
            update(WaitingListEntry)
            .where(WaitingListEntry.client_id.in_(ids), WaitingListEntry.closed_at.is_(None))
            .values(closed_at=now, closed_reason="removed"),
            execution_options={"synchronize_session": False},
        )
        for record in records:
            record.first_name = "Anonymized"
            record.last_name = f"client #{record.id}"
            record.search_name = fold_for_search(f"{record.first_name} {record.last_name}")
            record.phone_e164 = record.email = record.birthday = record.preferred_channel = None
            record.notes = record.emergency_contact_name = record.emergency_contact_phone = ""
            record.address = ""
            record.anonymized_at = now
        # The old system's id would name them again to anyone holding its export.
        session.execute(
            delete(ImportedRecord).where(
                ImportedRecord.kind == ImportKind.CLIENTS, ImportedRecord.record_id.in_(ids)
            ),
            execution_options={"synchronize_session": False},
        )
        cards = update(CardOnFile).where(CardOnFile.client_id.in_(ids))
        session.execute(
            cards.values(cardholder_name="", terminal_reference=""),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            cards.where(CardOnFile.removed_at.is_(None)).values(removed_at=now),
            execution_options={"synchronize_session": False},
        )
        for column in (ClientChange.old_value, ClientChange.new_value):
            session.execute(
                update(ClientChange)
                .where(ClientChange.client_id.in_(ids))
                .values({column: _removed_unless_empty(column)}),
                execution_options={"synchronize_session": False},
            )
        session.execute(
            update(MarketingConsent)
            .where(MarketingConsent.client_id.in_(ids))
            .values(note=_removed_unless_empty(MarketingConsent.note)),
            execution_options={"synchronize_session": False},
        )
        # Written after the scrub above: when it happened, and the request it answered.
        for field, value in (
            ("anonymized_at", now.astimezone(UTC).isoformat()),
            ("anonymization_reason", _scrubbed(reason, words, contacts)),
        ):
            session.add(
                ClientChange(
                    client_id=client_id,
                    at=now,
                    by_staff_id=desk.staff_id,
                    field=field,
                    old_value="",
                    new_value=value,
                )
            )
        record_audit(
            session,
            desk.staff_id,
            "client.anonymized",
            f"client:{client_id}",
            {"client_ids": ids},
            now,
        )
    # Every connection zeroes what it overwrites (secure_delete); the old values' pages still
    # sit in the WAL until a checkpoint copies the new ones over them and empties it.
    desk.db.wipe_stale_copies()
    return ids


def _upcoming(session: Session, client_id: int, now: datetime) -> list[UpcomingBooking]:
    owners = select(Client.id).where(
        or_(Client.id == client_id, Client.merged_into_id == client_id)
    )
    rows = session.execute(
        select(Appointment.id, Appointment.starts_at, Service.name, Staff.display_name)
        .join(Service, Service.id == Appointment.service_id)
        .join(Staff, Staff.id == Appointment.provider_id)
        .where(
            Appointment.client_id.in_(owners),
            Appointment.ends_at > now,  # as the profile's upcoming: one under way too
            Appointment.status.in_(_AWAITED),
        )
        .order_by(Appointment.starts_at)
    )
    return [UpcomingBooking(*row) for row in rows]


def _removed_unless_empty(column: InstrumentedAttribute[str]) -> ColumnElement[str]:
    return case((column == "", ""), else_=REMOVED)


def _identifiers(records: list[Client]) -> tuple[set[str], re.Pattern[str] | None]:
    """What identifies the person in free text: their name words (folded, as search folds them;
    the emergency contact's too) and a pattern for their phones and emails as typed."""
    words: set[str] = set()
    for record in records:
        for name in (record.first_name, record.last_name, record.emergency_contact_name):
            folded = fold_for_search(name)
            words.add(folded.replace(" ", ""))
            words.update(fold_for_search(part) for part in re.split(r"[\s-]+", name))
    words = {word for word in words if len(word) >= 2}
    patterns = []
    for record in records:
        for phone in (record.phone_e164, record.emergency_contact_phone):
            if phone:
                patterns.extend(_phone_patterns(phone))
        if record.email:
            patterns.append(re.escape(record.email))
    if not patterns:
        return words, None
    return words, re.compile("|".join(patterns), re.IGNORECASE)


def _phone_patterns(e164: str) -> list[str]:
    """The number as people write it: with or without the country code, in any grouping."""
    import phonenumbers  # only an anonymization needs it: the window starts without it

    number = phonenumbers.parse(e164)
    national = str(number.national_number)
    digits = r"[\s().-]*".join(national)
    patterns = [rf"(?<!\d)(?:\+?{number.country_code}[\s.-]*)?{digits}(?!\d)"]
    if number.country_code == 1:  # a North American number is often written without its area code
        patterns.append(rf"(?<!\d){national[3:6]}[\s.-]*{national[6:]}(?!\d)")
    return patterns


def _scrubbed(text: str, words: set[str], contacts: re.Pattern[str] | None) -> str:
    if contacts is not None:
        text = contacts.sub(REMOVED, text)
    return _WORD.sub(
        lambda found: REMOVED if fold_for_search(found.group()) in words else found.group(), text
    )


def _scrub_free_text(session: Session, ids: list[int], scrub: Callable[[str], str]) -> None:
    """Take the person's identifiers out of what the desk typed about their bookings and money."""
    appointments = session.scalars(select(Appointment).where(Appointment.client_id.in_(ids))).all()
    steps = session.scalars(
        select(AppointmentStatusChange)
        .join(Appointment, Appointment.id == AppointmentStatusChange.appointment_id)
        .where(Appointment.client_id.in_(ids))
    ).all()
    fees = session.scalars(select(ClientFee).where(ClientFee.client_id.in_(ids))).all()
    payments = session.scalars(
        select(BookingPayment).where(BookingPayment.client_id.in_(ids))
    ).all()
    credit = session.scalars(
        select(AccountCreditEntry).where(AccountCreditEntry.client_id.in_(ids))
    ).all()
    attempts = session.scalars(
        select(ConfirmationAttempt)
        .join(Appointment, Appointment.id == ConfirmationAttempt.appointment_id)
        .where(Appointment.client_id.in_(ids))
    ).all()
    texts: list[tuple[Base, str]] = [(row, "notes") for row in appointments]
    texts += [(row, "prepayment_waived_reason") for row in appointments]
    texts += [(row, "reason") for row in steps]
    texts += [(row, "waived_reason") for row in fees]
    texts += [(row, "outcome_reason") for row in payments]
    texts += [(row, "reason") for row in credit]
    texts += [(row, "note") for row in attempts]
    waiting = session.scalars(
        select(WaitingListEntry).where(WaitingListEntry.client_id.in_(ids))
    ).all()
    texts += [(row, "note") for row in waiting]
    for row, attribute in texts:
        typed: str = getattr(row, attribute)  # every one of these columns holds text
        scrubbed = scrub(typed)
        if scrubbed != typed:
            setattr(row, attribute, scrubbed)  # only the rows changed are written


# --- Reading -----------------------------------------------------------------------------------
