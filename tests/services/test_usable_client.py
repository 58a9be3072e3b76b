"""One loader of a client an action can act for, with one sentence per refusal, whichever action
asks: booking, the till, editing the record, adding a card, merging."""

import pytest

from medspa_desk.domain.sale_math import Tender
from medspa_desk.services.booking.booking_choices import booking_requirement
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.records import (
    ClientEdit,
    add_card_on_file,
    merge_clients,
    update_client,
)
from medspa_desk.services.clients.usable_client import (
    ClientAnonymized,
    ClientMergedAway,
    ClientNotFound,
    ClientUnusable,
)
from medspa_desk.services.till.cart import gift_card_line, walk_in_cart
from medspa_desk.services.till.sale_completion import complete_sale
from tests.approvals import as_manager
from tests.refusals import refused
from tests.services.conftest import TOMORROW, at

CARD = dict(
    brand="Amex",
    last4="0005",
    expiry_month=6,
    expiry_year=2030,
    cardholder_name="Someone",
    terminal_reference="T-1",
)


def actions(desk, clinic, client_id):
    """Every action that needs a client it can book, sell to or change, by name."""
    request = BookingRequest(
        client_id=client_id,
        provider_id=clinic.kelsey,
        service_id=clinic.botox,
        starts_at=at(TOMORROW, 10),
    )
    return {
        "book": lambda: book(desk, request),
        "booking requirement": lambda: booking_requirement(desk, client_id, clinic.botox),
        "walk-in sale": lambda: walk_in_cart(desk, client_id),
        "edit": lambda: update_client(desk, client_id, ClientEdit("Some", "One")),
        "add a card": lambda: add_card_on_file(desk, client_id, **CARD),
        "merge away": lambda: merge_clients(
            as_manager(desk), clinic.liam, client_id, reason="Same person"
        ),
    }


def refused_everywhere(desk, clinic, client_id, sentence, kind):
    for name, action in actions(desk, clinic, client_id).items():
        refusal = refused(desk.db, action, f"^{sentence}$", kind)
        assert isinstance(refusal, ClientUnusable), name


def test_an_unknown_number_is_refused_in_one_sentence_by_every_action(desk, clinic):
    refused_everywhere(
        desk, clinic, 999, "There is no client number 999 in the records\\.", ClientNotFound
    )


def test_a_merged_record_names_the_record_to_use_in_every_action(desk, clinic):
    merge_clients(as_manager(desk), clinic.emma, clinic.noah, reason="Same person")
    refused_everywhere(
        desk,
        clinic,
        clinic.noah,
        f"Client number {clinic.noah} was merged into client number {clinic.emma}: "
        "use that record\\.",
        ClientMergedAway,
    )


def test_an_anonymized_record_is_refused_in_one_sentence_by_every_action(desk, clinic):
    anonymize_client(as_manager(desk), clinic.ava, reason="Asked by phone")
    refused_everywhere(
        desk,
        clinic,
        clinic.ava,
        f"Client number {clinic.ava} was anonymized: their personal data was deleted at their "
        "request, so the record cannot be booked, sold to or changed\\.",
        ClientAnonymized,
    )


@pytest.mark.parametrize("what_happened", ["merged", "anonymized"])
def test_a_sale_started_before_the_record_changed_is_refused_when_it_completes(
    desk, clinic, what_happened
):
    cart = walk_in_cart(desk, clinic.noah)
    cart.add(gift_card_line(5_000))
    if what_happened == "merged":
        merge_clients(as_manager(desk), clinic.emma, clinic.noah, reason="Same person")
        kind, words = ClientMergedAway, f"merged into client number {clinic.emma}: use that"
    else:
        anonymize_client(as_manager(desk), clinic.noah, reason="Asked by email")
        kind, words = ClientAnonymized, "cannot be booked, sold to or changed"
    refused(desk.db, lambda: complete_sale(desk, cart, [Tender.cash(5_000)]), words, kind)
