"""What calling off a booking does with its money: the late-cancellation fee and the deposit
it uses, the prepayment forfeited or credited. domain.cancellation_policy decides; this module
reads the facts the rules need (money held, the card on file) and writes the outcome down, in the
caller's transaction, with the status change it goes with.

Where the published text is silent on a prepayment (24 to 48 hours' notice), the staff's choice
and reason are required (StaffDecisionNeeded) and recorded. Where the domain is silent, this
module decides: a deposit that no fee uses stays held on its booking (outcome None) for the desk
to settle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.booking_payments import BookingPaymentKind, BookingPaymentOutcome
from medspa_desk.domain.cancellation_policy import (
    STAFF_CHOICES,
    CalledOffBooking,
    CallOffOutcome,
    FeeCollection,
    PrepaymentFate,
    notice,
)
from medspa_desk.domain.clinic_time import local_date
from medspa_desk.domain.fee_wording import fee_destination
from medspa_desk.domain.fees import FeeKind
from medspa_desk.domain.money import format_cents
from medspa_desk.services.booking.fee_charges import record_approval
from medspa_desk.services.books.audit_trail import change_status
from medspa_desk.services.clients.standing import CardSummary, current_card
from medspa_desk.services.desk import Desk
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import (
    AccountCreditEntry,
    Appointment,
    BookingPayment,
    Client,
    ClientFee,
    Service,
    Staff,
)


class StaffDecisionNeeded(DeskRefusal):
    """The published text is silent on this prepayment: staff choose, with a reason, and call again.

    `outcome.wording` holds the sentences to show; the choices are domain STAFF_CHOICES.
    """

    def __init__(self, outcome: CallOffOutcome, sentence: str):
        self.outcome = outcome
        super().__init__(sentence)

    @property
    def wording(self) -> tuple[str, ...]:
        return self.outcome.wording


@dataclass
class BookingFound:
    """A booking as an action finds it, before its money: the appointment, who and what.

    What checking a client in on time (or seen anyway) needs; BookingOnFile adds the money.
    """

    appointment: Appointment
    client_name: str
    provider_name: str
    service_name: str

    @classmethod
    def find(cls, session: Session, appointment_id: int) -> BookingFound:
        row = session.execute(
            select(
                Appointment, Client.first_name, Client.last_name, Staff.display_name, Service.name
            )
            .join(Client, Client.id == Appointment.client_id)
            .join(Staff, Staff.id == Appointment.provider_id)
            .join(Service, Service.id == Appointment.service_id)
            .where(Appointment.id == appointment_id)
        ).first()
        if row is None:
            raise DeskRefusal(f"There is no appointment number {appointment_id} in the book.")
        appointment, first_name, last_name, provider_name, service_name = row
        return cls(appointment, f"{first_name} {last_name}", provider_name, service_name)

    def with_money(self, session: Session, desk: Desk, now: datetime) -> BookingOnFile:
        """The booking with the money held for it and the client's card, read now."""
        held = session.scalars(
            select(BookingPayment)
            .where(
                BookingPayment.appointment_id == self.appointment.id,
                BookingPayment.outcome.is_(None),
            )
            .order_by(BookingPayment.id)
        ).all()
        today = local_date(now, desk.settings.zone)
        card = current_card(session, self.appointment.client_id, today)
        return BookingOnFile(
            self.appointment,
            self.client_name,
            self.provider_name,
            self.service_name,
            list(held),
            card,
        )


@dataclass
class BookingOnFile(BookingFound):
    """A booking as a call-off finds it: the appointment, who and what, money held, the card."""

    held: list[BookingPayment]  # deposits and prepayments not yet used, forfeited or credited
    card: CardSummary | None

    @classmethod
    def load(
        cls, session: Session, desk: Desk, appointment_id: int, now: datetime
    ) -> BookingOnFile:
        return BookingFound.find(session, appointment_id).with_money(session, desk, now)

    def payments(self, kind: BookingPaymentKind) -> list[BookingPayment]:
        return [payment for payment in self.held if payment.kind == kind]

    @property
    def prepaid_cents(self) -> int:
        return sum(payment.amount_cents for payment in self.payments(BookingPaymentKind.PREPAYMENT))

    @property
    def deposit_cents(self) -> int:
        return sum(payment.amount_cents for payment in self.payments(BookingPaymentKind.DEPOSIT))

    @property
    def card_chargeable(self) -> bool:
        return self.card is not None and not self.card.expired

    def policy_facts(self) -> CalledOffBooking:
        return CalledOffBooking(
            starts_at=self.appointment.starts_at,
            deposit_cents=self.deposit_cents,
            prepaid_cents=self.prepaid_cents,
            card_on_file=self.card_chargeable,
        )


@dataclass
class Settlement:
    """What settle_call_off wrote, for the action's result, status-bar sentence and audit entry."""

    status: Status
    fee: ClientFee | None
    collection: FeeCollection | None
    card: CardSummary | None
    credited_cents: int
    forfeited_cents: int
    detail: dict[str, Any]  # for the audit entry

    def money_sentence(self, prefix: str = "") -> str:
        """'Late-cancelled: $75.00 fee charged to Visa ending 4242.' and the like."""
        head = prefix or self.status.label
        if self.fee is not None and self.collection is not None:
            paths = fee_destination(
                self.collection,
                self.card.label if self.card is not None else None,
                approval_code=self.fee.card_approval_code or "",
            )
            split = "— " if self.collection.split else ""
            return f"{head}: {format_cents(self.fee.amount_cents)} fee {split}{paths}."
        if self.forfeited_cents:
            return f"{head}: {format_cents(self.forfeited_cents)} prepayment forfeited."
        if self.credited_cents:
            return (
                f"{head}: {format_cents(self.credited_cents)} prepayment credited to the account."
            )
        return f"{head}: no fee." if not prefix else f"{head}."


