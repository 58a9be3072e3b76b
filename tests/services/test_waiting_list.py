"""The waiting list at the desk: a client put on it with their wishes, offered a slot that frees
(best first), each call recorded, and booked from it in one transaction that closes the entry."""

from datetime import time, timedelta

import pytest

from medspa_desk.domain.appointment_status import AppointmentStatus as Status
from medspa_desk.domain.waiting_list import FreedSlot, HoursOfDay, OfferOutcome
from medspa_desk.services.booking.call_off import cancel
from medspa_desk.services.booking.waiting_list import (
    WaitingRequest,
    add_to_waiting_list,
    book_from_waiting_list,
    freed_slots,
    offers_for,
    record_offer,
    remove_from_waiting_list,
    waiting_list,
)
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import Appointment, WaitingListEntry, WaitingListOffer
from tests.approvals import as_manager
from tests.services.booked_visits import TEN, booked, history
from tests.services.conftest import TOMORROW, at, fetch, one, row_counts

THURSDAY = 3  # TOMORROW's weekday


def _slot(clinic, starts=TEN, minutes=30) -> FreedSlot:
    return FreedSlot(clinic.kelsey, starts, starts + timedelta(minutes=minutes))


def test_a_client_waits_with_their_wishes_written_as_the_desk_reads_them(desk, clinic):
    entry = add_to_waiting_list(
        desk,
        WaitingRequest(
            clinic.noah, clinic.botox, frozenset({clinic.kelsey}), frozenset({1, THURSDAY}),
            (HoursOfDay(time(9), time(12)),), " Any Thursday morning ",
        ),
    )  # fmt: skip

    (waiting,) = waiting_list(desk)
    assert (waiting.entry_id, waiting.client_name, waiting.service_name, waiting.note) == (
        entry,
        "Noah Reed",
        "Botox: frown lines",
        "Any Thursday morning",
    )
    assert waiting.wants == "Kelsey Brandt · Tue, Thu · 9:00 AM–12:00 PM"
    row = one(desk, WaitingListEntry, id=entry)
    assert (row.provider_ids, row.weekdays, row.hours) == (
        str(clinic.kelsey),
        "1,3",
        "09:00-12:00",
    )


def test_a_provider_who_does_not_give_the_service_is_refused_and_nothing_saved(desk, clinic):
    before = row_counts(desk)
    with pytest.raises(DeskRefusal, match="Maya Lindqvist does not give this service"):
        add_to_waiting_list(
            desk, WaitingRequest(clinic.noah, clinic.botox, frozenset({clinic.maya}))
        )
    assert row_counts(desk) == before
    assert fetch(desk, WaitingListEntry) == []


def test_a_freed_slot_is_offered_to_who_it_suits_best_first(desk, clinic):
    anyone = add_to_waiting_list(desk, WaitingRequest(clinic.noah, clinic.botox))
    desk.clock.set(desk.clock.now() + timedelta(hours=1))
    named = add_to_waiting_list(
        desk, WaitingRequest(clinic.liam, clinic.botox, frozenset({clinic.kelsey}))
    )
    add_to_waiting_list(desk, WaitingRequest(clinic.ava, clinic.hydrafacial))  # Maya's
    add_to_waiting_list(  # only afternoons
        desk, WaitingRequest(clinic.emma, clinic.botox, hours=(HoursOfDay(time(13), time(17)),))
    )

    offers = offers_for(desk, [_slot(clinic)])

    assert [offer.waiting.entry_id for offer in offers] == [named, anyone]
    assert {offer.starts_at for offer in offers} == {TEN}
    assert offers[0].named_provider and not offers[1].named_provider


