"""Clinic set-up's Email page: the confirmation email in the clinic's own words, plain text and
HTML side by side with a preview filled for a made-up booking; a manager saves them. The rules
(which placeholders the desk fills) are services.mail.mail_templates'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.desk_permissions import DeskPermission
from medspa_desk.services.mail.confirmation_email import preview_confirmation
from medspa_desk.services.mail.mail_templates import PLACEHOLDERS, mail_templates, save_templates
from medspa_desk.services.staff_access.permissions import may
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button

if TYPE_CHECKING:
    from medspa_desk.services.desk import Desk


class MailTemplatesPage(QWidget):
    def __init__(self, desk: Desk, desk_actions: DeskActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Email")
        self._desk = desk
        self._desk_actions = desk_actions
        self._text = QPlainTextEdit()
        self._text.setAccessibleName("Plain text template")
        self._html = QPlainTextEdit()
        self._html.setAccessibleName("HTML template")
        for editor in (self._text, self._html):
            editor.setTabChangesFocus(True)
        self._text_preview = QPlainTextEdit()
        self._text_preview.setAccessibleName("Plain text preview")
        self._text_preview.setReadOnly(True)
        self._html_preview = QTextBrowser()
        self._html_preview.setAccessibleName("HTML preview")
        hint = QLabel("The desk fills " + ", ".join(f"${name}" for name in PLACEHOLDERS) + ".")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        preview = named_button("Preview", "Preview email", "Fill them for a made-up booking")
        preview.clicked.connect(self.preview)
        manager = may(desk, DeskPermission.CHANGE_SETTINGS)
        save = named_button("Save templates", "Save templates")
        save.setEnabled(manager)
        save.clicked.connect(self.save)
        self.message = MessageLine("Email templates message")
        self._manager = manager

        grid = QGridLayout()
        for column, (title, editor, shown) in enumerate(
            (("Plain text", self._text, self._text_preview),
             ("HTML", self._html, self._html_preview))
        ):  # fmt: skip
            grid.addWidget(QLabel(f"{title}:"), 0, column)
            grid.addWidget(editor, 1, column)
            grid.addWidget(QLabel(f"{title}, as a client reads it:"), 2, column)
            grid.addWidget(shown, 3, column)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch(1)  # the buttons stay at the right while there is no message
        buttons.addWidget(preview)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        self._show_saved()

    def _show_saved(self) -> None:
        text, html = mail_templates(self._desk)
        self._text.setPlainText(text.text)
        self._html.setPlainText(html.text)
        self.preview()

    def preview(self) -> None:
        text, html = self._text.toPlainText(), self._html.toPlainText()
        if self._desk_actions.run(
            lambda: preview_confirmation(self._desk, text, html),
            BooksChanged.of(),
            self._show_preview,
            refuse_here=self.message.refuse,
        ):
            if self._manager:
                self.message.clear_message()
            else:
                self.message.note("Only a manager can change the clinic's emails.")

    def _show_preview(self, filled: tuple[str, str]) -> None:
        self._text_preview.setPlainText(filled[0])
        self._html_preview.setHtml(filled[1])

    def save(self) -> None:
        text, html = self._text.toPlainText(), self._html.toPlainText()

        self._desk_actions.run(
            lambda: save_templates(
                self._desk, {"confirmation.txt": text, "confirmation.html": html}
            ),
            BooksChanged.of(clinic_settings=True),
            lambda _done: self.message.note("Saved: the next emails use these words."),
            refuse_here=self.message.refuse,
        )
