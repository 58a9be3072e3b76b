"""The published policies, from the window: read by anyone, published anew by a manager."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

from medspa_desk.domain.policy_text import POLICY_VERSION, PUBLISHED_POLICIES
from medspa_desk.services.clinic.published_policies import current_policies
from tests.ui.conftest import find, named


def test_the_desk_reads_the_policies_a_manager_publishes_an_edit(qtbot, window, desk, clinic):
    dialog = window.show_policies()
    text = find(dialog, "Policy text", QPlainTextEdit)
    assert (
        text.toPlainText() == PUBLISHED_POLICIES
        and POLICY_VERSION in find(dialog, "Policy version", QLabel).text()
    )
    dialog.close()

    desk.staff_id = clinic.staff["Nora Quinn"]  # the manager
    dialog = window.show_policies()
    text = find(dialog, "Policy text", QPlainTextEdit)
    assert not text.isReadOnly()
    text.setPlainText(PUBLISHED_POLICIES.replace("within 14 days", "within 30 days"))
    qtbot.mouseClick(find(dialog, "Publish this text", QPushButton), Qt.MouseButton.LeftButton)
    assert "within 30 days" in current_policies(desk).text
    assert "as published by the clinic" in find(dialog, "Policy version", QLabel).text()


def test_someone_who_is_not_a_manager_cannot_publish(qtbot, window, desk, clinic):
    desk.staff_id = next(
        staff_id for name, staff_id in clinic.staff.items() if name != "Nora Quinn"
    )
    dialog = window.show_policies()
    assert find(dialog, "Policy text", QPlainTextEdit).isReadOnly()
    assert not named(dialog, "Publish this text", QPushButton).isEnabled()
