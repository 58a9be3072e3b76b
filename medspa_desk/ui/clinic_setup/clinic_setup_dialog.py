"""Clinic set-up…: the clinic's own set-up, a tab a page, in one non-modal dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from medspa_desk.services.desk import Desk
from medspa_desk.ui.clinic_setup.settings_page import SettingsPage
from medspa_desk.ui.desk_actions import DeskActions

PageFactory = Callable[[Desk, DeskActions, QWidget], QWidget]

PAGES: list[tuple[str, PageFactory]] = [
    ("Settings", SettingsPage),
]


class ClinicSetupDialog(QDialog):
    def __init__(self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Clinic set-up")
        self.setAccessibleName("Clinic set-up")
        tabs = QTabWidget()
        tabs.setAccessibleName("Clinic set-up pages")
        for title, page in PAGES:
            tabs.addTab(page(desk, desk_actions, tabs), title)
        QVBoxLayout(self).addWidget(tabs)
        self.resize(1100, 700)
