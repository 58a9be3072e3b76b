"""The clinic's set-up, one page a tab: a non-modal dialog opened beside the calendar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from medspa_desk.services.desk import Desk
from medspa_desk.ui.clinic_setup.staff_page import StaffPage
from medspa_desk.ui.desk_actions import DeskActions

PageFactory = Callable[[Desk, DeskActions], QWidget]

PAGES: list[tuple[str, PageFactory]] = [
    ("Staff", StaffPage),
]


class ClinicSetupDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None, *, desk_actions: DeskActions) -> None:
        super().__init__(parent)
        self.setWindowTitle("Clinic set-up")
        self.setAccessibleName("Clinic set-up")
        # Opened afresh each time: a closed one must not go on hearing the desk's notices.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        tabs = QTabWidget()
        tabs.setAccessibleName("Clinic set-up pages")
        for title, page in PAGES:
            tabs.addTab(page(desk, desk_actions), title)
        QVBoxLayout(self).addWidget(tabs)
        self.resize(1180, 700)
