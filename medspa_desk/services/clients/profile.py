"""A client's profile, as the Clients view shows it: details, standing, visits, purchases, gift
cards, marketing consent, the history of changes to the record, and what the desk should notice.

Read in one transaction, a fixed dozen queries whatever the client's history holds (no query per
visit or sale), each statement built once with its client as a parameter. Sales are read for the client and for every record merged into theirs, since a
merge leaves sales filed where they were rung up (see client_records.merge_clients).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, Connection, bindparam, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.client_alerts import ClientAlertKind
from medspa_desk.domain.clinic_time import at_local, local_date
from medspa_desk.domain.contact_details import phone_for_display
from medspa_desk.domain.marketing_consent import ConsentChannel
from medspa_desk.domain.money import format_cents
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.services.books.audit_trail import record_audit
from medspa_desk.services.clients.marketing_consent import ConsentState, consent_states
from medspa_desk.services.clients.standing import (
    ClientStanding,
    standing_in,
)
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import PermissionNeeded, require_to_see_client
from medspa_desk.storage.models import (
    Appointment,
    Client,
    ClientChange,
    PastVisit,
    Service,
    Staff,
)
from medspa_desk.storage.till_models import GiftCard, GiftCardEntry, Sale, SaleLine


@dataclass(frozen=True)
class ClientDetails:
    client_id: int
    first_name: str
    last_name: str
    phone_e164: str | None
    phone_display: str  # "(406) 287-6565"; "" when there is none
    email: str | None
    birthday: date | None
    notes: str
    emergency_contact_name: str
    emergency_contact_phone_e164: str  # "" when there is none
    emergency_contact_phone_display: str
    preferred_channel: ConsentChannel | None
    created_at: datetime
    anonymized_at: datetime | None
    merged_into_id: int | None  # this record was merged into that one: use it instead
    merged_from_ids: tuple[int, ...]  # records merged into this one

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def anonymized(self) -> bool:
        return self.anonymized_at is not None


@dataclass(frozen=True)
class Visit:
    appointment_id: int | None  # None: a visit the old system recorded (imported)
    starts_at: datetime
    ends_at: datetime
    status: AppointmentStatus
    provider_name: str
    service_name: str
    price_cents: int

    @property
    def imported(self) -> bool:
        return self.appointment_id is None


@dataclass(frozen=True)
class PurchaseLine:
    kind: LineKind
    description: str
    quantity: int
    total_cents: int


@dataclass(frozen=True)
class Purchase:
    sale_id: int
    receipt_number: int
    business_day: date
    completed_at: datetime
    lines: tuple[PurchaseLine, ...]
    discount_cents: int
    tax_cents: int
    tip_cents: int
    total_cents: int
    voided: bool


@dataclass(frozen=True)
class GiftCardBought:
    gift_card_id: int
    code: str
    receipt_number: int  # the sale that sold it
    issued_at: datetime
    initial_cents: int
    balance_cents: int


@dataclass(frozen=True)
class FieldChange:
    at: datetime
    by: str  # the staff member's name; "" when made by a command
    field: str  # a ClientEdit field, or an event: merged_from_id, merge_reason, anonymized_at, ...
    old_value: str
    new_value: str


@dataclass(frozen=True)
class ClientAlert:
    kind: ClientAlertKind
    text: str


@dataclass(frozen=True)
class ClientProfile:
    details: ClientDetails
    standing: ClientStanding
    upcoming: tuple[Visit, ...]  # soonest first
    past: tuple[Visit, ...]  # newest first: everything that is not upcoming
    purchases: tuple[Purchase, ...]  # newest first
    gift_cards: tuple[GiftCardBought, ...]
    consents: tuple[ConsentState, ...]  # email, sms, phone
    changes: tuple[FieldChange, ...]  # newest first
    alerts: tuple[ClientAlert, ...]


_CLIENT: BindParameter[int] = bindparam("client_id")
_OWNERS: BindParameter[list[int]] = bindparam(
    "owners", expanding=True
)  # the client and the records merged into theirs

_MERGED_FROM = select(Client.id).where(Client.merged_into_id == _CLIENT).order_by(Client.id)
_VISITS = (
    select(
        Appointment.id,
        Appointment.starts_at,
        Appointment.ends_at,
        Appointment.status,
        Staff.display_name,
        Service.name,
        Appointment.price_cents,
    )
    .join(Staff, Staff.id == Appointment.provider_id)
    .join(Service, Service.id == Appointment.service_id)
    .where(Appointment.client_id == _CLIENT)
    .order_by(Appointment.starts_at.desc(), Appointment.id.desc())
)
_PAST_VISITS = (
    select(
        PastVisit.visited_on,
        PastVisit.outcome,
        PastVisit.provider_name,
        PastVisit.service_name,
        PastVisit.amount_cents,
    )
    .where(PastVisit.client_id == _CLIENT)
    .order_by(PastVisit.visited_on.desc(), PastVisit.id.desc())
)
_SALES = (
    select(
        Sale.id,
        Sale.receipt_number,
        Sale.business_day,
        Sale.completed_at,
        Sale.discount_cents,
        Sale.tax_cents,
        Sale.tip_cents,
        Sale.total_cents,
        Sale.voided_at.is_not(None),
    )
    .where(Sale.client_id.in_(_OWNERS))
    .order_by(Sale.completed_at.desc(), Sale.id.desc())
)
_SALE_LINES = (
    select(
        SaleLine.sale_id,
        SaleLine.kind,
        SaleLine.description,
        SaleLine.quantity,
        SaleLine.total_cents,
    )
    .join(Sale, Sale.id == SaleLine.sale_id)
    .where(Sale.client_id.in_(_OWNERS))
    .order_by(SaleLine.id)
)
_GIFT_CARD_BALANCE = (
    select(func.coalesce(func.sum(GiftCardEntry.amount_cents), 0))
    .where(GiftCardEntry.gift_card_id == GiftCard.id)
    .scalar_subquery()
)
_GIFT_CARDS = (
    select(
        GiftCard.id,
        GiftCard.code,
        func.min(Sale.receipt_number),
        GiftCard.issued_at,
        GiftCard.initial_cents,
        _GIFT_CARD_BALANCE,
    )
    .join(SaleLine, SaleLine.gift_card_id == GiftCard.id)
    .join(Sale, Sale.id == SaleLine.sale_id)
    .where(Sale.client_id.in_(_OWNERS), SaleLine.kind == LineKind.GIFT_CARD)
    .group_by(GiftCard.id)
    .order_by(GiftCard.issued_at.desc(), GiftCard.id.desc())
)
_CHANGED_BY = aliased(Staff)
_CHANGES = (
    select(
        ClientChange.at,
        func.coalesce(_CHANGED_BY.display_name, ""),
        ClientChange.field,
        ClientChange.old_value,
        ClientChange.new_value,
    )
    .outerjoin(_CHANGED_BY, _CHANGED_BY.id == ClientChange.by_staff_id)
    .where(ClientChange.client_id == _CLIENT)
    .order_by(ClientChange.at.desc(), ClientChange.id.desc())
)


def client_profile(desk: Desk, client_id: int) -> ClientProfile:
    with desk.db.reading() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise DeskRefusal(f"There is no client number {client_id} in the records.")
        require_to_see_client(session, desk, client_id)
        return _profile(session, desk, client)


def record_profile_viewed(desk: Desk, client_id: int) -> None:
    """Note in the audit trail that the person at the desk opened the client's profile (who
    looked at whose record). Once per opening, by the view: a re-read of the profile open, after
    a change, is not another look."""
    with desk.db.writing() as session:
        if session.get(Client, client_id) is None:
            raise DeskRefusal(f"There is no client number {client_id} in the records.")
        subject = f"client:{client_id}"
        record_audit(session, desk.staff_id, "client.viewed", subject, {}, desk.clock.now())


# Ids start at 1: no row is ever numbered 0.
NOBODY = 0


def prepare_profile_reads(desk: Desk) -> None:
    """Run every read of a profile once, for nobody: SQLAlchemy compiles a statement the first
    time it runs (some 30 ms for a profile's dozen), and so the desk's first profile opened reads
    as fast as the next. The window calls it once it is idle."""
    with desk.db.reading() as session:
        session.get(Client, NOBODY)
        try:
            require_to_see_client(session, desk, NOBODY)
        except PermissionNeeded:
            pass  # a provider is refused nobody's profile; the reads are compiled all the same
        _profile(session, desk, Client(id=NOBODY, created_at=desk.clock.now()))
    # And the note of the look (record_profile_viewed), written for nobody and rolled back: no
    # entry is left, and the first look costs what the next does. Only if the write lock is free
    # at once: with another desk writing, the idle desk does not wait (the first look compiles it).
    with Session(desk.db.engine, info={"workstation": desk.db.workstation}) as session:
        driver = session.connection().connection.dbapi_connection
        assert driver is not None
        driver.execute("PRAGMA busy_timeout = 0")
        try:
            subject = f"client:{NOBODY}"
            record_audit(session, desk.staff_id, "client.viewed", subject, {}, desk.clock.now())
            session.flush()
        except OperationalError:
            pass
        finally:
            driver.execute(f"PRAGMA busy_timeout = {int(desk.db.busy_timeout_ms)}")
            session.rollback()


def _profile(session: Session, desk: Desk, client: Client) -> ClientProfile:
    now = desk.clock.now()
    today = local_date(now, desk.settings.zone)
    client_id = client.id
    # The profile's own reads are Core statements: run on the session's connection, they skip
    # the ORM's handling of a statement, which is most of their time.
    reads = session.connection()
    merged_from = tuple(reads.scalars(_MERGED_FROM, {"client_id": client_id}))
    standing = standing_in(session, desk, client_id)
    visits = _visits(reads, client_id, desk.settings.zone)  # newest first
    sale_owners = (client_id, *merged_from)
    details = client_details(client, merged_from)
    return ClientProfile(
        details=details,
        standing=standing,
        upcoming=tuple(reversed([v for v in visits if _is_upcoming(v, now)])),
        past=tuple(v for v in visits if not _is_upcoming(v, now)),
        purchases=_purchases(reads, sale_owners),
        gift_cards=_gift_cards(reads, sale_owners),
        consents=tuple(consent_states(session, client_id).values()),
        changes=_changes(reads, client_id),
        alerts=tuple(client_alerts(details, standing, today, desk)),
    )


def client_details(client: Client, merged_from: tuple[int, ...] = ()) -> ClientDetails:
    emergency_phone = client.emergency_contact_phone or ""
    return ClientDetails(
        client_id=client.id,
        first_name=client.first_name,
        last_name=client.last_name,
        phone_e164=client.phone_e164,
        phone_display=phone_for_display(client.phone_e164) if client.phone_e164 else "",
        email=client.email,
        birthday=client.birthday,
        notes=client.notes,
        emergency_contact_name=client.emergency_contact_name,
        emergency_contact_phone_e164=emergency_phone,
        emergency_contact_phone_display=phone_for_display(emergency_phone)
        if emergency_phone
        else "",
        preferred_channel=client.preferred_channel,
        created_at=client.created_at,
        anonymized_at=client.anonymized_at,
        merged_into_id=client.merged_into_id,
        merged_from_ids=merged_from,
    )


def _visits(reads: Connection, client_id: int, zone: ZoneInfo) -> list[Visit]:
    """Newest first: the visits here, then those the old system recorded (older than any here)."""
    # Fetched at once, not row by row; the status comes loaded as its member (EnumText).
    visits = [Visit(*row) for row in reads.execute(_VISITS, {"client_id": client_id}).all()]
    for day, outcome, provider, service, cents in reads.execute(
        _PAST_VISITS, {"client_id": client_id}
    ).all():
        at = at_local(day, time(), zone)
        visits.append(Visit(None, at, at, outcome, provider, service, cents))
    return visits


def _is_upcoming(visit: Visit, now: datetime) -> bool:
    """Still ahead or under way: not over yet, and still holding its slot (not called off)."""
    return (
        visit.ends_at > now
        and visit.status.occupies_slot
        and visit.status is not AppointmentStatus.COMPLETED
    )


def _purchases(reads: Connection, owners: tuple[int, ...]) -> tuple[Purchase, ...]:
    sales = reads.execute(_SALES, {"owners": owners}).all()
    lines: dict[int, list[PurchaseLine]] = {sale[0]: [] for sale in sales}
    for sale_id, kind, description, quantity, total_cents in reads.execute(
        _SALE_LINES, {"owners": owners}
    ).all():
        lines[sale_id].append(PurchaseLine(kind, description, quantity, total_cents))
    return tuple(
        Purchase(
            sale_id=sale_id,
            receipt_number=receipt_number,
            business_day=business_day,
            completed_at=completed_at,
            lines=tuple(lines[sale_id]),
            discount_cents=discount_cents,
            tax_cents=tax_cents,
            tip_cents=tip_cents,
            total_cents=total_cents,
            voided=voided,
        )
        for (
            sale_id,
            receipt_number,
            business_day,
            completed_at,
            discount_cents,
            tax_cents,
            tip_cents,
            total_cents,
            voided,
        ) in sales
    )


def _gift_cards(reads: Connection, owners: tuple[int, ...]) -> tuple[GiftCardBought, ...]:
    """Gift cards sold to the client (a top-up sold later names the same card: shown once)."""
    return tuple(GiftCardBought(*row) for row in reads.execute(_GIFT_CARDS, {"owners": owners}))


def _changes(reads: Connection, client_id: int) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(*row) for row in reads.execute(_CHANGES, {"client_id": client_id}))


def client_alerts(
    details: ClientDetails, standing: ClientStanding, today: date, desk: Desk
) -> Iterator[ClientAlert]:
    """What the desk should notice about the client, wherever it meets them (profile, booking)."""
    if details.anonymized_at is not None:
        deleted = details.anonymized_at.astimezone(desk.settings.zone)
        yield ClientAlert(
            ClientAlertKind.ANONYMIZED,
            f"Personal data deleted at the client's request on {deleted:%B} {deleted.day}, "
            f"{deleted.year}",
        )
    if details.merged_into_id is not None:
        yield ClientAlert(
            ClientAlertKind.MERGED, f"Merged into client #{details.merged_into_id}: use that record"
        )
    limit = desk.settings.strike_limit
    plural = "" if standing.strikes == 1 else "s"
    strikes = f"{standing.strikes} no-show{plural} or late cancellation{plural}"
    if standing.prepayment_required:
        yield ClientAlert(ClientAlertKind.STRIKES, f"{strikes}: prepayment required")
    elif standing.strikes and standing.strikes == limit - 1:
        yield ClientAlert(
            ClientAlertKind.STRIKES, f"{strikes}: one more and prepayment is required"
        )
    card = standing.card
    if card is not None and card.expired:
        yield ClientAlert(
            ClientAlertKind.CARD_EXPIRED,
            f"Card on file expired: {card.label}, {card.expiry_month:02d}/{card.expiry_year}",
        )
    if standing.fees_owed_cents:
        yield ClientAlert(
            ClientAlertKind.FEES_OWED, f"Fees owed {format_cents(standing.fees_owed_cents)}"
        )
    if details.birthday is not None and _birthday_today(details.birthday, today):
        yield ClientAlert(ClientAlertKind.BIRTHDAY, "Birthday today")


def _birthday_today(birthday: date, today: date) -> bool:
    if (birthday.month, birthday.day) == (today.month, today.day):
        return True
    # Born on February 29: in other years the birthday is kept on February 28.
    leap_day = (birthday.month, birthday.day) == (2, 29)
    return leap_day and (today + timedelta(days=1)).month == 3 and today.day == 28
