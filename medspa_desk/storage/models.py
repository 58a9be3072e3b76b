"""What the desk keeps, as SQLAlchemy 2.x typed models.

Money columns are integer cents (`*_cents`). Instants are stored as UTC text
("YYYY-MM-DD HH:MM:SS", sortable and readable in any SQLite tool) and come back as aware UTC
datetimes. Kinds, tenders, outcomes and layouts are the domain's StrEnums, kept as their values
(`storage.column_types`). Appointments and their status history are never deleted; the audit log
is append-only.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.booking_payments import BookingPaymentKind, BookingPaymentOutcome
from medspa_desk.domain.confirmations import ConfirmationOutcome
from medspa_desk.domain.fees import FeeKind
from medspa_desk.domain.import_columns import ImportKind
from medspa_desk.domain.marketing_consent import ConsentChannel, ConsentSource
from medspa_desk.domain.outgoing_mail import MailState
from medspa_desk.domain.sale_kinds import TenderKind
from medspa_desk.domain.sign_in_rules import SecretKind
from medspa_desk.domain.tax_categories import TaxCategory
from medspa_desk.domain.waiting_list import OfferOutcome
from medspa_desk.storage.column_types import EnumText, UtcDateTime

_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=_NAMING)
    type_annotation_map = {datetime: UtcDateTime}


class ClinicSetting(Base):
    """One setting the clinic changed from its default (see domain.settings.ClinicSettings)."""

    __tablename__ = "clinic_setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OpeningHours(Base):
    """The hours the clinic is open on one weekday (0 Monday ... 6 Sunday), in its own wall-clock
    time. A weekday without a row is a closed day."""

    __tablename__ = "opening_hours"
    weekday: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    opens: Mapped[time]
    closes: Mapped[time]


class ClinicClosure(Base):
    """A day the whole clinic is closed (a holiday): nobody is booked on it."""

    __tablename__ = "clinic_closure"
    day: Mapped[date] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(Text, default="")


class StaffShift(Base):
    """One span a provider works on a weekday, in the clinic's wall-clock time; two rows on a
    day are a split shift, the gap between them a break."""

    __tablename__ = "staff_shift"
    __table_args__ = (Index("ix_staff_shift_staff_weekday", "staff_id", "weekday"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    weekday: Mapped[int]
    starts: Mapped[time]
    ends: Mapped[time]


class TimeOff(Base):
    """A block in one provider's calendar (a vacation week, a training afternoon, lunch): not
    bookable, with its reason."""

    __tablename__ = "time_off"
    __table_args__ = (Index("ix_time_off_staff_starts", "staff_id", "starts_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(40))  # "Nurse injector", "Front desk", ...
    is_provider: Mapped[bool] = mapped_column(default=False)
    is_manager: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    calendar_order: Mapped[int] = mapped_column(default=0)
    colour: Mapped[str] = mapped_column(String(7), default="#6b7f99")
    # An argon2id hash (argon2-cffi), never the password: set for whoever may sign in.
    password_hash: Mapped[str | None] = mapped_column(Text)
    # What the hash is of (domain.sign_in_rules.SecretKind); None while no secret is set.
    secret_kind: Mapped[SecretKind | None] = mapped_column(EnumText(SecretKind, 8))
    pin_allowed: Mapped[bool] = mapped_column(default=False)  # per account, a manager says
    must_change_secret: Mapped[bool] = mapped_column(default=False)  # set by someone else
    sign_in_disabled: Mapped[bool] = mapped_column(default=False)
    failed_sign_ins: Mapped[int] = mapped_column(default=0)  # since the last good sign-in
    locked_until: Mapped[datetime | None]

    services: Mapped[list[Service]] = relationship(
        secondary=lambda: service_provider, back_populates="providers"
    )


service_provider: Table = Table(  # typed: Staff.services refers to it before it is made
    "service_provider",
    Base.metadata,
    Column("service_id", ForeignKey("service.id"), primary_key=True),
    Column("staff_id", ForeignKey("staff.id"), primary_key=True),
)


class Service(Base):
    """An item on the service menu."""

    __tablename__ = "service"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    category: Mapped[str] = mapped_column(String(40))
    duration_minutes: Mapped[int]
    price_cents: Mapped[int]
    # The deposit the menu asks for when this service is booked (0: none asked; the desk may
    # still take one). Held against the late-cancellation fee, then used at checkout.
    deposit_cents: Mapped[int] = mapped_column(default=0, server_default="0")
    # Cleanup after the client leaves: the provider stays busy this long after the booking ends.
    buffer_minutes: Mapped[int] = mapped_column(default=0, server_default="0")
    active: Mapped[bool] = mapped_column(default=True)

    providers: Mapped[list[Staff]] = relationship(
        secondary=service_provider, back_populates="services"
    )


class Product(Base):
    """A retail product on the shelf."""

    __tablename__ = "product"
    __table_args__ = (Index("ix_product_barcode", "barcode", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    brand: Mapped[str] = mapped_column(String(60))
    price_cents: Mapped[int]
    stock_quantity: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    # Unique where given (a unique index: NULLs, the products without one, do not clash).
    barcode: Mapped[str | None] = mapped_column(String(64))
    cost_cents: Mapped[int] = mapped_column(default=0, server_default="0")
    tax_category: Mapped[TaxCategory] = mapped_column(
        EnumText(TaxCategory, 20), default=TaxCategory.RETAIL, server_default="retail"
    )
    reorder_level: Mapped[int] = mapped_column(default=0, server_default="0")


class Client(Base):
    __tablename__ = "client"
    __table_args__ = (
        # The records merged into a client (its profile, data export, anonymization) are found
        # without reading every client. Partial: the few merged-away rows only, so that search's
        # "merged_into_id IS NULL" cannot be planned through it (walking a plain index of
        # nearly every client is slower than reading the table).
        Index(
            "ix_client_merged_into_id",
            "merged_into_id",
            sqlite_where=text("merged_into_id IS NOT NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    # fold_for_search("first last"): accent- and case-free, so a search compares plain text.
    search_name: Mapped[str] = mapped_column(String(170), index=True)
    phone_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    birthday: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    emergency_contact_name: Mapped[str] = mapped_column(String(120), default="")
    emergency_contact_phone: Mapped[str] = mapped_column(String(20), default="")
    # Deletion on request keeps the sales and fees the clinic must retain, without the person.
    anonymized_at: Mapped[datetime | None]
    # Two records of one person, merged: this one is kept, empty, pointing at the survivor.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"))
    # How the client likes to be reached about their bookings; None: not said.
    preferred_channel: Mapped[ConsentChannel | None] = mapped_column(EnumText(ConsentChannel, 10))
    # The postal address as one text, lines joined by ", " (kept for the clinic's records only).
    address: Mapped[str] = mapped_column(Text, default="", server_default="")


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        Index("ix_appointment_provider_starts", "provider_id", "starts_at"),
        Index("ix_appointment_starts_at", "starts_at"),
        Index("ix_appointment_client_starts", "client_id", "starts_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[AppointmentStatus] = mapped_column(EnumText(AppointmentStatus, 24))
    price_cents: Mapped[int]  # the menu price when booked
    # Which version of the cancellation/no-show policy text the client agreed to by booking.
    policy_version: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # A moved booking stays in the book as "rescheduled" and points at the booking that replaced it.
    rescheduled_to_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    # Booked without the prepayment the strike rule asks for: the manager who allowed it, and why.
    prepayment_waived_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    prepayment_waived_reason: Mapped[str] = mapped_column(Text, default="")
    # Booked into time that is not bookable (closed, off shift, a block): the manager who allowed
    # it, and why.
    availability_override_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    availability_override_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    client: Mapped[Client] = relationship()
    provider: Mapped[Staff] = relationship(foreign_keys=[provider_id])
    service: Mapped[Service] = relationship()


class AppointmentStatusChange(Base):
    """One step in an appointment's history: who moved it from what to what, when and why."""

    __tablename__ = "appointment_status_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id"), index=True)
    at: Mapped[datetime]
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    from_status: Mapped[AppointmentStatus | None] = mapped_column(EnumText(AppointmentStatus, 24))
    to_status: Mapped[AppointmentStatus] = mapped_column(EnumText(AppointmentStatus, 24))
    reason: Mapped[str] = mapped_column(Text, default="")


