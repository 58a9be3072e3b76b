"""A small clinic in a temporary database, a desk standing still at 10:12 on a Wednesday, and a
way to find widgets by accessible name, the way a person (or a screen reader) finds them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QListWidget, QPushButton, QWidget

from medspa_desk.domain.appointment_status import AppointmentStatus
from medspa_desk.domain.clinic_time import at_local
from medspa_desk.domain.clock import FixedClock
from medspa_desk.domain.search_text import fold_for_search
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.services.clinic.staff import active_staff
from medspa_desk.services.desk import Desk
from medspa_desk.storage.database import Database, open_database
from medspa_desk.storage.models import Appointment, Client, Service, Staff
from medspa_desk.ui.main_window import DEFAULT_SIZE, MainWindow
from tests.approvals import MANAGER_PASSWORD, give_password

ZONE = ZoneInfo("America/Denver")
DAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime.combine(DAY, time(10, 12), tzinfo=ZONE)


@dataclass(frozen=True)
class Clinic:
    """The ids of the seeded rows, by the names the tests use."""

    staff: dict[str, int]
    services: dict[str, int]
    clients: dict[str, int]
    appointments: dict[str, int]


def find(root: QWidget, name: str, kind: type[QWidget] = QWidget) -> QWidget:
    """The one widget under `root` with this accessible name, as a person finds it: on the
    screen and enabled. A test that presses or types into what a person could not reach fails
    here, saying why; a test about a hidden or greyed-out widget asks `named()` for it."""
    widget = named(root, name, kind)
    assert widget.isVisible(), f"{name!r} is not on the screen (hidden, or in a window not shown)"
    assert widget.isEnabled(), f"{name!r} is greyed out: a person cannot use it"
    return widget


def named(root: QWidget, name: str, kind: type[QWidget] = QWidget) -> QWidget:
    """The one widget under `root` with this accessible name, shown or not, enabled or not: for
    asserting that it is hidden or greyed out."""
    found = [widget for widget in root.findChildren(kind) if widget.accessibleName() == name]
    assert len(found) == 1, f"expected one widget named {name!r}, found {len(found)}"
    return found[0]


def choose_service(qtbot, dialog: QWidget, typed: str) -> None:
    """In a Book dialog, the service chosen as a person does by keys: Tab or a click into the
    service list, then the first letters of its name (the list starts with nothing chosen)."""
    service = find(dialog, "Service", QComboBox)
    service.setFocus()
    qtbot.keyClicks(service, typed)
    assert service.currentText().startswith(typed), service.currentText()


def book(
    db: Database,
    *,
    client: int,
    provider: int,
    service: int,
    day: date,
    starts: time,
    minutes: int,
    status: AppointmentStatus = AppointmentStatus.BOOKED,
) -> int:
    """Write one appointment at a wall-clock time in the clinic's zone; its id."""
    starts_at = at_local(day, starts, ZONE)
    with db.writing() as session:
        appointment = Appointment(
            client_id=client,
            provider_id=provider,
            service_id=service,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            status=status,
            price_cents=10_000,
            policy_version="test",
            created_at=NOW,
        )
        session.add(appointment)
        session.flush()
        return appointment.id


def _seed(db: Database) -> Clinic:
    with db.writing() as session:
        staff = {
            "Ava Thompson": Staff(
                display_name="Ava Thompson",
                role="Nurse injector",
                is_provider=True,
                calendar_order=1,
                colour="#7b5ea7",
            ),
            "Mia Carter": Staff(
                display_name="Mia Carter",
                role="Aesthetician",
                is_provider=True,
                calendar_order=2,
                colour="#2f8f83",
            ),
            "Lena Ross": Staff(display_name="Lena Ross", role="Front desk", calendar_order=3),
            "Nora Quinn": Staff(
                display_name="Nora Quinn", role="Clinic manager", is_manager=True, calendar_order=4
            ),
        }
        services = {
            "Neurotoxin": Service(
                name="Neurotoxin", category="Injectables", duration_minutes=45, price_cents=45_000
            ),
            "HydraFacial": Service(
                name="HydraFacial", category="Facials", duration_minutes=60, price_cents=19_900
            ),
        }
        clients = {
            "José Núñez": ("José", "Núñez", "+14065551234", "jose.nunez@example.com"),
            "Sarah O'Brien": ("Sarah", "O'Brien", "+14065559876", "sarah@example.com"),
            "Emily Nguyễn": ("Emily", "Nguyễn", "+442071234567", None),
        }
        client_rows = {
            name: Client(
                first_name=first,
                last_name=last,
                search_name=fold_for_search(f"{first} {last}"),
                phone_e164=phone,
                email=email,
                created_at=NOW,
            )
            for name, (first, last, phone, email) in clients.items()
        }
        staff["Ava Thompson"].services = [services["Neurotoxin"], services["HydraFacial"]]
        staff["Mia Carter"].services = [services["HydraFacial"]]
        session.add_all([*staff.values(), *services.values(), *client_rows.values()])
        session.flush()
        clinic = Clinic(
            staff={name: row.id for name, row in staff.items()},
            services={name: row.id for name, row in services.items()},
            clients={name: row.id for name, row in client_rows.items()},
            appointments={},
        )
    for label, (client, provider, service, starts, minutes, status) in {
        "José at 10:00": (
            "José Núñez",
            "Ava Thompson",
            "Neurotoxin",
            time(10),
            45,
            AppointmentStatus.CONFIRMED,
        ),
        "Sarah at 9:00": (
            "Sarah O'Brien",
            "Mia Carter",
            "HydraFacial",
            time(9),
            60,
            AppointmentStatus.CHECKED_IN,
        ),
        "Emily at 13:00": (
            "Emily Nguyễn",
            "Ava Thompson",
            "HydraFacial",
            time(13),
            60,
            AppointmentStatus.CANCELLED,
        ),
    }.items():
        clinic.appointments[label] = book(
            db,
            client=clinic.clients[client],
            provider=clinic.staff[provider],
            service=clinic.services[service],
            day=DAY,
            starts=starts,
            minutes=minutes,
            status=status,
        )
    return clinic


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "t.sqlite3")
    yield database
    database.close()


