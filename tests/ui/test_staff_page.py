"""The Staff page of Clinic set-up…, as a manager uses it: a provider added with a split week
appears on the calendar at once; a provider retired leaves it and keeps their history; a wrong
field is refused beside it."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QPushButton, QTabWidget

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.opening_hours import DayHours
from medspa_desk.domain.working_hours import WorkSpan
from medspa_desk.services.clinic.clinic_hours import write_opening_hours
from medspa_desk.services.clinic.staff import staff_records
from medspa_desk.services.clinic.working_hours import working_week
from tests.ui.accessible_names import unnamed_widgets
from tests.ui.conftest import DAY, book, find, named

LEFT = Qt.MouseButton.LeftButton
BREAK_WEEK = {
    day: (WorkSpan(time(9), time(13)), WorkSpan(time(14), time(17))) for day in range(1, 6)
}


@pytest.fixture
def page(qtbot, window, desk, clinic):
    desk.staff_id = clinic.staff["Nora Quinn"]  # the manager
    return _open_on_staff(qtbot, window)


def _open_on_staff(qtbot, window):
    """Clinic set-up opened, and its Staff tab clicked."""
    dialog = window.show_clinic_setup()
    qtbot.waitExposed(dialog)
    tabs = find(dialog, "Clinic set-up pages", QTabWidget)
    staff = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Staff")
    qtbot.mouseClick(tabs.tabBar(), LEFT, pos=tabs.tabBar().tabRect(staff).center())
    assert tabs.currentIndex() == staff
    return dialog


def _click(qtbot, root, name):
    qtbot.mouseClick(find(root, name, QPushButton), LEFT)


def _type(qtbot, root, name, text):
    field = find(root, name, QLineEdit)
    qtbot.mouseClick(field, LEFT)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def _choose(qtbot, listing: QListWidget, starts_with: str) -> None:
    """A click on the list's line that reads `starts_with`."""
    rows = [listing.item(row) for row in range(listing.count())]
    item = next(item for item in rows if item.text().startswith(starts_with))
    listing.scrollToItem(item)
    qtbot.mouseClick(listing.viewport(), LEFT, pos=listing.visualItemRect(item).center())
    assert listing.currentItem() is item


def _lanes(window) -> list[str]:
    model = find(window, "Day calendar").model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_a_provider_added_with_a_split_week_has_a_lane_at_once(qtbot, window, page, desk):
    assert _lanes(window) == ["Ava Thompson", "Mia Carter"]
    _click(qtbot, page, "New staff member")
    _type(qtbot, page, "Display name", "Dana Whitfield")
    _type(qtbot, page, "Job title", "Nurse injector")
    _type(qtbot, page, "Colour", "#3a7d5c")
    services = find(page, "Services performed", QListWidget)
    _choose(qtbot, services, "Neurotoxin")
    qtbot.keyClick(services, Qt.Key.Key_Space)  # ticks the line chosen
    _click(qtbot, page, "Save staff member")

    assert find(page, "Staff problem").text() == "Dana Whitfield was added as provider."
    assert _lanes(window) == ["Ava Thompson", "Mia Carter", "Dana Whitfield"]
    for name in ("Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"):
        _type(qtbot, page, f"{name} hours", "9-13, 14-17")
    _click(qtbot, page, "Save working hours")

    assert find(page, "Working hours problem").text() == (
        "Dana Whitfield's working hours were saved: 5 days a week."
    )
    dana = next(r for r in staff_records(desk) if r.details.name == "Dana Whitfield")
    assert working_week(desk, dana.staff_id) == BREAK_WEEK
    assert dana.details.colour == "#3a7d5c" and dana.details.title == "Nurse injector"
    assert len(dana.details.service_ids) == 1
    assert find(page, "Tuesday hours", QLineEdit).text() == "09:00-13:00, 14:00-17:00"
    assert not named(page, "Monday hours", QLineEdit).text()  # Monday off
    at_desk = find(window, "At the desk")
    assert "Dana Whitfield" in [at_desk.itemText(i) for i in range(at_desk.count())]


