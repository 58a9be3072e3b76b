"""The checkout screen while a sale is put together: lines scanned, searched, changed, discounted
and removed, services, gift cards, fees and prepayments added, the tip, the client; every
change totalled at once and nothing written until the sale completes."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPushButton, QTableView

from tests.refusals import database_state
from tests.ui.checkout_fixtures import click, scan, text_of
from tests.ui.conftest import find, named


def rows(view) -> list[list[str]]:
    model = find(view, "Sale lines", QTableView).model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_a_walk_in_sale_starts_empty_with_every_column(checkout):
    model = find(checkout, "Sale lines", QTableView).model()
    headers = [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]
    assert headers == ["Item", "Qty", "Price", "Discount", "Amount"]
    assert model.rowCount() == 0
    assert text_of(checkout, "Sale status") == "Walk-in sale"
    assert text_of(checkout, "Sale total") == "$0.00"
    assert not named(checkout, "Complete sale", QPushButton).isEnabled()


def test_scanning_a_sku_and_enter_adds_the_line_and_the_total_follows(qtbot, checkout, till):
    before = database_state(till.db)
    scan(qtbot, checkout, "SKN-001")
    assert rows(checkout) == [
        ["C E Ferulic serum 30 ml (SkinCeuticals)", "1", "$182.00", "", "$182.00"]
    ]
    assert text_of(checkout, "Sale total") == "$182.00"
    assert text_of(checkout, "Sale balance") == "$182.00"
    assert (
        find(checkout, "Scan or search product", QLineEdit).text() == ""
    )  # ready for the next scan
    scan(qtbot, checkout, "skn-001")  # scanned again: one more on the same line
    assert rows(checkout)[0][1] == "2"
    assert text_of(checkout, "Sale total") == "$364.00"
    assert database_state(till.db) == before  # nothing is written before Complete


def test_an_unknown_sku_is_refused_in_words_and_the_sale_is_unchanged(qtbot, checkout):
    scan(qtbot, checkout, "SKN-999")
    message = find(checkout, "Sale message", QLabel)
    assert message.isVisible()
    assert message.text() == "No product on the shelf has the SKU, barcode or name 'SKN-999'."
    assert rows(checkout) == []
    assert (
        find(checkout, "Scan or search product", QLineEdit).selectedText() == "SKN-999"
    )  # next scan replaces it


def test_part_of_a_name_lists_matches_to_pick_from(qtbot, checkout):
    box = find(checkout, "Scan or search product", QLineEdit)
    qtbot.keyClicks(box, "skinceuticals")
    matches = named(checkout, "Product matches", QListWidget)
    qtbot.waitUntil(matches.isVisible)
    assert [matches.item(row).text().split(" · ")[0] for row in range(matches.count())] == [
        "C E Ferulic serum 30 ml (SkinCeuticals)",
        "Physical Fusion UV Defense SPF 50 (SkinCeuticals)",
    ]
    qtbot.keyClick(box, Qt.Key.Key_Return)  # two match: Enter says so and keeps the list
    assert "matches 2 products" in text_of(checkout, "Sale message")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(matches, Qt.Key.Key_Down)
    qtbot.keyClick(matches, Qt.Key.Key_Return)
    assert rows(checkout)[0][0] == "Physical Fusion UV Defense SPF 50 (SkinCeuticals)"
    assert not matches.isVisible()


def test_the_quantity_is_edited_in_the_table_and_a_bad_one_refused(qtbot, checkout):
    scan(qtbot, checkout, "SKN-004")
    table = find(checkout, "Sale lines", QTableView)
    table.setCurrentIndex(table.model().index(0, 1))
    table.setFocus()
    qtbot.keyClicks(table, "3")  # typing on the quantity opens its editor
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows(checkout)[0][1] == "3")  # the editor hands its value over queued
    assert text_of(checkout, "Sale total") == "$126.00"

    assert not table.model().setData(table.model().index(0, 1), "0")
    assert text_of(checkout, "Sale message") == (
        "Physical Fusion UV Defense SPF 50 (SkinCeuticals): the quantity must be 1 or more, not 0."
    )
    assert rows(checkout)[0][1] == "3"


def test_a_discount_needs_a_reason_which_the_line_then_shows(qtbot, checkout):
    scan(qtbot, checkout, "SKN-001")
    qtbot.keyClick(
        find(checkout, "Sale lines", QTableView), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
    )
    amount = find(checkout, "Discount amount", QLineEdit)
    assert amount.isVisible()
    qtbot.keyClicks(amount, "10%")
    click(qtbot, checkout, "Apply discount")
    assert "say why it is discounted" in text_of(checkout, "Sale message")
    assert rows(checkout)[0][3] == ""
    qtbot.keyClicks(find(checkout, "Discount reason", QLineEdit), "Loyalty 10%")
    click(qtbot, checkout, "Apply discount")
    assert rows(checkout)[0][3:] == ["-$18.20", "$163.80"]
    assert text_of(checkout, "Sale discounts") == "-$18.20"
    assert text_of(checkout, "Sale total") == "$163.80"
    assert not amount.isVisible()


def test_delete_removes_the_selected_line(qtbot, checkout):
    scan(qtbot, checkout, "SKN-001")
    scan(qtbot, checkout, "SKN-004")
    table = find(checkout, "Sale lines", QTableView)
    table.selectRow(0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [row[0] for row in rows(checkout)] == [
        "Physical Fusion UV Defense SPF 50 (SkinCeuticals)"
    ]
    click(qtbot, checkout, "Remove line")
    assert rows(checkout) == []
    assert text_of(checkout, "Sale total") == "$0.00"


def test_a_service_is_added_with_its_provider(qtbot, checkout):
    click(qtbot, checkout, "Add service line")
    provider = find(checkout, "Service provider", QComboBox)
    provider.setCurrentIndex(provider.findText("Mia Lopez (Esthetician)"))
    service = find(checkout, "Service to add", QComboBox)
    assert [service.itemText(row) for row in range(service.count())] == ["HydraFacial — $199.00"]
    click(qtbot, checkout, "Add service")
    assert rows(checkout) == [["HydraFacial — Mia Lopez", "1", "$199.00", "", "$199.00"]]


def test_a_gift_card_sale_adds_a_line_of_its_value(qtbot, checkout):
    click(qtbot, checkout, "Sell gift card")
    value = find(checkout, "Gift card value", QLineEdit)
    qtbot.keyClicks(value, "150")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert rows(checkout) == [["Gift card $150.00", "1", "$150.00", "", "$150.00"]]


def test_naming_the_client_offers_their_fees_and_a_prepayment(qtbot, checkout, till):
    assert not named(checkout, "Add unpaid fees", QPushButton).isEnabled()  # nobody's sale
    client = find(checkout, "Sale client", QLineEdit)
    qtbot.keyClicks(client, "nunez")
    qtbot.keyClick(client, Qt.Key.Key_Return)  # the one match is taken
    assert client.text() == "José Núñez"
    click(qtbot, checkout, "Add unpaid fees")
    assert rows(checkout) == [
        ["Late-cancellation fee (Wed Nov 11 visit)", "1", "$75.00", "", "$75.00"]
    ]
    click(qtbot, checkout, "Add unpaid fees")  # already on the sale: not twice
    assert len(rows(checkout)) == 1
    assert (
        text_of(checkout, "Sale message")
        == "The client owes no fee that is not on this sale already."
    )
    click(qtbot, checkout, "Prepay a booking")
    booking = find(checkout, "Booking to prepay", QComboBox)
    assert booking.count() == 1 and "HydraFacial with Mia Lopez, Wed Dec 2" in booking.itemText(0)
    click(qtbot, checkout, "Add prepayment")
    assert rows(checkout)[1][0] == "Prepayment: HydraFacial, Wed Dec 2 at 9:00 AM"
    assert text_of(checkout, "Sale total") == "$274.00"


def test_the_tip_as_a_percent_or_an_amount_moves_the_total(qtbot, checkout, till):
    assert checkout.start_for_appointment(till.ids.visit)  # $350 of Neurotoxin with Ava
    tip = find(checkout, "Tip", QLineEdit)
    qtbot.keyClicks(tip, "18%")
    assert text_of(checkout, "Sale tip") == "$63.00"
    assert text_of(checkout, "Sale total") == "$413.00"
    tip.clear()
    qtbot.keyClicks(tip, "20")
    assert text_of(checkout, "Sale tip") == "$20.00"
    click(qtbot, checkout, "No tip")
    assert text_of(checkout, "Sale tip") == "$0.00"
    assert not named(checkout, "Tip for", QComboBox).isVisible()  # one provider: the tip is hers


def test_a_tip_on_a_sale_without_services_asks_whom_it_is_for(qtbot, checkout):
    scan(qtbot, checkout, "SKN-004")
    who = find(checkout, "Tip for", QComboBox)
    assert who.isVisible()
    assert [who.itemText(row) for row in range(who.count())] == ["Ava Thompson", "Mia Lopez"]
    qtbot.keyClicks(find(checkout, "Tip", QLineEdit), "5")
    assert text_of(checkout, "Sale tip") == "$5.00"


def test_a_checked_in_visit_comes_with_its_service_fees_and_deposit(qtbot, checkout, till):
    assert checkout.start_for_appointment(till.ids.visit)
    assert (
        text_of(checkout, "Sale status")
        == "Checkout: Nguyễn Thị Hoa — Neurotoxin, one area with Ava Thompson"
    )
    assert find(checkout, "Sale client", QLineEdit).isReadOnly()
    assert rows(checkout) == [
        ["Neurotoxin, one area — Ava Thompson", "1", "$350.00", "", "$350.00"]
    ]
    assert find(checkout, "Deposit", QPushButton).isVisible()


def test_a_visit_booked_through_the_services_is_checked_out(qtbot, checkout, till):
    from datetime import time

    from medspa_desk.domain.clinic_time import at_local
    from medspa_desk.services.booking.check_in import check_in
    from medspa_desk.services.booking.new_booking import BookingRequest, book
    from tests.services.checkout_fixtures import DAY

    request = BookingRequest(
        client_id=till.ids.jane,
        provider_id=till.ids.ava,
        service_id=till.ids.facial,
        starts_at=at_local(DAY, time(13), till.desk.settings.zone),
    )
    appointment = book(till.desk, request)
    till.clock.set(at_local(DAY, time(12, 55), till.desk.settings.zone))
    check_in(till.desk, appointment)
    assert checkout.start_for_appointment(appointment)
    assert rows(checkout) == [["HydraFacial — Ava Thompson", "1", "$199.00", "", "$199.00"]]
    assert not named(checkout, "Deposit", QPushButton).isVisible()  # nothing held for it


def test_a_visit_that_cannot_be_checked_out_says_why(checkout, till):
    assert not checkout.start_for_appointment(12345)
    assert text_of(checkout, "Sale message") == "There is no appointment number 12345."
    assert text_of(checkout, "Sale status") == "Walk-in sale"
