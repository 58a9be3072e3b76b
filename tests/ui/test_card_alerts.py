"""A calendar card marks what the desk must notice about its client (issue 15): a new client,
fees owed, the strike rule's prepayment, a card on file expired by the visit's day; its details
say them in words, and the marks are painted on the card."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.storage.models import CardOnFile, ClientFee
from tests.ui.conftest import DAY, ZONE, book, find

ROW_9_00, ROW_10_00, AVA, MIA = 4, 8, 0, 1


def _details(window, row: int, column: int) -> str:
    model = find(window, "Day calendar").model()
    return model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)


def _read_again(window) -> None:
    date_field = find(window, "Date", QDateEdit)
    date_field.setDate(DAY + timedelta(days=1))
    date_field.setDate(DAY)


def test_a_card_says_what_to_notice_about_its_client(qtbot, window, db, clinic):
    jose, sarah = clinic.clients["José Núñez"], clinic.clients["Sarah O'Brien"]
    # José has been before, owes a fee and his card expired last month.
    past = book(
        db,
        client=jose,
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=DAY - timedelta(weeks=8),
        starts=time(10),
        minutes=45,
        status=AppointmentStatus.COMPLETED,
    )
    with db.writing() as session:
        session.add(
            ClientFee(
                client_id=jose,
                appointment_id=past,
                kind="no_show",
                amount_cents=7500,
                owed_cents=7500,
                created_at=datetime.combine(DAY - timedelta(weeks=8), time(12), tzinfo=ZONE),
            )
        )
    with db.writing() as session:  # added in the spring, when it was good
        session.add(
            CardOnFile(
                client_id=jose, brand="Visa", last4="4242", expiry_month=10, expiry_year=2026,
                cardholder_name="José Núñez", terminal_reference="tok_4242",
                added_at=datetime.combine(date(2026, 4, 2), time(12), tzinfo=ZONE),
            )
        )  # fmt: skip
    # Sarah, here for the first time, has three no-shows on other bookings: she must prepay.
    for weeks in (1, 2, 3):
        book(
            db,
            client=sarah,
            provider=clinic.staff["Mia Carter"],
            service=clinic.services["HydraFacial"],
            day=DAY - timedelta(weeks=weeks),
            starts=time(9),
            minutes=60,
            status=AppointmentStatus.NO_SHOW,
        )
    _read_again(window)

    assert "\nFees owed · Card on file expired\nStatus: Confirmed" in _details(
        window, ROW_10_00, AVA
    )
    assert "\nNew client · Must prepay\nStatus: Checked in" in _details(window, ROW_9_00, MIA)
    find(window, "Day calendar").grab()  # the marks are painted on the cards without a fault


def test_a_regular_with_nothing_owed_has_no_alerts(qtbot, window, db, clinic):
    book(
        db,
        client=clinic.clients["José Núñez"],
        provider=clinic.staff["Ava Thompson"],
        service=clinic.services["Neurotoxin"],
        day=date(2026, 10, 1),
        starts=time(10),
        minutes=45,
        status=AppointmentStatus.COMPLETED,
    )
    _read_again(window)
    details = _details(window, ROW_10_00, AVA)
    assert details.endswith("\nStatus: Confirmed, 12 minutes late")
