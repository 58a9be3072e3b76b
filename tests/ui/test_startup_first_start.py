"""Starting the window on a new database: the first start, then the calendar."""

import sys

import pytest
from PySide6.QtWidgets import QListWidget

from medspa_desk.ui.app import run_window
from medspa_desk.ui.first_start_assistant import FirstStartAssistant
from medspa_desk.ui.main_window import MainWindow
from tests.ui.conftest import named
from tests.ui.test_first_start import CLOCK, answer_every_page
from tests.ui.window_runs import run_window_with


@pytest.fixture(autouse=True)
def app_state_put_back(qapp, monkeypatch):
    """run_window styles the whole application and installs the error hook: undo both after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    style = qapp.styleSheet()
    yield
    qapp.setStyleSheet(style)


def test_with_nobody_to_answer_the_assistant_a_new_file_is_not_made(qapp, tmp_path, capsys):
    database = tmp_path / "clinic.sqlite3"
    assert run_window(database, demo=False, clock=CLOCK) == 1  # offscreen
    said = capsys.readouterr().err
    assert "holds no clinic yet" in said and "medspa-desk setup" in said
    assert not database.exists()


def test_the_first_start_lands_on_the_sign_in_screen_listing_the_new_manager(
    qapp, qtbot, tmp_path, monkeypatch
):
    import medspa_desk.ui.app as app_module

    monkeypatch.setattr(app_module, "_HEADLESS_PLATFORMS", set())  # as on a screen
    database = tmp_path / "clinic.sqlite3"
    seen = {}

    def step():
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, FirstStartAssistant) and widget.isVisible() and not seen:
                seen["assistant"] = True
                answer_every_page(qtbot, widget)
            elif isinstance(widget, MainWindow) and widget.isVisible() and "sign in" not in seen:
                people = named(widget, "Who is signing in", QListWidget)
                seen["sign in"] = [people.item(row).text() for row in range(people.count())]
                seen["calendar"] = widget.view("Calendar").isVisible()
                widget.close()

    assert run_window_with(database, CLOCK, step) == 0
    # The calendar stays hidden until Dana signs in with the password she just chose.
    assert seen == {"assistant": True, "sign in": ["Dana Whitfield — Manager"], "calendar": False}


def test_the_first_start_cancelled_ends_the_desk_and_leaves_no_file(qapp, tmp_path, monkeypatch):
    import medspa_desk.ui.app as app_module

    monkeypatch.setattr(app_module, "_HEADLESS_PLATFORMS", set())
    database = tmp_path / "clinic.sqlite3"

    def cancel():
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, FirstStartAssistant) and widget.isVisible():
                widget.reject()

    assert run_window_with(database, CLOCK, cancel) == 0
    assert not database.exists()