class ConfirmationAttempt(Base):
    """One attempt to have a booking confirmed: how the client was reached, by whom, and what
    they answered. Never deleted: the record that the clinic tried before cancelling."""

    __tablename__ = "confirmation_attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id"), index=True)
    at: Mapped[datetime]
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    channel: Mapped[ConsentChannel] = mapped_column(EnumText(ConsentChannel, 10))
    outcome: Mapped[ConfirmationOutcome] = mapped_column(EnumText(ConfirmationOutcome, 20))
    note: Mapped[str] = mapped_column(Text, default="")


class WaitingListEntry(Base):
    """A client waiting for a service, to be offered a slot that frees. Closed, not deleted: when
    booked (with the booking it became) or taken off the list."""

    __tablename__ = "waiting_list_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    # The client's wishes, as text a person can read in any SQLite tool: staff ids ("3,5"),
    # weekdays 0 Monday ("1,3"), wall-clock hours ("09:00-12:00;14:00-17:00"); "" for any.
    provider_ids: Mapped[str] = mapped_column(String(200), default="")
    weekdays: Mapped[str] = mapped_column(String(20), default="")
    hours: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime]
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    closed_at: Mapped[datetime | None]
    closed_reason: Mapped[str] = mapped_column(String(20), default="")  # "booked", "removed"
    booked_appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))


