"""The client picked for a booking, as the Book dialog shows them: who they are, what to notice,
and who they may be."""

from datetime import date

from medspa_desk.domain.client_alerts import ClientAlertKind
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.services.clients.client_summary import client_summary
from medspa_desk.storage.models import Client
from tests.services.checkout_fixtures import NOW


def _client(session, first: str, last: str, phone: str | None = None, **more) -> Client:
    client = Client(
        first_name=first,
        last_name=last,
        search_name=fold_for_search(f"{first} {last}"),
        phone_e164=phone,
        created_at=NOW,
        **more,
    )
    session.add(client)
    session.flush()
    return client


def test_two_namesakes_are_told_apart_and_pointed_at_each_other(till):
    with till.db.writing() as session:
        first = _client(session, "Zoë", "Åberg", "+14065550101", birthday=date(1978, 7, 20))
        second = _client(session, "Zoe", "Aberg", "+14065550102").id
        first = first.id
    summary = client_summary(till.desk, first)
    assert (summary.details.phone_display, summary.details.birthday) == (
        "(406) 555-0101",
        date(1978, 7, 20),
    )
    assert [(match.client_id, match.reason) for match in summary.duplicates] == [
        (second, "similar name")
    ]
    assert [match.client_id for match in client_summary(till.desk, second).duplicates] == [first]


def test_a_birthday_today_is_an_alert_and_a_lone_client_has_no_duplicates(till):
    with till.db.writing() as session:
        client = _client(session, "Quinn", "Zebulon", birthday=date(1990, 11, 25)).id
    summary = client_summary(till.desk, client)
    assert summary.duplicates == ()
    assert [alert.kind for alert in summary.alerts] == [ClientAlertKind.BIRTHDAY]
