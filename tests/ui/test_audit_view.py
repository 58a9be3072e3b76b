"""The manager's audit trail window: offered to a manager only, filtered by a person chosen with
the keyboard, older entries a click away, exported to a CSV the manager names."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
)

from medspa_desk.services.books.audit_trail import record_audit
from tests.ui.accessible_names import unnamed_widgets
from tests.ui.conftest import NOW, find, named, sign_in_as


@pytest.fixture
def trail(db, clinic):
    """Lena's sales and Nora's settings, a minute apart, the newest last."""
    lena, nora = clinic.staff["Lena Ross"], clinic.staff["Nora Quinn"]
    with db.writing() as session:
        for n in range(3):
            record_audit(
                session,
                lena,
                "sale.completed",
                f"sale:{n + 1}",
                {},
                NOW - timedelta(minutes=10 - n),
            )
        record_audit(
            session, nora, "clinic.setting_changed", "setting:clinic_name", {"old": 1}, NOW
        )
    return clinic


def _choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick a combo's item as a person does from the keyboard: focus it and type its start."""
    combo.setFocus()
    # Keys typed within the keyboard interval of the last are one search: a person pauses.
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text)


def _open_trail(qtbot, window) -> QDialog:
    sign_in_as(qtbot, window, "Nora Quinn")
    qtbot.mouseClick(find(window, "Audit trail", QToolButton), Qt.MouseButton.LeftButton)
    trail_window = find(window, "Audit trail", QDialog)
    assert not trail_window.isModal()  # the calendar stays at hand
    return trail_window


def _who(trail_window) -> list[str]:
    model = find(trail_window, "Audit entries", QTableView).model()
    return [model.data(model.index(row, 1)) for row in range(model.rowCount())]


def test_only_a_manager_at_the_desk_is_offered_the_trail(qtbot, window, trail):
    assert find(window, "Signed in", QLabel).text() == "Signed in: Lena Ross · Front desk"
    assert not named(window, "Audit trail", QToolButton).isEnabled()
    sign_in_as(qtbot, window, "Nora Quinn")
    assert find(window, "Audit trail", QToolButton).isEnabled()


def test_the_trail_filtered_by_a_person_chosen_from_the_keyboard(qtbot, window, trail):
    trail_window = _open_trail(qtbot, window)
    assert unnamed_widgets(trail_window) == []
    # Newest first: Nora signing in, Lena signing out for her, then the trail's own entries.
    assert _who(trail_window) == ["Nora Quinn", "Lena Ross", "Nora Quinn"] + ["Lena Ross"] * 3
    model = find(trail_window, "Audit entries", QTableView).model()
    assert model.data(model.index(0, 2)) == "Staff signed in"
    assert [model.data(model.index(2, column)) for column in range(model.columnCount())] == [
        "Wed Nov 25, 2026 10:12:00 AM",
        "Nora Quinn",
        "Clinic setting changed",
        "setting #clinic_name",
        window._desk.db.workstation,
        "old: 1",
    ]

    _choose(qtbot, find(trail_window, "Person", QComboBox), "Lena")
    assert _who(trail_window) == ["Lena Ross"] * 4
    assert find(trail_window, "Entries shown").text() == "4 entries shown"
    assert not named(trail_window, "Older entries", QPushButton).isEnabled()


def test_older_entries_come_a_page_at_a_time(qtbot, window, db, trail):
    with db.writing() as session:
        for n in range(250):
            at = NOW - timedelta(days=1, seconds=n)
            record_audit(session, trail.staff["Lena Ross"], "sale.completed", f"sale:{n}", {}, at)
    trail_window = _open_trail(qtbot, window)
    assert find(trail_window, "Entries shown").text() == "200 entries shown, and older ones"

    qtbot.mouseClick(find(trail_window, "Older entries", QPushButton), Qt.MouseButton.LeftButton)

    assert (
        find(trail_window, "Entries shown").text() == "256 entries shown"
    )  # and the two of the sign-in
    assert not named(trail_window, "Older entries", QPushButton).isEnabled()


def test_export_writes_what_the_filters_show(qtbot, window, trail, tmp_path):
    trail_window = _open_trail(qtbot, window)
    _choose(qtbot, find(trail_window, "Kind", QComboBox), "Settings")
    target = tmp_path / "trail.csv"
    trail_window.ask_for_path = lambda: target  # the file dialog's answer

    qtbot.mouseClick(find(trail_window, "Export CSV", QPushButton), Qt.MouseButton.LeftButton)

    with target.open(encoding="utf-8-sig", newline="") as opened:
        rows = list(csv.DictReader(opened))
    assert [(row["staff"], row["action"]) for row in rows] == [
        ("Nora Quinn", "clinic.setting_changed")
    ]
    assert find(trail_window, "Audit message").text() == f"1 entries exported to {target}."


def test_the_trail_of_one_client_found_by_name(qtbot, window, db, trail):
    jose, sarah = trail.clients["José Núñez"], trail.clients["Sarah O'Brien"]
    with db.writing() as session:
        nora = trail.staff["Nora Quinn"]
        record_audit(session, nora, "client.viewed", f"client:{jose}", {}, NOW)
        record_audit(session, nora, "client.viewed", f"client:{sarah}", {}, NOW)
    trail_window = _open_trail(qtbot, window)
    search = find(trail_window, "Client search")
    qtbot.keyClicks(search, "nunez")
    qtbot.keyClick(search, Qt.Key.Key_Return)

    assert find(trail_window, "Client", QComboBox).currentText() == f"José Núñez (#{jose})"
    model = find(trail_window, "Audit entries", QTableView).model()
    assert [model.data(model.index(row, 3)) for row in range(model.rowCount())] == [
        f"client #{jose}"
    ]


def test_the_trail_is_put_away_while_someone_else_is_signed_in(qtbot, window, trail):
    trail_window = _open_trail(qtbot, window)
    sign_in_as(qtbot, window, "Lena Ross")
    assert not trail_window.isVisible()
    assert not named(window, "Audit trail", QToolButton).isEnabled()
    sign_in_as(qtbot, window, "Nora Quinn")  # held for her: back as she left it
    assert trail_window.isVisible()
