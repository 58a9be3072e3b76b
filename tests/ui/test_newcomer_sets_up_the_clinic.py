"""Issue 13's "Done means", as a newcomer does it with keys and clicks: from an empty file the
first-start assistant, then Clinic set-up… (two providers with hours, one a split shift; three
services; two products), then the first client booked, checked in and checked out at the till.
Nothing is set up through a service: the books are only read at the end, to see what was done."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QToolButton,
)
from sqlalchemy import select

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.sale_kinds import LineKind
from medspa_desk.domain.working_hours import WorkSpan
from medspa_desk.services.clinic.working_hours import working_week
from medspa_desk.services.desk import open_desk
from medspa_desk.storage.models import Appointment, AuditEntry, Client, Product, Staff
from medspa_desk.storage.till_models import Sale, SaleLine, StockMovement
from medspa_desk.ui.first_start_assistant import FirstStartAssistant
from medspa_desk.ui.main_window import MainWindow
from tests.ui.checkout_fixtures import pay_cash, scan
from tests.ui.conftest import choose_service, find, named, sign_in_on_screen
from tests.ui.test_first_start import answer_every_page

LEFT = Qt.MouseButton.LeftButton
ZONE = ZoneInfo("America/Denver")
MORNING = datetime(2026, 12, 2, 9, 0, tzinfo=ZONE)  # a Wednesday, the clinic's first day
ARRIVES = datetime(2026, 12, 2, 10, 58, tzinfo=ZONE)


def click(qtbot, root, name: str, kind=QPushButton) -> None:
    qtbot.mouseClick(find(root, name, kind), LEFT)


def retype(qtbot, root, name: str, text: str, kind=QLineEdit) -> None:
    """Select what the field holds and type over it."""
    field = find(root, name, kind)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def open_tab(qtbot, dialog, title: str):
    tabs = find(dialog, "Clinic set-up pages", QTabWidget)
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index
    return tabs.currentWidget()


def add_provider(qtbot, staff, name: str, title: str, colour: str, hours: dict[str, str]):
    click(qtbot, staff, "New staff member")
    retype(qtbot, staff, "Display name", name)
    retype(qtbot, staff, "Job title", title)
    retype(qtbot, staff, "Colour", colour)
    click(qtbot, staff, "Save staff member")
    assert find(staff, "Staff problem").text() == f"{name} was added as provider."
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        retype(qtbot, staff, f"{day} hours", hours.get(day, ""))
    click(qtbot, staff, "Save working hours")
    assert find(staff, "Working hours problem").text().startswith(f"{name}'s working hours were")


def add_service(qtbot, menu, name: str, minutes: str, price: str, performers: tuple[str, ...]):
    click(qtbot, menu, "New service")
    qtbot.keyClicks(find(menu, "Service name", QLineEdit), name)
    retype(
        qtbot, menu, "Service category", "Facials" if "Facial" in name else "Injectables", QComboBox
    )
    retype(qtbot, menu, "Duration", minutes, QSpinBox)
    qtbot.keyClicks(find(menu, "Price", QLineEdit), price)
    for performer in performers:
        # The ticks of a list redone after each save are put away (deleteLater) once the
        # window's loop runs again, as it does between a person's clicks.
        qtbot.waitUntil(lambda who=performer: len(performed_by(menu, who)) == 1)
        click(qtbot, menu, f"Performed by {performer}", QCheckBox)
    click(qtbot, menu, "Save service")
    assert find(menu, "Service problem", QLabel).text() == f"{name} saved."


def performed_by(menu, performer: str) -> list[QCheckBox]:
    return [
        box
        for box in menu.findChildren(QCheckBox)
        if box.accessibleName() == f"Performed by {performer}"
    ]


def add_product(qtbot, shelf, sku: str, barcode: str, name: str, price: str, on_shelf: str):
    click(qtbot, shelf, "New product")
    qtbot.keyClicks(find(shelf, "SKU", QLineEdit), sku)
    qtbot.keyClicks(find(shelf, "Barcode", QLineEdit), barcode)
    qtbot.keyClicks(find(shelf, "Product name", QLineEdit), name)
    qtbot.keyClicks(find(shelf, "Brand", QLineEdit), "SkinCeuticals")
    qtbot.keyClicks(find(shelf, "Price", QLineEdit), price)
    qtbot.keyClicks(find(shelf, "Cost", QLineEdit), "20")
    retype(qtbot, shelf, "Reorder level", "2", QSpinBox)
    click(qtbot, shelf, "Save product")
    assert find(shelf, "Product problem", QLabel).text() == f"{name} ({sku}) saved."
    # The first delivery is counted onto the shelf, with its reason kept.
    retype(qtbot, shelf, "Counted on the shelf", on_shelf, QSpinBox)
    qtbot.keyClicks(find(shelf, "Recount reason", QLineEdit), "Opening stock delivered")
    click(qtbot, shelf, "Correct count")
    assert find(shelf, "Recount message", QLabel).text() == f"Counted: {on_shelf} on the shelf now."


def row_at(grid, starts: str) -> int:
    model = grid.model()
    heads = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    return next(r for r, head in enumerate(heads) if head and str(head).startswith(starts))


def lane_of(grid, provider: str) -> int:
    model = grid.model()
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return heads.index(provider)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MORNING)


@pytest.fixture
def first_window(qtbot, tmp_path, clock):
    """The assistant answered and finished on an empty file, then the window the desk opens
    after it (ui/app.py: run_first_start, then open_desk and MainWindow)."""
    database = tmp_path / "clinic.sqlite3"
    assistant = FirstStartAssistant(database, clock)
    qtbot.addWidget(assistant)
    assistant.open()
    qtbot.waitExposed(assistant)
    answer_every_page(qtbot, assistant)  # Sunday closed, retail tax 8.25 %, Dana the manager
    qtbot.waitUntil(lambda: not assistant.isVisible())
    assert assistant.set_up is not None
    desk = open_desk(database, clock)
    window = MainWindow(
        desk, window_settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, desk
    desk.close()


def test_a_newcomer_sets_up_the_clinic_and_checks_out_the_first_client(qtbot, first_window, clock):
    window, desk = first_window
    assert not window.view("Calendar").isVisible()  # the sign-in screen first
    sign_in_on_screen(qtbot, window, "Dana Whitfield", "lavender fields 42")
    assert window.view("Calendar").isVisible()
    assert find(window, "Signed in", QLabel).text() == "Signed in: Dana Whitfield · Manager"
    manager = desk.staff_id
    assert manager is not None

    click(qtbot, window, "Clinic set-up", QToolButton)
    set_up = find(window, "Clinic set-up", QDialog)
    assert not set_up.isModal()
    staff = open_tab(qtbot, set_up, "Staff")
    split = {day: "9-12, 13-17" for day in ("Tuesday", "Wednesday", "Thursday", "Friday")}
    add_provider(qtbot, staff, "Ava Thompson", "Nurse injector", "#7b5ea7", split)
    whole_days = {day: "10-17" for day in ("Wednesday", "Thursday", "Friday", "Saturday")}
    add_provider(qtbot, staff, "Mia Carter", "Aesthetician", "#2f8f83", whole_days)

    menu = open_tab(qtbot, set_up, "Service menu")
    add_service(qtbot, menu, "Neurotoxin", "45", "450", ("Ava Thompson",))
    add_service(qtbot, menu, "HydraFacial", "60", "199", ("Ava Thompson", "Mia Carter"))
    add_service(qtbot, menu, "Dermal filler", "60", "650", ("Ava Thompson",))
    assert find(menu, "Services on the menu", QTableWidget).rowCount() == 3

    shelf = open_tab(qtbot, set_up, "Retail shelf")
    add_product(qtbot, shelf, "SKN-001", "0850012345678", "C E Ferulic serum 30 ml", "182", "6")
    add_product(qtbot, shelf, "SKN-004", "0850012345685", "UV Defense SPF 50", "42", "10")
    click(qtbot, set_up, "Close")
    qtbot.waitUntil(lambda: not set_up.isVisible())

    grid = find(window, "Day calendar")
    assert [
        grid.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(grid.model().columnCount())
    ] == ["Ava Thompson", "Mia Carter"]
    grid.setCurrentIndex(grid.model().index(row_at(grid, "11:00"), lane_of(grid, "Mia Carter")))
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    booking = find(window, "Book appointment", QDialog)
    assert find(booking, "Provider", QComboBox).currentText() == "Mia Carter (Aesthetician)"
    choose_service(qtbot, booking, "HydraFacial")
    qtbot.keyClicks(find(booking, "Client", QLineEdit), "Emma Sanders")
    click(qtbot, booking, "New client")
    qtbot.keyClicks(find(booking, "Phone", QLineEdit), "406 555 0101")
    qtbot.keyClicks(find(booking, "Email", QLineEdit), "emma@example.com")
    click(qtbot, booking, "Add client")
    assert find(booking, "Client", QLineEdit).text() == "Emma Sanders"
    click(qtbot, booking, "Book")
    qtbot.waitUntil(lambda: not booking.isVisible())
    visit = lambda: grid.model().data(grid.currentIndex())  # noqa: E731
    assert "Emma Sanders" in visit()

    clock.set(ARRIVES)  # she walks in two minutes early
    window.activateWindow()  # the window's shortcuts answer once it is the active one again
    qtbot.waitUntil(window.isActiveWindow)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Checked in" in visit())
    qtbot.keyClick(grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    till = window._checkout
    qtbot.waitUntil(lambda: window._views.currentWidget() is till)
    assert find(window, "Sale status").text().startswith("Checkout: Emma Sanders")
    scan(qtbot, till, "0850012345685")  # the sunscreen's barcode, as the scanner types it
    pay_cash(qtbot, till, "300")
    complete = find(till, "Complete sale", QPushButton)
    qtbot.keyClick(complete, Qt.Key.Key_F12)
    outcome = named(till, "Sale outcome", QLabel)
    qtbot.waitUntil(lambda: outcome.isVisible() and outcome.text().startswith("Receipt 1"))

    with desk.db.reading() as session:
        appointment = session.scalars(select(Appointment)).one()
        assert appointment.status == AppointmentStatus.COMPLETED
        emma = session.get(Client, appointment.client_id)
        assert (emma.first_name, emma.last_name) == ("Emma", "Sanders")
        mia = session.get(Staff, appointment.provider_id)
        assert mia.display_name == "Mia Carter"
        sale = session.scalars(select(Sale)).one()
        assert (sale.receipt_number, sale.appointment_id, sale.staff_id) == (
            1,
            appointment.id,
            manager,
        )
        lines = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id)).all()
        assert [
            (line.kind, line.description, line.quantity, line.unit_price_cents, line.tax_cents)
            for line in lines
        ] == [
            (LineKind.SERVICE, "HydraFacial", 1, 19_900, 0),  # services taxed at 0 %
            (LineKind.RETAIL, "UV Defense SPF 50 (SkinCeuticals)", 1, 4_200, 347),  # 8.25 %
        ]
        assert lines[0].provider_id == appointment.provider_id
        assert (sale.total_cents, sale.change_cents) == (24_447, 30_000 - 24_447)
        sunscreen = session.scalars(select(Product).where(Product.sku == "SKN-004")).one()
        moved = session.scalars(
            select(StockMovement).where(StockMovement.product_id == sunscreen.id)
        ).all()
        assert sum(m.quantity for m in moved) == 9  # ten counted in, one sold
        assert session.get(Staff, manager).display_name == "Dana Whitfield"
        actions_by = {
            (entry.action, entry.staff_id) for entry in session.scalars(select(AuditEntry))
        }
    ava = next(s for s in desk_staff(desk) if s.display_name == "Ava Thompson")
    assert working_week(desk, ava.id)[1] == (
        WorkSpan(time(9), time(12)),
        WorkSpan(time(13), time(17)),
    )
    # Every step was the manager's, but the first: the assistant added her, with nobody at the desk.
    assert {entry for entry in actions_by if entry[1] != manager} == {("staff.added", None)}
    assert {action for action, _staff_id in actions_by} >= {
        "clinic.set_up",
        "staff.added",
        "staff.working_hours_changed",
        "menu.service_added",
        "shelf.product_added",
        "stock.counted",
        "client.created",
        "appointment.booked",
        "appointment.checked_in",
        "sale.completed",
    }


def desk_staff(desk) -> list[Staff]:
    with desk.db.reading() as session:
        rows = session.scalars(select(Staff)).all()
        session.expunge_all()
        return list(rows)
