"""The "Clinic set-up…" dialog: one tab per part of the clinic's set-up, each page its own
module. Shown beside the window, not modal, so the calendar stays at hand while the clinic is
set up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from medspa_desk.services.desk import Desk
from medspa_desk.ui.clinic_setup.closures_page import ClosuresPage
from medspa_desk.ui.clinic_setup.mail_templates_page import MailTemplatesPage
from medspa_desk.ui.clinic_setup.moving_in_page import MovingInPage
from medspa_desk.ui.clinic_setup.retail_shelf_page import RetailShelfPage
from medspa_desk.ui.clinic_setup.service_menu_page import ServiceMenuPage
from medspa_desk.ui.clinic_setup.settings_page import SettingsPage
from medspa_desk.ui.clinic_setup.staff_page import StaffPage
from medspa_desk.ui.desk_actions import DeskActions

PageFactory = Callable[[Desk, DeskActions], QWidget]

PAGES: list[tuple[str, PageFactory]] = [
    ("Settings", SettingsPage),
    ("Staff", StaffPage),
    ("Service menu", ServiceMenuPage),
    ("Retail shelf", RetailShelfPage),
    ("Closures and time off", ClosuresPage),
    ("Email", MailTemplatesPage),
    ("Moving in", MovingInPage),
]


class ClinicSetupDialog(QDialog):
    def __init__(self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Clinic set-up")
        self.setAccessibleName("Clinic set-up")
        # Opened afresh each time: a closed one must not go on hearing the desk's notices.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Clinic set-up pages")
        for title, page in PAGES:
            self.pages.addTab(page(desk, desk_actions), title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(buttons)
        self.resize(1240, 680)  # fits a 1366×768 screen
