"""Marketing consent on the profile: yes, no or never asked, per channel, with when and how it
was said; buttons to record a new yes or no, and a client's reply to a text ("STOP").

Only marketing: appointment confirmations and reminders go out whatever is recorded here, and
the panel says so, since a desk asked "will she still get her reminder?" needs the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medspa_desk.domain.marketing_consent import ConsentChannel, ConsentSource, ConsentStanding
from medspa_desk.domain.time_wording import clock_time
from medspa_desk.services.clients.marketing_consent import (
    OPT_OUT_REPLIES,
    record_consent,
    record_sms_reply,
)
from medspa_desk.ui.desk_actions import BooksChanged, DeskActions
from medspa_desk.ui.message_line import MessageLine
from medspa_desk.ui.named_widgets import named_button, named_combo

if TYPE_CHECKING:
    from medspa_desk.services.clients.marketing_consent import ConsentState
    from medspa_desk.services.desk import Desk


class ConsentPanel(QWidget):
    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, desk_actions: DeskActions | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._client_id: int | None = None
        self.setAccessibleName("Marketing consent")

        note = QLabel(
            "Newsletters and offers only. Appointment confirmations and reminders go out by "
            "email, text and phone whatever is chosen here."
        )
        note.setWordWrap(True)
        note.setObjectName("policy_wording")

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self._states: dict[ConsentChannel, QLabel] = {}
        for row, channel in enumerate(ConsentChannel):
            label, name = channel.label, channel.short_label
            state = QLabel()
            state.setAccessibleName(f"{name} consent")
            state.setWordWrap(True)
            what = f"marketing {label.lower()}"
            opt_in = named_button(
                "Opt in", f"{name} opt in", f"Record that the client says yes to {what}"
            )
            opt_out = named_button(
                "Opt out", f"{name} opt out", f"Record that the client says no to {what}"
            )
            opt_in.clicked.connect(
                lambda _checked=False, channel=channel: self._record(channel, granted=True)
            )
            opt_out.clicked.connect(
                lambda _checked=False, channel=channel: self._record(channel, granted=False)
            )
            channel_label = QLabel(f"{label}:")
            channel_label.setObjectName("consent_channel")
            grid.addWidget(channel_label, row, 0)
            grid.addWidget(state, row, 1)
            grid.addWidget(opt_in, row, 2)
            grid.addWidget(opt_out, row, 3)
            self._states[channel] = state

        self._source = named_combo("Consent source")
        for source in (ConsentSource.DESK, ConsentSource.FORM):
            self._source.addItem(source.label, source.value)
        self._source.setToolTip("How the client said it: recorded with the yes or no")
        source_label = QLabel("How the client says it:")
        source_label.setBuddy(self._source)
        sms_reply = named_button(
            "Record SMS reply…",
            "Record SMS reply",
            "Type in the client's reply to a text: STOP or UNSUBSCRIBE opts them out",
        )
        sms_reply.clicked.connect(self._open_sms_reply)
        source_row = QHBoxLayout()
        source_row.addWidget(source_label)
        source_row.addWidget(self._source)
        source_row.addStretch(1)
        reply_row = QHBoxLayout()
        reply_row.addWidget(sms_reply)
        reply_row.addStretch(1)

        self._refusal = MessageLine("Consent problem")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(source_row)  # above the buttons it applies to
        layout.addLayout(grid)
        layout.addLayout(reply_row)
        layout.addWidget(self._refusal)
        layout.addStretch(1)

    def show_client(self, client_id: int, consents: tuple[ConsentState, ...]) -> None:
        if client_id != self._client_id:
            self._refusal.clear_message()
        self._client_id = client_id
        zone = self._desk.settings.zone
        for consent in consents:
            label = self._states[consent.channel]
            if consent.at is not None and consent.state is not ConsentStanding.UNKNOWN:
                local = consent.at.astimezone(zone)
                how = ConsentSource(consent.source).label.lower()
                if consent.source == ConsentSource.STOP_REPLY and consent.note:
                    how = f"replied “{consent.note}” to a text"
                label.setText(
                    f"{consent.state.label}, since {local:%b} {local.day}, {local.year} ({how})"
                )
                note = f": “{consent.note}”" if consent.note else ""
                label.setToolTip(f"Recorded {clock_time(consent.at, zone)}{note}")
            else:
                label.setText(f"{ConsentStanding.UNKNOWN.label}: no marketing until they say yes")
                label.setToolTip("")

    def _record(self, channel: ConsentChannel, *, granted: bool) -> None:
        self._refusal.clear_message()
        self._desk_actions.run(
            lambda: record_consent(
                self._desk,
                self._client_id,
                channel,
                granted=granted,
                source=ConsentSource(self._source.currentData()),
            ),
            BooksChanged.of(clients=[self._client_id]),
            refuse_here=self._refusal.refuse,
        )

    def _open_sms_reply(self) -> None:
        self._refusal.clear_message()
        dialog = SmsReplyDialog(self._desk, self._client_id, self, desk_actions=self._desk_actions)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


class SmsReplyDialog(QDialog):
    """The client's reply to a text, as received: an opt-out word opts them out of marketing
    texts; anything else is a message for a person to read, and nothing is recorded."""

    def __init__(
        self,
        desk: Desk,
        client_id: int,
        parent: QWidget | None = None,
        *,
        desk_actions: DeskActions | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._desk_actions = desk_actions or DeskActions(self)
        self._client_id = client_id
        self.setWindowTitle("Record a reply to a text")
        self.setAccessibleName("SMS reply")
        explanation = QLabel(
            "Type the reply exactly as received. STOP, UNSUBSCRIBE or another opt-out word opts "
            "the client out of marketing texts; their appointment reminders keep coming."
        )
        explanation.setWordWrap(True)
        words = ", ".join(sorted(word.upper() for word in OPT_OUT_REPLIES))
        explanation.setToolTip(f"Opt-out words: {words}")
        self._reply = QLineEdit()
        self._reply.setAccessibleName("Reply text")
        self._reply.setPlaceholderText("STOP")
        self._refusal = MessageLine("Reply problem")
        buttons = QDialogButtonBox()
        record = named_button("Record reply", "Record reply", "Record the reply (Enter)")
        record.setDefault(True)
        record.clicked.connect(self._record)
        cancel = named_button("Cancel", "Cancel", "Close without recording (Esc)")
        cancel.clicked.connect(self.reject)
        buttons.addButton(record, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        explanation.setFixedWidth(380)
        layout.addWidget(explanation)
        layout.addWidget(self._reply)
        layout.addWidget(self._refusal)
        layout.addWidget(buttons)
        self._reply.setFocus()

    def _record(self) -> None:
        reply = self._reply.text()
        self._desk_actions.run(
            lambda: record_sms_reply(self._desk, self._client_id, reply),
            # A reply that is no opt-out records nothing: the notice then names no client.
            lambda opted_out: BooksChanged.of(clients=[self._client_id] if opted_out else []),
            lambda opted_out: self._recorded(opted_out, reply),
            refuse_here=self._refusal.refuse,
        )

    def _recorded(self, opted_out: bool, reply: str) -> None:
        if not opted_out:
            self._refusal.refuse(
                f"“{reply.strip()}” is not an opt-out: nothing was recorded. It is a message for "
                "a person to read and answer."
            )
            return
        self.accept()