@pytest.fixture
def clinic(db) -> Clinic:
    return _seed(db)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def desk(db, clinic, clock) -> Desk:
    # Lena Ross, front desk, signed in (the sign-in screen's own tests start signed out), and
    # Nora Quinn, the manager, standing by to approve with her password (approve_in_prompt).
    desk = Desk(db, ClinicSettings(), clock, staff_id=clinic.staff["Lena Ross"])
    give_password(desk, clinic.staff["Nora Quinn"])
    return desk


@pytest.fixture
def window_settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, desk, window_settings) -> MainWindow:
    main_window = MainWindow(desk, window_settings=window_settings)
    # As on the desk PC's large screen, where it opens at 1280×800: the offscreen screen is
    # 800×600, on which it would open maximized (tests/ui/test_window_fits.py).
    main_window.setWindowState(Qt.WindowState.WindowNoState)
    main_window.resize(*DEFAULT_SIZE)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    return main_window


# The Lock button's keys (Ctrl+L alone is the till's client field).
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def sign_in_as(qtbot, window: MainWindow, name: str) -> None:
    """Lock the desk (Ctrl+Shift+L) and sign `name` in on the sign-in screen, by keys and clicks; their
    password is set first (the sign-in tests set theirs themselves)."""
    desk = window._desk
    staff_id = next(m.staff_id for m in active_staff(desk.db) if m.name == name)
    give_password(desk, staff_id)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    sign_in_on_screen(qtbot, window, name, MANAGER_PASSWORD)
    assert desk.staff_id == staff_id, find(window, "Sign-in message").text()


def sign_in_on_screen(qtbot, window: MainWindow, name: str, secret: str) -> None:
    """On the sign-in screen: click `name` in the list, type `secret`, press Enter."""
    people = find(window, "Who is signing in", QListWidget)
    row = next(r for r in range(people.count()) if people.item(r).text().startswith(name))
    qtbot.mouseClick(
        people.viewport(),
        Qt.MouseButton.LeftButton,
        pos=people.visualItemRect(people.item(row)).center(),
    )
    field = find(window, "Password or PIN", QLineEdit)
    qtbot.keyClicks(field, secret)
    qtbot.keyClick(field, Qt.Key.Key_Return)


# The checkout's, the Clients view's and the calendar's fixtures live in their own modules;
# imported here, pytest offers them to every UI test without each test module importing them.
from tests.ui.calendar_fixtures import jose_friday_at_11, jose_tomorrow_at_9  # noqa: E402, F401
from tests.ui.checkout_fixtures import answers, checkout, checkout_template, till  # noqa: E402, F401
from tests.ui.client_fixtures import clients_view, jose  # noqa: E402, F401


def manager_standing_by(desk: Desk, name: str = "Nora Quinn") -> int:
    """`name`, a manager, can approve at the desk: their password is set."""
    staff_id = next(m.staff_id for m in active_staff(desk.db) if m.name == name)
    give_password(desk, staff_id)
    return staff_id


def approve_in_prompt(qtbot, root: QWidget, name: str = "Nora Quinn") -> None:
    """The manager approval prompt is open over `root`: `name` chosen, their password typed,
    Approve."""
    # The one open now (one cancelled before is deleted only once the event loop runs).
    (prompt,) = [
        dialog
        for dialog in root.findChildren(QDialog)
        if dialog.accessibleName() == "Manager approval" and dialog.isVisible()
    ]
    managers = find(prompt, "Approving manager", QComboBox)
    managers.setCurrentIndex(managers.findText(name))
    qtbot.keyClicks(find(prompt, "Manager's password or PIN", QLineEdit), MANAGER_PASSWORD)
    qtbot.mouseClick(find(prompt, "Approve", QPushButton), Qt.MouseButton.LeftButton)
    assert not prompt.isVisible(), find(prompt, "Approval message").text()
