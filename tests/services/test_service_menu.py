"""The service menu kept by the clinic: add, edit, retire and bring back, by a manager only; a
price change reprices nothing already booked or sold."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from medspa_desk.services.booking.booking_choices import services_for
from medspa_desk.services.booking.new_booking import BookingRequest, book
from medspa_desk.services.clinic.service_menu import (
    ServiceDetails,
    ServiceRefused,
    add_service,
    edit_service,
    service_menu,
    set_service_active,
)
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.services.staff_access.permissions import PermissionNeeded
from medspa_desk.services.till.cart import service_line
from medspa_desk.services.till.sale_checks import SaleRefused
from medspa_desk.storage.models import Appointment, AuditEntry, Service, Staff
from medspa_desk.storage.till_models import SaleLine
from tests.refusals import refused
from tests.services.checkout_fixtures import ZONE, hoa_checkout
from tests.services.conftest import fetch, one


def peel(till, *, name="Chemical peel", price=15_000, deposit=5_000, providers=None):
    return ServiceDetails(
        name=name,
        category="Facials",
        duration_minutes=45,
        buffer_minutes=15,
        price_cents=price,
        deposit_cents=deposit,
        provider_ids=providers or (till.ids.ava, till.ids.mia),
    )


@pytest.fixture
def manager_till(till):
    """The till with Amber (a manager) at the desk, and its menu performed: Ava the neurotoxin,
    Mia the facial."""
    with till.db.writing() as session:
        for service_id, provider_id in (
            (till.ids.neurotoxin, till.ids.ava),
            (till.ids.facial, till.ids.mia),
        ):
            session.get(Service, service_id).providers = [session.get(Staff, provider_id)]
    till.desk.staff_id = till.ids.amber
    return till


def test_a_manager_adds_a_service_two_providers_perform(manager_till):
    till = manager_till
    service_id = add_service(till.desk, peel(till, name="  Chemical   peel "))
    listed = next(item for item in service_menu(till.desk) if item.service_id == service_id)
    assert listed.active
    assert listed.details == ServiceDetails(
        "Chemical peel",
        "Facials",
        45,
        15,
        15_000,
        5_000,
        tuple(sorted((till.ids.ava, till.ids.mia))),
    )
    for provider in (till.ids.ava, till.ids.mia):
        assert "Chemical peel" in [choice.name for choice in services_for(till.desk, provider)]
    entry = one(till.desk, AuditEntry, action="menu.service_added")
    assert entry.subject == f"service:{service_id}" and entry.staff_id == till.ids.amber
    assert json.loads(entry.detail)["price_cents"] == 15_000


def test_only_a_manager_changes_the_menu(till):
    refused(
        till.db,
        lambda: add_service(till.desk, peel(till)),
        "Only a manager can change the clinic's set-up: a manager can approve it for you.",
        PermissionNeeded,
    )
    refused(
        till.db,
        lambda: set_service_active(till.desk, till.ids.facial, False),
        "Only a manager can change the clinic's set-up",
        PermissionNeeded,
    )


def test_every_wrong_field_is_named_with_its_sentence(manager_till):
    till = manager_till
    wrong = ServiceDetails("", "", 0, 200, -1, -5, ())
    refusal = refused(
        till.db, lambda: add_service(till.desk, wrong), "Give the service a name", ServiceRefused
    )
    assert list(refusal.problems) == [
        "name",
        "category",
        "duration_minutes",
        "buffer_minutes",
        "price_cents",
        "deposit_cents",
        "provider_ids",
    ]
    assert refusal.problems["duration_minutes"] == "A service lasts from 5 to 480 minutes, not 0."
    assert refusal.problems["provider_ids"] == "Choose who performs it: one provider or more."


def test_a_name_is_unique_whatever_its_case(manager_till):
    till = manager_till
    refusal = refused(
        till.db,
        lambda: add_service(till.desk, peel(till, name="hydrafacial")),
        "There is a service called 'hydrafacial' already: names are unique.",
        ServiceRefused,
    )
    assert refusal.field == "name"


def test_only_active_providers_perform_and_a_deposit_is_at_most_the_price(manager_till):
    till = manager_till
    refusal = refused(
        till.db,
        lambda: add_service(till.desk, peel(till, providers=(till.ids.ava, till.ids.amber))),
        "Amber Holt is not an active provider: only providers perform.",
        ServiceRefused,
    )
    assert refusal.field == "provider_ids"
    refused(
        till.db,
        lambda: add_service(till.desk, peel(till, price=4_000, deposit=5_000)),
        r"The deposit \(\$50.00\) cannot be more than the price \(\$40.00\).",
        ServiceRefused,
    )


def test_no_deposit_is_zero_and_a_free_service_is_allowed(manager_till):
    till = manager_till
    service_id = add_service(till.desk, peel(till, price=0, deposit=0))
    with till.db.reading() as session:
        service = session.get(Service, service_id)
        assert (service.price_cents, service.deposit_cents) == (0, 0)


def test_a_price_change_applies_to_new_bookings_only(manager_till):
    till = manager_till
    sale = hoa_checkout(till)  # the neurotoxin sold at $350.00
    facial_booked = one(till.desk, Appointment, id=till.ids.jose_next)
    assert facial_booked.price_cents == 19_900
    facial = next(s for s in service_menu(till.desk) if s.service_id == till.ids.facial).details
    neurotoxin = next(
        s for s in service_menu(till.desk) if s.service_id == till.ids.neurotoxin
    ).details

    changes = edit_service(till.desk, till.ids.facial, replace(facial, price_cents=22_500))
    edit_service(till.desk, till.ids.neurotoxin, replace(neurotoxin, price_cents=40_000))

    assert changes == {"price_cents": [19_900, 22_500]}
    assert one(till.desk, Appointment, id=till.ids.jose_next).price_cents == 19_900
    sold = one(till.desk, SaleLine, sale_id=sale.sale_id, service_id=till.ids.neurotoxin)
    assert (sold.unit_price_cents, sold.total_cents) == (35_000, 35_000)
    new = book(
        till.desk,
        BookingRequest(
            client_id=till.ids.jane,
            provider_id=till.ids.mia,
            service_id=till.ids.facial,
            starts_at=till.clock.now().astimezone(ZONE).replace(hour=15, minute=0)
            + timedelta(days=1),
        ),
    )
    assert one(till.desk, Appointment, id=new).price_cents == 22_500
    assert service_line(till.desk, till.ids.neurotoxin, till.ids.ava).unit_price_cents == 40_000
    entries = fetch(till.desk, AuditEntry, action="menu.service_changed")
    assert [json.loads(entry.detail) for entry in entries] == [
        {"price_cents": [19_900, 22_500]},
        {"price_cents": [35_000, 40_000]},
    ]


def test_an_edit_that_changes_nothing_records_nothing(manager_till):
    till = manager_till
    facial = next(s for s in service_menu(till.desk) if s.service_id == till.ids.facial).details
    assert edit_service(till.desk, till.ids.facial, facial) == {}
    assert fetch(till.desk, AuditEntry, action="menu.service_changed") == []


def test_providers_and_the_name_are_changed_and_audited(manager_till):
    till = manager_till
    facial = next(s for s in service_menu(till.desk) if s.service_id == till.ids.facial).details
    edit_service(
        till.desk,
        till.ids.facial,
        replace(facial, name="HydraFacial deluxe", provider_ids=(till.ids.ava, till.ids.mia)),
    )
    assert "HydraFacial deluxe" in [c.name for c in services_for(till.desk, till.ids.ava)]
    detail = json.loads(one(till.desk, AuditEntry, action="menu.service_changed").detail)
    assert detail == {
        "name": ["HydraFacial", "HydraFacial deluxe"],
        "provider_ids": [[till.ids.mia], sorted([till.ids.ava, till.ids.mia])],
    }


def test_a_retired_service_leaves_booking_and_the_till_and_comes_back(manager_till):
    till = manager_till
    set_service_active(till.desk, till.ids.facial, False)

    assert "HydraFacial" not in [c.name for c in services_for(till.desk, till.ids.mia)]
    with pytest.raises(SaleRefused, match="There is no service number"):
        service_line(till.desk, till.ids.facial, till.ids.mia)
    retired = next(s for s in service_menu(till.desk) if s.service_id == till.ids.facial)
    assert not retired.active and service_menu(till.desk)[-1] == retired  # retired last
    assert one(till.desk, Appointment, id=till.ids.jose_next).service_id == till.ids.facial
    refused(
        till.db,
        lambda: set_service_active(till.desk, till.ids.facial, False),
        "HydraFacial is retired already.",
        DeskRefusal,
    )

    set_service_active(till.desk, till.ids.facial, True)
    assert "HydraFacial" in [c.name for c in services_for(till.desk, till.ids.mia)]
    actions = [entry.action for entry in fetch(till.desk, AuditEntry)]
    assert actions[-2:] == ["menu.service_retired", "menu.service_restored"]


def test_an_amount_that_could_not_be_read_is_said_with_the_other_problems(manager_till):
    till = manager_till
    unread = replace(peel(till), name="", price_cents=None, deposit_cents=None)
    refusal = refused(
        till.db, lambda: add_service(till.desk, unread), "Give the service a name", ServiceRefused
    )
    assert refusal.problems == {
        "name": "Give the service a name, as the menu and receipts show it.",
        "price_cents": "Give the price as an amount like 199.00.",
        "deposit_cents": "Give the deposit as an amount like 50.00, or leave it empty to take none.",
    }