class WaitingListOffer(Base):
    """The desk called a waiting client about a freed slot, and what came of it."""

    __tablename__ = "waiting_list_offer"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("waiting_list_entry.id"), index=True)
    at: Mapped[datetime]
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    outcome: Mapped[OfferOutcome] = mapped_column(EnumText(OfferOutcome, 20))
    note: Mapped[str] = mapped_column(Text, default="")


class OutgoingMessage(Base):
    """A message queued to go out (domain.outgoing_mail), written in the transaction of the change
    that caused it. Holds a contact's address and what they are booked for: a client's data
    deleted empties it (anonymization)."""

    __tablename__ = "outgoing_message"
    __table_args__ = (Index("ix_outgoing_message_state_next", "state", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)  # the same at each attempt
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(Text)
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text, default="")
    calendar_ics: Mapped[str] = mapped_column(Text, default="")
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"), index=True)
    created_at: Mapped[datetime]
    state: Mapped[MailState] = mapped_column(EnumText(MailState, 10))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None]


class ImportBatch(Base):
    """One file brought in from another system: what it was, when, by whom, and what came of it.
    Never edited: the report of each row is the file the import wrote beside it."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ImportKind] = mapped_column(EnumText(ImportKind, 20))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    rows_read: Mapped[int]
    rows_added: Mapped[int]
    rows_merged: Mapped[int]
    rows_unchanged: Mapped[int]  # brought in by an earlier import of the same records
    rows_skipped: Mapped[int]


class ImportedRecord(Base):
    """A record of the old system (its id, or for a file without ids a key made of the row) and
    the record of this desk it became: how a second import of the same export changes nothing."""

    __tablename__ = "imported_record"
    __table_args__ = (Index("ix_imported_record_kind_old_id", "kind", "old_id", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ImportKind] = mapped_column(EnumText(ImportKind, 20))
    old_id: Mapped[str] = mapped_column(String(200))
    record_id: Mapped[int]  # a client's, an appointment's, a gift card's or a past visit's id
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"))


class PastVisit(Base):
    """A visit the client made before the desk was used, as the old system recorded it: shown in
    the profile's history and counted by the strike rule, never a sale of this till."""

    __tablename__ = "past_visit"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    visited_on: Mapped[date]
    provider_name: Mapped[str] = mapped_column(String(120), default="")
    service_name: Mapped[str] = mapped_column(String(120))
    amount_cents: Mapped[int] = mapped_column(default=0)
    outcome: Mapped[AppointmentStatus] = mapped_column(EnumText(AppointmentStatus, 24))
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"))


