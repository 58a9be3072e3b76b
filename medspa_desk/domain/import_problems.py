"""What can be wrong with a row of an import file, and what the person may choose to do about
each kind of problem, before anything is written.

The choice is made per kind of problem, not per row: a 30,000-row file with 400 unreadable
birthdays needs one decision ("import those clients without a birthday"), not 400.
"""

from __future__ import annotations

from enum import StrEnum


class Resolution(StrEnum):
    SKIP_ROW = "skip"  # the row is not imported; the report says why
    WITHOUT_FIELD = "without-field"  # the row is imported, the field that is wrong left empty
    MERGE = "merge"  # the row fills in the client already here (or the row before it)
    IMPORT_ANYWAY = "import-anyway"  # as it stands: another client of the same name, a booking
    # where the old system had it

    @property
    def label(self) -> str:
        return _RESOLUTION_LABELS[self]


_RESOLUTION_LABELS = {
    Resolution.SKIP_ROW: "Skip the row",
    Resolution.WITHOUT_FIELD: "Import without that field",
    Resolution.MERGE: "Merge into one client",
    Resolution.IMPORT_ANYWAY: "Import as it stands",
}


class ProblemKind(StrEnum):
    MISSING_NAME = "missing-name"
    INVALID_PHONE = "invalid-phone"
    INVALID_EMAIL = "invalid-email"
    CARD_NUMBER = "card-number"  # in a note or an alert: never kept, wherever it is typed
    UNREADABLE_DATE = "unreadable-date"
    UNREADABLE_VALUE = "unreadable-value"  # an amount, a start, a duration, a status
    UNREADABLE_CONSENT = "unreadable-consent"  # a marketing yes/no
    DUPLICATE_IN_FILE = "duplicate-in-file"
    ALREADY_A_CLIENT = "already-a-client"  # same email, phone, or name and birthday
    UNKNOWN_CLIENT = "unknown-client"
    UNKNOWN_PROVIDER = "unknown-provider"
    UNKNOWN_SERVICE = "unknown-service"
    IN_THE_PAST = "in-the-past"  # a "future" booking that has already started
    OVERLAP = "overlap"
    OUTSIDE_HOURS = "outside-hours"
    CODE_IN_USE = "code-in-use"  # a gift card code this till already issued

    @property
    def label(self) -> str:
        return _PROBLEM_WORDS[self][0]

    @property
    def choices(self) -> tuple[Resolution, ...]:
        """What may be done about it, the default first."""
        return _PROBLEM_WORDS[self][1]


_SKIP = (Resolution.SKIP_ROW,)
_FIELD = (Resolution.WITHOUT_FIELD, Resolution.SKIP_ROW)
_PROBLEM_WORDS: dict[ProblemKind, tuple[str, tuple[Resolution, ...]]] = {
    ProblemKind.MISSING_NAME: ("No name", _SKIP),
    ProblemKind.INVALID_PHONE: ("Phone number not valid", _FIELD),
    ProblemKind.INVALID_EMAIL: ("Email address not valid", _FIELD),
    ProblemKind.CARD_NUMBER: ("A card number in the text", _FIELD),
    ProblemKind.UNREADABLE_DATE: ("A date that cannot be read", _FIELD),
    ProblemKind.UNREADABLE_VALUE: ("A value that cannot be read", _SKIP),
    ProblemKind.UNREADABLE_CONSENT: ("A marketing yes or no that cannot be read", _FIELD),
    ProblemKind.DUPLICATE_IN_FILE: (
        "The same client twice in the file",
        (Resolution.MERGE, Resolution.SKIP_ROW, Resolution.IMPORT_ANYWAY),
    ),
    ProblemKind.ALREADY_A_CLIENT: (
        "Already a client here",
        (Resolution.MERGE, Resolution.SKIP_ROW, Resolution.IMPORT_ANYWAY),
    ),
    ProblemKind.UNKNOWN_CLIENT: ("No such client", _SKIP),
    ProblemKind.UNKNOWN_PROVIDER: ("A provider this clinic does not have", _SKIP),
    ProblemKind.UNKNOWN_SERVICE: ("A service not on this clinic's menu", _SKIP),
    ProblemKind.IN_THE_PAST: ("Already started", _SKIP),
    ProblemKind.OVERLAP: (
        "Overlaps another booking",
        (Resolution.SKIP_ROW, Resolution.IMPORT_ANYWAY),
    ),
    ProblemKind.OUTSIDE_HOURS: (
        "Outside the provider's hours",
        (Resolution.IMPORT_ANYWAY, Resolution.SKIP_ROW),
    ),
    ProblemKind.CODE_IN_USE: ("A gift card code already used here", _SKIP),
}

# What is done when the person chooses nothing: each kind's first choice.
DEFAULT_CHOICES: dict[ProblemKind, Resolution] = {kind: kind.choices[0] for kind in ProblemKind}