def test_a_cancellation_frees_a_slot_the_waiting_client_is_booked_into(desk, clinic):
    cancelled = booked(desk, clinic)  # Emma's 10:00 Botox with Kelsey tomorrow
    entry = add_to_waiting_list(desk, WaitingRequest(clinic.noah, clinic.botox))
    cancel(desk, cancelled, by_clinic=False, reason="Client called")
    with desk.db.reading() as session:
        freed = session.get(Appointment, cancelled)
        slot = FreedSlot(freed.provider_id, freed.starts_at, freed.ends_at)
    (offer,) = offers_for(desk, [slot])

    new_id = book_from_waiting_list(desk, entry, offer.provider_id, offer.starts_at)

    appointment = one(desk, Appointment, id=new_id)
    assert (appointment.client_id, appointment.starts_at, Status(appointment.status)) == (
        clinic.noah,
        TEN,
        Status.BOOKED,
    )
    assert history(desk, new_id)[0][2] == "Booked from the waiting list"
    closed = one(desk, WaitingListEntry, id=entry)
    assert (closed.closed_reason, closed.booked_appointment_id) == ("booked", new_id)
    assert waiting_list(desk) == []
    assert offers_for(desk, [slot]) == []


def test_a_booking_from_the_list_that_cannot_be_made_leaves_the_entry_open(desk, clinic):
    booked(desk, clinic)  # the 10:00 is taken
    entry = add_to_waiting_list(desk, WaitingRequest(clinic.noah, clinic.botox))
    with pytest.raises(DeskRefusal):
        book_from_waiting_list(desk, entry, clinic.kelsey, TEN)
    assert one(desk, WaitingListEntry, id=entry).closed_at is None


def test_each_call_about_a_slot_is_kept(desk, clinic):
    entry = add_to_waiting_list(desk, WaitingRequest(clinic.noah, clinic.botox))
    record_offer(desk, entry, OfferOutcome.NO_ANSWER)
    record_offer(desk, entry, OfferOutcome.DECLINED, "Can't do mornings")

    assert [(o.outcome, o.note) for o in fetch(desk, WaitingListOffer)] == [
        (OfferOutcome.NO_ANSWER, ""),
        (OfferOutcome.DECLINED, "Can't do mornings"),
    ]
    assert waiting_list(desk)[0].offers == 2


def test_a_client_taken_off_the_list_is_offered_nothing(desk, clinic):
    entry = add_to_waiting_list(desk, WaitingRequest(clinic.noah, clinic.botox))
    remove_from_waiting_list(desk, entry)
    assert offers_for(desk, [_slot(clinic)]) == []
    with pytest.raises(DeskRefusal, match="no longer on the waiting list"):
        record_offer(desk, entry, OfferOutcome.NO_ANSWER)


def test_of_hundreds_waiting_each_is_offered_once_for_a_provider_whose_time_frees(desk, clinic):
    for number in range(300):
        add_to_waiting_list(
            desk,
            WaitingRequest(clinic.noah if number % 2 else clinic.liam, clinic.botox,
                           weekdays=frozenset({number % 7})),
        )  # fmt: skip
    offers = offers_for(desk, [_slot(clinic), _slot(clinic, at(TOMORROW, 14))])
    assert len(offers) == len([n for n in range(300) if n % 7 == THURSDAY])


def test_a_client_anonymized_leaves_the_list_and_their_name_leaves_the_note(desk, clinic):
    entry = add_to_waiting_list(
        desk, WaitingRequest(clinic.noah, clinic.botox, note="Noah prefers Kelsey")
    )
    anonymize_client(as_manager(desk), clinic.noah, reason="Asked by phone")

    row = one(desk, WaitingListEntry, id=entry)
    assert (row.closed_reason, "Noah" in row.note) == ("removed", False)
    assert waiting_list(desk) == []


def test_the_time_a_cancellation_or_an_early_no_show_frees_is_what_is_offered(desk, clinic):
    cancelled = booked(desk, clinic)
    kept = booked(desk, clinic, client=clinic.noah, starts_at=TEN + timedelta(hours=2))
    cancel(desk, cancelled, by_clinic=True, reason="Provider ill")

    assert freed_slots(desk, [cancelled, kept]) == [
        FreedSlot(clinic.kelsey, TEN, TEN + timedelta(minutes=30))
    ]
    desk.clock.set(TEN + timedelta(minutes=7))  # under way: the rest, from the next mark
    assert freed_slots(desk, [cancelled]) == [
        FreedSlot(clinic.kelsey, TEN + timedelta(minutes=15), TEN + timedelta(minutes=30))
    ]
    desk.clock.set(TEN + timedelta(minutes=30))
    assert freed_slots(desk, [cancelled]) == []
