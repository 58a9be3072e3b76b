"""The words of marketing consent: the channels it is kept for, where a yes or no came from, and
where a channel stands. The rules of recording it are services.clients.marketing_consent's."""

from __future__ import annotations

from enum import StrEnum


class ConsentChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"

    @property
    def label(self) -> str:
        """'Text messages': what the desk calls the channel."""
        return _CHANNEL_LABELS[self][0]

    @property
    def short_label(self) -> str:
        """'SMS': the start of the channel's controls' accessible names."""
        return _CHANNEL_LABELS[self][1]


_CHANNEL_LABELS = {
    ConsentChannel.EMAIL: ("Email", "Email"),
    ConsentChannel.SMS: ("Text messages", "SMS"),
    ConsentChannel.PHONE: ("Phone calls", "Phone"),
}


class ConsentSource(StrEnum):
    DESK = "desk"
    FORM = "form"
    STOP_REPLY = "stop_reply"  # an opt-out word in reply to a text
    IMPORTED = "imported"  # as the system used before had it (the note names the file and day)

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    ConsentSource.DESK: "Said at the desk",
    ConsentSource.FORM: "On a signed form",
    ConsentSource.STOP_REPLY: "Replied to a text",
    ConsentSource.IMPORTED: "Imported from the old system",
}


class ConsentStanding(StrEnum):
    """Where a channel stands: the newest yes or no, or none (and no row means no marketing)."""

    GRANTED = "granted"
    WITHDRAWN = "withdrawn"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _STANDING_LABELS[self]


_STANDING_LABELS = {
    ConsentStanding.GRANTED: "Yes",
    ConsentStanding.WITHDRAWN: "No",
    ConsentStanding.UNKNOWN: "Never asked",
}