def settle_call_off(
    session: Session,
    desk: Desk,
    booking: BookingOnFile,
    outcome: CallOffOutcome,
    now: datetime,
    reason: str,
    prepayment_choice: PrepaymentFate | None,
    card_approval_code: str = "",
) -> Settlement:
    """Write the outcome of calling `booking` off: its status and history, the fee with the
    deposit it uses, and the prepayment forfeited or credited.

    `card_approval_code` (checked by fee_charges.approval_code) is the terminal's code for the
    part of the fee charged to the card; without it that charge stays to be run."""
    fate = _prepayment_fate(booking, outcome, now, reason, prepayment_choice, desk)
    appointment = booking.appointment
    history_id = change_status(session, desk.staff_id, appointment, outcome.status, reason, now)
    detail: dict[str, Any] = {"history_id": history_id, "status": outcome.status.value}
    fee = None
    if outcome.fee_cents:
        fee = _charge_fee(session, desk, booking, outcome, now)
        detail |= {"fee_id": fee.id, "fee_cents": fee.amount_cents}
        if fee.card_charge_cents and card_approval_code:
            record_approval(session, desk, fee, card_approval_code, now)
            detail["approval"] = card_approval_code
    credited = forfeited = 0
    # The rule gives a prepayment a fate whenever the booking holds one.
    settled = BookingPaymentOutcome.of_fate(fate) if fate is not None else None
    for payment in booking.payments(BookingPaymentKind.PREPAYMENT):
        payment.outcome = settled
        payment.outcome_at = now
        payment.outcome_reason = reason or outcome.status.label
        if outcome.prepayment is PrepaymentFate.STAFF_DECIDES:
            payment.outcome_reason = f"Staff decision: {reason}"
        if fate is PrepaymentFate.CREDITED:
            credited += payment.amount_cents
            session.add(
                AccountCreditEntry(
                    client_id=appointment.client_id,
                    amount_cents=payment.amount_cents,
                    at=now,
                    by_staff_id=desk.staff_id,
                    reason=f"Prepayment credited: {booking.service_name} {outcome.status.label.lower()}",
                    appointment_id=appointment.id,
                    booking_payment_id=payment.id,
                )
            )
        else:
            forfeited += payment.amount_cents
    if fate is not None:
        detail |= {"prepayment": fate.value, "prepaid_cents": credited + forfeited}
        if outcome.prepayment is PrepaymentFate.STAFF_DECIDES:
            detail["staff_decided"] = True
    return Settlement(
        outcome.status,
        fee,
        outcome.fee if fee else None,
        booking.card,
        credited,
        forfeited,
        detail,
    )


def _prepayment_fate(
    booking: BookingOnFile,
    outcome: CallOffOutcome,
    now: datetime,
    reason: str,
    choice: PrepaymentFate | None,
    desk: Desk,
) -> PrepaymentFate | None:
    """The rule's fate for the prepayment, or the staff's choice where the rule leaves it to them.

    A choice given where the rule decides is not used: the rule wins (the clock may have crossed
    the 48-hour line between the dialog and the click).
    """
    if outcome.prepayment is not PrepaymentFate.STAFF_DECIDES:
        return outcome.prepayment
    amount = format_cents(outcome.prepaid_cents)
    if choice not in STAFF_CHOICES:
        hours = notice(booking.appointment.starts_at, now) // timedelta(hours=1)
        raise StaffDecisionNeeded(
            outcome,
            f"{booking.client_name} gives {hours} hours' notice on a booking prepaid {amount}: the "
            f"published policy credits a prepayment {desk.settings.reschedule_credit_hours} hours "
            "ahead and keeps it when the policy is broken, and says nothing in between. Choose to "
            "credit or forfeit it, and give the reason.",
        )
    if not reason:
        verb = "crediting" if choice is PrepaymentFate.CREDITED else "forfeiting"
        raise StaffDecisionNeeded(outcome, f"Give the reason for {verb} the {amount} prepayment.")
    return choice


def _charge_fee(
    session: Session, desk: Desk, booking: BookingOnFile, outcome: CallOffOutcome, now: datetime
) -> ClientFee:
    appointment = booking.appointment
    collection = outcome.fee
    card_id = None
    if collection.charge_card_cents:
        assert booking.card is not None  # the rule charges the card only when one is on file
        card_id = booking.card.card_id
    fee = ClientFee(
        client_id=appointment.client_id,
        appointment_id=appointment.id,
        kind=FeeKind.NO_SHOW if outcome.status is Status.NO_SHOW else FeeKind.LATE_CANCEL,
        amount_cents=outcome.fee_cents,
        from_deposit_cents=collection.from_deposit_cents,
        charged_to_card_id=card_id,
        card_charge_cents=collection.charge_card_cents,
        owed_cents=collection.owed_on_account_cents,
        created_at=now,
        created_by_id=desk.staff_id,
    )
    session.add(fee)
    session.flush()
    left = collection.from_deposit_cents
    for deposit in booking.payments(BookingPaymentKind.DEPOSIT):
        if not left:
            break  # a deposit the fee does not need stays held: the domain does not say what becomes of it
        used = min(left, deposit.amount_cents)
        left -= used
        deposit.outcome = BookingPaymentOutcome.APPLIED_TO_FEE
        deposit.outcome_at = now
        deposit.outcome_reason = f"{format_cents(used)} applied to fee {fee.id}"
        if used < deposit.amount_cents:
            deposit.outcome_reason += (
                f"; {format_cents(deposit.amount_cents - used)} of it not needed"
            )
    return fee
