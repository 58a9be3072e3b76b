"""What the desk holds about one client, gathered for the rights of access and portability.

client_data() is it: the record (and any records merged into it), appointments with their
history, fees, booking payments, account credit, cards on file (never a number; the terminal's
token is left out too: it is the processor's key, not the person's data), sales with their lines
and payments, gift cards bought, marketing consents and the record's change history. The audit
log is not part of it: by design it holds no personal data. services.clients.data_export writes
it as a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medspa_desk.domain.client_data import ClientData, DataRecord
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.services.clients.usable_client import current_client
from medspa_desk.services.desk import Desk
from medspa_desk.services.till.gift_cards import last_group
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    AppointmentStatusChange,
    BookingPayment,
    CardOnFile,
    Client,
    ClientChange,
    ClientFee,
    ConfirmationAttempt,
    MarketingConsent,
    Service,
    Staff,
)
from medspa_desk.storage.till_models import GiftCard, GiftCardEntry, Sale, SaleLine, SaleTender

FORMAT_VERSION = 1

# How the export writes an instant: {"utc": ..., "local": ...}, or None for none.
WriteInstant = Callable[[datetime | None], dict[str, str] | None]


def client_data(desk: Desk, client_id: int) -> ClientData:
    """Everything held about the client, as JSON-ready data.

    Sections, each a list of records (plain dicts): about, client, merged_records,
    appointments (each with its status_history), fees, booking_payments, account_credit,
    cards_on_file, sales (each with lines and payments), gift_cards_bought, marketing_consent,
    record_changes. Money is integer cents (keys ending in _cents); an instant is
    {"utc": "...Z", "local": "...-06:00"} (the clinic's zone); a date is "YYYY-MM-DD".
    A gift card shows the last four characters of its code: the whole code spends the card.
    """
    zone = desk.settings.zone

    def instant(value: datetime | None) -> dict[str, str] | None:
        if value is None:
            return None
        return {
            "utc": value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "local": value.astimezone(zone).isoformat(),
        }

    with desk.db.reading() as session:
        client = current_client(session, client_id)
        merged = session.scalars(
            select(Client).where(Client.merged_into_id == client_id).order_by(Client.id)
        ).all()
        owners = [client_id, *(record.id for record in merged)]
        settings = desk.settings
        return {
            "about": [
                {
                    "clinic": settings.clinic_name,
                    "clinic_address": f"{settings.address_line}, {settings.city_line}",
                    "clinic_contact": f"{settings.phone}, {settings.email}",
                    "client_id": client_id,
                    "prepared_at": instant(desk.clock.now()),
                    "format_version": FORMAT_VERSION,
                }
            ],
            "client": [_client(client, instant)],
            "merged_records": [_client(record, instant) for record in merged],
            "appointments": _appointments(session, client_id, instant),
            "fees": _fees(session, client_id, instant),
            "booking_payments": _booking_payments(session, client_id, instant),
            "account_credit": _account_credit(session, client_id, instant),
            "cards_on_file": _cards(session, client_id, instant),
            "sales": _sales(session, owners, instant),
            "gift_cards_bought": _gift_cards(session, owners, instant),
            "marketing_consent": _consents(session, client_id, instant),
            "record_changes": _changes(session, client_id, instant),
        }


def _client(client: Client, instant: WriteInstant) -> DataRecord:
    return {
        "client_id": client.id,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "phone": client.phone_e164,
        "email": client.email,
        "birthday": _day(client.birthday),
        "notes": client.notes,
        "emergency_contact_name": client.emergency_contact_name,
        "emergency_contact_phone": client.emergency_contact_phone or None,
        "preferred_channel": client.preferred_channel,
        "created_at": instant(client.created_at),
        "anonymized_at": instant(client.anonymized_at),
        "merged_into_id": client.merged_into_id,
    }


def _by_booking(
    session: Session,
    client_id: int,
    model: type[AppointmentStatusChange] | type[ConfirmationAttempt],
    kept: tuple[str, ...],
    instant: WriteInstant,
) -> dict[int, list[DataRecord]]:
    """The client's rows of `model` (a booking's history or its confirmation attempts), each as
    its time and the `kept` columns, by booking, oldest first."""
    found: dict[int, list[DataRecord]] = {}
    rows = session.scalars(
        select(model)
        .join(Appointment, Appointment.id == model.appointment_id)
        .where(Appointment.client_id == client_id)
        .order_by(model.at, model.id)
    )
    for row in cast("Iterable[AppointmentStatusChange | ConfirmationAttempt]", rows):
        found.setdefault(row.appointment_id, []).append(
            {"at": instant(row.at)} | {name: getattr(row, name) for name in kept}
        )
    return found


def _appointments(session: Session, client_id: int, instant: WriteInstant) -> list[DataRecord]:
    history = _by_booking(
        session, client_id, AppointmentStatusChange, ("from_status", "to_status", "reason"), instant
    )
    attempts = _by_booking(
        session, client_id, ConfirmationAttempt, ("channel", "outcome", "note"), instant
    )
    rows = session.execute(
        select(Appointment, Staff.display_name, Service.name)
        .join(Staff, Staff.id == Appointment.provider_id)
        .join(Service, Service.id == Appointment.service_id)
        .where(Appointment.client_id == client_id)
        .order_by(Appointment.starts_at, Appointment.id)
    )
    return [
        {
            "appointment_id": appointment.id,
            "starts_at": instant(appointment.starts_at),
            "ends_at": instant(appointment.ends_at),
            "service": service,
            "provider": provider,
            "status": appointment.status,
            "price_cents": appointment.price_cents,
            "policy_version": appointment.policy_version,
            "notes": appointment.notes,
            "booked_at": instant(appointment.created_at),
            "rescheduled_to_id": appointment.rescheduled_to_id,
            "prepayment_waived_reason": appointment.prepayment_waived_reason,
            "status_history": history.get(appointment.id, []),
            "confirmation_attempts": attempts.get(appointment.id, []),
        }
        for appointment, provider, service in rows
    ]


def _fees(session: Session, client_id: int, instant: WriteInstant) -> list[DataRecord]:
    fees = session.scalars(
        select(ClientFee).where(ClientFee.client_id == client_id).order_by(ClientFee.id)
    )
    return [
        {
            "fee_id": fee.id,
            "appointment_id": fee.appointment_id,
            "kind": fee.kind,
            "amount_cents": fee.amount_cents,
            "from_deposit_cents": fee.from_deposit_cents,
            "card_charge_cents": fee.card_charge_cents,
            "owed_cents": fee.owed_cents,
            "created_at": instant(fee.created_at),
            "waived_at": instant(fee.waived_at),
            "waived_reason": fee.waived_reason,
        }
        for fee in fees
    ]


def _booking_payments(session: Session, client_id: int, instant: WriteInstant) -> list[DataRecord]:
    payments = session.scalars(
        select(BookingPayment)
        .where(BookingPayment.client_id == client_id)
        .order_by(BookingPayment.id)
    )
    return [
        {
            "booking_payment_id": payment.id,
            "appointment_id": payment.appointment_id,
            "kind": payment.kind,
            "amount_cents": payment.amount_cents,
            "tender": payment.tender,
            "card_brand": payment.card_brand,
            "card_last4": payment.card_last4,
            "paid_at": instant(payment.paid_at),
            "outcome": payment.outcome,
            "outcome_at": instant(payment.outcome_at),
            "outcome_reason": payment.outcome_reason,
        }
        for payment in payments
    ]


def _account_credit(session: Session, client_id: int, instant: WriteInstant) -> list[DataRecord]:
    entries = session.scalars(
        select(AccountCreditEntry)
        .where(AccountCreditEntry.client_id == client_id)
        .order_by(AccountCreditEntry.at, AccountCreditEntry.id)
    )
    return [
        {
            "amount_cents": entry.amount_cents,
            "at": instant(entry.at),
            "reason": entry.reason,
            "appointment_id": entry.appointment_id,
        }
        for entry in entries
    ]


def _cards(session: Session, client_id: int, instant: WriteInstant) -> list[DataRecord]:
    cards = session.scalars(
        select(CardOnFile).where(CardOnFile.client_id == client_id).order_by(CardOnFile.id)
    )
    return [
        {
            "brand": card.brand,
            "last4": card.last4,
            "expiry_month": card.expiry_month,
            "expiry_year": card.expiry_year,
            "cardholder_name": card.cardholder_name,
            "added_at": instant(card.added_at),
            "removed_at": instant(card.removed_at),
        }
        for card in cards
    ]


def _sales(session: Session, owners: list[int], instant: WriteInstant) -> list[DataRecord]:
    sales = session.scalars(
        select(Sale).where(Sale.client_id.in_(owners)).order_by(Sale.completed_at, Sale.id)
    ).all()
    lines: dict[int, list[DataRecord]] = {sale.id: [] for sale in sales}
    for line in session.scalars(
        select(SaleLine)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(Sale.client_id.in_(owners))
        .order_by(SaleLine.id)
    ):
        lines[line.sale_id].append(
            {
                "kind": line.kind,
                "description": line.description,
                "quantity": line.quantity,
                "unit_price_cents": line.unit_price_cents,
                "discount_cents": line.discount_cents,
                "discount_reason": line.discount_reason,
                "tax_cents": line.tax_cents,
                "total_cents": line.total_cents,
            }
        )
    payments: dict[int, list[DataRecord]] = {sale.id: [] for sale in sales}
    for tender in session.scalars(
        select(SaleTender)
        .join(Sale, Sale.id == SaleTender.sale_id)
        .where(Sale.client_id.in_(owners))
        .order_by(SaleTender.id)
    ):
        payments[tender.sale_id].append(
            {
                "kind": tender.kind,
                "amount_cents": tender.amount_cents,
                "card_brand": tender.card_brand,
                "card_last4": tender.card_last4,
            }
        )
    return [
        {
            "receipt_number": sale.receipt_number,
            "business_day": _day(sale.business_day),
            "completed_at": instant(sale.completed_at),
            "subtotal_cents": sale.subtotal_cents,
            "discount_cents": sale.discount_cents,
            "tax_cents": sale.tax_cents,
            "tip_cents": sale.tip_cents,
            "total_cents": sale.total_cents,
            "voided_at": instant(sale.voided_at),
            "lines": lines[sale.id],
            "payments": payments[sale.id],
        }
        for sale in sales
    ]


def _gift_cards(session: Session, owners: list[int], instant: WriteInstant) -> list[DataRecord]:
    balance = (
        select(func.coalesce(func.sum(GiftCardEntry.amount_cents), 0))
        .where(GiftCardEntry.gift_card_id == GiftCard.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(GiftCard.code, GiftCard.issued_at, GiftCard.initial_cents, balance)
        .join(SaleLine, SaleLine.gift_card_id == GiftCard.id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(Sale.client_id.in_(owners), SaleLine.kind == LineKind.GIFT_CARD)
        .group_by(GiftCard.id)
        .order_by(GiftCard.issued_at, GiftCard.id)
    )
    return [
        {
            "code_ending": last_group(code),
            "issued_at": instant(issued_at),
            "initial_cents": initial,
            "balance_cents": left,
        }
        for code, issued_at, initial, left in rows
    ]


def _consents(session: Session, client_id: int, instant: WriteInstant) -> list[DataRecord]:
    rows = session.scalars(
        select(MarketingConsent)
        .where(MarketingConsent.client_id == client_id)
        .order_by(MarketingConsent.at, MarketingConsent.id)
    )
    return [
        {
            "channel": row.channel,
            "granted": row.granted,
            "at": instant(row.at),
            "source": row.source,
            "note": row.note,
        }
        for row in rows
    ]


def _changes(session: Session, client_id: int, instant: WriteInstant) -> list[DataRecord]:
    rows = session.scalars(
        select(ClientChange)
        .where(ClientChange.client_id == client_id)
        .order_by(ClientChange.at, ClientChange.id)
    )
    return [
        {
            "at": instant(row.at),
            "field": row.field,
            "old_value": row.old_value,
            "new_value": row.new_value,
        }
        for row in rows
    ]


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
