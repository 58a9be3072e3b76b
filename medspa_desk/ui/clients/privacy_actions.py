"""The privacy rights on the profile: everything held about the client saved as a PDF (access),
JSON or CSV (portability), and the deletion of their personal data (anonymization).

An export of ten years of visits takes a moment, so it is read and written off the GUI thread
(`runner`); the window keeps working and the panel says when the file is saved. Where to save
comes from `choose_save_path`, a file dialog opened with open(); tests replace either.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.services.books.files import create_private_file
from medspa_desk.services.clients.data_export import client_data_file, record_client_export
from medspa_desk.services.desk_errors import DeskRefusal
from medspa_desk.ui.background_work import Runner, run_in_background
from medspa_desk.ui.desk_actions import DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.clients.profile import ClientDetails
    from medspa_desk.services.desk import Desk
    from medspa_desk.ui.clients.anonymize_dialog import AnonymizeDialog

# Each format's filter in the file dialog.
_FILTERS = {
    "pdf": "PDF document (*.pdf)",
    "json": "JSON file (*.json)",
    "csv": "CSV spreadsheet (*.csv)",
}
# choose_save_path(suggested path, filter, then): calls `then` with the path chosen, if any.
SavePathChooser = Callable[[Path, str, Callable[[Path], None]], None]


class PrivacyActions(QWidget):
    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._client: ClientDetails | None = None
        self.runner: Runner = run_in_background
        self.choose_save_path: SavePathChooser = self._ask_where_to_save
        self.setAccessibleName("Privacy actions")

        export_box = QGroupBox("A copy of everything the clinic holds about this client")
        self._export_buttons = []
        formats = QGridLayout()
        formats.setColumnStretch(1, 1)
        for row, (file_format, text, use) in enumerate(
            (
                ("pdf", "Export data (PDF)…", "A readable report: the client's right of access."),
                ("json", "Export data (JSON)…", "For another system: the right of portability."),
                ("csv", "Export data (CSV)…", "The same, as a table any spreadsheet opens."),
            )
        ):
            button = named_button(text, text.rstrip("…"), use)
            button.clicked.connect(
                lambda _checked=False, file_format=file_format: self.export(file_format)
            )
            description = QLabel(use)
            description.setWordWrap(True)
            formats.addWidget(button, row, 0)
            formats.addWidget(description, row, 1)
            self._export_buttons.append(button)
        self._export_status = QLabel()
        self._export_status.setAccessibleName("Export status")
        self._export_status.setWordWrap(True)
        self._export_refusal = MessageLine("Export problem")
        export_column = QVBoxLayout(export_box)
        export_column.addLayout(formats)
        export_column.addWidget(self._export_status)
        export_column.addWidget(self._export_refusal)

        delete_box = QGroupBox("Deleting the client's personal data at their request")
        explanation = QLabel(
            "Names, contacts, birthday, notes and the emergency contact are removed; visits, "
            "fees and receipts stay, as the law asks. You will be asked to confirm."
        )
        explanation.setWordWrap(True)
        self._anonymize = named_button(
            "Anonymize client…", "Anonymize client", "Delete this client's personal data"
        )
        self._anonymize.clicked.connect(self.open_anonymize)
        delete_column = QVBoxLayout(delete_box)
        delete_column.addWidget(explanation)
        delete_row = QHBoxLayout()
        delete_row.addWidget(self._anonymize)
        delete_row.addStretch(1)
        delete_column.addLayout(delete_row)

        layout = QVBoxLayout(self)
        layout.addWidget(export_box)
        layout.addWidget(delete_box)
        layout.addStretch(1)

    def show_client(self, client: ClientDetails) -> None:
        if self._client is None or client.client_id != self._client.client_id:
            self._export_status.clear()
            self._export_refusal.clear_message()
        self._client = client
        self._anonymize.setEnabled(not client.anonymized)
        self._anonymize.setToolTip(
            "Already done" if client.anonymized else "Delete this client's personal data"
        )

    def export(self, file_format: str) -> None:
        client = self._client
        name_filter = _FILTERS[file_format]
        # A name with a character Windows keeps out of file names ("/", ":") gets a dash there.
        safe_name = re.sub(r'[<>:"/\\|?*]', "-", client.name)
        suggested = _documents_folder() / f"{safe_name} - client data.{file_format}"
        self.choose_save_path(
            suggested, name_filter, lambda path: self._write(client.client_id, file_format, path)
        )

    def open_anonymize(self) -> AnonymizeDialog:
        from medspa_desk.ui.clients.anonymize_dialog import AnonymizeDialog  # loaded when opened

        dialog = AnonymizeDialog(
            self._desk,
            self._client.client_id,
            self._client.name,
            self,
            desk_actions=self._desk_actions,
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _write(self, client_id: int, file_format: str, path: Path) -> None:

        desk = self._desk
        self._export_refusal.clear_message()
        self._export_status.setText(f"Preparing the {file_format.upper()} file…")
        for button in self._export_buttons:
            button.setEnabled(False)

        def work() -> Path:
            _write_whole(path, client_data_file(desk, client_id, file_format))
            return path

        def done(saved: Path) -> None:
            self._export_buttons_back()
            try:
                record_client_export(
                    desk, client_id, file_format
                )  # the audit log: it left the desk
            except DeskRefusal as refusal:
                self._export_refusal.refuse(str(refusal))
            self._export_status.setText(f"Saved {saved}")

        def failed(error: Exception) -> None:
            self._export_buttons_back()
            self._export_status.clear()
            if isinstance(error, OSError):
                self._export_refusal.refuse(
                    f"The file could not be saved: {error.strerror or error}. Choose another place."
                )
            elif isinstance(error, DeskRefusal):
                self._export_refusal.refuse(str(error))
            else:
                raise error  # a bug: to the window's crash report, not dressed up as a refusal

        self.runner(work, done, failed)

    def _export_buttons_back(self) -> None:
        for button in self._export_buttons:
            button.setEnabled(True)

    def _ask_where_to_save(
        self, suggested: Path, name_filter: str, then: Callable[[Path], None]
    ) -> None:
        dialog = QFileDialog(self, "Save client data")
        dialog.setAccessibleName("Save client data")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(name_filter)
        dialog.setDefaultSuffix(suggested.suffix.lstrip("."))
        dialog.setDirectory(str(suggested.parent))
        dialog.selectFile(suggested.name)
        dialog.fileSelected.connect(lambda chosen: then(Path(chosen)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


def _write_whole(path: Path, content: bytes) -> None:
    """Write the file beside its place and move it there, so that a full disk or a crash never
    leaves half an export that looks whole."""
    partial = path.with_name(path.name + ".part")
    try:
        create_private_file(partial)  # everything held about a client: the owner's alone
        partial.write_bytes(content)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()
