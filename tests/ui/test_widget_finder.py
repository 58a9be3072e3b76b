"""The UI tests' finder hands back only what a person could use: a widget on the screen and
enabled; `named()` finds one in any state, for asserting that it is hidden or greyed out."""

import pytest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from tests.ui.conftest import find, named


@pytest.fixture
def panel(qtbot) -> QWidget:
    panel = QWidget()
    layout = QVBoxLayout(panel)
    for name in ("Shown", "Hidden", "Greyed out"):
        button = QPushButton(name)
        button.setAccessibleName(name)
        layout.addWidget(button)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    named(panel, "Hidden", QPushButton).hide()
    named(panel, "Greyed out", QPushButton).setEnabled(False)
    return panel


def test_a_shown_enabled_widget_is_found(panel):
    assert find(panel, "Shown", QPushButton).text() == "Shown"


def test_a_hidden_or_greyed_out_widget_is_refused_saying_why(panel):
    with pytest.raises(AssertionError, match="'Hidden' is not on the screen"):
        find(panel, "Hidden", QPushButton)
    with pytest.raises(AssertionError, match="'Greyed out' is greyed out"):
        find(panel, "Greyed out", QPushButton)
    assert not named(panel, "Hidden").isVisible() and not named(panel, "Greyed out").isEnabled()


def test_a_widget_in_a_window_not_shown_is_refused(qtbot):
    closed = QWidget()
    button = QPushButton("Nowhere", closed)
    button.setAccessibleName("Nowhere")
    qtbot.addWidget(closed)
    with pytest.raises(AssertionError, match="not on the screen"):
        find(closed, "Nowhere", QPushButton)


def test_a_name_found_twice_or_not_at_all_is_refused(panel):
    with pytest.raises(AssertionError, match="expected one widget named 'Nobody', found 0"):
        named(panel, "Nobody")