class AuditEntry(Base):
    """Append-only: who did what, when. Nothing updates or deletes these rows.

    Since it can never be edited, it holds ids and amounts, never personal data (names,
    contacts, notes): a client's deletion request must not leave them here.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_staff_at", "staff_id", "at"),
        Index("ix_audit_entry_subject_at", "subject", "at"),
        Index("ix_audit_entry_action_at", "action", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(60))  # "appointment:42", "client:7", ...
    detail: Mapped[str] = mapped_column(Text, default="")
    workstation: Mapped[str | None] = mapped_column(String(60))  # the desk PC's name


class PolicyText(Base):
    """Each version of the published policy text that a booking was made under, kept verbatim."""

    __tablename__ = "policy_text"
    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    first_used_at: Mapped[datetime]


class CardOnFile(Base):
    """A client's card as the payment terminal knows it. Never the card number or security code."""

    __tablename__ = "card_on_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    brand: Mapped[str] = mapped_column(String(20))
    last4: Mapped[str] = mapped_column(String(4))
    expiry_month: Mapped[int]
    expiry_year: Mapped[int]
    cardholder_name: Mapped[str] = mapped_column(String(120))
    terminal_reference: Mapped[str] = mapped_column(String(120))  # the processor's token
    added_at: Mapped[datetime]
    removed_at: Mapped[datetime | None]


class BookingPayment(Base):
    """Money taken for a booking before the visit: a deposit, or the prepayment in full.

    It is held until the visit, then used at checkout, forfeited, turned into account credit or
    applied to a late-cancellation fee; `outcome` says which (None while held).
    """

    __tablename__ = "booking_payment"
    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    kind: Mapped[BookingPaymentKind] = mapped_column(EnumText(BookingPaymentKind, 20))
    amount_cents: Mapped[int]
    tender: Mapped[TenderKind] = mapped_column(EnumText(TenderKind, 20))  # BOOKING_TENDERS
    card_brand: Mapped[str] = mapped_column(String(20), default="")
    card_last4: Mapped[str] = mapped_column(String(4), default="")
    approval_code: Mapped[str] = mapped_column(String(20), default="")
    paid_at: Mapped[datetime]
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    outcome: Mapped[BookingPaymentOutcome | None] = mapped_column(
        EnumText(BookingPaymentOutcome, 20)
    )
    outcome_at: Mapped[datetime | None]
    outcome_reason: Mapped[str] = mapped_column(Text, default="")


class ClientFee(Base):
    """A late-cancellation or no-show fee, and how it was collected or why it was waived."""

    __tablename__ = "client_fee"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id"), index=True)
    kind: Mapped[FeeKind] = mapped_column(EnumText(FeeKind, 20))
    amount_cents: Mapped[int]
    from_deposit_cents: Mapped[int] = mapped_column(default=0)
    charged_to_card_id: Mapped[int | None] = mapped_column(ForeignKey("card_on_file.id"))
    card_charge_cents: Mapped[int] = mapped_column(default=0)
    owed_cents: Mapped[int] = mapped_column(default=0)  # left for checkout to collect
    # The card terminal's approval code for card_charge_cents; "" while the charge is still to
    # be run (the fee is on the "to charge" worklist until the desk enters it).
    card_approval_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    card_approved_at: Mapped[datetime | None]
    card_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    waived_at: Mapped[datetime | None]
    waived_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    waived_reason: Mapped[str] = mapped_column(Text, default="")


class AccountCreditEntry(Base):
    """One movement of a client's account credit: + when given, - when spent. Never edited."""

    __tablename__ = "account_credit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    amount_cents: Mapped[int]
    at: Mapped[datetime]
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(Text)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    booking_payment_id: Mapped[int | None] = mapped_column(ForeignKey("booking_payment.id"))
    # An opening balance brought in from the old system: the import that wrote it.
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class ClientChange(Base):
    """One field of a client record changed: the history the right of rectification asks for."""

    __tablename__ = "client_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    at: Mapped[datetime]
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)


class MarketingConsent(Base):
    """A client said yes or no to marketing on one channel. The newest row per channel stands."""

    __tablename__ = "marketing_consent"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    channel: Mapped[ConsentChannel] = mapped_column(EnumText(ConsentChannel, 10))
    granted: Mapped[bool]
    at: Mapped[datetime]
    source: Mapped[ConsentSource] = mapped_column(EnumText(ConsentSource, 20))
    by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class Counter(Base):
    """Numbers that must be gapless and never reused (receipt numbers), advanced in the same
    transaction as the thing they number."""

    __tablename__ = "counter"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_value: Mapped[int]