def test_a_retired_provider_leaves_the_calendar_and_keeps_their_history(
    qtbot, window, page, desk, db, clinic
):
    sarah = clinic.clients["Sarah O'Brien"]
    book(
        db,
        client=sarah,
        provider=clinic.staff["Mia Carter"],
        service=clinic.services["HydraFacial"],
        day=DAY - timedelta(days=14),
        starts=time(11),
        minutes=60,
        status=AppointmentStatus.COMPLETED,
    )
    listing = find(page, "Staff list", QListWidget)
    _choose(qtbot, listing, "Mia Carter")
    _click(qtbot, page, "Retire")

    assert "Mia Carter is retired" in find(page, "Staff problem").text()
    assert listing.currentItem().text() == "Mia Carter · Provider (retired)"
    assert _lanes(window) == ["Ava Thompson"]
    # This morning's visit with her stays in sight, below the grid.
    assert "with a provider not on the calendar" in find(window, "Bookings not in grid").text()
    assert find(page, "Bring back", QPushButton).isEnabled()
    assert not named(page, "Retire", QPushButton).isEnabled()

    window.view("Clients").open_client(sarah)
    model = named(window.view("Clients"), "Past appointments").model()
    providers = [model.data(model.index(row, 3)) for row in range(model.rowCount())]
    assert "Mia Carter" in providers

    _click(qtbot, page, "Bring back")
    assert _lanes(window) == ["Ava Thompson", "Mia Carter"]


def test_a_bad_colour_is_refused_beside_its_field_and_nothing_is_saved(qtbot, page, desk, clinic):
    _choose(qtbot, find(page, "Staff list", QListWidget), "Ava Thompson")
    _type(qtbot, page, "Colour", "#7b5zz7")
    _click(qtbot, page, "Save staff member")

    assert find(page, "Colour problem").text() == (
        "The colour must be written #rrggbb, such as #6b7f99; '#7b5zz7' is not."
    )
    assert not named(page, "Display name problem").isVisible()
    ava = next(r for r in staff_records(desk) if r.staff_id == clinic.staff["Ava Thompson"])
    assert ava.details.colour == "#7b5ea7"


def test_hours_outside_the_clinics_are_refused_beside_the_day(qtbot, page, desk, clinic):
    _choose(qtbot, find(page, "Staff list", QListWidget), "Mia Carter")
    _type(qtbot, page, "Thursday hours", "7-12")
    _click(qtbot, page, "Save working hours")

    assert find(page, "Thursday hours problem").text() == (
        "Thursday: the clinic is open 08:00-19:00, so a shift cannot run 07:00-12:00."
    )
    assert working_week(desk, clinic.staff["Mia Carter"]) == {}


def test_someone_not_a_manager_is_refused_under_the_form(qtbot, window, desk, clinic):
    desk.staff_id = clinic.staff["Lena Ross"]  # front desk
    page = _open_on_staff(qtbot, window)
    _choose(qtbot, find(page, "Staff list", QListWidget), "Mia Carter")
    _click(qtbot, page, "Retire")
    assert find(page, "Staff problem").text() == (
        "Only a manager can change the clinic's set-up: a manager can approve it for you."
    )
    assert _lanes(window) == ["Ava Thompson", "Mia Carter"]


def test_every_widget_of_clinic_set_up_is_named(qtbot, page):
    _choose(qtbot, find(page, "Staff list", QListWidget), "Ava Thompson")
    assert unnamed_widgets(page) == []


def test_copy_monday_fills_each_day_the_clinic_opens(qtbot, window, desk, clinic):
    with desk.db.writing() as session:  # the clinic closes on Sundays
        hours = {day: DayHours(time(8), time(19)) for day in range(6)}
        write_opening_hours(session, hours, None, desk.clock.now())
    desk.staff_id = clinic.staff["Nora Quinn"]
    page = _open_on_staff(qtbot, window)
    _choose(qtbot, find(page, "Staff list", QListWidget), "Ava Thompson")
    _type(qtbot, page, "Monday hours", "9-12, 13-18")
    _click(qtbot, page, "Copy Monday to all")
    _click(qtbot, page, "Save working hours")

    split = (WorkSpan(time(9), time(12)), WorkSpan(time(13), time(18)))
    assert working_week(desk, clinic.staff["Ava Thompson"]) == {day: split for day in range(6)}
    assert named(page, "Sunday hours", QLineEdit).text() == ""


def test_only_a_provider_is_given_services_or_hours(qtbot, page, desk, clinic):
    _choose(qtbot, find(page, "Staff list", QListWidget), "Lena Ross")
    assert not named(page, "Services performed").isEnabled()
    assert not named(page, "Working hours").isEnabled()
    _choose(qtbot, find(page, "Staff list", QListWidget), "Mia Carter")
    assert find(page, "Services performed").isEnabled()
    assert find(page, "Working hours").isEnabled()
