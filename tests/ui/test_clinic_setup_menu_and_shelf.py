"""The clinic set-up's Service menu and Retail shelf pages, from the toolbar's "Clinic set-up…":
a manager adds, edits and retires with keys and clicks, each problem beside its field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
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

from medspa_desk.storage.models import Appointment, Product, Service
from medspa_desk.storage.till_models import StockMovement
from tests.ui.accessible_names import unnamed_widgets
from tests.ui.conftest import find, named

LEFT = Qt.MouseButton.LeftButton
ROW_11_00 = 12
AVA = 0


@pytest.fixture
def set_up(qtbot, window, desk, clinic) -> QDialog:
    """Nora (the manager) at the desk, and the set-up opened from the toolbar."""
    at_desk = find(window, "At the desk", QComboBox)
    at_desk.setCurrentIndex(at_desk.findText("Nora Quinn"))
    assert desk.staff_id == clinic.staff["Nora Quinn"]
    qtbot.mouseClick(find(window, "Clinic set-up", QToolButton), LEFT)
    dialog = find(window, "Clinic set-up", QDialog)
    assert not dialog.isModal()  # the calendar stays at hand
    return dialog


def page(qtbot, dialog, title: str):
    tabs = find(dialog, "Clinic set-up pages", QTabWidget)
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index
    return tabs.currentWidget()


def click(qtbot, root, name: str, kind=QPushButton) -> None:
    qtbot.mouseClick(find(root, name, kind), LEFT)


def retype(qtbot, root, name: str, text: str, kind=QLineEdit) -> None:
    """Select what the field holds and type over it."""
    field = find(root, name, kind)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def choose_row(qtbot, table: QTableWidget, first_cell: str) -> None:
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == first_cell)
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    assert table.currentRow() == row


def rows(table: QTableWidget) -> dict[str, list[str]]:
    return {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    }


def services_offered_to_ava(qtbot, window) -> list[str]:
    grid = find(window, "Day calendar")
    grid.setCurrentIndex(grid.model().index(ROW_11_00, AVA))
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    (booking,) = [  # a dialog put away earlier is kept, hidden
        dialog
        for dialog in window.findChildren(QDialog)
        if dialog.accessibleName() == "Book appointment" and dialog.isVisible()
    ]
    service = find(booking, "Service", QComboBox)
    offered = [service.itemText(i) for i in range(service.count())]
    qtbot.keyClick(booking, Qt.Key.Key_Escape)
    return offered


def test_the_set_up_names_every_widget(qtbot, set_up):
    for title in ("Service menu", "Retail shelf"):
        page(qtbot, set_up, title)
        assert unnamed_widgets(set_up) == []


def test_a_manager_adds_a_service_two_providers_perform(qtbot, set_up, db, clinic):
    menu = page(qtbot, set_up, "Service menu")
    click(qtbot, menu, "New service")
    qtbot.keyClicks(find(menu, "Service name", QLineEdit), "Chemical peel")
    retype(qtbot, menu, "Service category", "Facials", QComboBox)
    retype(qtbot, menu, "Duration", "45", QSpinBox)
    retype(qtbot, menu, "Cleanup", "15", QSpinBox)
    qtbot.keyClicks(find(menu, "Price", QLineEdit), "150")
    qtbot.keyClicks(find(menu, "Deposit", QLineEdit), "50")
    click(qtbot, menu, "Performed by Ava Thompson", QCheckBox)
    click(qtbot, menu, "Performed by Mia Carter", QCheckBox)
    click(qtbot, menu, "Save service")

    assert find(menu, "Service problem", QLabel).text() == "Chemical peel saved."
    assert rows(find(menu, "Services on the menu", QTableWidget))["Chemical peel"] == [
        "Chemical peel",
        "Facials",
        "45 + 15",
        "$150.00",
        "$50.00",
        "Ava Thompson, Mia Carter",
        "yes",
    ]
    with db.reading() as session:
        peel = session.scalars(select(Service).where(Service.name == "Chemical peel")).one()
        assert (peel.duration_minutes, peel.buffer_minutes) == (45, 15)
        assert (peel.price_cents, peel.deposit_cents) == (15_000, 5_000)
        assert sorted(p.display_name for p in peel.providers) == ["Ava Thompson", "Mia Carter"]


def test_a_long_name_is_shown_whole_in_the_menu(qtbot, set_up):
    """Services told apart only by their names' ends ("Laser hair removal: large area",
    "... small area") must not be cut to the same "Laser hair removal: ...": a row is as tall
    as its wrapped text."""
    menu = page(qtbot, set_up, "Service menu")
    long_name = (
        "Laser hair removal with the diode laser: large area, both legs and the bikini line, "
        "a course of six sessions"
    )
    click(qtbot, menu, "New service")
    qtbot.keyClicks(find(menu, "Service name", QLineEdit), long_name)
    retype(qtbot, menu, "Service category", "Laser", QComboBox)
    qtbot.keyClicks(find(menu, "Price", QLineEdit), "349")
    click(qtbot, menu, "Performed by Ava Thompson", QCheckBox)
    click(qtbot, menu, "Save service")
    table = find(menu, "Services on the menu", QTableWidget)
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == long_name)
    assert table.rowHeight(row) >= table.sizeHintForRow(row)  # every wrapped line in sight


def test_each_problem_shows_beside_its_field_and_nothing_is_saved(qtbot, set_up, db):
    menu = page(qtbot, set_up, "Service menu")
    click(qtbot, menu, "New service")
    qtbot.keyClicks(find(menu, "Service name", QLineEdit), "HydraFacial")
    qtbot.keyClicks(find(menu, "Price", QLineEdit), "12,x")
    click(qtbot, menu, "Save service")

    assert find(menu, "Service name problem", QLabel).text() == (
        "There is a service called 'HydraFacial' already: names are unique."
    )
    assert find(menu, "Service category problem", QLabel).text().startswith("Give the service")
    assert find(menu, "Price problem", QLabel).text() == "Give the price as an amount like 199.00."
    assert find(menu, "Performed by problem", QLabel).text() == (
        "Choose who performs it: one provider or more."
    )
    assert find(menu, "Service name", QLineEdit).hasFocus()  # the first wrong field

    retype(qtbot, menu, "Price", "99")
    click(qtbot, menu, "Save service")
    assert not named(menu, "Price problem", QLabel).isVisible()
    assert find(menu, "Service name problem", QLabel).isVisible()
    with db.reading() as session:
        assert len(session.scalars(select(Service)).all()) == 2


def test_a_new_price_leaves_an_existing_booking_at_its_price(qtbot, set_up, db, clinic):
    menu = page(qtbot, set_up, "Service menu")
    choose_row(qtbot, find(menu, "Services on the menu", QTableWidget), "Neurotoxin")
    assert find(menu, "Price", QLineEdit).text() == "450.00"
    retype(qtbot, menu, "Price", "500")
    click(qtbot, menu, "Save service")

    assert rows(find(menu, "Services on the menu", QTableWidget))["Neurotoxin"][3] == "$500.00"
    with db.reading() as session:
        assert session.get(Service, clinic.services["Neurotoxin"]).price_cents == 50_000
        booked = session.get(Appointment, clinic.appointments["José at 10:00"])
        assert booked.price_cents == 10_000  # the price it was booked at


def test_a_retired_service_leaves_the_booking_dialog_and_comes_back(qtbot, window, set_up):
    assert "HydraFacial — 1 h · $199.00" in services_offered_to_ava(qtbot, window)
    menu = page(qtbot, set_up, "Service menu")
    table = find(menu, "Services on the menu", QTableWidget)
    choose_row(qtbot, table, "HydraFacial")
    click(qtbot, menu, "Retire service")

    assert rows(table)["HydraFacial"][-1] == "retired"
    assert find(menu, "Service problem", QLabel).text() == "HydraFacial retired."
    assert named(menu, "Bring back service", QPushButton).isVisible()
    offered = services_offered_to_ava(qtbot, window)
    assert offered and not any(text.startswith("HydraFacial") for text in offered)

    click(qtbot, menu, "Bring back service")
    assert rows(table)["HydraFacial"][-1] == "yes"
    assert "HydraFacial — 1 h · $199.00" in services_offered_to_ava(qtbot, window)


def test_someone_who_is_not_a_manager_is_told_beside_the_form(qtbot, window, desk, db):
    qtbot.mouseClick(find(window, "Clinic set-up", QToolButton), LEFT)
    menu = page(qtbot, find(window, "Clinic set-up", QDialog), "Service menu")
    choose_row(qtbot, find(menu, "Services on the menu", QTableWidget), "Neurotoxin")
    retype(qtbot, menu, "Price", "1")
    click(qtbot, menu, "Save service")
    assert find(menu, "Service problem", QLabel).text() == (
        "Only a manager can change the clinic's set-up: a manager can approve it for you."
    )
    with db.reading() as session:
        neurotoxin = select(Service.price_cents).where(Service.name == "Neurotoxin")
        assert session.scalars(neurotoxin).one() == 45_000


def add_product(qtbot, shelf, sku: str, barcode: str, name: str) -> None:
    click(qtbot, shelf, "New product")
    qtbot.keyClicks(find(shelf, "SKU", QLineEdit), sku)
    qtbot.keyClicks(find(shelf, "Barcode", QLineEdit), barcode)
    qtbot.keyClicks(find(shelf, "Product name", QLineEdit), name)
    qtbot.keyClicks(find(shelf, "Brand", QLineEdit), "Alastin")
    qtbot.keyClicks(find(shelf, "Price", QLineEdit), "78")
    qtbot.keyClicks(find(shelf, "Cost", QLineEdit), "39.50")
    retype(qtbot, shelf, "Reorder level", "4", QSpinBox)
    click(qtbot, shelf, "Save product")


def test_a_product_with_a_barcode_is_added_and_a_sku_in_use_refused_beside_it(qtbot, set_up, db):
    shelf = page(qtbot, set_up, "Retail shelf")
    add_product(qtbot, shelf, "SKN-020", "0850012345678", "Recovery balm 50 ml")
    assert find(shelf, "Product problem", QLabel).text() == "Recovery balm 50 ml (SKN-020) saved."
    listed = rows(find(shelf, "Products on the shelf", QTableWidget))["Recovery balm 50 ml"]
    assert listed == [
        "Recovery balm 50 ml",
        "Alastin",
        "SKN-020",
        "0850012345678",
        "$78.00",
        "$39.50",
        "0",
        "4",
        "yes",
    ]

    add_product(qtbot, shelf, "skn-020", "0850012345679", "Recovery balm travel size")
    assert find(shelf, "SKU problem", QLabel).text() == (
        "The SKU skn-020 is Recovery balm 50 ml (SKN-020)'s already: SKUs are unique."
    )
    assert find(shelf, "SKU", QLineEdit).hasFocus()
    with db.reading() as session:
        products = session.scalars(select(Product)).all()
        assert [(p.sku, p.barcode, p.cost_cents) for p in products] == [
            ("SKN-020", "0850012345678", 3_950)
        ]


def test_a_recount_with_its_reason_corrects_the_count(qtbot, set_up, db):
    shelf = page(qtbot, set_up, "Retail shelf")
    add_product(qtbot, shelf, "SKN-020", "", "Recovery balm 50 ml")
    retype(qtbot, shelf, "Counted on the shelf", "3", QSpinBox)
    click(qtbot, shelf, "Correct count")
    assert find(shelf, "Recount message", QLabel).text() == (
        "Say why the count was wrong: the reason is kept with it."
    )
    retype(qtbot, shelf, "Counted on the shelf", "3", QSpinBox)
    qtbot.keyClicks(find(shelf, "Recount reason", QLineEdit), "Found a box in the back")
    click(qtbot, shelf, "Correct count")
    assert find(shelf, "Recount message", QLabel).text() == "Counted: 3 on the shelf now."
    assert rows(find(shelf, "Products on the shelf", QTableWidget))["Recovery balm 50 ml"][6] == "3"
    with db.reading() as session:
        movement = session.scalars(select(StockMovement)).one()
        assert (movement.quantity, movement.note) == (3, "Found a box in the back")
