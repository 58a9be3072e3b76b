"""Marketing consent per channel: opt-in by default, STOP and UNSUBSCRIBE replies opt out of
texts, and appointment confirmations are not marketing."""

from __future__ import annotations

import json

import pytest

from medspa_desk.domain.data_deletion import UpcomingBookings
from medspa_desk.services.clients.anonymization import anonymize_client
from medspa_desk.services.clients.marketing_consent import (
    confirmations_allowed,
    marketing_allowed,
    record_consent,
    record_sms_reply,
)
from medspa_desk.services.clients.records import merge_clients
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.storage.models import AuditEntry, MarketingConsent
from tests.approvals import as_manager
from tests.services.conftest import NOW, fetch, one, row_counts


def test_nobody_is_marketed_to_before_saying_yes(desk, clinic):
    assert [
        marketing_allowed(desk, clinic.emma, channel) for channel in ("email", "sms", "phone")
    ] == [False] * 3


def test_the_newest_answer_per_channel_stands(desk, clinic):
    record_consent(
        desk, clinic.emma, "email", granted=True, source="form", note="Signed the intake form"
    )
    record_consent(desk, clinic.emma, "sms", granted=True, source="desk")
    assert marketing_allowed(desk, clinic.emma, "email") and marketing_allowed(
        desk, clinic.emma, "sms"
    )
    record_consent(desk, clinic.emma, "email", granted=False, source="desk")
    assert not marketing_allowed(desk, clinic.emma, "email")
    assert marketing_allowed(desk, clinic.emma, "sms")
    rows = fetch(desk, MarketingConsent, client_id=clinic.emma)
    assert [(r.channel, r.granted, r.source, r.at, r.by_staff_id) for r in rows] == [
        ("email", True, "form", NOW, clinic.riley),
        ("sms", True, "desk", NOW, clinic.riley),
        ("email", False, "desk", NOW, clinic.riley),
    ]
    audit = [
        json.loads(entry.detail) for entry in fetch(desk, AuditEntry, action="consent.recorded")
    ]
    assert audit[0] == {
        "consent_id": rows[0].id,
        "channel": "email",
        "granted": True,
        "source": "form",
    }


@pytest.mark.parametrize(
    "reply",
    [
        "STOP",
        "stop",
        " Unsubscribe ",
        "UNSUBSCRIBE",
        "Stop.",
        "stop!",
        "STOPALL",
        "End",
        "QUIT",
        "Cancel",
        "opt out",
        "Opt-Out",
        "REVOKE",
    ],
)
def test_an_opt_out_reply_stops_marketing_texts(desk, hoa, reply):
    assert marketing_allowed(desk, hoa.client_id, "sms")
    assert record_sms_reply(desk, hoa.client_id, reply) is True
    assert not marketing_allowed(desk, hoa.client_id, "sms")
    assert marketing_allowed(desk, hoa.client_id, "email")  # one channel only
    row = fetch(desk, MarketingConsent, client_id=hoa.client_id)[-1]
    assert (row.channel, row.granted, row.source, row.note) == (
        "sms",
        False,
        "stop_reply",
        reply.strip(),
    )


@pytest.mark.parametrize(
    "reply", ["Yes", "C", "Stop by at 3?", "Can I move my appointment", "", "stopp"]
)
def test_any_other_reply_changes_nothing(desk, hoa, reply):
    before = len(fetch(desk, MarketingConsent))
    assert record_sms_reply(desk, hoa.client_id, reply) is False
    assert len(fetch(desk, MarketingConsent)) == before
    assert marketing_allowed(desk, hoa.client_id, "sms")


def test_confirmations_keep_going_to_a_client_who_opted_out(desk, hoa):
    record_sms_reply(desk, hoa.client_id, "STOP")
    record_consent(desk, hoa.client_id, "email", granted=False, source="desk")
    assert not marketing_allowed(desk, hoa.client_id, "sms")
    assert [
        confirmations_allowed(desk, hoa.client_id, channel) for channel in ("email", "sms", "phone")
    ] == [True] * 3


def test_confirmations_need_only_the_contact_they_go_to(desk, clinic):
    # Emma has no phone or email in the template.
    assert [
        confirmations_allowed(desk, clinic.emma, channel) for channel in ("email", "sms", "phone")
    ] == [False] * 3


def test_an_opt_out_survives_a_merge_and_an_anonymization(desk, clinic, hoa):
    record_sms_reply(desk, hoa.client_id, "STOP")
    merge_clients(as_manager(desk), clinic.emma, hoa.client_id, reason="Same person")
    assert not marketing_allowed(desk, clinic.emma, "sms")
    assert marketing_allowed(desk, clinic.emma, "email")
    assert not marketing_allowed(desk, hoa.client_id, "email")  # merged away: its rows moved
    anonymize_client(
        as_manager(desk), clinic.emma, reason="Asked by email", upcoming=UpcomingBookings.KEEP
    )
    assert not marketing_allowed(desk, clinic.emma, "email")
    notes = {row.note for row in fetch(desk, MarketingConsent, client_id=clinic.emma)}
    assert notes == {"", "[removed]"}  # the opt-outs are kept as evidence, their notes are not
    with pytest.raises(DeskRefusal, match="deleted at their request"):
        record_consent(desk, clinic.emma, "email", granted=True, source="desk")
    record_consent(desk, clinic.emma, "phone", granted=False, source="desk")  # a no is always kept


@pytest.mark.parametrize(
    "channel, granted, source, note, sentence",
    [
        ("fax", True, "desk", "", "not 'fax'"),
        ("email", True, "web", "", "not 'web'"),
        ("email", False, "stop_reply", "", "STOP reply"),
        ("sms", True, "stop_reply", "", "STOP reply"),
        ("sms", True, "desk", "card 4242 4242 4242 4242", "card number"),
    ],
)
def test_a_wrong_consent_is_refused_and_nothing_saved(
    desk, clinic, channel, granted, source, note, sentence
):
    before = row_counts(desk), len(fetch(desk, MarketingConsent))
    with pytest.raises(DeskRefusal, match=sentence):
        record_consent(desk, clinic.emma, channel, granted=granted, source=source, note=note)
    assert (row_counts(desk), len(fetch(desk, MarketingConsent))) == before


def test_consent_for_an_unknown_client_is_refused(desk):
    with pytest.raises(DeskRefusal, match="no client number 999"):
        record_sms_reply(desk, 999, "STOP")
    with pytest.raises(DeskRefusal, match="no client number 999"):
        marketing_allowed(desk, 999, "sms")


def test_the_audit_entry_holds_no_reply_text(desk, hoa):
    record_sms_reply(desk, hoa.client_id, "UNSUBSCRIBE")
    assert "UNSUBSCRIBE" not in one(desk, AuditEntry, action="consent.recorded").detail
