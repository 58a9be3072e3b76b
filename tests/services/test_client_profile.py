"""The client's profile: details, standing, visits, purchases, gift cards, consent, the history of
changes and the alerts the desk should see, read in a fixed number of queries."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event
from sqlalchemy.engine.interfaces import CacheStats

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.data_deletion import UpcomingBookings
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.marketing_consent import record_sms_reply
from medspa_desk.services.clients.profile import client_profile, prepare_profile_reads
from medspa_desk.services.clients.records import (
    ClientEdit,
    add_card_on_file,
    merge_clients,
    update_client,
)
from medspa_desk.services.desk_errors import DeskRefusal
from tests.approvals import as_manager
from tests.services.client_fixtures import EMAIL, FIRST, GIFT_CARD_CODE, LAST, PHONE
from tests.services.conftest import NOW, at


def test_the_details_are_shown_as_kept_and_for_reading(desk, hoa):
    details = client_profile(desk, hoa.client_id).details
    assert (details.name, details.phone_e164, details.phone_display) == (
        f"{FIRST} {LAST}",
        PHONE,
        "(406) 555-0123",
    )
    assert (details.email, details.birthday) == (EMAIL, date(1988, 6, 10))
    assert (details.emergency_contact_name, details.emergency_contact_phone_display) == (
        "Minh Trần",
        "(406) 555-0188",
    )
    assert (details.anonymized, details.merged_into_id, details.merged_from_ids) == (
        False,
        None,
        (),
    )


def test_visits_are_split_into_upcoming_and_past_newest_first(desk, hoa):
    profile = client_profile(desk, hoa.client_id)
    assert [(v.appointment_id, v.status) for v in profile.upcoming] == [
        (hoa.upcoming, AppointmentStatus.BOOKED)
    ]
    assert [(v.appointment_id, v.status) for v in profile.past] == [
        (hoa.completed, AppointmentStatus.COMPLETED),
        (hoa.no_show, AppointmentStatus.NO_SHOW),
    ]
    visit = profile.upcoming[0]
    assert (visit.provider_name, visit.service_name, visit.price_cents) == (
        "Kelsey Brandt",
        "Botox: frown lines",
        30000,
    )
    assert visit.starts_at == at(date(2026, 6, 17), 10)


def test_a_visit_under_way_is_upcoming_until_it_ends(desk, hoa):
    desk.clock.set(at(date(2026, 6, 17), 10, 15))
    assert [v.appointment_id for v in client_profile(desk, hoa.client_id).upcoming] == [
        hoa.upcoming
    ]
    desk.clock.set(at(date(2026, 6, 17), 10, 30))
    assert client_profile(desk, hoa.client_id).upcoming == ()


def test_purchases_show_their_lines_totals_and_voids(desk, hoa):
    purchases = client_profile(desk, hoa.client_id).purchases
    assert [(p.receipt_number, p.total_cents, p.voided) for p in purchases] == [
        (2, 4200, True),
        (1, 40000, False),
    ]
    assert [(line.kind, line.description, line.total_cents) for line in purchases[1].lines] == [
        ("service", "Botox: frown lines", 30000),
        ("gift_card", "Gift card", 10000),
    ]


def test_gift_cards_bought_show_their_balance(desk, hoa):
    (card,) = client_profile(desk, hoa.client_id).gift_cards
    assert (card.code, card.receipt_number, card.initial_cents, card.balance_cents) == (
        GIFT_CARD_CODE,
        1,
        10000,
        7500,
    )


def test_standing_consent_and_changes(desk, clinic, hoa):
    record_sms_reply(desk, hoa.client_id, "STOP")
    update_client(desk, hoa.client_id, ClientEdit(FIRST, LAST, PHONE, "hoa@example.com"))
    profile = client_profile(desk, hoa.client_id)
    standing = profile.standing
    assert (standing.strikes, standing.credit_cents, standing.fees_owed_cents) == (1, 2500, 7500)
    assert standing.card.label == "Visa ending 4242"
    assert [(c.channel, c.state, c.source) for c in profile.consents] == [
        ("email", "granted", "form"),
        ("sms", "withdrawn", "stop_reply"),
        ("phone", "unknown", ""),
    ]
    assert [(c.field, c.by, c.at) for c in profile.changes][:2] == [
        ("emergency_contact_phone", "Riley Chen", NOW),
        ("emergency_contact_name", "Riley Chen", NOW),
    ]
    assert ("email", EMAIL, "hoa@example.com") in [
        (c.field, c.old_value, c.new_value) for c in profile.changes
    ]
    assert profile.changes[-1].field == "phone"  # the oldest change, from the fixture


def alerts(desk, client_id) -> list[tuple[str, str]]:
    return [(alert.kind, alert.text) for alert in client_profile(desk, client_id).alerts]


def test_alerts_say_what_the_desk_should_notice(desk, clinic, hoa):
    assert alerts(desk, hoa.client_id) == [
        ("fees_owed", "Fees owed $75.00"),
        ("birthday", "Birthday today"),
    ]
    assert alerts(desk, clinic.olivia) == [
        ("strikes", "3 no-shows or late cancellations: prepayment required")
    ]
    assert alerts(desk, clinic.liam) == [
        ("strikes", "2 no-shows or late cancellations: one more and prepayment is required")
    ]
    assert alerts(desk, clinic.ava) == [
        ("card_expired", "Card on file expired: Mastercard ending 4444, 01/2026")
    ]
    assert alerts(desk, clinic.emma) == []


@pytest.mark.parametrize(
    "today, shown",
    [
        (date(2027, 2, 28), True),
        (date(2028, 2, 28), False),
        (date(2028, 2, 29), True),
        (date(2027, 3, 1), False),
    ],
)
def test_a_leap_day_birthday_is_kept_on_february_28_in_other_years(desk, clinic, today, shown):
    update_client(desk, clinic.emma, ClientEdit("Emma", "Sanders", birthday=date(2000, 2, 29)))
    desk.clock.set(at(today, 9))
    assert (("birthday", "Birthday today") in alerts(desk, clinic.emma)) is shown


def test_a_merged_record_points_at_the_kept_one_which_shows_its_sales(desk, clinic, hoa):
    merge_clients(as_manager(desk), clinic.emma, hoa.client_id, reason="Same person")
    kept = client_profile(desk, clinic.emma)
    assert kept.details.merged_from_ids == (hoa.client_id,)
    assert [p.receipt_number for p in kept.purchases] == [2, 1]
    assert [g.code for g in kept.gift_cards] == [GIFT_CARD_CODE]
    assert len(kept.past) == 2 and len(kept.upcoming) == 1
    assert ("merged", f"Merged into client #{clinic.emma}: use that record") in alerts(
        desk, hoa.client_id
    )


def test_an_anonymized_record_says_so(desk, hoa):
    anonymize_client(
        as_manager(desk), hoa.client_id, reason="Asked by email", upcoming=UpcomingBookings.KEEP
    )
    profile = client_profile(desk, hoa.client_id)
    assert profile.details.name == f"Anonymized client #{hoa.client_id}"
    assert (
        profile.alerts[0].text == "Personal data deleted at the client's request on June 10, 2026"
    )
    assert profile.standing.card is None  # taken off file: no fee can be charged to it any more
    assert len(profile.purchases) == 2 and len(profile.past) == 2  # the books stay


def test_an_unknown_client_is_refused(desk):
    with pytest.raises(DeskRefusal, match="no client number 999"):
        client_profile(desk, 999)


def test_a_profile_takes_the_same_few_queries_however_long_the_history(desk, clinic, hoa):
    def queries(client_id) -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(desk.db.engine, "before_cursor_execute", listener)
        try:
            client_profile(desk, client_id)
        finally:
            event.remove(desk.db.engine, "before_cursor_execute", listener)
        return len(statements)

    few = queries(clinic.emma)
    add_card_on_file(
        desk,
        hoa.client_id,
        brand="Amex",
        last4="0005",
        expiry_month=1,
        expiry_year=2030,
        cardholder_name="Hoa",
        terminal_reference="tok_2",
    )
    assert queries(hoa.client_id) == few <= 16


def test_prepared_reads_leave_nothing_to_compile_for_the_first_profile_opened(desk, hoa):
    """The window prepares the reads once it is idle, so the first profile opened at the desk
    costs no more than the next (SQLAlchemy compiles a statement the first time it runs)."""

    def compiled_anew() -> list[str]:
        compiled = []

        def listener(_connection, _cursor, statement, _parameters, context, _many) -> None:
            if context.cache_hit is CacheStats.CACHE_MISS:
                compiled.append(statement)

        event.listen(desk.db.engine, "before_cursor_execute", listener)
        try:
            client_profile(desk, hoa.client_id)
        finally:
            event.remove(desk.db.engine, "before_cursor_execute", listener)
        return compiled

    prepare_profile_reads(desk)

    assert compiled_anew() == []


def test_opening_a_profile_is_noted_as_who_looked_at_whose_record(desk, clinic, hoa):
    from medspa_desk.services.clients.profile import record_profile_viewed
    from medspa_desk.storage.models import AuditEntry
    from tests.services.conftest import fetch

    record_profile_viewed(desk, hoa.client_id)

    (viewed,) = fetch(desk, AuditEntry, action="client.viewed")
    assert (viewed.staff_id, viewed.subject, viewed.detail) == (
        clinic.riley,
        f"client:{hoa.client_id}",
        "{}",  # ids only: nothing of the client in the trail
    )
    with pytest.raises(DeskRefusal, match="no client number 99999"):
        record_profile_viewed(desk, 99999)
    assert len(fetch(desk, AuditEntry, action="client.viewed")) == 1


def test_preparing_the_profile_leaves_no_entry_and_waits_for_no_other_desk(desk, template):
    from medspa_desk.storage.database import open_database
    from medspa_desk.storage.models import AuditEntry
    from tests.services.conftest import count_rows

    before = count_rows(desk, AuditEntry)
    prepare_profile_reads(desk)
    assert count_rows(desk, AuditEntry) == before
    other_desk = open_database(desk.db.path)
    try:
        with other_desk.writing():  # another desk holds the write lock
            prepare_profile_reads(desk)  # returns at once rather than wait for it
    finally:
        other_desk.close()
    assert count_rows(desk, AuditEntry) == before
